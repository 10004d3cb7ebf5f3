/* The streamed multipart body against a real SoupServer on 127.0.0.1. */
#include "ods-i18n.h"
#include "ods-multipart-stream.h"
#include "ods-sha256.h"

#include <glib/gstdio.h>
#include <string.h>

/* What the server saw of one request, checked without our own code. */
typedef struct
{
  GString   *head;          /* the first bytes, up to the file data */
  goffset    file_start;    /* -1 until the part headers are seen */
  goffset    received;
  goffset    content_length;
  char      *boundary;
  OdsSha256 *file_hash;
  GString   *tail;          /* the last bytes */
  gboolean   done;
  guint      requests;
} Seen;

static Seen seen;

static void
seen_reset (void)
{
  g_clear_pointer (&seen.file_hash, ods_sha256_free);
  if (seen.head)
    g_string_free (seen.head, TRUE);
  if (seen.tail)
    g_string_free (seen.tail, TRUE);
  g_free (seen.boundary);
  memset (&seen, 0, sizeof seen);
  seen.head = g_string_new (NULL);
  seen.tail = g_string_new (NULL);
  seen.file_start = -1;
  seen.file_hash = ods_sha256_new ();
}

static void
hash_file_bytes (const char *data,
                 goffset     offset,
                 gsize       len)
{
  /* The file is everything between the part headers and "\r\n--boundary--\r\n". */
  goffset file_end = seen.content_length - (goffset) (strlen (seen.boundary) + 8);
  goffset start = MAX (offset, seen.file_start);
  goffset end = MIN (offset + (goffset) len, file_end);

  if (end > start)
    ods_sha256_update (seen.file_hash, data + (start - offset), end - start);
}

static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk)
{
  gsize len;
  const char *data = g_bytes_get_data (chunk, &len);

  if (seen.file_start < 0)
    {
      const char *fn, *end;

      g_string_append_len (seen.head, data, len);
      fn = strstr (seen.head->str, "filename=");
      end = fn ? strstr (fn, "\r\n\r\n") : NULL;
      if (end != NULL)
        {
          seen.file_start = (end + 4) - seen.head->str;
          hash_file_bytes (seen.head->str, 0, seen.head->len);
        }
    }
  else
    hash_file_bytes (data, seen.received, len);

  seen.received += len;
  g_string_append_len (seen.tail, data, len);
  if (seen.tail->len > 256)
    g_string_erase (seen.tail, 0, seen.tail->len - 256);
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *ct;

  seen_reset ();
  seen.content_length = soup_message_headers_get_content_length (headers);
  ct = soup_message_headers_get_content_type (headers, &params);
  g_assert_cmpstr (ct, ==, "multipart/form-data");
  seen.boundary = g_strdup (g_hash_table_lookup (params, "boundary"));
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
}

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  seen.requests++;
  seen.done = TRUE;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
}

static gboolean
check_password (SoupAuthDomain    *domain,
                SoupServerMessage *msg,
                const char        *username,
                const char        *password,
                gpointer           user_data)
{
  return g_str_equal (username, "officer1") && g_str_equal (password, "pw");
}

static gboolean
on_authenticate (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  if (retrying)
    return FALSE;
  soup_auth_authenticate (auth, "officer1", "pw");
  return FALSE;
}

static SoupServer *
start_server (char **base_url)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  g_autoptr(SoupAuthDomain) domain = soup_auth_domain_basic_new ("realm", "ods-test", NULL);

  soup_auth_domain_add_path (domain, "/auth");
  soup_auth_domain_basic_set_auth_callback (domain, check_password, NULL, NULL);
  soup_server_add_auth_domain (server, domain);
  soup_server_add_early_handler (server, NULL, early_handler, NULL, NULL);
  soup_server_add_handler (server, NULL, server_callback, NULL, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static char *
make_file (gsize  size,
           char   hex[ODS_SHA256_HEX_LEN + 1])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSha256) hash = ods_sha256_new ();
  g_autofree char *block = g_malloc (1 << 16);
  char *path = NULL;
  int fd = g_file_open_tmp ("ods-multipart-XXXXXX.csv", &path, &error);
  FILE *f;

  g_assert_no_error (error);
  f = fdopen (fd, "wb");
  for (gsize i = 0; i < (1 << 16); i++)
    block[i] = "ma_don_vi,ten,so_tien\nSTC,Sở Tài chính,1234\n"[i % 43];
  for (gsize done = 0; done < size;)
    {
      gsize n = MIN (size - done, (gsize) 1 << 16);

      g_assert_cmpuint (fwrite (block, 1, n, f), ==, n);
      ods_sha256_update (hash, block, n);
      done += n;
    }
  fclose (f);
  ods_sha256_finish_hex (hash, hex);
  return path;
}

