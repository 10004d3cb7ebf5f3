#define G_LOG_DOMAIN "ods-portal-multipart"

#include "ods-portal-multipart.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define MAX_FIELD_SIZE (1024 * 1024)
#define MAX_HEADER_SIZE (16 * 1024)

typedef enum {
  STATE_PREAMBLE,
  STATE_AFTER_BOUNDARY,
  STATE_HEADERS,
  STATE_BODY,
  STATE_DONE,
} State;

struct _OdsPortalMultipart
{
  State       state;
  char       *delimiter;      /* "\r\n--" boundary */
  gsize       delimiter_len;
  char       *tmp_dir;
  guint64     max_file_size;
  GByteArray *buf;

  /* current part */
  char       *part_name;
  gboolean    part_is_file;
  gboolean    part_discard;
  GString    *part_value;

  GPtrArray  *fields;         /* alternating name, value */
  char       *file_field;
  char       *filename;
  char       *file_path;
  int         file_fd;
  guint64     file_size;
  gboolean    too_large;
  gboolean    have_file;
};

OdsPortalMultipart *
ods_portal_multipart_new (const char *boundary,
                          const char *tmp_dir,
                          guint64     max_file_size)
{
  OdsPortalMultipart *self = g_new0 (OdsPortalMultipart, 1);

  self->state = STATE_PREAMBLE;
  self->delimiter = g_strconcat ("\r\n--", boundary, NULL);
  self->delimiter_len = strlen (self->delimiter);
  self->tmp_dir = g_strdup (tmp_dir);
  self->max_file_size = max_file_size;
  self->buf = g_byte_array_new ();
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->file_fd = -1;
  /* The body starts with "--boundary" (no CRLF before it): pretend there was one. */
  g_byte_array_append (self->buf, (const guint8 *) "\r\n", 2);
  return self;
}

void
ods_portal_multipart_free (OdsPortalMultipart *self)
{
  if (self == NULL)
    return;
  if (self->file_fd >= 0)
    close (self->file_fd);
  if (self->file_path != NULL)
    g_unlink (self->file_path);
  g_free (self->file_path);
  g_free (self->delimiter);
  g_free (self->tmp_dir);
  g_byte_array_unref (self->buf);
  g_free (self->part_name);
  if (self->part_value)
    g_string_free (self->part_value, TRUE);
  g_ptr_array_unref (self->fields);
  g_free (self->file_field);
  g_free (self->filename);
  g_free (self);
}

static char *
header_param (const char *header,
              const char *param)
{
  g_autofree char *needle = g_strconcat (param, "=", NULL);
  const char *p = header;

  while ((p = strstr (p, needle)) != NULL)
    {
      /* must be at a parameter start */
      if (p == header || p[-1] == ';' || p[-1] == ' ' || p[-1] == '\t')
        {
          p += strlen (needle);
          if (*p == '"')
            {
              GString *value = g_string_new (NULL);

              for (p++; *p && *p != '"'; p++)
                {
                  if (*p == '\\' && p[1])
                    p++;
                  g_string_append_c (value, *p);
                }
              return g_string_free (value, FALSE);
            }
          return g_strndup (p, strcspn (p, "; \t\r\n"));
        }
      p++;
    }
  return NULL;
}

static gboolean
start_part (OdsPortalMultipart *self,
            const char         *headers,
            GError            **error)
{
  g_auto(GStrv) lines = g_strsplit (headers, "\r\n", -1);

  g_clear_pointer (&self->part_name, g_free);
  self->part_is_file = FALSE;
  self->part_discard = FALSE;
  if (self->part_value)
    g_string_truncate (self->part_value, 0);
  else
    self->part_value = g_string_new (NULL);

  for (guint i = 0; lines[i]; i++)
    {
      if (g_ascii_strncasecmp (lines[i], "Content-Disposition:", 20) == 0)
        {
          g_autofree char *filename = header_param (lines[i] + 20, "filename");

          self->part_name = header_param (lines[i] + 20, "name");
          if (filename != NULL)
            {
              self->part_is_file = TRUE;
              if (self->have_file)
                {
                  self->part_discard = TRUE;
                }
              else
                {
                  g_autofree char *tmpl = g_build_filename (self->tmp_dir, "upload-XXXXXX", NULL);

                  self->have_file = TRUE;
                  self->file_field = g_strdup (self->part_name);
                  self->filename = g_steal_pointer (&filename);
                  self->file_fd = g_mkstemp (tmpl);
                  if (self->file_fd < 0)
                    {
                      int saved = errno;
                      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                                   "Cannot create a temporary file: %s", g_strerror (saved));
                      return FALSE;
                    }
                  self->file_path = g_steal_pointer (&tmpl);
                }
            }
        }
    }
  if (self->part_name == NULL)
    self->part_discard = TRUE;
  return TRUE;
}

