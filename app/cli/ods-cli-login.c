#define G_LOG_DOMAIN "ods-cli-login"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-credential-store.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"

#include <stdio.h>

/* opendata-submit login --portal URL [--user NAME] [--token-stdin] */
int
ods_cli_login (int    argc,
               char **argv)
{
  g_autofree char *portal = NULL;
  g_autofree char *user = NULL;
  g_autofree char *ca_file = NULL;
  gboolean token_stdin = FALSE;
  gboolean allow_insecure = FALSE;
  int max_upload_mb = 0;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal’s address, e.g. https://data.binhdinh.gov.vn"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the portal: with a password (asked for), or with --token-stdin to say whose the token is"), N_("NAME") },
    { "token-stdin", 0, 0, G_OPTION_ARG_NONE, &token_stdin, N_("Read an API token from standard input instead of a password"), NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file, N_("Trust the certificate authority in this PEM file"), N_("FILE") },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, &allow_insecure, N_("Allow an http:// address that is not this computer (unsafe)"), NULL },
    { "max-upload-mb", 0, 0, G_OPTION_ARG_INT, &max_upload_mb, N_("The portal’s upload limit in MB (default 10)"), N_("MB") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("login", NULL,
                                _("Signs in to a portal and keeps the API token in the system keyring. "
                                  "The password is never stored."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  OdsCkanUser *me;
  GPtrArray *orgs;
  char *secret = NULL;

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (portal == NULL || (user == NULL && !token_stdin) || max_upload_mb < 0)
    {
      ods_cli_error ("%s", _("Give --portal URL, and either --user NAME (password sign-in) or "
                             "--user NAME --token-stdin (an API token on standard input)."));
      return ODS_EXIT_USAGE;
    }

  config = ods_portal_config_load (NULL, &error);
  if (config == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }
  settings = ods_portal_config_get (config, portal);
  if (settings == NULL)
    settings = ods_portal_settings_new (portal);
  if (ca_file != NULL)
    {
      g_free (settings->ca_file);
      settings->ca_file = g_canonicalize_filename (ca_file, NULL);
    }
  if (allow_insecure)
    settings->allow_insecure = TRUE;
  if (max_upload_mb > 0)
    settings->max_upload_mb = max_upload_mb;

  if (token_stdin)
    {
      secret = ods_cli_read_secret (_("API token: "));
      if (secret == NULL || *secret == '\0')
        {
          ods_credential_store_free_secret (secret);
          ods_cli_error ("%s", _("No token was given on standard input."));
          return ODS_EXIT_USAGE;
        }
    }
  else
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), user);

      secret = ods_cli_read_secret (prompt);
      if (secret == NULL)
        {
          ods_cli_error ("%s", _("No password was given."));
          return ODS_EXIT_USAGE;
        }
    }

  /* Signs in, checks whose the token is, keeps it in the keyring. */
  ods_portal_account_sign_in_async (settings, user, token_stdin ? NULL : secret,
                                    token_stdin ? secret : NULL, NULL, ods_cli_on_result, &result);
  ods_credential_store_free_secret (secret);
  ods_cli_wait (&result);
  account = ods_portal_account_sign_in_finish (result, &error);
  if (account == NULL)
    {
      if (token_stdin && user == NULL)
        error = ods_cli_portal_add_user_hint (
          g_steal_pointer (&error),
          _("Add --user NAME with your user name on the portal: CKAN portals cannot tell whose a "
            "token is without it."));
      return ods_cli_portal_fail (error);
    }

  me = ods_portal_account_get_user (account);
  orgs = ods_portal_account_get_organizations (account);
  /* TRANSLATORS: first %s is the portal address, then the person's name, then the user name */
  printf (_("Signed in to %s as %s (%s).\n"), ods_portal_account_get_settings (account)->url,
          ods_ckan_user_get_display_name (me), ods_ckan_user_get_name (me));
  if (orgs->len == 0)
    printf ("%s\n", _("This account may not publish for any organization yet. Ask the portal "
                      "administrator to make it an editor of your unit."));
  else
    {
      printf ("%s\n", _("May publish for:"));
      for (guint i = 0; i < orgs->len; i++)
        printf ("  %s\n", ods_ckan_organization_get_display_name (g_ptr_array_index (orgs, i)));
    }
  return ODS_EXIT_OK;
}
