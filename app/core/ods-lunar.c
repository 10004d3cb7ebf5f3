#define G_LOG_DOMAIN "ods-lunar"

#include "ods-lunar.h"

#include <math.h>

/*
 * Day numbers below are Julian Day Numbers (JDN): GDate's Julian day (1 = 1
 * January of year 1) plus JDN_OFFSET. Moments are Julian Dates in UTC.
 *
 * Month numbering: months are counted from "month 11", the lunar month that
 * contains the winter solstice; a lunar year whose month 11 is 13 months after
 * the previous one has a leap month, the first month without a major solar
 * term (the sun does not enter a new 30° sign during it).
 */

#define JDN_OFFSET 1721425
#define SYNODIC_MONTH 29.530588853
/* Julian Date of the mean new moon of 1 January 1900, number 0 below. */
#define NEW_MOON_EPOCH 2415021.076998695

static double
deg_sin (double degrees)
{
  return sin (degrees * G_PI / 180.0);
}

/* Julian Date (UTC) of new moon number @k after the one of January 1900 (Meeus, ch. 49,
 * shortened series; accurate to a few minutes, enough for day boundaries). */
static double
new_moon_moment (int k)
{
  double t = k / 1236.85;
  double t2 = t * t;
  double t3 = t2 * t;
  double jd, m, mprime, f, c, delta_t;

  jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * deg_sin (166.56 + 132.87 * t - 0.009173 * t2);

  m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;          /* sun's anomaly */
  mprime = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;  /* moon's anomaly */
  f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;        /* moon's latitude */

  c = (0.1734 - 0.000393 * t) * deg_sin (m)
      + 0.0021 * deg_sin (2 * m)
      - 0.4068 * deg_sin (mprime)
      + 0.0161 * deg_sin (2 * mprime)
      - 0.0004 * deg_sin (3 * mprime)
      + 0.0104 * deg_sin (2 * f)
      - 0.0051 * deg_sin (m + mprime)
      - 0.0074 * deg_sin (m - mprime)
      + 0.0004 * deg_sin (2 * f + m)
      - 0.0004 * deg_sin (2 * f - m)
      - 0.0006 * deg_sin (2 * f + mprime)
      + 0.0010 * deg_sin (2 * f - mprime)
      + 0.0005 * deg_sin (m + 2 * mprime);

  /* Difference between dynamical time and universal time, in days. */
  if (t < -11)
    delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  else
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;

  return jd + c - delta_t;
}

/* Apparent longitude of the sun, in radians in [0, 2π), at Julian Date @jd. */
static double
sun_longitude (double jd)
{
  double t = (jd - 2451545.0) / 36525.0;  /* centuries since J2000 */
  double t2 = t * t;
  double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * deg_sin (m)
              + (0.019993 - 0.000101 * t) * deg_sin (2 * m)
              + 0.000290 * deg_sin (3 * m);
  double l = (l0 + dl) * G_PI / 180.0;

  l -= 2 * G_PI * floor (l / (2 * G_PI));
  return l;
}

/* Day number, in the given time zone, of new moon @k. */
static int
new_moon_day (int    k,
              double tz)
{
  return (int) floor (new_moon_moment (k) + 0.5 + tz / 24.0);
}

/* The 30° sign (0–11) the sun is in at the start of local day @jdn. */
static int
sun_sign (int    jdn,
          double tz)
{
  return (int) floor (sun_longitude (jdn - 0.5 - tz / 24.0) / G_PI * 6.0);
}

static int
jdn_from_ymd (int year,
              int month,
              int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return (int) g_date_get_julian (&date) + JDN_OFFSET;
}

/* First day of lunar month 11 (the one containing the winter solstice) of solar @year. */
static int
month11_start (int    year,
               double tz)
{
  int off = jdn_from_ymd (year, 12, 31) - 2415021;
  int k = (int) floor (off / SYNODIC_MONTH);
  int nm = new_moon_day (k, tz);

  /* The sun past 270° at that new moon: the solstice month began one moon earlier. */
  if (sun_sign (nm, tz) >= 9)
    nm = new_moon_day (k - 1, tz);
  return nm;
}

/* Counted from month 11 starting at @a11 (a year with 13 months), the offset of
 * the leap month: the first month whose major term equals the previous one's. */
