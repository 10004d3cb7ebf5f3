#define G_LOG_DOMAIN "ods-cli-deadline"

#include "ods-cli.h"
#include "ods-cli-time.h"
#include "ods-deadline.h"
#include "ods-i18n.h"
#include "ods-rule-settings.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

/* "Friday 16/10/2026" */
static char *
format_day (const GDate *date)
{
  g_autofree char *dmy = ods_date_format_dmy (date);

  /* TRANSLATORS: %1$s is a weekday name, %2$s a date as dd/mm/yyyy */
  return g_strdup_printf (_("%1$s %2$s"), ods_date_weekday_name (date), dmy);
}

static char *
format_instant (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format_iso8601 (utc);
}

static void
print_json (const OdsDeadline     *deadline,
            const OdsDeadlineRule *rule,
            const GDate           *today,
            int                    days_left)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) end = ods_deadline_get_end (deadline);
  g_autoptr(GDateTime) wstart = ods_period_get_window_start (deadline->period);
  g_autoptr(GDateTime) wend = ods_period_get_window_end (deadline->period);
  g_autofree char *period = ods_period_to_string (deadline->period);
  g_autofree char *start_s = NULL, *end_s = NULL, *nominal_s = NULL, *due_s = NULL;
  g_autofree char *end_i = NULL, *wstart_i = NULL, *wend_i = NULL, *today_s = NULL;
  g_autofree char *text = NULL;
  GDate first, last;

  ods_period_get_first_day (deadline->period, &first);
  ods_period_get_last_day (deadline->period, &last);
  start_s = ods_date_format_iso (&first);
  end_s = ods_date_format_iso (&last);
  nominal_s = ods_date_format_iso (&deadline->nominal_day);
  due_s = ods_date_format_iso (&deadline->due_day);
  end_i = format_instant (end);
  wstart_i = format_instant (wstart);
  wend_i = format_instant (wend);
  today_s = ods_date_format_iso (today);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, period);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, start_s);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, end_s);
  json_builder_set_member_name (b, "nominal_due");
  json_builder_add_string_value (b, nominal_s);
  json_builder_set_member_name (b, "due");
  json_builder_add_string_value (b, due_s);
  json_builder_set_member_name (b, "due_before");
  json_builder_add_string_value (b, end_i);
  json_builder_set_member_name (b, "window_start");
  json_builder_add_string_value (b, wstart_i);
  json_builder_set_member_name (b, "window_end");
  json_builder_add_string_value (b, wend_i);
  json_builder_set_member_name (b, "timezone");
  json_builder_add_string_value (b, "Asia/Ho_Chi_Minh");
  json_builder_set_member_name (b, "rule");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "days");
  json_builder_add_int_value (b, rule->days);
  json_builder_set_member_name (b, "first_day_counts");
  json_builder_add_boolean_value (b, rule->first_day_counts);
  json_builder_set_member_name (b, "move_to_working_day");
  json_builder_add_boolean_value (b, rule->move_to_working_day);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, today_s);
  json_builder_set_member_name (b, "days_left");
  json_builder_add_int_value (b, days_left);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static void
print_row (const char *label,
           const char *value)
{
  long pad = 14 - g_utf8_strlen (label, -1);

  printf ("%s%*s %s\n", label, (int) MAX (pad, 0), "", value);
}

static void
print_text (const OdsDeadline *deadline,
            OdsHolidays       *holidays,
            int                days_left)
{
  g_autofree char *display = ods_period_to_display (deadline->period);
  g_autofree char *iso = ods_period_to_string (deadline->period);
  g_autofree char *period = g_strdup_printf ("%s (%s)", display, iso);
  g_autofree char *first_s = NULL, *last_s = NULL, *span = NULL;
  g_autofree char *due_day = NULL, *due = NULL, *status = NULL;
  GDate first, last;

  ods_period_get_first_day (deadline->period, &first);
  ods_period_get_last_day (deadline->period, &last);
  first_s = format_day (&first);
  last_s = format_day (&last);
  span = g_strdup_printf ("%s – %s", first_s, last_s);
  due_day = format_day (&deadline->due_day);
  /* TRANSLATORS: %s is a day such as "Friday 16/10/2026" */
  due = g_strdup_printf (_("%s, until 24:00 Vietnam time"), due_day);
  status = ods_deadline_describe_days_left (days_left);

  /* TRANSLATORS: labels of `opendata-submit deadline`; keep them short */
  print_row (_("Period:"), period);
  print_row (_("Quarter:"), span);
  print_row (_("Due:"), due);
  if (g_date_compare (&deadline->nominal_day, &deadline->due_day) != 0)
    {
      g_autofree char *nominal = format_day (&deadline->nominal_day);
      g_autofree char *moved = NULL;
      const char *name = NULL;

      if (ods_holidays_lookup (holidays, &deadline->nominal_day, &name) != ODS_HOLIDAY_NONE)
        /* TRANSLATORS: %1$s is a day, %2$s the name of a public holiday */
        moved = g_strdup_printf (_("moved from %1$s (%2$s)"), nominal, name);
      else
        /* TRANSLATORS: %s is a day such as "Saturday 16/01/2027" */
        moved = g_strdup_printf (_("moved from %s (weekend)"), nominal);
      print_row ("", moved);
    }
  print_row (_("Status:"), status);
}

int
ods_cli_deadline (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON with ISO dates"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) holidays = NULL;
  g_autoptr(GDateTime) now = NULL;
  OdsDeadlineRule rule;
  OdsDeadline deadline;
  OdsPeriod period;
  GDate today;
  int days_left;

  context = ods_cli_option_context_new ("deadline", _("[PERIOD]"),
                                        _("Shows when a quarter’s data is due, for example "
                                          "2026-Q3. Without a period: the quarter being "
                                          "collected now."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;

  if (argc > 2)
    {
      ods_cli_error (_("Give at most one period, for example 2026-Q3."));
      return ODS_EXIT_USAGE;
    }

  now = ods_cli_now (&error);
  if (now == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  if (argc == 2)
    {
      if (!ods_period_parse (argv[1], &period, &error))
        {
          ods_cli_error ("%s", error->message);
          return ODS_EXIT_USAGE;
        }
    }
  else
    {
      period = ods_period_due_at (now);
    }

  holidays = ods_rule_settings_load_holidays (&error);
  if (holidays == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  ods_rule_settings_load_rule (&rule);
  ods_deadline_for_period (period, &rule, holidays, &deadline);
  ods_period_local_date (now, &today);
  days_left = ods_deadline_days_left (&deadline, now);

  if (json)
    print_json (&deadline, &rule, &today, days_left);
  else
    print_text (&deadline, holidays, days_left);

  return ODS_EXIT_OK;
}
