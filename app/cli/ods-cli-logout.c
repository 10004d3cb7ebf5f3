#define G_LOG_DOMAIN "ods-cli-logout"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-credential-store.h"
#include "ods-i18n.h"

#include <stdio.h>

/* opendata-submit logout [--portal URL] */
int
ods_cli_logout (int    argc,
                char **argv)
{
  g_autofree char *portal = NULL;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal (default: the one signed in last)"), N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("logout", NULL,
                                _("Signs out: withdraws the token on the portal and removes it from the "
                                  "system keyring."),
                                entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) revoke_error = NULL;
  gboolean revoked = FALSE;

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  config = ods_portal_config_load (NULL, &error);
  if (config == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }
  settings = ods_cli_portal_settings (config, portal);
  if (settings == NULL)
    return ODS_EXIT_USAGE;

  /* Withdraws the token on the portal too, so that a copy of it is worthless. */
  ods_portal_sign_out_async (settings, NULL, ods_cli_on_result, &result);
  ods_cli_wait (&result);
  if (!ods_portal_sign_out_finish (result, &revoked, &revoke_error, &error))
    return ods_cli_portal_fail (error);
  if (revoke_error != NULL)
    fprintf (stderr, "%s\n%s\n",
             _("The token could not be withdrawn on the portal; it is removed from this "
               "computer all the same. If needed, delete it on the portal (your user "
               "profile, “API Tokens”)."),
             revoke_error->message);
  printf (_("Signed out of %s.\n"), settings->url);
  return ODS_EXIT_OK;
}
