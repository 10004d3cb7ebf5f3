#include "ods-lunar.h"

static void
assert_date (const GDate *date,
             int          day,
             int          month,
             int          year)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_day (date), ==, day);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_year (date), ==, year);
}

/* Tết Nguyên Đán as printed in Vietnamese calendars (lịch vạn niên). 2030 is
 * 02/02 in Vietnam, not 03/02 as in China: see test_differs_from_chinese(). */
static void
test_tet_2020_2035 (void)
{
  static const struct { int year, day, month; } tet[] = {
    { 2020, 25, 1 }, { 2021, 12, 2 }, { 2022, 1, 2 }, { 2023, 22, 1 },
    { 2024, 10, 2 }, { 2025, 29, 1 }, { 2026, 17, 2 }, { 2027, 6, 2 },
    { 2028, 26, 1 }, { 2029, 13, 2 }, { 2030, 2, 2 }, { 2031, 23, 1 },
    { 2032, 11, 2 }, { 2033, 31, 1 }, { 2034, 19, 2 }, { 2035, 8, 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tet); i++)
    {
      GDate date;
      OdsLunarDate lunar;

      g_assert_true (ods_lunar_new_year (tet[i].year, &date));
      assert_date (&date, tet[i].day, tet[i].month, tet[i].year);

      /* And back: the day is 1/1, the day before is the last of month 12. */
      g_assert_true (ods_lunar_from_solar (&date, &lunar));
      g_assert_cmpint (lunar.day, ==, 1);
      g_assert_cmpint (lunar.month, ==, 1);
      g_assert_cmpint (lunar.year, ==, tet[i].year);
      g_assert_false (lunar.leap);
      g_date_subtract_days (&date, 1);
      g_assert_true (ods_lunar_from_solar (&date, &lunar));
      g_assert_cmpint (lunar.month, ==, 12);
      g_assert_cmpint (lunar.year, ==, tet[i].year - 1);
      g_assert_cmpint (lunar.day, >=, 29);
    }
}

