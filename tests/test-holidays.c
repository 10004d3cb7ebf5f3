#include "ods-holidays.h"
#include "ods-i18n.h"
#include "ods-period.h"

#include <glib/gstdio.h>
#include <string.h>

static GDate
day (const char *iso)
{
  GDate date;

  g_assert_true (ods_date_parse_iso (iso, &date));
  return date;
}

static void
assert_kind (OdsHolidays    *holidays,
             const char     *iso,
             OdsHolidayKind  kind)
{
  GDate date = day (iso);

  g_test_message ("%s", iso);
  g_assert_cmpint (ods_holidays_lookup (holidays, &date, NULL), ==, kind);
  g_assert_cmpint (ods_holidays_is_working_day (holidays, &date), ==, FALSE);
}

static void
assert_working (OdsHolidays *holidays,
                const char  *iso)
{
  GDate date = day (iso);

  g_test_message ("%s", iso);
  g_assert_true (ods_holidays_is_working_day (holidays, &date));
  g_assert_cmpint (ods_holidays_lookup (holidays, &date, NULL), ==, ODS_HOLIDAY_NONE);
}

/* Count the days off in a year that are not weekends. */
static guint
weekday_holidays (OdsHolidays *holidays,
                  int          year)
{
  GDate date = day ("2000-01-01");
  guint n = 0;

  g_date_set_dmy (&date, 1, 1, year);
  while (g_date_get_year (&date) == year)
    {
      GDateWeekday wd = g_date_get_weekday (&date);

      if (wd != G_DATE_SATURDAY && wd != G_DATE_SUNDAY &&
          !ods_holidays_is_working_day (holidays, &date))
        n++;
      g_date_add_days (&date, 1);
    }
  return n;
}

static void
test_2026 (void)
{
  g_autoptr(OdsHolidays) holidays = ods_holidays_new ();

  assert_kind (holidays, "2026-01-01", ODS_HOLIDAY_NEW_YEAR);
  /* Tết Bính Ngọ is Tuesday 17/02: Monday 16/02 (last day of Ất Tỵ) to Friday 20/02. */
  assert_working (holidays, "2026-02-13");
  for (int d = 16; d <= 20; d++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-02-%02d", d);

      assert_kind (holidays, iso, ODS_HOLIDAY_TET);
    }
  assert_working (holidays, "2026-02-23");
  /* Hùng Kings' day is Sunday 26/04: Monday 27/04 off in lieu (art. 111(3)). */
  assert_kind (holidays, "2026-04-26", ODS_HOLIDAY_HUNG_KINGS);
  assert_kind (holidays, "2026-04-27", ODS_HOLIDAY_COMPENSATION);
  assert_working (holidays, "2026-04-28");
  assert_kind (holidays, "2026-04-30", ODS_HOLIDAY_VICTORY);
  assert_kind (holidays, "2026-05-01", ODS_HOLIDAY_LABOUR);
  /* 2/9 is a Wednesday; the day before goes with it. */
  assert_kind (holidays, "2026-09-01", ODS_HOLIDAY_NATIONAL);
  assert_kind (holidays, "2026-09-02", ODS_HOLIDAY_NATIONAL);
  assert_working (holidays, "2026-09-03");

  /* The 11 statutory days: Hùng Kings' Sunday is replaced by its Monday. */
  g_assert_cmpuint (weekday_holidays (holidays, 2026), ==, 11);
}

