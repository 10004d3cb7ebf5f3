/* ods-multipart-stream.h: a multipart/form-data body read from disk as it is sent.
 *
 * The prefix (every text field and the file part's headers), the file and the
 * closing boundary are read one after the other, so memory stays flat in the
 * file size; the exact Content-Length is known before sending.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ODS_TYPE_MULTIPART_STREAM (ods_multipart_stream_get_type ())
G_DECLARE_FINAL_TYPE (OdsMultipartStream, ods_multipart_stream, ODS, MULTIPART_STREAM, GInputStream)

/* Called on the main thread (the thread-default main context of the caller of
 * ods_multipart_stream_attach ()) with the bytes of this attempt handed to the
 * connection so far. When libsoup sends from a worker thread, the figure is
 * passed to the main thread at most every 50 ms, always the first and the
 * last one of each attempt. */
typedef void (*OdsProgressFunc) (guint64  done,
                                 guint64  total,
                                 gpointer user_data);

/* @fields: NULL-terminated name, value, name, value… (may be %NULL).
 * @file_field: the file part's field name ("upload"); @filename defaults to
 * @file's basename; @file_content_type defaults to application/octet-stream.
 * The file's size is read now: if it changes while sending, reading fails. */
OdsMultipartStream *ods_multipart_stream_new          (const char * const *fields,
                                                       const char         *file_field,
                                                       GFile              *file,
                                                       const char         *filename,
                                                       const char         *file_content_type,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
/* A new stream at offset 0 with the same parts and boundary. */
OdsMultipartStream *ods_multipart_stream_reopen       (OdsMultipartStream *self);
/* Exact number of bytes of the whole body. */
goffset             ods_multipart_stream_get_length   (OdsMultipartStream *self);
goffset             ods_multipart_stream_get_file_size (OdsMultipartStream *self);
/* "multipart/form-data; boundary=…" */
const char         *ods_multipart_stream_get_content_type (OdsMultipartStream *self);

/* Sets the body of @msg to this stream with its exact length, sets it again
 * (from a reopened stream) when libsoup restarts the message, and reports
 * progress as libsoup reads the body. @msg may be sent from any thread. */
void                ods_multipart_stream_attach       (OdsMultipartStream *self,
                                                       SoupMessage        *msg,
                                                       OdsProgressFunc     progress,
                                                       gpointer            user_data);

G_END_DECLS