/* Giỗ Tổ Hùng Vương, 10/3 lunar, as announced for the public holiday. */
static void
test_hung_kings (void)
{
  static const struct { int year, day, month; } hung[] = {
    { 2023, 29, 4 }, { 2024, 18, 4 }, { 2025, 7, 4 }, { 2026, 26, 4 }, { 2027, 16, 4 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (hung); i++)
    {
      OdsLunarDate lunar = { 10, 3, hung[i].year, FALSE };
      GDate date;

      g_assert_true (ods_lunar_to_solar (&lunar, &date));
      assert_date (&date, hung[i].day, hung[i].month, hung[i].year);
    }
}

/* The calendars differ when a new moon falls between 00:00 and 01:00 in
 * China (UTC+8), which is still the previous day in Vietnam. */
static void
test_differs_from_chinese (void)
{
  GDate vn, cn;
  OdsLunarDate tet_1985 = { 1, 1, 1985, FALSE };
  OdsLunarDate tet_2007 = { 1, 1, 2007, FALSE };

  /* 1985: Vietnam celebrated Tết on 21/01, China on 20/02. */
  g_assert_true (ods_lunar_to_solar (&tet_1985, &vn));
  g_assert_true (ods_lunar_to_solar_tz (&tet_1985, 8.0, &cn));
  assert_date (&vn, 21, 1, 1985);
  assert_date (&cn, 20, 2, 1985);

  /* 2007: 17/02 in Vietnam, 18/02 in China. */
  g_assert_true (ods_lunar_to_solar (&tet_2007, &vn));
  g_assert_true (ods_lunar_to_solar_tz (&tet_2007, 8.0, &cn));
  assert_date (&vn, 17, 2, 2007);
  assert_date (&cn, 18, 2, 2007);

  /* 2030: the new moon is on 2 February at 16:07 UTC, 23:07 in Hà Nội but
   * 00:07 on 3 February in Beijing. */
  tet_2007.year = 2030;
  g_assert_true (ods_lunar_to_solar (&tet_2007, &vn));
  g_assert_true (ods_lunar_to_solar_tz (&tet_2007, 8.0, &cn));
  assert_date (&vn, 2, 2, 2030);
  assert_date (&cn, 3, 2, 2030);
}

static void
test_leap_months (void)
{
  OdsLunarDate lunar;
  GDate date;

  /* 2020 had a leap 4th month, 2023 a leap 2nd, 2025 a leap 6th; 2024, 2026 none. */
  g_assert_cmpint (ods_lunar_leap_month (2020), ==, 4);
  g_assert_cmpint (ods_lunar_leap_month (2023), ==, 2);
  g_assert_cmpint (ods_lunar_leap_month (2025), ==, 6);
  g_assert_cmpint (ods_lunar_leap_month (2024), ==, 0);
  g_assert_cmpint (ods_lunar_leap_month (2026), ==, 0);

  /* 1/6 nhuận Ất Tỵ = 25/07/2025; 1/6 (normal) = 25/06/2025. */
  lunar = (OdsLunarDate) { 1, 6, 2025, TRUE };
  g_assert_true (ods_lunar_to_solar (&lunar, &date));
  assert_date (&date, 25, 7, 2025);
  lunar.leap = FALSE;
  g_assert_true (ods_lunar_to_solar (&lunar, &date));
  assert_date (&date, 25, 6, 2025);

  /* Quý Sửu 2033 has a leap 11th month, after the winter solstice, from 22/12/2033. */
  g_assert_cmpint (ods_lunar_leap_month (2033), ==, 11);
  g_assert_cmpint (ods_lunar_leap_month (2034), ==, 0);
  lunar = (OdsLunarDate) { 1, 11, 2033, TRUE };
  g_assert_true (ods_lunar_to_solar (&lunar, &date));
  assert_date (&date, 22, 12, 2033);
  g_assert_true (ods_lunar_from_solar (&date, &lunar));
  g_assert_true (lunar.leap);
  g_assert_cmpint (lunar.month, ==, 11);
  g_assert_cmpint (lunar.year, ==, 2033);

  /* A leap month the year does not have. */
  lunar = (OdsLunarDate) { 1, 5, 2025, TRUE };
  g_assert_false (ods_lunar_to_solar (&lunar, &date));
  lunar = (OdsLunarDate) { 1, 3, 2024, TRUE };
  g_assert_false (ods_lunar_to_solar (&lunar, &date));

  /* Solar → lunar inside the leap month. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 8, 2025);
  g_assert_true (ods_lunar_from_solar (&date, &lunar));
  g_assert_cmpint (lunar.day, ==, 8);
  g_assert_cmpint (lunar.month, ==, 6);
  g_assert_cmpint (lunar.year, ==, 2025);
  g_assert_true (lunar.leap);
}

/* Every day of 2000–2040 converts to lunar and back to itself. */
static void
test_round_trip (void)
{
  GDate date, back;
  OdsLunarDate lunar, prev = { 0 };

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2000);
  while (g_date_get_year (&date) <= 2040)
    {
      g_assert_true (ods_lunar_from_solar (&date, &lunar));
      g_assert_true (ods_lunar_to_solar (&lunar, &back));
      g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
      /* Days advance by one or restart at 1 after day 29 or 30. */
      if (prev.day != 0)
        g_assert_true (lunar.day == prev.day + 1 ||
                       (lunar.day == 1 && (prev.day == 29 || prev.day == 30)));
      prev = lunar;
      g_date_add_days (&date, 1);
    }
}

static void
test_invalid (void)
{
  OdsLunarDate lunar = { 30, 12, 2025, FALSE };
  GDate date;

  /* Month 12 of Ất Tỵ has 29 days (Tết 2026 is 17/02, it began on 19/01). */
  g_assert_false (ods_lunar_to_solar (&lunar, &date));
  lunar.day = 29;
  g_assert_true (ods_lunar_to_solar (&lunar, &date));
  assert_date (&date, 16, 2, 2026);

  lunar = (OdsLunarDate) { 1, 13, 2025, FALSE };
  g_assert_false (ods_lunar_to_solar (&lunar, &date));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lunar/tet-2020-2035", test_tet_2020_2035);
  g_test_add_func ("/lunar/hung-kings", test_hung_kings);
  g_test_add_func ("/lunar/differs-from-chinese", test_differs_from_chinese);
  g_test_add_func ("/lunar/leap-months", test_leap_months);
  g_test_add_func ("/lunar/round-trip", test_round_trip);
  g_test_add_func ("/lunar/invalid", test_invalid);

  return g_test_run ();
}
