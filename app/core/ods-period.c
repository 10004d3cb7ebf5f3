#define G_LOG_DOMAIN "ods-period"

#include "ods-period.h"
#include "ods-i18n.h"

#include <string.h>

G_DEFINE_QUARK (ods-period-error-quark, ods_period_error)

GTimeZone *
ods_period_get_timezone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Asia/Ho_Chi_Minh");

      /* Vietnam has kept UTC+7 without daylight saving since 1975. */
      if (tz == NULL)
        {
          g_debug ("No tzdata for Asia/Ho_Chi_Minh; using a fixed +07:00");
          tz = g_time_zone_new_offset (7 * 3600);
        }
      g_once_init_leave (&zone, tz);
    }
  return zone;
}

void
ods_period_local_date (GDateTime *instant,
                       GDate     *date)
{
  g_autoptr(GDateTime) local = NULL;
  int y, m, d;

  g_return_if_fail (instant != NULL);
  g_return_if_fail (date != NULL);

  local = g_date_time_to_timezone (instant, ods_period_get_timezone ());
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
}

GDateTime *
ods_period_local_midnight (const GDate *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  local = g_date_time_new (ods_period_get_timezone (), g_date_get_year (date),
                           g_date_get_month (date), g_date_get_day (date), 0, 0, 0);
  return g_date_time_to_utc (local);
}

gboolean
ods_period_is_valid (OdsPeriod period)
{
  return period.year >= ODS_PERIOD_MIN_YEAR && period.year <= ODS_PERIOD_MAX_YEAR &&
         period.quarter >= 1 && period.quarter <= 4;
}

gboolean
ods_period_parse (const char  *text,
                  OdsPeriod   *period,
                  GError     **error)
{
  g_autofree char *copy = NULL;
  const char *s;
  int year;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (period != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  s = copy;

  if (strlen (s) == 7 &&
      g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
      g_ascii_isdigit (s[2]) && g_ascii_isdigit (s[3]) &&
      s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4')
    {
      year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      if (year >= ODS_PERIOD_MIN_YEAR && year <= ODS_PERIOD_MAX_YEAR)
        {
          period->year = year;
          period->quarter = s[6] - '0';
          return TRUE;
        }
    }

  g_set_error (error, ODS_PERIOD_ERROR, ODS_PERIOD_ERROR_INVALID,
               /* TRANSLATORS: %s is what the user typed; keep "2026-Q3" as it is */
               _("“%s” is not a reporting period. Write the year, a dash, Q and the quarter "
                 "number 1 to 4, for example 2026-Q3."),
               text);
  return FALSE;
}

char *
ods_period_to_string (OdsPeriod period)
{
  g_return_val_if_fail (ods_period_is_valid (period), NULL);

  return g_strdup_printf ("%04d-Q%d", period.year, period.quarter);
}

char *
ods_period_to_display (OdsPeriod period)
{
  g_return_val_if_fail (ods_period_is_valid (period), NULL);

  /* TRANSLATORS: a quarter of a year shown to the user: %1$d is the quarter
   * (1–4), %2$d the year. Vietnamese: "Quý %1$d/%2$d" */
  return g_strdup_printf (_("Q%1$d %2$d"), period.quarter, period.year);
}

OdsPeriod
ods_period_next (OdsPeriod period)
{
  OdsPeriod next = period;

  if (++next.quarter > 4)
    {
      next.quarter = 1;
      next.year++;
    }
  return next;
}

OdsPeriod
ods_period_prev (OdsPeriod period)
{
  OdsPeriod prev = period;

  if (--prev.quarter < 1)
    {
      prev.quarter = 4;
      prev.year--;
    }
  return prev;
}

int
ods_period_compare (OdsPeriod a,
                    OdsPeriod b)
{
  if (a.year != b.year)
    return a.year < b.year ? -1 : 1;
  if (a.quarter != b.quarter)
    return a.quarter < b.quarter ? -1 : 1;
  return 0;
}

OdsPeriod
ods_period_for_date (const GDate *date)
{
  OdsPeriod period = { 0, 0 };

  g_return_val_if_fail (date != NULL && g_date_valid (date), period);

  period.year = g_date_get_year (date);
  period.quarter = (g_date_get_month (date) - 1) / 3 + 1;
  return period;
}

OdsPeriod
ods_period_current (GDateTime *instant)
{
  GDate today;

  ods_period_local_date (instant, &today);
  return ods_period_for_date (&today);
}

OdsPeriod
ods_period_due_at (GDateTime *instant)
{
  return ods_period_prev (ods_period_current (instant));
}

void
ods_period_get_first_day (OdsPeriod  period,
                          GDate     *date)
{
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, (period.quarter - 1) * 3 + 1, period.year);
}

void
ods_period_get_last_day (OdsPeriod  period,
                         GDate     *date)
{
  ods_period_get_first_day (ods_period_next (period), date);
  g_date_subtract_days (date, 1);
}

GDateTime *
ods_period_get_start (OdsPeriod period)
{
  GDate first;

  g_return_val_if_fail (ods_period_is_valid (period), NULL);

  ods_period_get_first_day (period, &first);
  return ods_period_local_midnight (&first);
}

GDateTime *
ods_period_get_end (OdsPeriod period)
{
  return ods_period_get_start (ods_period_next (period));
}

GDateTime *
ods_period_get_window_start (OdsPeriod period)
{
  return ods_period_get_start (ods_period_next (period));
}

GDateTime *
ods_period_get_window_end (OdsPeriod period)
{
  return ods_period_get_end (ods_period_next (period));
}

char *
ods_date_format_dmy (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (date),
                          g_date_get_month (date), g_date_get_year (date));
}

char *
ods_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

const char *
ods_date_weekday_name (const GDate *date)
{
  static const char *names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  g_return_val_if_fail (date != NULL && g_date_valid (date), "");

  return _(names[g_date_get_weekday (date) - 1]);
}

gboolean
ods_date_parse_iso (const char *text,
                    GDate      *date)
{
  int y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (int) g_ascii_strtoll (text, NULL, 10);
  m = (int) g_ascii_strtoll (text + 5, NULL, 10);
  d = (int) g_ascii_strtoll (text + 8, NULL, 10);
  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}