typedef struct
{
  guint64       last_done;
  guint64       total;
  guint         calls;
  guint         restarts;
  guint         off_main_thread;
  guint64       cancel_at;
  GCancellable *cancellable;
} Progress;

static GThread *main_thread;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;

  if (g_thread_self () != main_thread)
    p->off_main_thread++;
  if (done < p->last_done)
    p->restarts++;   /* a restarted message sends the body from the start */
  p->last_done = done;
  p->total = total;
  p->calls++;
  if (p->cancel_at > 0 && done >= p->cancel_at)
    g_cancellable_cancel (p->cancellable);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A worker thread sends with the blocking API, as ods-portal-client sends
 * uploads, while the main thread runs the server and gets the progress. */
typedef struct
{
  SoupSession  *session;
  SoupMessage  *msg;
  GCancellable *cancellable;
  GBytes       *body;
  GError       *error;
  gboolean      done;
} ThreadSend;

static gboolean
on_thread_sent (gpointer data)
{
  ((ThreadSend *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
thread_send (gpointer data)
{
  ThreadSend *ts = data;
  g_autoptr(GInputStream) in = soup_session_send (ts->session, ts->msg, ts->cancellable, &ts->error);

  if (in != NULL)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                  ts->cancellable, &ts->error) >= 0)
        ts->body = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }
  /* After any progress the thread handed to the main thread. */
  g_idle_add_full (G_PRIORITY_DEFAULT, on_thread_sent, ts, NULL);
  return NULL;
}

