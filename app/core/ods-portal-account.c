#define G_LOG_DOMAIN "ods-portal-account"

#include "ods-portal-account.h"
#include "ods-credential-store.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"
#include "ods-portal-login.h"

struct _OdsPortalAccount
{
  GObject            parent_instance;
  OdsPortalSettings *settings;
  OdsPortalClient   *client;
  OdsCkanUser       *user;
  GPtrArray         *organizations;
};

G_DEFINE_FINAL_TYPE (OdsPortalAccount, ods_portal_account, G_TYPE_OBJECT)

static void
ods_portal_account_dispose (GObject *object)
{
  OdsPortalAccount *self = ODS_PORTAL_ACCOUNT (object);

  g_clear_object (&self->client);
  g_clear_object (&self->user);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  G_OBJECT_CLASS (ods_portal_account_parent_class)->dispose (object);
}

static void
ods_portal_account_finalize (GObject *object)
{
  OdsPortalAccount *self = ODS_PORTAL_ACCOUNT (object);

  ods_portal_settings_free (self->settings);
  G_OBJECT_CLASS (ods_portal_account_parent_class)->finalize (object);
}

static void
ods_portal_account_class_init (OdsPortalAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_portal_account_dispose;
  object_class->finalize = ods_portal_account_finalize;
}

static void
ods_portal_account_init (OdsPortalAccount *self)
{
}

OdsPortalClient *
ods_portal_account_get_client (OdsPortalAccount *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_ACCOUNT (self), NULL);
  return self->client;
}

OdsCkanUser *
ods_portal_account_get_user (OdsPortalAccount *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_ACCOUNT (self), NULL);
  return self->user;
}

GPtrArray *
ods_portal_account_get_organizations (OdsPortalAccount *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_ACCOUNT (self), NULL);
  return self->organizations;
}

const OdsPortalSettings *
ods_portal_account_get_settings (OdsPortalAccount *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_ACCOUNT (self), NULL);
  return self->settings;
}

/* ---- the shared steps: who am I, organizations ----------------------- */

typedef struct
{
  OdsPortalAccount *account;
  char             *user;
  char             *password;
  char             *token;
  gboolean          store;     /* sign-in: keep the token and the settings */
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->account);
  g_free (flow->user);
  ods_credential_store_free_secret (flow->password);
  ods_credential_store_free_secret (flow->token);
  g_free (flow);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  OdsPortalAccount *account = flow->account;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;

  if (!ods_credential_store_store_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Remember the portal: never the token. */
  config = ods_portal_config_load (NULL, &error);
  if (config != NULL)
    {
      ods_portal_config_set (config, account->settings);
      ods_portal_config_set_last_portal (config, account->settings->url);
      ods_portal_config_save (config, &error);
    }
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_object_ref (account), g_object_unref);
}

static void
on_organizations (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  OdsPortalAccount *account = flow->account;
  g_autoptr(GError) error = NULL;

  account->organizations = ods_portal_client_organization_list_for_user_finish (account->client, result, &error);
  if (account->organizations == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!flow->store)
    {
      g_task_return_pointer (task, g_object_ref (account), g_object_unref);
      return;
    }
  g_free (account->settings->user);
  account->settings->user = g_strdup (ods_ckan_user_get_name (account->user));
  ods_credential_store_store_async (account->settings->url, account->settings->user, flow->token,
                                    g_task_get_cancellable (task), on_stored, g_object_ref (task));
}

static void
on_whoami (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  OdsPortalAccount *account = flow->account;
  g_autoptr(GError) error = NULL;

  account->user = ods_portal_client_whoami_finish (account->client, result, &error);
  if (account->user == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ods_portal_client_organization_list_for_user_async (account->client, g_task_get_cancellable (task),
                                                      on_organizations, g_object_ref (task));
}

static void
check_token (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);
  OdsPortalAccount *account = flow->account;

  ods_portal_client_set_token (account->client, flow->token);
  if (flow->user != NULL)
    ods_portal_client_set_user_name (account->client, flow->user);
  ods_portal_client_whoami_async (account->client, g_task_get_cancellable (task), on_whoami,
                                  g_object_ref (task));
}

