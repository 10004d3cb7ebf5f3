#define G_LOG_DOMAIN "ods-clock"

#include "ods-clock.h"
#include "ods-i18n.h"

#include <gio/gio.h>

GDateTime *
ods_clock_now (GError **error)
{
  const char *fixed = g_getenv ("OPENDATA_SUBMIT_NOW");
  GDateTime *now;

  if (fixed == NULL || *fixed == '\0')
    return g_date_time_new_now_utc ();

  now = g_date_time_new_from_iso8601 (fixed, NULL);
  if (now == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                 /* TRANSLATORS: %s is the value of an environment variable */
                 _("OPENDATA_SUBMIT_NOW is “%s”, not a date and time. Write it like "
                   "2026-10-16T09:00:00+07:00, or unset it."),
                 fixed);
  return now;
}
