#define G_LOG_DOMAIN "ods-cli-report"

#include "ods-cli.h"
#include "ods-cli-obligations.h"
#include "ods-cli-portal.h"
#include "ods-i18n.h"
#include "ods-xlsx-report.h"

#include <stdio.h>

int
ods_cli_report (int    argc,
                char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period,
      N_("The period, for example 2026-Q3 (default: the one due now)"), N_("PERIOD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The Excel file to write (.xlsx)"), N_("FILE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("Only this unit (its name on the portal, e.g. so-tai-chinh)"), N_("NAME") },
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal,
      N_("The portal’s address (default: the one signed in last)"), N_("URL") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OdsCliObligations) o = NULL;
  g_autoptr(OdsComplianceReport) report = NULL;
  g_autoptr(OdsHistory) history = NULL;
  g_autoptr(GPtrArray) entries_found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *period_iso = NULL;
  g_autofree char *display = NULL;
  guint n;
  int exit_code;

  context = ods_cli_option_context_new ("report", NULL,
                                        _("Writes the quarterly compliance report of your unit "
                                          "as an Excel workbook: a summary, every dataset’s "
                                          "status, and this computer’s history for the period."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (argc > 1)
    {
      /* TRANSLATORS: %s is an unexpected argument */
      ods_cli_error (_("Unexpected “%s”. Give the file to write with -o FILE.xlsx."), argv[1]);
      return ODS_EXIT_USAGE;
    }
  if (output == NULL)
    {
      ods_cli_error (_("Say where to write the report, for example -o bao-cao.xlsx."));
      return ODS_EXIT_USAGE;
    }

  o = ods_cli_obligations_load (portal, period, unit, &exit_code);
  if (o == NULL)
    return exit_code;

  period_iso = ods_period_to_string (o->period);
  history = ods_history_new (NULL);
  entries_found = ods_history_query (history, period_iso, NULL, 0, &error);
  if (entries_found == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  report = ods_compliance_report_new ();
  report->unit = ods_cli_obligations_dup_unit_names (o);
  report->portal = g_strdup (o->portal_url);
  report->user = g_strdup (o->user);
  report->period = o->period;
  report->deadline = o->deadline;
  report->generated_at = g_date_time_ref (o->now);
  n = g_list_model_get_n_items (o->obligations);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (report->obligations, g_list_model_get_item (o->obligations, i));
  g_ptr_array_extend_and_steal (report->history, g_steal_pointer (&entries_found));

  ods_compliance_report_write_xlsx_async (g_steal_pointer (&report), output, NULL,
                                          ods_cli_on_result, &result);
  ods_cli_wait (&result);
  if (!ods_compliance_report_write_xlsx_finish (result, &error))
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  display = ods_period_to_display (o->period);
  /* TRANSLATORS: %s the period, %s the file, %u the number of datasets */
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the report for %s to %s (%u dataset).",
                       "Wrote the report for %s to %s (%u datasets).", n),
          display, output, n);
  printf ("\n");
  return ODS_EXIT_OK;
}
