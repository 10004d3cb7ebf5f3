/* ods-file-picker.h: the "choose the file" step: a native file chooser or
 * drag and drop, for the table files the validator reads.
 *
 * Emits ::file-chosen with the GFile once a file of an accepted type is
 * picked; shows the file's name and size, or an error for another type.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_FILE_PICKER (ods_file_picker_get_type ())

G_DECLARE_FINAL_TYPE (OdsFilePicker, ods_file_picker, ODS, FILE_PICKER, GtkWidget)

GtkWidget *ods_file_picker_new        (void);
GFile     *ods_file_picker_get_file   (OdsFilePicker *self);
gboolean   ods_file_picker_set_file   (OdsFilePicker *self,
                                       GFile         *file);
void       ods_file_picker_clear      (OdsFilePicker *self);
gboolean   ods_file_picker_is_accepted (const char   *basename);

G_END_DECLS
