/* ods-cli-time.h: the current instant for the CLI. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Now, or $OPENDATA_SUBMIT_NOW (an ISO 8601 instant with its zone) when set,
 * so that scripts and tests can ask "as of" a given moment. */
GDateTime *ods_cli_now (GError **error);

G_END_DECLS
