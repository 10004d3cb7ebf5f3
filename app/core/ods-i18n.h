/* ods-i18n.h: gettext for the core, the CLI and the GUI.
 *
 * Uses the dgettext() flavour of _() so that the static libraries translate
 * with the application's domain even when linked into a test binary.
 */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

void  ods_i18n_init        (void);

/* Sizes for people, in the officer's language: "232 byte" in Vietnamese,
 * "232 bytes" in English, "1.2 MB" from 1000 bytes on. The long form adds
 * the exact count: "1.2 MB (1234567 bytes)". */
char *ods_format_size      (guint64 bytes);
char *ods_format_size_long (guint64 bytes);

G_END_DECLS
