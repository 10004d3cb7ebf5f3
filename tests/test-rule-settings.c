/* The deadline rule and the administrator's holiday file come from the
 * settings the Preferences window writes, so the command line and the
 * window count deadlines alike. Runs with GSETTINGS_BACKEND=memory. */
#include "config.h"

#include "ods-rule-settings.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static void
assert_due (const OdsDeadlineRule *rule,
            OdsHolidays           *holidays,
            const char            *period_text,
            int                    day,
            int                    month,
            int                    year)
{
  OdsPeriod period;
  OdsDeadline deadline;

  g_assert_true (ods_period_parse (period_text, &period, NULL));
  ods_deadline_for_period (period, rule, holidays, &deadline);
  g_assert_cmpint (g_date_get_day (&deadline.due_day), ==, day);
  g_assert_cmpint (g_date_get_month (&deadline.due_day), ==, month);
  g_assert_cmpint (g_date_get_year (&deadline.due_day), ==, year);
}

static void
test_rule_from_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(OdsHolidays) holidays = ods_holidays_new ();
  OdsDeadlineRule rule;

  /* The law's reading by default: 2026-Q3 due Friday 16/10/2026. */
  ods_rule_settings_load_rule (&rule);
  g_assert_cmpuint (rule.days, ==, 15);
  g_assert_false (rule.first_day_counts);
  assert_due (&rule, holidays, "2026-Q3", 16, 10, 2026);

  /* A province that counts the first day: the 15th. */
  g_settings_set_boolean (settings, "deadline-first-day-counts", TRUE);
  ods_rule_settings_load_rule (&rule);
  assert_due (&rule, holidays, "2026-Q3", 15, 10, 2026);

  /* 20 days, first day counted: Tuesday 20/10/2026. */
  g_settings_set_uint (settings, "deadline-days", 20);
  ods_rule_settings_load_rule (&rule);
  g_assert_cmpuint (rule.days, ==, 20);
  assert_due (&rule, holidays, "2026-Q3", 20, 10, 2026);

  g_settings_reset (settings, "deadline-days");
  g_settings_reset (settings, "deadline-first-day-counts");
}

static void
test_holidays_file_from_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) holidays = NULL;
  g_autofree char *path = NULL;
  OdsDeadlineRule rule;
  int fd;

  /* The government gives Friday 16/10/2026 off: the deadline moves to Monday 19/10. */
  fd = g_file_open_tmp ("ods-holidays-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "{\"days_off\": [{\"date\": \"2026-10-16\", \"name\": \"Nghỉ bù\"}]}", -1, &error);
  g_assert_no_error (error);

  g_unsetenv ("OPENDATA_SUBMIT_HOLIDAYS");
  g_settings_set_string (settings, "extra-holidays-file", path);
  holidays = ods_rule_settings_load_holidays (&error);
  g_assert_no_error (error);
  ods_rule_settings_load_rule (&rule);
  assert_due (&rule, holidays, "2026-Q3", 19, 10, 2026);
  g_clear_pointer (&holidays, ods_holidays_unref);

  /* A broken file is an error that names it, not a silently wrong calendar. */
  g_file_set_contents (path, "{\"days_off\": [{\"date\": \"16/10/2026\"}]}", -1, &error);
  g_assert_no_error (error);
  holidays = ods_rule_settings_load_holidays (&error);
  g_assert_null (holidays);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));

  g_settings_reset (settings, "extra-holidays-file");
  g_unlink (path);
}

int
main (int argc, char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rule-settings/rule", test_rule_from_settings);
  g_test_add_func ("/rule-settings/holidays-file", test_holidays_file_from_settings);
  return g_test_run ();
}
