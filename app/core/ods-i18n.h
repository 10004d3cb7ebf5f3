/* ods-i18n.h: gettext for the core, the CLI and the GUI.
 *
 * Uses the dgettext() flavour of _() so that the static libraries translate
 * with the application's domain even when linked into a test binary.
 */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

void ods_i18n_init (void);

G_END_DECLS