static gboolean
part_data (OdsPortalMultipart *self,
           const guint8       *data,
           gsize               len,
           GError            **error)
{
  if (len == 0 || self->part_discard)
    return TRUE;
  if (!self->part_is_file)
    {
      if (self->part_value->len + len > MAX_FIELD_SIZE)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "form field too large");
          return FALSE;
        }
      g_string_append_len (self->part_value, (const char *) data, len);
      return TRUE;
    }

  self->file_size += len;
  if (self->too_large || self->file_size > self->max_file_size)
    {
      /* Keep counting, stop writing: nothing will be stored anyway. */
      self->too_large = TRUE;
      return TRUE;
    }
  while (len > 0)
    {
      gssize n = write (self->file_fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Cannot write the upload: %s", g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static void
end_part (OdsPortalMultipart *self)
{
  if (self->part_is_file)
    {
      if (!self->part_discard && self->file_fd >= 0)
        {
          close (self->file_fd);
          self->file_fd = -1;
        }
      return;
    }
  if (self->part_discard)
    return;
  g_ptr_array_add (self->fields, g_strdup (self->part_name));
  g_ptr_array_add (self->fields, g_strndup (self->part_value->str, self->part_value->len));
}

gboolean
ods_portal_multipart_feed (OdsPortalMultipart *self,
                           const guint8       *data,
                           gsize               len,
                           GError            **error)
{
  g_byte_array_append (self->buf, data, len);

  for (;;)
    {
      guint8 *start = self->buf->data;
      gsize avail = self->buf->len;

      switch (self->state)
        {
        case STATE_PREAMBLE:
        case STATE_BODY:
          {
            guint8 *hit = memmem (start, avail, self->delimiter, self->delimiter_len);

            if (hit == NULL)
              {
                /* Everything but a possible partial delimiter at the end is data. */
                gsize keep = MIN (avail, self->delimiter_len - 1);

                if (self->state == STATE_BODY && !part_data (self, start, avail - keep, error))
                  return FALSE;
                g_byte_array_remove_range (self->buf, 0, avail - keep);
                return TRUE;
              }
            if (self->state == STATE_BODY)
              {
                if (!part_data (self, start, hit - start, error))
                  return FALSE;
                end_part (self);
              }
            g_byte_array_remove_range (self->buf, 0, (hit - start) + self->delimiter_len);
            self->state = STATE_AFTER_BOUNDARY;
            break;
          }

        case STATE_AFTER_BOUNDARY:
          if (avail < 2)
            return TRUE;
          if (start[0] == '-' && start[1] == '-')
            {
              self->state = STATE_DONE;
              g_byte_array_set_size (self->buf, 0);
              return TRUE;
            }
          {
            /* Skip transport padding up to CRLF. */
            guint8 *crlf = memmem (start, avail, "\r\n", 2);

            if (crlf == NULL)
              return avail < 256 ? TRUE : (g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                                                        "bad multipart boundary line"), FALSE);
            g_byte_array_remove_range (self->buf, 0, (crlf - start) + 2);
            self->state = STATE_HEADERS;
          }
          break;

        case STATE_HEADERS:
          {
            guint8 *end = memmem (start, avail, "\r\n\r\n", 4);
            g_autofree char *headers = NULL;

            if (end == NULL)
              {
                if (avail > MAX_HEADER_SIZE)
                  {
                    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "multipart headers too long");
                    return FALSE;
                  }
                return TRUE;
              }
            headers = g_strndup ((const char *) start, end - start);
            g_byte_array_remove_range (self->buf, 0, (end - start) + 4);
            if (!start_part (self, headers, error))
              return FALSE;
            self->state = STATE_BODY;
          }
          break;

        case STATE_DONE:
        default:
          g_byte_array_set_size (self->buf, 0);
          return TRUE;
        }
    }
}

gboolean
ods_portal_multipart_is_complete (OdsPortalMultipart *self)
{
  return self->state == STATE_DONE;
}

GPtrArray *
ods_portal_multipart_get_fields (OdsPortalMultipart *self)
{
  return self->fields;
}

const char *
ods_portal_multipart_get_field (OdsPortalMultipart *self,
                                const char         *name)
{
  const char *value = NULL;

  for (guint i = 0; i + 1 < self->fields->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->fields, i), name))
      value = g_ptr_array_index (self->fields, i + 1);
  return value;
}

const char *
ods_portal_multipart_get_file_field (OdsPortalMultipart *self)
{
  return self->file_field;
}

const char *
ods_portal_multipart_get_filename (OdsPortalMultipart *self)
{
  return self->filename;
}

const char *
ods_portal_multipart_get_file_path (OdsPortalMultipart *self)
{
  return self->too_large ? NULL : self->file_path;
}

guint64
ods_portal_multipart_get_file_size (OdsPortalMultipart *self)
{
  return self->file_size;
}

gboolean
ods_portal_multipart_get_too_large (OdsPortalMultipart *self)
{
  return self->too_large;
}

void
ods_portal_multipart_release_file (OdsPortalMultipart *self)
{
  g_clear_pointer (&self->file_path, g_free);
}
