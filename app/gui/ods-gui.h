/* ods-gui.h: entry point of the desktop application. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      ods_gui_run            (int         argc,
                                 char      **argv);
gboolean ods_gui_apply_language (const char *language);

G_END_DECLS
