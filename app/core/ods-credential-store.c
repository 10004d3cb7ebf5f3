#define G_LOG_DOMAIN "ods-credential-store"

#include "ods-credential-store.h"
#include "ods-credential-store-private.h"
#include "ods-portal-config.h"

G_DEFINE_QUARK (ods-credential-error-quark, ods_credential_error)

const char *
ods_credential_store_get_backend_name (void)
{
  return ods_credential_backend_name ();
}

gboolean
ods_credential_store_store (const char    *portal_url,
                            const char    *user,
                            const char    *token,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (portal_url != NULL && user != NULL && token != NULL, FALSE);
  url = ods_portal_url_normalize (portal_url);
  return ods_credential_backend_store (url, user, token, cancellable, error);
}

char *
ods_credential_store_lookup (const char    *portal_url,
                             const char    *user,
                             char         **out_user,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (portal_url != NULL, NULL);
  url = ods_portal_url_normalize (portal_url);
  return ods_credential_backend_lookup (url, user, out_user, cancellable, error);
}

gboolean
ods_credential_store_clear (const char    *portal_url,
                            const char    *user,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (portal_url != NULL, FALSE);
  url = ods_portal_url_normalize (portal_url);
  return ods_credential_backend_clear (url, user, cancellable, error);
}

void
ods_credential_store_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

char *
ods_credential_store_token_from_env (void)
{
  const char *token = g_getenv ("OPENDATA_SUBMIT_TOKEN");

  if (token == NULL || *token == '\0')
    return NULL;
  return g_strstrip (g_strdup (token));
}

char *
ods_credential_store_user_from_env (void)
{
  const char *user = g_getenv ("OPENDATA_SUBMIT_USER");
  char *stripped;

  if (user == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (user));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  return stripped;
}

typedef struct
{
  char *url;
  char *user;
  char *token;
  char *found_user;
} Request;

static void
request_free (Request *r)
{
  g_free (r->url);
  g_free (r->user);
  ods_credential_store_free_secret (r->token);
  g_free (r->found_user);
  g_free (r);
}

typedef struct
{
  char *token;
  char *user;
} LookupResult;

static void
lookup_result_free (LookupResult *lr)
{
  ods_credential_store_free_secret (lr->token);
  g_free (lr->user);
  g_free (lr);
}

static void
lookup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Request *r = task_data;
  GError *error = NULL;
  LookupResult *lr = g_new0 (LookupResult, 1);

  lr->token = ods_credential_store_lookup (r->url, r->user, &lr->user, cancellable, &error);
  if (error != NULL)
    {
      lookup_result_free (lr);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, lr, (GDestroyNotify) lookup_result_free);
}

void
ods_credential_store_lookup_async (const char          *portal_url,
                                   const char          *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (task, ods_credential_store_lookup_async);
  r->url = g_strdup (portal_url);
  r->user = g_strdup (user);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, lookup_thread);
}

char *
ods_credential_store_lookup_finish (GAsyncResult  *result,
                                    char         **out_user,
                                    GError       **error)
{
  LookupResult *lr = g_task_propagate_pointer (G_TASK (result), error);
  char *token;

  if (lr == NULL)
    return NULL;
  token = g_steal_pointer (&lr->token);
  if (out_user != NULL)
    *out_user = g_steal_pointer (&lr->user);
  lookup_result_free (lr);
  return token;
}

static void
store_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Request *r = task_data;
  GError *error = NULL;

  if (ods_credential_store_store (r->url, r->user, r->token, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ods_credential_store_store_async (const char          *portal_url,
                                  const char          *user,
                                  const char          *token,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (task, ods_credential_store_store_async);
  r->url = g_strdup (portal_url);
  r->user = g_strdup (user);
  r->token = g_strdup (token);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, store_thread);
}

gboolean
ods_credential_store_store_finish (GAsyncResult  *result,
                                   GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
