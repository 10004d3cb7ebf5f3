/* ods-period.h: reporting periods (quarters such as 2026-Q3) in Vietnam's time.
 *
 * A period is a plain value, passed by value. Calendar days are those of
 * Asia/Ho_Chi_Minh whatever the machine's time zone; instants (GDateTime) are
 * returned in UTC.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODS_PERIOD_ERROR (ods_period_error_quark ())

typedef enum
{
  ODS_PERIOD_ERROR_INVALID,
} OdsPeriodError;

GQuark ods_period_error_quark (void);

/**
 * OdsPeriod:
 * @year: 1900–9999
 * @quarter: 1–4
 */
typedef struct
{
  int year;
  int quarter;
} OdsPeriod;

#define ODS_PERIOD_MIN_YEAR 1900
#define ODS_PERIOD_MAX_YEAR 9998

/* Vietnam's time zone: Asia/Ho_Chi_Minh, or a fixed +07:00 when tzdata is missing.
 * The returned zone is shared; do not unref it. */
GTimeZone  *ods_period_get_timezone      (void);

/* Today's date in Vietnam at @instant (any zone). */
void        ods_period_local_date        (GDateTime    *instant,
                                          GDate        *date);
/* 00:00 in Vietnam on @date, as a UTC instant. */
GDateTime  *ods_period_local_midnight    (const GDate  *date);

gboolean    ods_period_is_valid          (OdsPeriod     period);
/* Accepts exactly "YYYY-QN" (ISO-like, N 1–4); surrounding blanks are ignored. */
gboolean    ods_period_parse             (const char   *text,
                                          OdsPeriod    *period,
                                          GError      **error);
/* "2026-Q3": the form used in files, on the command line and in JSON. */
char       *ods_period_to_string         (OdsPeriod     period);
/* "Quý 3/2026" in Vietnamese, "Q3 2026" in English. */
char       *ods_period_to_display        (OdsPeriod     period);

OdsPeriod   ods_period_next              (OdsPeriod     period);
OdsPeriod   ods_period_prev              (OdsPeriod     period);
int         ods_period_compare           (OdsPeriod     a,
                                          OdsPeriod     b);

/* The quarter that @date falls in. */
OdsPeriod   ods_period_for_date          (const GDate  *date);
/* The quarter that is in progress in Vietnam at @instant. */
OdsPeriod   ods_period_current           (GDateTime    *instant);
/* The period whose data is being collected at @instant: the quarter that
 * ended most recently in Vietnam, i.e. the one whose submission window
 * (see ods_period_get_window_start()) contains @instant. */
OdsPeriod   ods_period_due_at            (GDateTime    *instant);

/* First and last calendar day of the quarter. */
void        ods_period_get_first_day     (OdsPeriod     period,
                                          GDate        *date);
void        ods_period_get_last_day      (OdsPeriod     period,
                                          GDate        *date);

/* The quarter itself, [start, end), as UTC instants of Vietnamese midnights. */
GDateTime  *ods_period_get_start         (OdsPeriod     period);
GDateTime  *ods_period_get_end           (OdsPeriod     period);

/* The submission window, [start, end) in UTC: the whole next quarter, from
 * 00:00 on its first day in Vietnam to 00:00 on the first day of the quarter
 * after. An upload in the window counts for @period (on time up to the
 * deadline, late after); an upload before it belongs to an earlier period. */
GDateTime  *ods_period_get_window_start  (OdsPeriod     period);
GDateTime  *ods_period_get_window_end    (OdsPeriod     period);

/* Helpers for showing dates the Vietnamese way. */
/* "16/10/2026" */
char       *ods_date_format_dmy          (const GDate  *date);
/* "2026-10-16" */
char       *ods_date_format_iso          (const GDate  *date);
/* Translated weekday name ("Thứ Sáu" / "Friday"). */
const char *ods_date_weekday_name        (const GDate  *date);
/* Parses "YYYY-MM-DD"; %FALSE if it is not a real date. */
gboolean    ods_date_parse_iso           (const char   *text,
                                          GDate        *date);

G_END_DECLS
