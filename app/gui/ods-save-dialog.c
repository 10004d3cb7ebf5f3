#define G_LOG_DOMAIN "ods-save-dialog"

#include "config.h"

#include "ods-save-dialog.h"
#include "ods-i18n.h"

/**
 * ods_save_dialog_new:
 * @widget: the widget whose window the dialog belongs to
 * @title: the dialog's title, e.g. “Export Errors to Excel”
 * @suggested_name: (nullable): the file name offered, e.g. “bao-cao-2026-Q3.xlsx”
 * @filter_name: what the files are, translated, e.g. “Excel workbooks”
 * @suffix: their suffix, e.g. “xlsx”
 *
 * A native save dialog (GtkFileChooserNative: the desktop portal in a
 * Flatpak, the Windows dialog on Windows), modal to @widget's window and
 * showing files of one kind. The caller connects to ::response and shows it.
 *
 * Returns: (transfer full): the dialog
 */
GtkFileChooserNative *
ods_save_dialog_new (GtkWidget  *widget,
                     const char *title,
                     const char *suggested_name,
                     const char *filter_name,
                     const char *suffix)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  return dialog;
}
