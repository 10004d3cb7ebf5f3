#include "ods-deadline.h"

#include <glib/gstdio.h>

static OdsHolidays *holidays;

static void
assert_day (const GDate *date,
            const char  *expected)
{
  g_autofree char *text = ods_date_format_iso (date);

  g_assert_cmpstr (text, ==, expected);
}

static OdsDeadline
deadline_for (const char *period_text)
{
  OdsPeriod period;
  OdsDeadline deadline;

  g_assert_true (ods_period_parse (period_text, &period, NULL));
  ods_deadline_for_period (period, NULL, holidays, &deadline);
  return deadline;
}

/* The examples of the issue. */
static void
test_examples (void)
{
  OdsDeadline q3 = deadline_for ("2026-Q3");
  OdsDeadline q4 = deadline_for ("2026-Q4");

  /* 15 days from 01/10, the first not counted: Friday 16/10/2026. */
  assert_day (&q3.nominal_day, "2026-10-16");
  assert_day (&q3.due_day, "2026-10-16");
  g_assert_cmpint (g_date_get_weekday (&q3.due_day), ==, G_DATE_FRIDAY);

  /* 16/01/2027 is a Saturday: the end moves to Monday 18/01/2027. */
  assert_day (&q4.nominal_day, "2027-01-16");
  assert_day (&q4.due_day, "2027-01-18");

  /* Without a rule or a calendar: the law's defaults. */
  ods_deadline_for_period ((OdsPeriod) { 2027, 1 }, NULL, NULL, &q4);
  assert_day (&q4.due_day, "2027-04-19");
}