static void
test_2027_weekends (void)
{
  g_autoptr(OdsHolidays) holidays = ods_holidays_new ();

  /* Tết Đinh Mùi is Saturday 06/02: 05/02–09/02, and the weekend days give
   * Wednesday 10/02 and Thursday 11/02 off. */
  assert_kind (holidays, "2027-02-05", ODS_HOLIDAY_TET);
  assert_kind (holidays, "2027-02-09", ODS_HOLIDAY_TET);
  assert_kind (holidays, "2027-02-10", ODS_HOLIDAY_COMPENSATION);
  assert_kind (holidays, "2027-02-11", ODS_HOLIDAY_COMPENSATION);
  assert_working (holidays, "2027-02-12");
  assert_kind (holidays, "2027-04-16", ODS_HOLIDAY_HUNG_KINGS);
  /* 1/5 is a Saturday → Monday 3/5. */
  assert_kind (holidays, "2027-05-03", ODS_HOLIDAY_COMPENSATION);
  /* 2/9 is a Thursday: Friday 3/9 makes a long weekend. */
  assert_kind (holidays, "2027-09-03", ODS_HOLIDAY_NATIONAL);
  assert_working (holidays, "2027-09-01");

  /* Every year has its 11 days (some on weekends, replaced by days in lieu). */
  for (int y = 2025; y <= 2035; y++)
    g_assert_cmpuint (weekday_holidays (holidays, y), >=, 11);
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("ods-holidays-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_extra_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) holidays = NULL;
  g_autofree char *path = NULL;
  const char *name = NULL;
  GDate date;

  /* An administrator's file: an announced day off with its own name, the
   * National Day's second day moved from 1/9 to 3/9, a Saturday made a working day. */
  path = write_temp ("{ \"days_off\": ["
                     "  { \"date\": \"2026-02-13\", \"name\": \"Nghỉ Tết (hoán đổi)\" },"
                     "  { \"date\": \"2026-09-03\", \"kind\": \"national\" } ],"
                     "  \"working_days\": ["
                     "  { \"date\": \"2026-09-01\" },"
                     "  { \"date\": \"2026-02-28\", \"name\": \"Làm bù\" } ] }");
  g_setenv ("OPENDATA_SUBMIT_HOLIDAYS", path, TRUE);
  holidays = ods_holidays_new_default (NULL, &error);
  g_unsetenv ("OPENDATA_SUBMIT_HOLIDAYS");
  g_assert_no_error (error);
  g_assert_nonnull (holidays);

  date = day ("2026-02-13");
  g_assert_false (ods_holidays_is_working_day (holidays, &date));
  g_assert_cmpint (ods_holidays_lookup (holidays, &date, &name), ==, ODS_HOLIDAY_ANNOUNCED);
  g_assert_cmpstr (name, ==, "Nghỉ Tết (hoán đổi)");
  assert_kind (holidays, "2026-09-03", ODS_HOLIDAY_NATIONAL);
  assert_working (holidays, "2026-09-01");
  assert_working (holidays, "2026-02-28");   /* a Saturday made a working day */
  /* The rest stays. */
  assert_kind (holidays, "2026-02-17", ODS_HOLIDAY_TET);
  g_unlink (path);
}

static void
test_bad_files (void)
{
  static const struct { const char *contents; const char *detail; } cases[] = {
    { "not json", NULL },
    { "[1, 2]", "JSON object" },
    { "{ \"days_off\": 3 }", "days_off" },
    { "{ \"days_off\": [ { \"date\": \"2026-02-30\" } ] }", "YYYY-MM-DD" },
    { "{ \"days_off\": [ { \"date\": \"2026-02-13\", \"kind\": \"party\" } ] }", "party" },
    { "{ \"working_days\": [ \"2026-02-13\" ] }", "working_days" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsHolidays) holidays = NULL;
      g_autofree char *path = write_temp (cases[i].contents);

      holidays = ods_holidays_new_default (path, &error);
      g_assert_null (holidays);
      g_assert_error (error, ODS_HOLIDAYS_ERROR, ODS_HOLIDAYS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, path));
      if (cases[i].detail != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].detail));
      g_unlink (path);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OdsHolidays) holidays = ods_holidays_new_default ("/nonexistent/extra.json",
                                                                &error);

    g_assert_null (holidays);
    g_assert_error (error, ODS_HOLIDAYS_ERROR, ODS_HOLIDAYS_ERROR_READ);
  }
}

/* From memory (a settings value); a file with one bad item adds nothing. */
static void
test_extra_from_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) holidays = ods_holidays_new ();
  const char *bad = "{ \"days_off\": [ { \"date\": \"2026-10-16\" }, { \"date\": \"16/10/2026\" } ] }";
  const char *good = "{ \"days_off\": [ { \"date\": \"2026-10-16\" } ] }";

  g_assert_false (ods_holidays_load_extra_from_data (holidays, bad, -1, "settings", &error));
  g_assert_error (error, ODS_HOLIDAYS_ERROR, ODS_HOLIDAYS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“settings”"));
  g_assert_nonnull (strstr (error->message, "item 2 of “days_off”"));
  assert_working (holidays, "2026-10-16");

  g_clear_error (&error);
  g_assert_true (ods_holidays_load_extra_from_data (holidays, good, -1, "settings", &error));
  g_assert_no_error (error);
  assert_kind (holidays, "2026-10-16", ODS_HOLIDAY_ANNOUNCED);
}

/* The shipped data file is what the generator makes today. */
static void
test_data_file_in_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "holidays",
                                                 ODS_HOLIDAYS_DATA_FILE, NULL);
  g_autofree char *shipped = NULL;
  g_autofree char *generated = ods_holidays_generate_json (ODS_HOLIDAYS_DATA_FIRST_YEAR,
                                                          ODS_HOLIDAYS_DATA_LAST_YEAR);
  g_autofree char *with_newline = g_strconcat (generated, "\n", NULL);

  g_file_get_contents (path, &shipped, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (shipped, ==, with_newline);
}

/* Loading the file gives the same days as computing them. */
static void
test_data_file_loads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) computed = ods_holidays_new ();
  g_autoptr(OdsHolidays) loaded = ods_holidays_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "holidays",
                                                 ODS_HOLIDAYS_DATA_FILE, NULL);
  GDate date = day ("2025-01-01");

  g_assert_true (ods_holidays_load_data (loaded, path, &error));
  g_assert_no_error (error);

  while (g_date_get_year (&date) <= 2036)
    {
      g_assert_cmpint (ods_holidays_lookup (loaded, &date, NULL), ==,
                       ods_holidays_lookup (computed, &date, NULL));
      g_date_add_days (&date, 1);
    }
}

static void
test_names_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(OdsHolidays) holidays = ods_holidays_new ();
      const char *name = NULL;
      GDate date = day ("2026-04-26");

      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "vi", TRUE);
      ods_i18n_init ();

      ods_holidays_lookup (holidays, &date, &name);
      g_assert_cmpstr (name, ==, "Giỗ Tổ Hùng Vương");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/holidays/2026", test_2026);
  g_test_add_func ("/holidays/2027-weekends", test_2027_weekends);
  g_test_add_func ("/holidays/extra-file", test_extra_file);
  g_test_add_func ("/holidays/bad-files", test_bad_files);
  g_test_add_func ("/holidays/extra-from-data", test_extra_from_data);
  g_test_add_func ("/holidays/data-file-in-sync", test_data_file_in_sync);
  g_test_add_func ("/holidays/data-file-loads", test_data_file_loads);
  g_test_add_func ("/holidays/names-vietnamese", test_names_vietnamese);

  return g_test_run ();
}
