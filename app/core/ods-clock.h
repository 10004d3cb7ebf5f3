/* ods-clock.h: the current instant, as the CLI and the window both see it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Now, or $OPENDATA_SUBMIT_NOW (an ISO 8601 instant with its zone) when set,
 * so that scripts, tests and screenshots can ask "as of" a given moment.
 * %NULL with @error when the variable is not a date and time. */
GDateTime *ods_clock_now (GError **error);

G_END_DECLS
