#define G_LOG_DOMAIN "ods-cli-history"

#include "ods-cli.h"
#include "ods-history.h"
#include "ods-i18n.h"
#include "ods-period.h"

#include <stdio.h>

/* Pads @text with spaces to @width characters (not bytes). */
static void
append_padded (GString    *line,
               const char *text,
               long        width)
{
  g_string_append (line, text);
  for (long n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (line, ' ');
}

static void
print_entry_text (const OdsHistoryEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (entry->time, ods_period_get_timezone ());
  g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M");
  g_autoptr(GString) line = g_string_new (NULL);

  g_string_append (line, when);
  g_string_append (line, "  ");
  append_padded (line, ods_history_outcome_get_display_name (entry->outcome), 12);
  g_string_append (line, "  ");
  append_padded (line, entry->period != NULL ? entry->period : "-", 7);
  g_string_append (line, "  ");
  g_string_append (line, entry->dataset != NULL ? entry->dataset : "-");
  if (entry->file_name != NULL)
    g_string_append_printf (line, "  %s", entry->file_name);
  if (entry->rows >= 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, entry->rows);

      g_string_append (line, "  ");
      /* TRANSLATORS: %s is a number of data rows in a file */
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows",
                                                 (gulong) entry->rows), n);
    }
  if (entry->errors > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, entry->errors);

      g_string_append (line, ", ");
      /* TRANSLATORS: %s is a number of validation errors */
      g_string_append_printf (line, g_dngettext (GETTEXT_PACKAGE, "%s error", "%s errors",
                                                 (gulong) entry->errors), n);
    }
  if (entry->message != NULL && entry->outcome == ODS_HISTORY_OUTCOME_FAILED)
    g_string_append_printf (line, " — %s", entry->message);

  printf ("%s\n", line->str);
}

int
ods_cli_history (int    argc,
                 char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *dataset = NULL;
  g_autofree char *outcome = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period,
      N_("Only this period, for example 2026-Q3"), N_("PERIOD") },
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, &dataset,
      N_("Only this dataset (its name on the portal)"), N_("NAME") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome,
      N_("Only this outcome: validated, invalid, uploaded, confirmed, failed or cancelled"),
      N_("OUTCOME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHistory) history = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *period_iso = NULL;
  guint outcomes = 0;

  context = ods_cli_option_context_new ("history", NULL,
                                        _("Lists the validations and uploads made on this "
                                          "computer, oldest first."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (argc > 1)
    {
      /* TRANSLATORS: %s is an unexpected argument */
      ods_cli_error (_("Unexpected “%s”. Use --period to choose a period."), argv[1]);
      return ODS_EXIT_USAGE;
    }

  if (period != NULL)
    {
      OdsPeriod p;

      if (!ods_period_parse (period, &p, &error))
        {
          ods_cli_error ("%s", error->message);
          return ODS_EXIT_USAGE;
        }
      period_iso = ods_period_to_string (p);
    }
  if (outcome != NULL)
    {
      OdsHistoryOutcome o;

      if (!ods_history_outcome_from_string (outcome, &o))
        {
          /* TRANSLATORS: %s is what the user typed; keep the English words */
          ods_cli_error (_("“%s” is not an outcome. Use validated, invalid, uploaded, "
                           "confirmed, failed or cancelled."), outcome);
          return ODS_EXIT_USAGE;
        }
      outcomes = ODS_HISTORY_OUTCOME_MASK (o);
    }

  history = ods_history_new (NULL);
  found = ods_history_query (history, period_iso, dataset, outcomes, &error);
  if (found == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  if (json)
    {
      printf ("[");
      for (guint i = 0; i < found->len; i++)
        {
          g_autofree char *line = ods_history_entry_to_json (found->pdata[i]);

          printf ("%s\n  %s", i == 0 ? "" : ",", line);
        }
      printf ("%s]\n", found->len > 0 ? "\n" : "");
      return ODS_EXIT_OK;
    }

  if (found->len == 0)
    {
      if (period_iso != NULL || dataset != NULL || outcomes != 0)
        printf ("%s\n", _("Nothing in the history matches."));
      else
        printf ("%s\n", _("The history is empty: nothing has been validated or uploaded on "
                          "this computer yet."));
      return ODS_EXIT_OK;
    }

  for (guint i = 0; i < found->len; i++)
    print_entry_text (found->pdata[i]);

  return ODS_EXIT_OK;
}
