#define G_LOG_DOMAIN "ods-cli-submit"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-i18n.h"

/* opendata-submit submit --dataset ID (--new | --replace RESOURCE_ID) --period 2026-Q3 [--json] FILE
 *
 * For now the file is hashed and sent as it is: validating it against the
 * Table Schema first is wired in by the validator (issue 2). */
int
ods_cli_submit (int    argc,
                char **argv)
{
  g_autofree char *portal = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *period = NULL;
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *submission = NULL;
  gboolean new_resource = FALSE;
  gboolean as_json = FALSE;
  int retries = 4;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal (default: the one signed in last)"), N_("URL") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, N_("The dataset (its name or id)"), N_("ID") },
    { "new", 0, 0, G_OPTION_ARG_NONE, &new_resource, N_("Add a new resource for the period"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_STRING, &replace, N_("Replace the file of this resource"), N_("RESOURCE_ID") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The reporting period, e.g. 2026-Q3"), N_("PERIOD") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The resource’s name (default: dataset title – Q3/2026)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format shown on the portal (default: from the file name)"), N_("FORMAT") },
    { "submission-id", 0, 0, G_OPTION_ARG_STRING, &submission, N_("Resume the submission with this id (from an earlier receipt)"), N_("UUID") },
    { "tries", 0, 0, G_OPTION_ARG_INT, &retries, N_("Send at most this many times when the connection fails (default 4)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the receipt as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("submit", _("FILE"),
                                _("Sends a data file to the portal and confirms that the portal holds "
                                  "exactly this file."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(GFile) file = NULL;

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (dataset == NULL || argc != 2 || new_resource == (replace != NULL) || (new_resource && period == NULL) ||
      retries < 1)
    {
      ods_cli_error ("%s", _("Give --dataset ID, either --new --period PERIOD or --replace RESOURCE_ID, "
                             "and one FILE."));
      return ODS_EXIT_USAGE;
    }
  config = ods_portal_config_load (NULL, &error);
  if (config == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }
  settings = ods_cli_portal_settings (config, portal);
  if (settings == NULL)
    return ODS_EXIT_USAGE;
  account = ods_cli_portal_open (settings, &error);
  if (account == NULL)
    return ods_cli_portal_fail (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  job = ods_upload_job_new (ods_portal_account_get_client (account), new_resource ? ODS_UPLOAD_MODE_NEW : ODS_UPLOAD_MODE_REPLACE, dataset);
  ods_upload_job_set_file (job, file, NULL);
  ods_upload_job_set_period (job, period);
  ods_upload_job_set_resource_id (job, replace);
  ods_upload_job_set_name (job, name);
  ods_upload_job_set_format (job, format);
  ods_upload_job_set_max_bytes (job, ods_portal_settings_get_max_upload_bytes (settings));
  ods_upload_job_set_retry (job, retries, 2000);
  if (submission != NULL)
    ods_upload_job_set_submission_id (job, submission);
  return ods_cli_run_upload_job (job, as_json);
}