static int
leap_month_offset (int    a11,
                   double tz)
{
  int k = (int) floor ((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  int i = 1;
  int arc = sun_sign (new_moon_day (k + 1, tz), tz);
  int last;

  do
    {
      last = arc;
      i++;
      arc = sun_sign (new_moon_day (k + i, tz), tz);
    }
  while (arc != last && i < 14);

  return i - 1;
}

static gboolean
year_in_range (int year)
{
  return year >= ODS_LUNAR_MIN_YEAR && year <= ODS_LUNAR_MAX_YEAR;
}

/**
 * ods_lunar_from_solar_tz:
 * @solar: a valid date
 * @tz_hours: the time zone the calendar is computed for
 * @lunar: (out): the lunar date
 *
 * Returns: %FALSE when @solar is outside the supported years.
 */
gboolean
ods_lunar_from_solar_tz (const GDate  *solar,
                         double        tz_hours,
                         OdsLunarDate *lunar)
{
  int jdn, k, month_start, a11, b11, lunar_year, diff, month;
  int year;
  gboolean leap = FALSE;

  g_return_val_if_fail (solar != NULL && g_date_valid (solar), FALSE);
  g_return_val_if_fail (lunar != NULL, FALSE);

  year = g_date_get_year (solar);
  if (!year_in_range (year))
    return FALSE;

  jdn = (int) g_date_get_julian (solar) + JDN_OFFSET;
  k = (int) floor ((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  month_start = new_moon_day (k + 1, tz_hours);
  if (month_start > jdn)
    month_start = new_moon_day (k, tz_hours);

  a11 = month11_start (year, tz_hours);
  b11 = a11;
  if (a11 >= month_start)
    {
      lunar_year = year;
      a11 = month11_start (year - 1, tz_hours);
    }
  else
    {
      lunar_year = year + 1;
      b11 = month11_start (year + 1, tz_hours);
    }

  diff = (int) floor ((month_start - a11) / 29.0);
  month = diff + 11;
  if (b11 - a11 > 365)
    {
      int leap_diff = leap_month_offset (a11, tz_hours);

      if (diff >= leap_diff)
        {
          month = diff + 10;
          leap = (diff == leap_diff);
        }
    }
  if (month > 12)
    month -= 12;
  if (month >= 11 && diff < 4)
    lunar_year -= 1;

  lunar->day = jdn - month_start + 1;
  lunar->month = month;
  lunar->year = lunar_year;
  lunar->leap = leap;
  return TRUE;
}

/**
 * ods_lunar_to_solar_tz:
 * @lunar: a lunar date
 * @tz_hours: the time zone the calendar is computed for
 * @solar: (out): the solar date
 *
 * Returns: %FALSE when @lunar does not exist (a leap month the year does not
 * have, day 30 of a 29-day month) or is outside the supported years.
 */
gboolean
ods_lunar_to_solar_tz (const OdsLunarDate *lunar,
                       double              tz_hours,
                       GDate              *solar)
{
  int a11, b11, k, off, month_start, next_start;

  g_return_val_if_fail (lunar != NULL, FALSE);
  g_return_val_if_fail (solar != NULL, FALSE);

  if (lunar->month < 1 || lunar->month > 12 || lunar->day < 1 || lunar->day > 30)
    return FALSE;
  if (!year_in_range (lunar->year - 1) || !year_in_range (lunar->year + 1))
    return FALSE;

  if (lunar->month < 11)
    {
      a11 = month11_start (lunar->year - 1, tz_hours);
      b11 = month11_start (lunar->year, tz_hours);
    }
  else
    {
      a11 = month11_start (lunar->year, tz_hours);
      b11 = month11_start (lunar->year + 1, tz_hours);
    }

  k = (int) floor (0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  off = lunar->month - 11;
  if (off < 0)
    off += 12;

  if (b11 - a11 > 365)
    {
      int leap_off = leap_month_offset (a11, tz_hours);
      int leap_month = leap_off - 2;

      if (leap_month <= 0)
        leap_month += 12;
      if (lunar->leap && lunar->month != leap_month)
        return FALSE;
      if (lunar->leap || off >= leap_off)
        off += 1;
    }
  else if (lunar->leap)
    {
      return FALSE;
    }

  month_start = new_moon_day (k + off, tz_hours);
  next_start = new_moon_day (k + off + 1, tz_hours);
  if (lunar->day > next_start - month_start)
    return FALSE;

  g_date_clear (solar, 1);
  g_date_set_julian (solar, (guint32) (month_start + lunar->day - 1 - JDN_OFFSET));
  return TRUE;
}

gboolean
ods_lunar_from_solar (const GDate  *solar,
                      OdsLunarDate *lunar)
{
  return ods_lunar_from_solar_tz (solar, ODS_LUNAR_VIETNAM_TZ, lunar);
}

gboolean
ods_lunar_to_solar (const OdsLunarDate *lunar,
                    GDate              *solar)
{
  return ods_lunar_to_solar_tz (lunar, ODS_LUNAR_VIETNAM_TZ, solar);
}

/* The leap month (1–12) between month 11 of solar @y and month 11 of @y + 1, or 0. */
static int
leap_month_after (int y)
{
  int a11 = month11_start (y, ODS_LUNAR_VIETNAM_TZ);
  int b11 = month11_start (y + 1, ODS_LUNAR_VIETNAM_TZ);
  int leap_month;

  if (b11 - a11 <= 365)
    return 0;
  leap_month = leap_month_offset (a11, ODS_LUNAR_VIETNAM_TZ) - 2;
  if (leap_month <= 0)
    leap_month += 12;
  return leap_month;
}

int
ods_lunar_leap_month (int year)
{
  int leap;

  if (!year_in_range (year - 1) || !year_in_range (year + 1))
    return 0;

  /* Months 1–10 of lunar @year lie between the solstice months of year - 1
   * and year; its months 11 and 12 after the solstice month of year. */
  leap = leap_month_after (year - 1);
  if (leap >= 1 && leap <= 10)
    return leap;
  leap = leap_month_after (year);
  if (leap >= 11)
    return leap;
  return 0;
}

gboolean
ods_lunar_new_year (int    year,
                    GDate *solar)
{
  OdsLunarDate tet = { 1, 1, year, FALSE };

  return ods_lunar_to_solar (&tet, solar);
}
