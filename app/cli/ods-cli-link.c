#define G_LOG_DOMAIN "ods-cli-link"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-i18n.h"

#include <stdio.h>

/* opendata-submit link --dataset ID --url URL [--name NAME] [--period P] [--replace RESOURCE_ID]
 *                     [--schema FILE]
 * A CSV answer is checked against the Table Schema first; with errors
 * nothing is published and the exit code is 1. */
int
ods_cli_link (int    argc,
              char **argv)
{
  g_autofree char *portal = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  g_autofree char *period = NULL;
  g_autofree char *replace = NULL;
  g_autofree char *format = NULL;
  g_autofree char *schema_path = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal (default: the one signed in last)"), N_("URL") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, N_("The dataset (its name or id)"), N_("ID") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The address of the unit’s data service"), N_("URL") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The resource’s name"), N_("NAME") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The reporting period, e.g. 2026-Q3"), N_("PERIOD") },
    { "replace", 0, 0, G_OPTION_ARG_STRING, &replace, N_("Point this existing resource at the address instead"), N_("RESOURCE_ID") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format shown on the portal (default: from the answer)"), N_("FORMAT") },
    { "schema", 's', 0, G_OPTION_ARG_FILENAME, &schema_path, N_("Table Schema to check the service’s CSV data against (default: the one the portal keeps for the dataset)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the receipt as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("link", NULL,
                                _("Publishes the address of the unit’s own data service as a resource "
                                  "(no file is uploaded), after checking that it answers with data "
                                  "and, for CSV, that the data matches the dataset’s Table Schema."),
                                entries);
  g_autoptr(OdsPortalAccount) account = NULL;
  int code;
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  OdsReport *report;

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (dataset == NULL || url == NULL)
    {
      ods_cli_error ("%s", _("Give --dataset ID and --url URL."));
      return ODS_EXIT_USAGE;
    }
  if (schema_path != NULL)
    {
      schema = ods_cli_load_schema (schema_path);
      if (schema == NULL)
        return ODS_EXIT_USAGE;
    }
  account = ods_cli_portal_account (portal, NULL, &code);
  if (account == NULL)
    return code;

  job = ods_upload_job_new (ods_portal_account_get_client (account), ODS_UPLOAD_MODE_LINK, dataset);
  ods_upload_job_set_link_url (job, url);
  ods_upload_job_set_name (job, name);
  ods_upload_job_set_period (job, period);
  ods_upload_job_set_resource_id (job, replace);
  ods_upload_job_set_format (job, format);
  ods_upload_job_set_schema (job, schema);
  code = ods_cli_run_upload_job (job, as_json, NULL);

  report = ods_upload_job_get_report (job);
  if (code != ODS_EXIT_OK && report != NULL && !ods_report_get_valid (report))
    {
      if (as_json)
        {
          g_autoptr(JsonNode) node = ods_report_to_json (report);

          ods_cli_print_json (node);
        }
      else
        {
          g_autofree char *text = ods_report_format_text (report);

          fputs (text, stdout);
        }
      return ODS_EXIT_INVALID;
    }
  return code;
}