static GBytes *
send_sync (SoupSession  *session,
           SoupMessage  *msg,
           gboolean      in_thread,
           GCancellable *cancellable,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (in_thread)
    {
      ThreadSend ts = { session, msg, cancellable, NULL, NULL, FALSE };
      GThread *thread = g_thread_new ("send", thread_send, &ts);

      while (!ts.done)
        g_main_context_iteration (NULL, TRUE);
      g_thread_join (thread);
      if (ts.error != NULL)
        g_propagate_error (error, ts.error);
      return ts.body;
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable, on_sent, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return soup_session_send_and_read_finish (session, result, error);
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

static void
upload (gsize        size,
        const char  *path_on_server,
        gboolean     check_memory,
        guint        expect_restarts,
        gboolean     in_thread)
{
  g_autofree char *base = NULL;
  g_autoptr(SoupServer) server = start_server (&base);

  g_assert_true (SOUP_IS_SERVER (server));
  g_autoptr(SoupSession) session = soup_session_new ();
  char hex[ODS_SHA256_HEX_LEN + 1];
  g_autofree char *path = make_file (size, hex);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *fields[] = { "package_id", "thu-chi-ngan-sach-2026", "name", "Thu chi – Q3/2026",
                           "period", "2026-Q3", "weird\"name", "a\r\nb", NULL };
  g_autoptr(OdsMultipartStream) stream = ods_multipart_stream_new (fields, "upload", file,
                                                                   "thu chi \"q3\".csv", "text/csv",
                                                                   NULL, &error);
  g_autofree char *url = g_strconcat (base, path_on_server + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  Progress progress = { 0 };
  char got[ODS_SHA256_HEX_LEN + 1];
  long rss_before = peak_rss_kb ();

  g_assert_no_error (error);
  g_assert_cmpint (ods_multipart_stream_get_file_size (stream), ==, size);

  ods_multipart_stream_attach (stream, msg, on_progress, &progress);
  g_signal_connect (msg, "authenticate", G_CALLBACK (on_authenticate), NULL);
  body = send_sync (session, msg, in_thread, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  /* Exact length: what the header announced is what arrived and what we counted. */
  g_assert_true (seen.done);
  g_assert_cmpint (seen.content_length, ==, ods_multipart_stream_get_length (stream));
  g_assert_cmpint (seen.received, ==, seen.content_length);
  g_assert_cmpuint (progress.last_done, ==, (guint64) seen.content_length);
  g_assert_cmpuint (progress.total, ==, (guint64) seen.content_length);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (progress.restarts, ==, expect_restarts);
  g_assert_cmpuint (progress.off_main_thread, ==, 0);

  /* The fields and the part headers, as the server parses them. */
  g_assert_nonnull (strstr (seen.head->str, "name=\"package_id\"\r\n\r\nthu-chi-ngan-sach-2026\r\n"));
  g_assert_nonnull (strstr (seen.head->str, "name=\"name\"\r\n\r\nThu chi – Q3/2026\r\n"));
  g_assert_nonnull (strstr (seen.head->str, "name=\"weird%22name\""));
  g_assert_nonnull (strstr (seen.head->str,
                            "name=\"upload\"; filename=\"thu chi %22q3%22.csv\"\r\nContent-Type: text/csv\r\n\r\n"));
  {
    g_autofree char *closing = g_strdup_printf ("\r\n--%s--\r\n", seen.boundary);

    g_assert_true (g_str_has_suffix (seen.tail->str, closing));
  }

  /* The file arrived byte for byte. */
  ods_sha256_finish_hex (seen.file_hash, got);
  g_clear_pointer (&seen.file_hash, ods_sha256_free);
  g_assert_cmpstr (got, ==, hex);

  if (check_memory && rss_before > 0)
    {
      long growth = peak_rss_kb () - rss_before;

      g_test_message ("peak RSS grew by %ld kB for a %" G_GSIZE_FORMAT " kB file", growth, size / 1024);
      g_assert_cmpint (growth, <, (long) (size / 1024) / 4);
    }

  g_unlink (path);
}

static void
test_small (gconstpointer in_thread)
{
  upload (1000, "/upload", FALSE, 0, GPOINTER_TO_INT (in_thread));
}

static void
test_empty_file (gconstpointer in_thread)
{
  upload (0, "/upload", FALSE, 0, GPOINTER_TO_INT (in_thread));
}

static void
test_large_flat_memory (gconstpointer in_thread)
{
  gboolean sanitized = FALSE;

#if defined(__SANITIZE_ADDRESS__)
  sanitized = TRUE;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  sanitized = TRUE;
# endif
#endif
  /* ASan keeps freed memory in quarantine: peak RSS says nothing there. */
  upload (64 * 1024 * 1024, "/upload", !sanitized, 0, GPOINTER_TO_INT (in_thread));
}

static void
test_restart_resets_body (gconstpointer in_thread)
{
  /* A 401 then credentials makes libsoup restart the POST: the body must be
   * sent again, whole, from a fresh stream. */
  upload (300000, "/auth", FALSE, 1, GPOINTER_TO_INT (in_thread));
  g_assert_cmpuint (seen.requests, ==, 1);
}

/* Cancelling a send from a worker thread is tested in test-upload, against
 * the stand-in portal in its own process: here the server shares the main
 * thread, which it may keep busy until the whole body has arrived. */
static void
test_cancel (void)
{
  g_autofree char *base = NULL;
  g_autoptr(SoupServer) server = start_server (&base);

  g_assert_true (SOUP_IS_SERVER (server));
  g_autoptr(SoupSession) session = soup_session_new ();
  char hex[ODS_SHA256_HEX_LEN + 1];
  g_autofree char *path = make_file (8 * 1024 * 1024, hex);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsMultipartStream) stream = ods_multipart_stream_new (NULL, "upload", file, NULL, NULL,
                                                                   NULL, &error);
  g_autofree char *url = g_strconcat (base, "upload", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) body = NULL;
  Progress progress = { .cancel_at = 1024 * 1024, .cancellable = cancellable };

  g_assert_no_error (error);
  ods_multipart_stream_attach (stream, msg, on_progress, &progress);
  body = send_sync (session, msg, FALSE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (body);
  g_assert_cmpuint (progress.last_done, <, (guint64) ods_multipart_stream_get_length (stream));
  g_assert_false (seen.done);
  g_unlink (path);
}

static void
test_not_a_file (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/ods/file.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsMultipartStream) s1 = ods_multipart_stream_new (NULL, "upload", dir, NULL, NULL, NULL, &error);
  g_autoptr(OdsMultipartStream) s2 = NULL;

  g_assert_null (s1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_clear_error (&error);
  s2 = ods_multipart_stream_new (NULL, "upload", missing, NULL, NULL, NULL, &error);
  g_assert_null (s2);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  main_thread = g_thread_self ();
  g_test_add_data_func ("/multipart/small", GINT_TO_POINTER (FALSE), test_small);
  g_test_add_data_func ("/multipart/empty-file", GINT_TO_POINTER (FALSE), test_empty_file);
  g_test_add_data_func ("/multipart/large-flat-memory", GINT_TO_POINTER (FALSE), test_large_flat_memory);
  g_test_add_data_func ("/multipart/restart", GINT_TO_POINTER (FALSE), test_restart_resets_body);
  g_test_add_func ("/multipart/cancel", test_cancel);
  /* Sent from a worker thread: progress still arrives on the main thread. */
  g_test_add_data_func ("/multipart/thread/small", GINT_TO_POINTER (TRUE), test_small);
  g_test_add_data_func ("/multipart/thread/empty-file", GINT_TO_POINTER (TRUE), test_empty_file);
  g_test_add_data_func ("/multipart/thread/large-flat-memory", GINT_TO_POINTER (TRUE), test_large_flat_memory);
  g_test_add_data_func ("/multipart/thread/restart", GINT_TO_POINTER (TRUE), test_restart_resets_body);
  g_test_add_func ("/multipart/not-a-file", test_not_a_file);

  int rc = g_test_run ();
  seen_reset ();
  g_clear_pointer (&seen.file_hash, ods_sha256_free);
  g_string_free (seen.head, TRUE);
  g_string_free (seen.tail, TRUE);
  return rc;
}
