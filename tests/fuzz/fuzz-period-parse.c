/* Fuzz target: periods and ISO dates typed by users or found in files. */
#include "ods-period.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  OdsPeriod period;
  GDate date;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  if (ods_period_parse (text, &period, NULL))
    {
      g_autofree char *iso = ods_period_to_string (period);
      OdsPeriod back;

      g_assert_true (ods_period_parse (iso, &back, NULL));
      g_assert_cmpint (ods_period_compare (period, back), ==, 0);
    }
  if (ods_date_parse_iso (text, &date))
    {
      g_autofree char *iso = ods_date_format_iso (&date);

      g_assert_cmpstr (iso, ==, text);
    }
  return 0;
}
