#define G_LOG_DOMAIN "ods-multipart-stream"

#include "ods-multipart-stream.h"
#include "ods-i18n.h"

#include <string.h>

/* Shared, immutable after construction: what every reopened stream sends. */
typedef struct
{
  gatomicrefcount  ref_count;
  GBytes          *prefix;
  GBytes          *suffix;
  GFile           *file;
  goffset          file_size;
  char            *content_type;
} Parts;

typedef struct _Attachment Attachment;

struct _OdsMultipartStream
{
  GInputStream      parent_instance;
  Parts            *parts;
  guint             stage;       /* 0 prefix, 1 file, 2 suffix, 3 end */
  gsize             offset;      /* in the prefix or suffix */
  goffset           file_read;   /* bytes of the file handed out */
  GFileInputStream *file_in;
  guint8           *buf;         /* read-ahead: few large reads, many small hand-outs */
  gsize             buf_len;
  gsize             buf_pos;
  Attachment       *att;         /* counts what is handed out, for progress */
};

#define READ_AHEAD (64 * 1024)

static void ods_multipart_stream_pollable_init (GPollableInputStreamInterface *iface);
static void attachment_count (Attachment *att, gsize n);
static void attachment_unref (Attachment *att);

/* Pollable (always readable): libsoup then reads it on the main thread
 * instead of hopping to a worker thread for every small block, which keeps
 * uploads near the speed of the disk and the network. */
G_DEFINE_FINAL_TYPE_WITH_CODE (OdsMultipartStream, ods_multipart_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      ods_multipart_stream_pollable_init))

static Parts *
parts_ref (Parts *parts)
{
  g_atomic_ref_count_inc (&parts->ref_count);
  return parts;
}

static void
parts_unref (Parts *parts)
{
  if (!g_atomic_ref_count_dec (&parts->ref_count))
    return;
  g_bytes_unref (parts->prefix);
  g_bytes_unref (parts->suffix);
  g_object_unref (parts->file);
  g_free (parts->content_type);
  g_free (parts);
}

static gssize
read_parts (OdsMultipartStream  *self,
            void                *buffer,
            gsize                count,
            GCancellable        *cancellable,
            GError             **error)
{
  for (;;)
    {
      GBytes *bytes;
      const guint8 *data;
      gsize len;

      switch (self->stage)
        {
        case 0:
        case 2:
          bytes = self->stage == 0 ? self->parts->prefix : self->parts->suffix;
          data = g_bytes_get_data (bytes, &len);
          if (self->offset < len)
            {
              gsize n = MIN (count, len - self->offset);

              memcpy (buffer, data + self->offset, n);
              self->offset += n;
              return n;
            }
          self->stage++;
          self->offset = 0;
          break;

        case 1:
          if (self->file_read < self->parts->file_size)
            {
              gsize n;

              if (self->buf_pos == self->buf_len)
                {
                  gsize want = (gsize) MIN ((goffset) READ_AHEAD, self->parts->file_size - self->file_read);
                  gsize got = 0;

                  if (self->file_in == NULL)
                    {
                      self->file_in = g_file_read (self->parts->file, cancellable, error);
                      if (self->file_in == NULL)
                        return -1;
                    }
                  if (self->buf == NULL)
                    self->buf = g_malloc (READ_AHEAD);
                  if (!g_input_stream_read_all (G_INPUT_STREAM (self->file_in), self->buf, want, &got,
                                                cancellable, error))
                    return -1;
                  if (got == 0)
                    {
                      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                           _("The file became shorter while it was being sent. "
                                             "Do not change the file during the upload, then send it again."));
                      return -1;
                    }
                  self->buf_len = got;
                  self->buf_pos = 0;
                }
              n = MIN (count, self->buf_len - self->buf_pos);
              memcpy (buffer, self->buf + self->buf_pos, n);
              self->buf_pos += n;
              self->file_read += n;
              return n;
            }
          self->stage++;
          self->offset = 0;
          break;

        default:
          return 0;
        }
    }
}

static gssize
ods_multipart_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  OdsMultipartStream *self = ODS_MULTIPART_STREAM (stream);
  gssize n = read_parts (self, buffer, count, cancellable, error);

  /* Progress counts here, not from SoupMessage::wrote-body-data: one signal
   * emission less for every 8 KiB block libsoup writes. */
  if (n > 0 && self->att != NULL)
    attachment_count (self->att, n);
  return n;
}

static gboolean
ods_multipart_stream_is_readable (GPollableInputStream *stream)
{
  return TRUE;
}

static GSource *
ods_multipart_stream_create_source (GPollableInputStream *stream,
                                    GCancellable         *cancellable)
{
  g_autoptr(GSource) ready = g_timeout_source_new (0);
  GSource *source = g_pollable_source_new (G_OBJECT (stream));

  g_source_add_child_source (source, ready);
  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancel = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancel);
      g_source_add_child_source (source, cancel);
    }
  return source;
}

