/* Fuzz target: an administrator's holiday file. */
#include "ods-holidays.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OdsHolidays) holidays = ods_holidays_new ();
  GDate date;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  ods_holidays_load_extra_from_data (holidays, (const char *) data, (gssize) size, "fuzz", NULL);

  /* Whatever loaded, lookups stay sane. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, 10, 2026);
  ods_holidays_is_working_day (holidays, &date);
  ods_holidays_lookup (holidays, &date, NULL);
  return 0;
}