static OdsPortalAccount *
account_new (const OdsPortalSettings  *settings,
             GError                  **error)
{
  g_autoptr(OdsPortalAccount) self = g_object_new (ODS_TYPE_PORTAL_ACCOUNT, NULL);

  self->settings = ods_portal_settings_copy (settings);
  self->client = ods_portal_client_new (settings->url, settings->allow_insecure, settings->ca_file, error);
  if (self->client == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- sign in --------------------------------------------------------- */

static void
on_logged_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  flow->token = ods_portal_login_finish (ODS_PORTAL_CLIENT (source), result, &error);
  if (flow->token == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  check_token (task);
}

void
ods_portal_account_sign_in_async (const OdsPortalSettings *settings,
                                  const char              *user,
                                  const char              *password,
                                  const char              *token,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Flow *flow;

  g_return_if_fail (settings != NULL);
  g_return_if_fail ((password != NULL && user != NULL) != (token != NULL));
  g_task_set_source_tag (task, ods_portal_account_sign_in_async);

  flow = g_new0 (Flow, 1);
  flow->store = TRUE;
  flow->user = g_strdup (user);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);
  flow->account = account_new (settings, &error);
  if (flow->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (token != NULL)
    {
      flow->token = g_strstrip (g_strdup (token));
      check_token (task);
      return;
    }
  ods_portal_login_async (flow->account->client, user, password, cancellable, on_logged_in,
                          g_object_ref (task));
}

OdsPortalAccount *
ods_portal_account_sign_in_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- open ------------------------------------------------------------ */

static void
on_token_found (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;

  flow->token = ods_credential_store_lookup_finish (result, &user, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (flow->token == NULL)
    {
      const char *url = flow->account->settings->url;
      g_autofree char *msg = g_strdup_printf (_("You are not signed in to %s. Sign in first with "
                                                "“opendata-submit login --portal %s”."), url, url);

      g_task_return_error (task, ods_portal_error_new (ODS_PORTAL_ERROR_AUTH, 0, msg, NULL));
      return;
    }
  if (user != NULL)
    {
      g_free (flow->user);
      flow->user = g_steal_pointer (&user);
    }
  check_token (task);
}

void
ods_portal_account_open_async (const OdsPortalSettings *settings,
                               GCancellable            *cancellable,
                               GAsyncReadyCallback      callback,
                               gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Flow *flow;

  g_return_if_fail (settings != NULL);
  g_task_set_source_tag (task, ods_portal_account_open_async);

  flow = g_new0 (Flow, 1);
  flow->user = g_strdup (settings->user);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);
  flow->account = account_new (settings, &error);
  if (flow->account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Unattended jobs only: less safe than the keyring. The account name comes
   * with it (OPENDATA_SUBMIT_USER), else the one the portal was signed in as. */
  flow->token = ods_credential_store_token_from_env ();
  if (flow->token != NULL)
    {
      g_autofree char *env_user = ods_credential_store_user_from_env ();

      if (env_user != NULL)
        {
          g_free (flow->user);
          flow->user = g_steal_pointer (&env_user);
        }
      check_token (task);
      return;
    }
  ods_credential_store_lookup_async (settings->url, settings->user, cancellable, on_token_found,
                                     g_object_ref (task));
}

OdsPortalAccount *
ods_portal_account_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- sign out -------------------------------------------------------- */

typedef struct
{
  OdsPortalSettings *settings;
  OdsPortalClient   *client;
  gboolean           revoked;
  GError            *revoke_error;
} SignOut;

static void
sign_out_free (SignOut *so)
{
  ods_portal_settings_free (so->settings);
  g_clear_object (&so->client);
  g_clear_error (&so->revoke_error);
  g_free (so);
}

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SignOut *so = task_data;
  g_autoptr(OdsPortalConfig) config = NULL;
  GError *error = NULL;

  /* Every token kept for this portal, whoever signed in. */
  if (!ods_credential_store_clear (so->settings->url, NULL, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  config = ods_portal_config_load (NULL, &error);
  if (config != NULL)
    {
      g_autoptr(OdsPortalSettings) kept = ods_portal_config_get (config, so->settings->url);

      if (kept != NULL)
        {
          g_clear_pointer (&kept->user, g_free);
          ods_portal_config_set (config, kept);
          ods_portal_config_save (config, &error);
        }
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_revoked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignOut *so = g_task_get_task_data (task);

  so->revoked = ods_portal_client_revoke_token_finish (so->client, result, &so->revoke_error);
  g_task_run_in_thread (task, forget_thread);
}

static void
on_sign_out_token (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignOut *so = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token = ods_credential_store_lookup_finish (result, NULL, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (token != NULL)
    so->client = ods_portal_client_new (so->settings->url, so->settings->allow_insecure,
                                        so->settings->ca_file, &so->revoke_error);
  if (so->client == NULL)
    {
      ods_credential_store_free_secret (token);
      g_task_run_in_thread (task, forget_thread);
      return;
    }
  ods_portal_client_set_token (so->client, token);
  ods_credential_store_free_secret (token);
  ods_portal_client_revoke_token_async (so->client, g_task_get_cancellable (task), on_revoked,
                                        g_object_ref (task));
}

void
ods_portal_sign_out_async (const OdsPortalSettings *settings,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SignOut *so = g_new0 (SignOut, 1);

  g_task_set_source_tag (task, ods_portal_sign_out_async);
  so->settings = ods_portal_settings_copy (settings);
  g_task_set_task_data (task, so, (GDestroyNotify) sign_out_free);
  ods_credential_store_lookup_async (settings->url, settings->user, cancellable, on_sign_out_token,
                                     g_object_ref (task));
}

gboolean
ods_portal_sign_out_finish (GAsyncResult  *result,
                            gboolean      *revoked,
                            GError       **revoke_error,
                            GError       **error)
{
  SignOut *so = g_task_get_task_data (G_TASK (result));

  if (revoked != NULL)
    *revoked = so->revoked;
  if (revoke_error != NULL && so->revoke_error != NULL)
    *revoke_error = g_error_copy (so->revoke_error);
  return g_task_propagate_boolean (G_TASK (result), error);
}
