/* ods-save-dialog.h: the save dialog of every export (reports, errors, receipt). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkFileChooserNative *ods_save_dialog_new (GtkWidget  *widget,
                                           const char *title,
                                           const char *suggested_name,
                                           const char *filter_name,
                                           const char *suffix);

G_END_DECLS
