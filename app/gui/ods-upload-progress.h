/* ods-upload-progress.h: the upload step: bytes sent, rate, time left,
 * automatic retries shown as such, and Cancel.
 *
 * The upload itself runs in the core; its progress callbacks call
 * ods_upload_progress_update() and ods_upload_progress_set_retry(), and the
 * Cancel button emits ::cancel-requested.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_UPLOAD_PROGRESS (ods_upload_progress_get_type ())

G_DECLARE_FINAL_TYPE (OdsUploadProgress, ods_upload_progress, ODS, UPLOAD_PROGRESS, GtkWidget)

GtkWidget *ods_upload_progress_new           (void);
void       ods_upload_progress_set_file_name (OdsUploadProgress *self,
                                              const char        *display_name);
void       ods_upload_progress_update        (OdsUploadProgress *self,
                                              guint64            sent,
                                              guint64            total,
                                              double             bytes_per_second);
void       ods_upload_progress_set_retry     (OdsUploadProgress *self,
                                              guint              attempt,
                                              guint              max_attempts,
                                              guint              seconds);
char      *ods_format_time_left              (guint64            seconds);

G_END_DECLS