/* Every quarter 2025–2030, worked out by hand from a calendar. */
static void
test_quarters_2025_2030 (void)
{
  static const struct { const char *period, *due; } cases[] = {
    { "2025-Q1", "2025-04-16" }, { "2025-Q2", "2025-07-16" },
    { "2025-Q3", "2025-10-16" }, { "2025-Q4", "2026-01-16" },
    { "2026-Q1", "2026-04-16" }, { "2026-Q2", "2026-07-16" },
    { "2026-Q3", "2026-10-16" }, { "2026-Q4", "2027-01-18" },  /* Sat → Mon */
    { "2027-Q1", "2027-04-19" },  /* Fri 16/04 is Hùng Kings' day (10/3 lunar) → Mon */
    { "2027-Q2", "2027-07-16" },
    { "2027-Q3", "2027-10-18" },  /* Sat → Mon */
    { "2027-Q4", "2028-01-17" },  /* Sun → Mon */
    { "2028-Q1", "2028-04-17" },  /* Sun → Mon */
    { "2028-Q2", "2028-07-17" },  /* Sun → Mon */
    { "2028-Q3", "2028-10-16" }, { "2028-Q4", "2029-01-16" },
    { "2029-Q1", "2029-04-16" }, { "2029-Q2", "2029-07-16" },
    { "2029-Q3", "2029-10-16" }, { "2029-Q4", "2030-01-16" },
    { "2030-Q1", "2030-04-16" }, { "2030-Q2", "2030-07-16" },
    { "2030-Q3", "2030-10-16" }, { "2030-Q4", "2031-01-16" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      OdsDeadline deadline = deadline_for (cases[i].period);

      g_test_message ("%s", cases[i].period);
      assert_day (&deadline.due_day, cases[i].due);
    }
}

static void
test_rule (void)
{
  OdsPeriod q3 = { 2026, 3 };
  OdsDeadlineRule rule;
  OdsDeadline deadline;

  ods_deadline_rule_init_default (&rule);
  g_assert_cmpuint (rule.days, ==, 15);
  g_assert_false (rule.first_day_counts);
  g_assert_true (rule.move_to_working_day);

  /* A province counting the first day: Thursday 15/10. */
  rule.first_day_counts = TRUE;
  ods_deadline_for_period (q3, &rule, holidays, &deadline);
  assert_day (&deadline.due_day, "2026-10-15");

  /* 10 days: Sunday 11/10 → Monday 12/10, or Sunday if not moved. */
  rule.first_day_counts = FALSE;
  rule.days = 10;
  ods_deadline_for_period (q3, &rule, holidays, &deadline);
  assert_day (&deadline.nominal_day, "2026-10-11");
  assert_day (&deadline.due_day, "2026-10-12");
  rule.move_to_working_day = FALSE;
  ods_deadline_for_period (q3, &rule, holidays, &deadline);
  assert_day (&deadline.due_day, "2026-10-11");

  /* Tết: 45 days after 01/01/2026 is Sunday 15/02, then 16–20/02 are Tết
   * (the last day of Ất Tỵ and days 1–4 of Bính Ngọ) → Monday 23/02. */
  rule = (OdsDeadlineRule) ODS_DEADLINE_RULE_INIT;
  rule.days = 45;
  ods_deadline_for_period ((OdsPeriod) { 2025, 4 }, &rule, holidays, &deadline);
  assert_day (&deadline.due_day, "2026-02-23");
}

static void
test_admin_days (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) adjusted = ods_holidays_new ();
  g_autofree char *path = NULL;
  OdsDeadline deadline;
  int fd;

  fd = g_file_open_tmp ("ods-holidays-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  /* A day off announced on Friday 16/10/2026, and Saturday 16/01/2027 made a working day. */
  g_file_set_contents (path,
                       "{ \"days_off\": [ { \"date\": \"2026-10-16\", \"name\": \"Lễ hội tỉnh\" } ],"
                       "  \"working_days\": [ { \"date\": \"2027-01-16\" } ] }", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ods_holidays_load_extra (adjusted, path, &error));
  g_assert_no_error (error);

  ods_deadline_for_period ((OdsPeriod) { 2026, 3 }, NULL, adjusted, &deadline);
  assert_day (&deadline.due_day, "2026-10-19");
  ods_deadline_for_period ((OdsPeriod) { 2026, 4 }, NULL, adjusted, &deadline);
  assert_day (&deadline.due_day, "2027-01-16");
  g_unlink (path);
}

static GDateTime *
instant (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

/* Lateness counts Vietnamese calendar days, wherever the instant was written. */
static void
test_status (void)
{
  static const struct { const char *when; int late; int left; } cases[] = {
    { "2026-10-01T01:00:00Z", 0, 15 },
    { "2026-10-16T16:59:59Z", 0, 0 },          /* 23:59:59 on the due day in Hà Nội */
    { "2026-10-16T23:59:59+07:00", 0, 0 },
    { "2026-10-16T17:00:00Z", 1, -1 },         /* 00:00 the next day */
    { "2026-10-16T13:30:00-04:00", 1, -1 },    /* still the 16th in New York */
    { "2026-10-17T06:00:00+14:00", 0, 0 },     /* the 17th in Kiritimati, the 16th in Hà Nội */
    { "2026-11-26T08:00:00Z", 41, -41 },
    { "2026-09-20T08:00:00Z", 0, 26 },         /* before the window: early, not late */
  };
  OdsDeadline deadline = deadline_for ("2026-Q3");
  g_autoptr(GDateTime) end = ods_deadline_get_end (&deadline);
  g_autofree char *end_text = g_date_time_format_iso8601 (end);

  g_assert_cmpstr (end_text, ==, "2026-10-16T17:00:00Z");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = instant (cases[i].when);

      g_test_message ("%s", cases[i].when);
      g_assert_cmpint (ods_deadline_days_late (&deadline, when), ==, cases[i].late);
      g_assert_cmpint (ods_deadline_days_left (&deadline, when), ==, cases[i].left);
      /* Strictly before the end is on time. */
      g_assert_cmpint (g_date_time_compare (when, end) < 0, ==, cases[i].late == 0);
    }
}

static void
test_evaluate (void)
{
  OdsDeadline deadline = deadline_for ("2026-Q4");   /* due Monday 18/01/2027 */
  g_autoptr(GDateTime) now = instant ("2027-01-20T10:00:00+07:00");
  g_autoptr(GDateTime) early = instant ("2027-01-05T10:00:00+07:00");
  g_autoptr(GDateTime) on_time = instant ("2027-01-18T23:59:59.999+07:00");
  g_autoptr(GDateTime) late = instant ("2027-01-19T00:00:00+07:00");
  int days = -1;

  g_assert_cmpint (ods_deadline_evaluate (&deadline, on_time, now, &days), ==,
                   ODS_DEADLINE_STATE_ON_TIME);
  g_assert_cmpint (days, ==, 0);
  g_assert_cmpint (ods_deadline_evaluate (&deadline, late, now, &days), ==,
                   ODS_DEADLINE_STATE_LATE);
  g_assert_cmpint (days, ==, 1);
  g_assert_cmpint (ods_deadline_evaluate (&deadline, NULL, now, &days), ==,
                   ODS_DEADLINE_STATE_OVERDUE);
  g_assert_cmpint (days, ==, 2);
  g_assert_cmpint (ods_deadline_evaluate (&deadline, NULL, early, &days), ==,
                   ODS_DEADLINE_STATE_DUE);
  g_assert_cmpint (days, ==, 13);
  g_assert_cmpint (ods_deadline_evaluate (&deadline, NULL, on_time, &days), ==,
                   ODS_DEADLINE_STATE_DUE);
  g_assert_cmpint (days, ==, 0);
}

static void
test_describe (void)
{
  static const struct { int days; const char *left; const char *late; } cases[] = {
    { 0, "due today", "on time" },
    { 1, "1 day left", "1 day late" },
    { 5, "5 days left", "5 days late" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *left = ods_deadline_describe_days_left (cases[i].days);
      g_autofree char *late = ods_deadline_describe_days_late (cases[i].days);

      g_assert_cmpstr (left, ==, cases[i].left);
      g_assert_cmpstr (late, ==, cases[i].late);
    }
  {
    g_autofree char *overdue1 = ods_deadline_describe_days_left (-1);
    g_autofree char *overdue = ods_deadline_describe_days_left (-41);

    g_assert_cmpstr (overdue1, ==, "overdue by 1 day");
    g_assert_cmpstr (overdue, ==, "overdue by 41 days");
  }
}

/* The same answers whatever the machine's time zone: the checks above run
 * again in child processes with TZ set to zones 11 and 21 hours from Vietnam. */
static void
run_in_zone (const char *zone,
             int         offset_hours)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GDateTime) sample = instant ("2026-10-16T12:00:00Z");
      g_autoptr(GDateTime) local = g_date_time_to_local (sample);

      /* The zone really is in effect. */
      g_assert_cmpint (g_date_time_get_utc_offset (local) / G_TIME_SPAN_HOUR, ==, offset_hours);
      test_examples ();
      test_quarters_2025_2030 ();
      test_status ();
      test_evaluate ();
      return;
    }

  g_setenv ("TZ", zone, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("TZ");
  g_test_trap_assert_passed ();
}

static void
test_tz_new_york (void)
{
  run_in_zone ("America/New_York", -4);
}

static void
test_tz_kiritimati (void)
{
  run_in_zone ("Pacific/Kiritimati", 14);
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  holidays = ods_holidays_new ();

  g_test_add_func ("/deadline/examples", test_examples);
  g_test_add_func ("/deadline/quarters-2025-2030", test_quarters_2025_2030);
  g_test_add_func ("/deadline/rule", test_rule);
  g_test_add_func ("/deadline/admin-days", test_admin_days);
  g_test_add_func ("/deadline/status", test_status);
  g_test_add_func ("/deadline/evaluate", test_evaluate);
  g_test_add_func ("/deadline/describe", test_describe);
  g_test_add_func ("/deadline/tz/america-new-york", test_tz_new_york);
  g_test_add_func ("/deadline/tz/pacific-kiritimati", test_tz_kiritimati);

  ret = g_test_run ();
  ods_holidays_unref (holidays);
  return ret;
}
