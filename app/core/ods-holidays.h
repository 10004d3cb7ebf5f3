/* ods-holidays.h: Vietnam's public holidays and working days.
 *
 * The statutory holidays (Labour Code 2019, art. 112(1)) are computed from the
 * lunar calendar; a holiday falling on the weekly rest day (Saturday or Sunday
 * for state agencies) gives the next working day off (art. 111(3)). The shipped
 * data file (data/holidays/) holds the same for 2025–2035, and an
 * administrator's file adds the days off and make-up working days the
 * government announces each year. See docs/deadlines-and-history.md.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODS_HOLIDAYS_ERROR (ods_holidays_error_quark ())

typedef enum
{
  ODS_HOLIDAYS_ERROR_READ,     /* the file cannot be read */
  ODS_HOLIDAYS_ERROR_INVALID,  /* not the expected JSON */
} OdsHolidaysError;

GQuark ods_holidays_error_quark (void);

typedef enum
{
  ODS_HOLIDAY_NONE,
  ODS_HOLIDAY_NEW_YEAR,        /* 1/1 */
  ODS_HOLIDAY_TET,             /* last day of the lunar year and days 1–4 */
  ODS_HOLIDAY_HUNG_KINGS,      /* 10/3 lunar */
  ODS_HOLIDAY_VICTORY,         /* 30/4 */
  ODS_HOLIDAY_LABOUR,          /* 1/5 */
  ODS_HOLIDAY_NATIONAL,        /* 2/9 and a day next to it */
  ODS_HOLIDAY_COMPENSATION,    /* in lieu of a holiday on a weekend */
  ODS_HOLIDAY_ANNOUNCED,       /* announced by the government or the province */
} OdsHolidayKind;

/* The name of the shipped data file, under PKGDATADIR/holidays/. */
#define ODS_HOLIDAYS_DATA_FILE "vn-holidays-2025-2035.json"
#define ODS_HOLIDAYS_DATA_FIRST_YEAR 2025
#define ODS_HOLIDAYS_DATA_LAST_YEAR 2035

typedef struct _OdsHolidays OdsHolidays;

/* Computed from the law alone, without any file. */
OdsHolidays    *ods_holidays_new                 (void);
/* The shipped data file, then the administrator's file: @extra_path if not
 * %NULL, else $OPENDATA_SUBMIT_HOLIDAYS if set. Fails only on a bad admin file. */
OdsHolidays    *ods_holidays_new_default         (const char   *extra_path,
                                                  GError      **error);
OdsHolidays    *ods_holidays_ref                 (OdsHolidays  *self);
void            ods_holidays_unref               (OdsHolidays  *self);

/* Replaces the computed days of the years the file covers (its first_year–last_year). */
gboolean        ods_holidays_load_data           (OdsHolidays  *self,
                                                  const char   *path,
                                                  GError      **error);
/* Adds an administrator's days off and make-up working days. */
gboolean        ods_holidays_load_extra          (OdsHolidays  *self,
                                                  const char   *path,
                                                  GError      **error);
/* The same from memory; @source_name names it in error messages. On error
 * nothing is added. */
gboolean        ods_holidays_load_extra_from_data (OdsHolidays *self,
                                                  const char   *data,
                                                  gssize        length,
                                                  const char   *source_name,
                                                  GError      **error);

/* Thread-safe once loaded. */
gboolean        ods_holidays_is_working_day      (OdsHolidays  *self,
                                                  const GDate  *date);
/* The holiday on @date, or %ODS_HOLIDAY_NONE (also for a plain weekend or a
 * make-up working day). @name: (out) (optional): its translated name, valid
 * until @self is freed or another file is loaded into it. */
OdsHolidayKind  ods_holidays_lookup              (OdsHolidays  *self,
                                                  const GDate  *date,
                                                  const char  **name);

const char     *ods_holiday_kind_to_string       (OdsHolidayKind kind);
const char     *ods_holiday_kind_get_display_name (OdsHolidayKind kind);

/* The data file's JSON for the computed calendar of those years (the generator). */
char           *ods_holidays_generate_json       (int           first_year,
                                                  int           last_year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsHolidays, ods_holidays_unref)

G_END_DECLS