static gssize
ods_multipart_stream_read_nonblocking (GPollableInputStream  *stream,
                                       void                  *buffer,
                                       gsize                  count,
                                       GError               **error)
{
  /* A local file read does not wait for the network: done here and now. */
  return ods_multipart_stream_read (G_INPUT_STREAM (stream), buffer, count, NULL, error);
}

static void
ods_multipart_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->is_readable = ods_multipart_stream_is_readable;
  iface->create_source = ods_multipart_stream_create_source;
  iface->read_nonblocking = ods_multipart_stream_read_nonblocking;
}

static gboolean
ods_multipart_stream_close (GInputStream  *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  OdsMultipartStream *self = ODS_MULTIPART_STREAM (stream);

  if (self->file_in != NULL)
    return g_input_stream_close (G_INPUT_STREAM (self->file_in), cancellable, error);
  return TRUE;
}

static void
ods_multipart_stream_finalize (GObject *object)
{
  OdsMultipartStream *self = ODS_MULTIPART_STREAM (object);

  g_clear_object (&self->file_in);
  g_clear_pointer (&self->buf, g_free);
  g_clear_pointer (&self->att, attachment_unref);
  g_clear_pointer (&self->parts, parts_unref);
  G_OBJECT_CLASS (ods_multipart_stream_parent_class)->finalize (object);
}

static void
ods_multipart_stream_class_init (OdsMultipartStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = ods_multipart_stream_finalize;
  stream_class->read_fn = ods_multipart_stream_read;
  stream_class->close_fn = ods_multipart_stream_close;
}

static void
ods_multipart_stream_init (OdsMultipartStream *self)
{
}

/* Quotes, CR and LF cannot appear inside a quoted header parameter; browsers
 * percent-encode them, and so does this. */
static void
append_quoted (GString    *s,
               const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append (s, "%22");
      else if (*p == '\r')
        g_string_append (s, "%0D");
      else if (*p == '\n')
        g_string_append (s, "%0A");
      else
        g_string_append_c (s, *p);
    }
}

OdsMultipartStream *
ods_multipart_stream_new (const char * const *fields,
                          const char         *file_field,
                          GFile              *file,
                          const char         *filename,
                          const char         *file_content_type,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *basename = NULL;
  g_autoptr(GString) boundary = g_string_new ("----OdsFormBoundary");
  OdsMultipartStream *self;
  Parts *parts;

  g_return_val_if_fail (file_field != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   /* TRANSLATORS: %s is a file path */
                   _("“%s” is not a regular file. Choose the data file itself."), name);
      return NULL;
    }

  for (const char *p = uuid; *p != '\0'; p++)
    if (*p != '-')
      g_string_append_c (boundary, *p);

  for (gsize i = 0; fields != NULL && fields[i] != NULL && fields[i + 1] != NULL; i += 2)
    {
      g_string_append_printf (prefix, "--%s\r\nContent-Disposition: form-data; name=\"", boundary->str);
      append_quoted (prefix, fields[i]);
      g_string_append (prefix, "\"\r\n\r\n");
      g_string_append (prefix, fields[i + 1]);
      g_string_append (prefix, "\r\n");
    }

  if (filename == NULL)
    filename = basename = g_file_get_basename (file);
  g_string_append_printf (prefix, "--%s\r\nContent-Disposition: form-data; name=\"", boundary->str);
  append_quoted (prefix, file_field);
  g_string_append (prefix, "\"; filename=\"");
  append_quoted (prefix, filename);
  g_string_append_printf (prefix, "\"\r\nContent-Type: %s\r\n\r\n",
                          file_content_type ? file_content_type : "application/octet-stream");

  parts = g_new0 (Parts, 1);
  g_atomic_ref_count_init (&parts->ref_count);
  parts->prefix = g_string_free_to_bytes (g_steal_pointer (&prefix));
  parts->suffix = g_bytes_new_take (g_strdup_printf ("\r\n--%s--\r\n", boundary->str),
                                    strlen (boundary->str) + 8);
  parts->file = g_object_ref (file);
  parts->file_size = g_file_info_get_size (info);
  parts->content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary->str);

  self = g_object_new (ODS_TYPE_MULTIPART_STREAM, NULL);
  self->parts = parts;
  return self;
}

OdsMultipartStream *
ods_multipart_stream_reopen (OdsMultipartStream *self)
{
  OdsMultipartStream *copy;

  g_return_val_if_fail (ODS_IS_MULTIPART_STREAM (self), NULL);

  copy = g_object_new (ODS_TYPE_MULTIPART_STREAM, NULL);
  copy->parts = parts_ref (self->parts);
  return copy;
}

