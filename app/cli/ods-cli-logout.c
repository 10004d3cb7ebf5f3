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
                                _("Signs out: removes the portal’s token from the system keyring."),
                                entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;

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

  /* Every token kept for this portal, whoever signed in. */
  if (!ods_credential_store_clear (settings->url, NULL, NULL, &error))
    return ods_cli_portal_fail (error);

  g_clear_pointer (&settings->user, g_free);
  ods_portal_config_set (config, settings);
  if (!ods_portal_config_save (config, &error))
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }
  printf (_("Signed out of %s.\n"), settings->url);
  return ODS_EXIT_OK;
}
