#include "ods-i18n.h"
#include "ods-period.h"

#include <string.h>

static OdsPeriod
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  OdsPeriod period = { 0, 0 };

  g_assert_true (ods_period_parse (text, &period, &error));
  g_assert_no_error (error);
  return period;
}

static void
test_parse (void)
{
  static const char *bad[] = {
    "", "2026", "2026-Q0", "2026-Q5", "2026Q3", "2026-3", "26-Q3", "2026-Q3x",
    "Q3 2026", "2026-Q33", "1899-Q4", "２０２６-Q3", "2026-Q-3",
  };
  OdsPeriod period;

  period = parse_ok ("2026-Q3");
  g_assert_cmpint (period.year, ==, 2026);
  g_assert_cmpint (period.quarter, ==, 3);
  period = parse_ok (" 2027-q1\n");
  g_assert_cmpint (period.year, ==, 2027);
  g_assert_cmpint (period.quarter, ==, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ods_period_parse (bad[i], &period, &error));
      g_assert_error (error, ODS_PERIOD_ERROR, ODS_PERIOD_ERROR_INVALID);
      /* The message quotes the input and shows the expected form. */
      g_assert_nonnull (strstr (error->message, "2026-Q3"));
    }
}

static void
test_format (void)
{
  OdsPeriod period = { 2026, 3 };
  g_autofree char *iso = ods_period_to_string (period);
  g_autofree char *display = ods_period_to_display (period);

  g_assert_cmpstr (iso, ==, "2026-Q3");
  g_assert_cmpstr (display, ==, "Q3 2026");
}

static void
test_format_vietnamese (void)
{
  g_autoptr(GError) error = NULL;
  OdsPeriod period = { 2026, 3 };
  g_autofree char *display = NULL;
  GDate date;

  if (g_test_subprocess ())
    {
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "vi", TRUE);
      ods_i18n_init ();

      display = ods_period_to_display (period);
      g_assert_cmpstr (display, ==, "Quý 3/2026");

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 16, 10, 2026);
      g_assert_cmpstr (ods_date_weekday_name (&date), ==, "Thứ Sáu");

      g_assert_false (ods_period_parse ("2026-Q5", &period, &error));
      g_assert_nonnull (strstr (error->message, "không phải"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_prev_next (void)
{
  OdsPeriod q4 = { 2026, 4 };
  OdsPeriod q1 = { 2027, 1 };
  OdsPeriod p;

  p = ods_period_next (q4);
  g_assert_cmpint (ods_period_compare (p, q1), ==, 0);
  p = ods_period_prev (q1);
  g_assert_cmpint (ods_period_compare (p, q4), ==, 0);
  g_assert_cmpint (ods_period_compare (q4, q1), <, 0);
  g_assert_cmpint (ods_period_compare (q1, q4), >, 0);
}

static void
test_days (void)
{
  static const struct { int quarter, first_month, last_month, last_day; } q[] = {
    { 1, 1, 3, 31 }, { 2, 4, 6, 30 }, { 3, 7, 9, 30 }, { 4, 10, 12, 31 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (q); i++)
    {
      OdsPeriod period = { 2026, q[i].quarter };
      GDate first, last;

      ods_period_get_first_day (period, &first);
      ods_period_get_last_day (period, &last);
      g_assert_cmpint (g_date_get_day (&first), ==, 1);
      g_assert_cmpint (g_date_get_month (&first), ==, q[i].first_month);
      g_assert_cmpint (g_date_get_day (&last), ==, q[i].last_day);
      g_assert_cmpint (g_date_get_month (&last), ==, q[i].last_month);
      g_assert_cmpint (g_date_get_year (&last), ==, 2026);

      /* Every day of the quarter belongs to it, the next day does not. */
      for (GDate d = first; g_date_compare (&d, &last) <= 0; g_date_add_days (&d, 1))
        g_assert_cmpint (ods_period_compare (ods_period_for_date (&d), period), ==, 0);
      g_date_add_days (&last, 1);
      g_assert_cmpint (ods_period_compare (ods_period_for_date (&last),
                                           ods_period_next (period)), ==, 0);
    }
}

static void
assert_utc (GDateTime  *dt,
            const char *expected)
{
  g_autofree char *text = g_date_time_format_iso8601 (dt);

  g_assert_cmpint (g_date_time_get_utc_offset (dt), ==, 0);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_instants (void)
{
  OdsPeriod period = { 2026, 3 };
  g_autoptr(GDateTime) start = ods_period_get_start (period);
  g_autoptr(GDateTime) end = ods_period_get_end (period);
  g_autoptr(GDateTime) wstart = ods_period_get_window_start (period);
  g_autoptr(GDateTime) wend = ods_period_get_window_end (period);

  /* Midnight in Hà Nội is 17:00 UTC the day before. */
  assert_utc (start, "2026-06-30T17:00:00Z");
  assert_utc (end, "2026-09-30T17:00:00Z");
  assert_utc (wstart, "2026-09-30T17:00:00Z");
  assert_utc (wend, "2026-12-31T17:00:00Z");
}

static GDateTime *
utc (const char *iso)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
test_due_at (void)
{
  static const struct { const char *instant; const char *current; const char *due; } cases[] = {
    /* 23:30 on 30/09 in Vietnam: still Q3; Q2 is being collected. */
    { "2026-09-30T16:30:00Z", "2026-Q3", "2026-Q2" },
    /* 00:00 on 01/10 in Vietnam (17:00 UTC on 30/09): Q3 is due now. */
    { "2026-09-30T17:00:00Z", "2026-Q4", "2026-Q3" },
    { "2026-11-26T08:00:00Z", "2026-Q4", "2026-Q3" },
    /* New Year's Eve in New York is already 1 January in Vietnam. */
    { "2026-12-31T20:00:00-05:00", "2027-Q1", "2026-Q4" },
    { "2027-03-31T16:59:59Z", "2027-Q1", "2026-Q4" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) instant = utc (cases[i].instant);
      g_autofree char *current = ods_period_to_string (ods_period_current (instant));
      g_autofree char *due = ods_period_to_string (ods_period_due_at (instant));

      g_assert_cmpstr (current, ==, cases[i].current);
      g_assert_cmpstr (due, ==, cases[i].due);
    }
}

static void
test_dates (void)
{
  GDate date;
  g_autofree char *dmy = NULL;
  g_autofree char *iso = NULL;

  g_assert_true (ods_date_parse_iso ("2027-01-18", &date));
  dmy = ods_date_format_dmy (&date);
  iso = ods_date_format_iso (&date);
  g_assert_cmpstr (dmy, ==, "18/01/2027");
  g_assert_cmpstr (iso, ==, "2027-01-18");
  g_assert_cmpstr (ods_date_weekday_name (&date), ==, "Monday");

  g_assert_false (ods_date_parse_iso ("2027-02-30", &date));
  g_assert_false (ods_date_parse_iso ("2027-1-18", &date));
  g_assert_false (ods_date_parse_iso ("2027-01-18T00", &date));
  g_assert_false (ods_date_parse_iso ("20x7-01-18", &date));
  g_assert_false (ods_date_parse_iso (NULL, &date));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/parse", test_parse);
  g_test_add_func ("/period/format", test_format);
  g_test_add_func ("/period/format-vietnamese", test_format_vietnamese);
  g_test_add_func ("/period/prev-next", test_prev_next);
  g_test_add_func ("/period/days", test_days);
  g_test_add_func ("/period/instants", test_instants);
  g_test_add_func ("/period/due-at", test_due_at);
  g_test_add_func ("/period/dates", test_dates);

  return g_test_run ();
}
