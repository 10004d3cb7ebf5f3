#define G_LOG_DOMAIN "ods-cli-portal"

#include "ods-cli-portal.h"

#include "ods-cli.h"
#include "ods-credential-store.h"
#include "ods-i18n.h"
#include "ods-portal-config.h"
#include "ods-portal-error.h"

OdsPortalClient *
ods_cli_portal_open (const char  *portal_url,
                     char       **out_user,
                     GError     **error)
{
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(OdsPortalClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  char *token;

  config = ods_portal_config_load (NULL, error);
  if (config == NULL)
    return NULL;
  if (portal_url != NULL)
    url = ods_portal_url_normalize (portal_url);
  else if (ods_portal_config_get_last_portal (config) != NULL)
    url = g_strdup (ods_portal_config_get_last_portal (config));
  if (url == NULL)
    {
      g_set_error_literal (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH,
                           _("No portal is signed in. Sign in with “opendata-submit login "
                             "--portal URL”, or give the portal’s address with --portal."));
      return NULL;
    }

  settings = ods_portal_config_get (config, url);
  if (settings == NULL)
    settings = ods_portal_settings_new (url);
  client = ods_portal_client_new (settings->url, settings->allow_insecure, settings->ca_file, error);
  if (client == NULL)
    return NULL;
  user = g_strdup (settings->user);

  /* The environment wins: it is how an unattended job says which token to use. */
  token = ods_credential_store_token_from_env ();
  if (token == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *stored_user = NULL;

      token = ods_credential_store_lookup (settings->url, user, &stored_user, NULL, &local_error);
      if (token == NULL)
        {
          if (local_error != NULL)
            g_debug ("Keyring: %s", local_error->message);
          g_set_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH,
                       /* TRANSLATORS: %s is the portal's address */
                       _("You are not signed in to %s. Sign in with “opendata-submit login "
                         "--portal %s”, or set OPENDATA_SUBMIT_TOKEN for an unattended job."),
                       settings->url, settings->url);
          return NULL;
        }
      if (user == NULL)
        user = g_steal_pointer (&stored_user);
    }
  ods_portal_client_set_token (client, token);
  ods_credential_store_free_secret (token);
  if (user != NULL)
    ods_portal_client_set_user_name (client, user);

  if (out_user != NULL)
    *out_user = g_steal_pointer (&user);
  return g_steal_pointer (&client);
}

void
ods_cli_portal_on_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
ods_cli_portal_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

GPtrArray *
ods_cli_portal_unit_packages (OdsPortalClient  *client,
                              OdsCkanUser     **out_user,
                              GPtrArray       **out_units,
                              GError          **error)
{
  g_autoptr(GAsyncResult) who = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) packages = g_ptr_array_new_with_free_func (g_object_unref);

  /* A bad or expired token is answered as anonymous (no units, no error):
   * asking who we are first turns that into a clear sign-in error. */
  ods_portal_client_whoami_async (client, NULL, ods_cli_portal_on_result, &who);
  ods_cli_portal_wait (&who);
  user = ods_portal_client_whoami_finish (client, who, error);
  if (user == NULL)
    return NULL;

  ods_portal_client_organization_list_for_user_async (client, NULL, ods_cli_portal_on_result,
                                                      &result);
  ods_cli_portal_wait (&result);
  units = ods_portal_client_organization_list_for_user_finish (client, result, error);
  if (units == NULL)
    return NULL;

  for (guint i = 0; i < units->len; i++)
    {
      g_autoptr(GAsyncResult) search = NULL;
      g_autoptr(GPtrArray) found = NULL;

      ods_portal_client_package_search_async (client,
                                              ods_ckan_organization_get_id (units->pdata[i]),
                                              NULL, ods_cli_portal_on_result, &search);
      ods_cli_portal_wait (&search);
      found = ods_portal_client_package_search_finish (client, search, error);
      if (found == NULL)
        return NULL;
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (packages, g_object_ref (found->pdata[j]));
    }

  if (out_user != NULL)
    *out_user = g_steal_pointer (&user);
  if (out_units != NULL)
    *out_units = g_steal_pointer (&units);
  return g_steal_pointer (&packages);
}

int
ods_cli_exit_code_for_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ODS_EXIT_CANCELLED;
  if (error->domain != ODS_PORTAL_ERROR)
    return ODS_EXIT_USAGE;
  switch ((OdsPortalErrorCode) error->code)
    {
    case ODS_PORTAL_ERROR_AUTH:
      return ODS_EXIT_AUTH;
    case ODS_PORTAL_ERROR_NETWORK:
    case ODS_PORTAL_ERROR_TLS:
    case ODS_PORTAL_ERROR_PROXY:
    case ODS_PORTAL_ERROR_TIMEOUT:
    case ODS_PORTAL_ERROR_SERVER:
      return ODS_EXIT_NETWORK;
    case ODS_PORTAL_ERROR_INSECURE_URL:
      return ODS_EXIT_USAGE;
    case ODS_PORTAL_ERROR_FORBIDDEN:
    case ODS_PORTAL_ERROR_NOT_FOUND:
    case ODS_PORTAL_ERROR_VALIDATION:
    case ODS_PORTAL_ERROR_TOO_LARGE:
    case ODS_PORTAL_ERROR_BAD_REQUEST:
    case ODS_PORTAL_ERROR_BAD_RESPONSE:
    case ODS_PORTAL_ERROR_NOT_CONFIRMED:
    default:
      return ODS_EXIT_REJECTED;
    }
}
