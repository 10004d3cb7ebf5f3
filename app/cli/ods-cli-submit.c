#define G_LOG_DOMAIN "ods-cli-submit"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-history.h"
#include "ods-i18n.h"
#include "ods-submission.h"
#include "ods-validation.h"

#include <stdio.h>

/* The schema to validate against: --schema FILE, else the one the portal
 * keeps for the dataset (ckanext-validation), else none (structure only). */
static OdsSchema *
find_schema (OdsPortalAccount *account,
             const char       *dataset,
             const char       *resource_id,
             const char       *schema_path,
             int              *exit_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  OdsPortalClient *client = ods_portal_account_get_client (account);
  OdsSchema *schema;
  const char *text;

  *exit_code = ODS_EXIT_OK;
  if (schema_path != NULL)
    {
      schema = ods_cli_load_schema (schema_path);
      if (schema == NULL)
        *exit_code = ODS_EXIT_USAGE;
      return schema;
    }

  ods_portal_client_package_show_async (client, dataset, NULL, ods_cli_on_result, &result);
  ods_cli_wait (&result);
  package = ods_portal_client_package_show_finish (client, result, &error);
  if (package == NULL)
    {
      *exit_code = ods_cli_portal_fail (error);
      return NULL;
    }

  text = ods_ckan_package_find_schema (package, resource_id);
  if (text == NULL)
    {
      fprintf (stderr, "%s\n",
               _("The portal keeps no Table Schema for this dataset: only the file’s structure is "
                 "checked. Give one with --schema FILE to check the values too."));
      return NULL;
    }

  schema = ods_schema_new_from_string (text, -1, &error);
  if (schema == NULL)
    {
      /* TRANSLATORS: %s says what is wrong with the schema */
      ods_cli_error (_("The portal’s Table Schema for this dataset cannot be used: %s. "
                       "Ask the portal’s administrator to correct it, or give one with --schema FILE."),
                     error->message);
      *exit_code = ODS_EXIT_REJECTED;
    }
  return schema;
}

static void
append_history (OdsHistoryEntry *entry)
{
  g_autoptr(OdsHistory) history = ods_history_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!ods_history_append (history, entry, &error))
    g_warning ("Could not add to the history: %s", error->message);
}

/* opendata-submit submit --dataset ID (--new --period P | --replace RESOURCE_ID) [--schema FILE] FILE
 *
 * Validates the file first (nothing is sent when it has errors), then
 * uploads exactly the validated bytes (their SHA-256 goes with them) and
 * confirms them on the portal. Each step lands in the local history. */
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
  g_autofree char *schema_path = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *encoding = NULL;
  gboolean new_resource = FALSE;
  gboolean as_json = FALSE;
  int retries = 4;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal (default: the one signed in last)"), N_("URL") },
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &dataset, N_("The dataset (its name or id)"), N_("ID") },
    { "new", 0, 0, G_OPTION_ARG_NONE, &new_resource, N_("Add a new resource for the period"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_STRING, &replace, N_("Replace the file of this resource"), N_("RESOURCE_ID") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The reporting period, e.g. 2026-Q3"), N_("PERIOD") },
    { "schema", 's', 0, G_OPTION_ARG_FILENAME, &schema_path, N_("Table Schema to check against (default: the one the portal keeps for the dataset)"), N_("FILE") },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter (default: detected)"), N_("CHAR") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding (default: detected): utf-8, utf-16, windows-1258, tcvn3, vni-windows"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The resource’s name (default: dataset title – Q3/2026)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format shown on the portal (default: from the file name)"), N_("FORMAT") },
    { "submission-id", 0, 0, G_OPTION_ARG_STRING, &submission, N_("Resume the submission with this id (from an earlier receipt)"), N_("UUID") },
    { "tries", 0, 0, G_OPTION_ARG_INT, &retries, N_("Send at most this many times when the connection fails (default 4)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the receipt as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("submit", _("FILE"),
                                _("Checks a data file against the dataset’s Table Schema, sends it to the "
                                  "portal when it has no errors, and confirms that the portal holds exactly "
                                  "this file. Exit status: 0 confirmed, 1 the file has errors (nothing was "
                                  "sent), 2 usage, 3 sign-in, 4 network, 5 the portal refused."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(OdsHistoryEntry) entry = NULL;
  g_autoptr(GFile) file = NULL;
  OdsValidationOptions options = { 0 };
  int code;

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (dataset == NULL || argc != 2 || new_resource == (replace != NULL) || (new_resource && period == NULL) ||
      retries < 1)
    {
      ods_cli_error ("%s", _("Give --dataset ID, either --new --period PERIOD or --replace RESOURCE_ID, "
                             "and one FILE."));
      return ODS_EXIT_USAGE;
    }
  if (!ods_cli_parse_delimiter (delimiter, &options.delimiter))
    return ODS_EXIT_USAGE;
  options.encoding = encoding;

  account = ods_cli_portal_account (portal, &settings, &code);
  if (account == NULL)
    return code;

  schema = find_schema (account, dataset, replace, schema_path, &code);
  if (code != ODS_EXIT_OK)
    return code;

  /* 1. Validate: nothing leaves this computer while the file has errors. */
  file = g_file_new_for_commandline_arg (argv[1]);
  report = ods_validate_file (file, schema, &options, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }
  entry = ods_submission_history_entry_new (settings, account, dataset, period, file, report);
  if (!ods_report_get_valid (report))
    {
      g_autofree char *text = ods_report_format_text (report);

      append_history (entry);
      if (as_json)
        {
          g_autoptr(JsonNode) node = ods_report_to_json (report);
          ods_cli_print_json (node);
        }
      else
        fputs (text, stdout);
      fprintf (stderr, "%s\n", _("Nothing was sent: correct the errors above in the file, then run submit again."));
      return ODS_EXIT_INVALID;
    }
  append_history (entry);

  /* 2. Upload exactly the validated bytes, 3. confirm them on the portal. */
  job = ods_upload_job_new (ods_portal_account_get_client (account),
                            new_resource ? ODS_UPLOAD_MODE_NEW : ODS_UPLOAD_MODE_REPLACE, dataset);
  ods_upload_job_set_file (job, file, ods_report_get_sha256 (report));
  ods_upload_job_set_period (job, period);
  ods_upload_job_set_resource_id (job, replace);
  ods_upload_job_set_name (job, name);
  ods_upload_job_set_format (job, format);
  ods_upload_job_set_max_bytes (job, ods_portal_settings_get_max_upload_bytes (settings));
  ods_upload_job_set_retry (job, retries, 2000);
  if (submission != NULL)
    ods_upload_job_set_submission_id (job, submission);
  return ods_cli_run_upload_job (job, as_json, entry);
}
