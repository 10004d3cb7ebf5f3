#define G_LOG_DOMAIN "ods-cli-time"

#include "ods-cli-time.h"
#include "ods-clock.h"

/* The rule lives in the core (ods-clock.c), shared with the window. */
GDateTime *
ods_cli_now (GError **error)
{
  return ods_clock_now (error);
}