goffset
ods_multipart_stream_get_length (OdsMultipartStream *self)
{
  g_return_val_if_fail (ODS_IS_MULTIPART_STREAM (self), 0);
  return g_bytes_get_size (self->parts->prefix) + self->parts->file_size +
         g_bytes_get_size (self->parts->suffix);
}

goffset
ods_multipart_stream_get_file_size (OdsMultipartStream *self)
{
  g_return_val_if_fail (ODS_IS_MULTIPART_STREAM (self), 0);
  return self->parts->file_size;
}

const char *
ods_multipart_stream_get_content_type (OdsMultipartStream *self)
{
  g_return_val_if_fail (ODS_IS_MULTIPART_STREAM (self), NULL);
  return self->parts->content_type;
}

/* Progress reaches the main thread at most this often while a worker thread
 * sends: the thread must not wake the main loop for every 8 KiB block. */
#define PROGRESS_POST_INTERVAL_US (50 * 1000)

struct _Attachment
{
  gatomicrefcount     ref_count;
  OdsMultipartStream *stream;    /* the pristine one, never read */
  OdsProgressFunc     progress;
  gpointer            user_data;
  GMainContext       *context;   /* where @progress is called */
  /* Only touched by the thread that sends. */
  guint64             sent;
  gint64              last_post; /* 0: post the next figure at once */
};

typedef struct
{
  Attachment *att;
  guint64     done;
} Post;

static Attachment *
attachment_ref (Attachment *att)
{
  g_atomic_ref_count_inc (&att->ref_count);
  return att;
}

static void
attachment_unref (Attachment *att)
{
  if (!g_atomic_ref_count_dec (&att->ref_count))
    return;
  g_object_unref (att->stream);
  g_main_context_unref (att->context);
  g_free (att);
}

static void
attachment_free (gpointer data,
                 GClosure *closure)
{
  attachment_unref (data);
}

static void
set_body (Attachment  *att,
          SoupMessage *msg)
{
  g_autoptr(OdsMultipartStream) body = ods_multipart_stream_reopen (att->stream);

  body->att = attachment_ref (att);
  att->sent = 0;
  att->last_post = 0;
  soup_message_set_request_body (msg, ods_multipart_stream_get_content_type (body),
                                 G_INPUT_STREAM (body), ods_multipart_stream_get_length (body));
}

static void
on_restarted (SoupMessage *msg,
              Attachment  *att)
{
  /* A redirect or an authentication retry: the old stream is spent. */
  const char *method = soup_message_get_method (msg);

  if (g_strcmp0 (method, "POST") == 0 || g_strcmp0 (method, "PUT") == 0)
    set_body (att, msg);
}

static void
post_free (Post *post)
{
  attachment_unref (post->att);
  g_free (post);
}

static gboolean
post_progress (gpointer data)
{
  Post *post = data;

  post->att->progress (post->done, ods_multipart_stream_get_length (post->att->stream), post->att->user_data);
  return G_SOURCE_REMOVE;
}

/* In the thread that sends, with the bytes just handed to libsoup. */
static void
attachment_count (Attachment *att,
                  gsize       chunk_size)
{
  guint64 total = ods_multipart_stream_get_length (att->stream);
  g_autoptr(GSource) idle = NULL;
  Post *post;
  gint64 now;

  att->sent += chunk_size;
  if (att->progress == NULL)
    return;
  if (g_main_context_is_owner (att->context))
    {
      att->progress (att->sent, total, att->user_data);
      return;
    }

  /* Sent from a worker thread (ods-portal-client sends uploads so): hand the
   * figure to the main thread now and then, always the first of an attempt
   * (so a restart shows) and the last one. Each figure goes in its own idle,
   * so they arrive in order and before the message's completion. */
  now = g_get_monotonic_time ();
  if (att->sent < total && att->last_post != 0 && now - att->last_post < PROGRESS_POST_INTERVAL_US)
    return;
  att->last_post = MAX (now, 1);
  post = g_new (Post, 1);
  post->att = attachment_ref (att);
  post->done = att->sent;
  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, post_progress, post, (GDestroyNotify) post_free);
  g_source_attach (idle, att->context);
}

void
ods_multipart_stream_attach (OdsMultipartStream *self,
                             SoupMessage        *msg,
                             OdsProgressFunc     progress,
                             gpointer            user_data)
{
  Attachment *att;

  g_return_if_fail (ODS_IS_MULTIPART_STREAM (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  att = g_new0 (Attachment, 1);
  g_atomic_ref_count_init (&att->ref_count);
  att->stream = ods_multipart_stream_reopen (self);
  att->progress = progress;
  att->user_data = user_data;
  att->context = g_main_context_ref_thread_default ();

  set_body (att, msg);
  g_signal_connect_data (msg, "restarted", G_CALLBACK (on_restarted), att, attachment_free, 0);
}
