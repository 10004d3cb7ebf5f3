/* ods-lunar.h: the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
 *
 * The months start on the day of the astronomical new moon and the leap month
 * is the first month without a major solar term, as in the Chinese calendar,
 * but the days are counted in Vietnamese time (UTC+7), so the two calendars
 * differ when a new moon falls between 16:00 and 17:00 UTC (Tết 1985 is a
 * month apart; Tết 2007 a day apart). The astronomy follows Hồ Ngọc Đức's
 * published method (new moons and sun longitude after Jean Meeus).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Vietnam's time zone, in hours east of UTC, the one the calendar is computed for. */
#define ODS_LUNAR_VIETNAM_TZ 7.0

/**
 * OdsLunarDate:
 * @day: 1–30
 * @month: 1–12
 * @year: the lunar year, numbered like the solar year in which it starts
 * @leap: %TRUE in a leap (nhuận) month, which repeats @month
 */
typedef struct
{
  int      day;
  int      month;
  int      year;
  gboolean leap;
} OdsLunarDate;

/* Valid solar range for the conversions (the astronomy is good well beyond). */
#define ODS_LUNAR_MIN_YEAR 1900
#define ODS_LUNAR_MAX_YEAR 2199

gboolean ods_lunar_from_solar    (const GDate        *solar,
                                  OdsLunarDate       *lunar);
gboolean ods_lunar_to_solar      (const OdsLunarDate *lunar,
                                  GDate              *solar);

/* The same computed for another time zone: 8.0 gives the Chinese calendar. */
gboolean ods_lunar_from_solar_tz (const GDate        *solar,
                                  double              tz_hours,
                                  OdsLunarDate       *lunar);
gboolean ods_lunar_to_solar_tz   (const OdsLunarDate *lunar,
                                  double              tz_hours,
                                  GDate              *solar);

/* The leap month (1–12) of lunar @year, or 0 when the year has none. */
int      ods_lunar_leap_month    (int                 year);

/* Tết Nguyên Đán: the first day of lunar @year, in the solar calendar. */
gboolean ods_lunar_new_year      (int                 year,
                                  GDate              *solar);

G_END_DECLS
