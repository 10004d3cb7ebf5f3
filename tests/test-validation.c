/* ods_validate_file(): a whole file read, validated and hashed in one pass,
 * as `validate`, `submit` and the window's check step use it. */
#include "ods-i18n.h"
#include "ods-map-guard.h"
#include "ods-sha256.h"
#include "ods-table-error.h"
#include "ods-validation.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
demo_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);
}

static OdsSchema *
demo_schema (void)
{
  g_autofree char *path = demo_path ("thu-chi-ngan-sach.schema.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OdsSchema *schema = ods_schema_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return schema;
}

static GFile *
temp_file (const char *contents,
           gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("ods-validation-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_valid_file (void)
{
  g_autofree char *path = demo_path ("thu-chi-ngan-sach-2026-Q3.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OdsSchema) schema = demo_schema ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = ods_sha256_file (file, NULL, &error);
  g_autoptr(OdsReport) report = ods_validate_file (file, schema, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_rows (report), ==, 6);
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 0);
  g_assert_cmpstr (ods_report_get_encoding (report), ==, "utf-8");
  g_assert_cmpstr (ods_report_get_delimiter (report), ==, ";");
  /* The hash of exactly the bytes that were validated. */
  g_assert_cmpstr (ods_report_get_sha256 (report), ==, sha);
  g_assert_cmpuint (ods_report_get_bytes (report), ==, 663);
}

static void
test_errors_found (void)
{
  g_autofree char *path = demo_path ("thu-chi-ngan-sach-2026-Q3-co-loi.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OdsSchema) schema = demo_schema ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file (file, schema, NULL, NULL, NULL, NULL, &error);
  GPtrArray *errors;
  const OdsReportError *e;

  g_assert_no_error (error);
  g_assert_false (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 6);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_TYPE_ERROR), ==, 2);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_CONSTRAINT_ERROR), ==, 3);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_PRIMARY_KEY), ==, 1);
  errors = ods_report_get_errors (report);
  e = g_ptr_array_index (errors, 1);
  g_assert_cmpint (e->type, ==, ODS_REPORT_ERROR_TYPE_ERROR);
  g_assert_cmpuint (e->row_number, ==, 4);
  g_assert_cmpstr (e->field_name, ==, "ngay_chi");
  g_assert_cmpstr (e->cell, ==, "31/09/2026");
  g_assert_nonnull (strstr (e->message, "Cell D4: 31/09/2026 is not a valid date (format dd/mm/yyyy)"));
}

static void
test_limit_errors (void)
{
  GString *s = g_string_new ("ma_don_vi;ten_don_vi;huyen;ngay_chi;so_tien;noi_dung\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(OdsSchema) schema = demo_schema ();
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  OdsValidationOptions options = { 0, NULL, 10 };

  for (int i = 1; i <= 500; i++)
    g_string_append_printf (s, "%d;Đơn vị;Quy Nhon;01/07/2026;1.000;\n", i);
  file = temp_file (s->str, s->len);
  g_string_free (s, TRUE);

  report = ods_validate_file (file, schema, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Recording stops at the limit, counting does not. */
  g_assert_cmpuint (ods_report_get_errors (report)->len, ==, 10);
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 500);
  g_file_delete (file, NULL, NULL);
}

/* A one-column primary key that is also `unique` (one key set serves both):
 * a repeat is reported as both, pointing at the first row. */
static void
test_unique_primary_key (void)
{
  g_autoptr(GFile) file = temp_file ("ma,ten\n1,Một\n2,Hai\n01,Lại một\n3,Ba\n2,Lại hai\n", -1);
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *errors;
  guint n_unique = 0, n_pk = 0;

  schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"ma\", \"type\": \"number\", "
                                       "\"constraints\": {\"unique\": true}}, {\"name\": \"ten\"}], "
                                       "\"primaryKey\": \"ma\"}", -1, &error);
  g_assert_no_error (error);
  report = ods_validate_file (file, schema, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  errors = ods_report_get_errors (report);
  for (guint i = 0; i < errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);

      if (e->type == ODS_REPORT_ERROR_UNIQUE_ERROR)
        n_unique++;
      else if (e->type == ODS_REPORT_ERROR_PRIMARY_KEY)
        {
          n_pk++;
          if (e->row_number == 6)
            g_assert_nonnull (strstr (e->message, "same as in row 3"));
        }
    }
  /* Row 6 repeats row 3: one unique-error and one primary-key. Row 4's "01" is a
   * type error (leading zero), so its key counts as empty: a second primary-key. */
  g_assert_cmpuint (n_unique, ==, 1);
  g_assert_cmpuint (n_pk, ==, 2);
  g_file_delete (file, NULL, NULL);
}

/* Keys are compared after NFC normalization: a name typed with a
 * decomposed accent repeats the same name typed precomposed. */
static void
test_unique_nfc (void)
{
  /* "Hòa" with U+00F2, then with o + U+0300 (combining grave). */
  g_autoptr(GFile) file = temp_file ("ten,ma\nH\xc3\xb2" "a,1\nHo\xcc\x80" "a,2\nH\xc3\xb3" "a,3\n", -1);
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const OdsReportError *e;

  schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"ten\", \"constraints\": {\"unique\": true}},"
                                       " {\"name\": \"ma\", \"type\": \"integer\"}], \"primaryKey\": [\"ten\", \"ma\"]}",
                                       -1, &error);
  g_assert_no_error (error);
  report = ods_validate_file (file, schema, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 1);
  e = g_ptr_array_index (ods_report_get_errors (report), 0);
  g_assert_cmpint (e->type, ==, ODS_REPORT_ERROR_UNIQUE_ERROR);
  g_assert_cmpuint (e->row_number, ==, 3);
  g_assert_cmpstr (e->cell, ==, "H\xc3\xb2" "a");
  g_file_delete (file, NULL, NULL);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GFile) file = temp_file ("a,b\n1,2\n3,\"never closed\n4,5\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  const OdsReportError *e;

  /* Broken data is a finding in the report, with where to look. */
  g_assert_no_error (error);
  g_assert_false (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_SOURCE_ERROR), ==, 1);
  e = g_ptr_array_index (ods_report_get_errors (report), 0);
  g_assert_nonnull (strstr (e->message, "line 3"));
  g_file_delete (file, NULL, NULL);
}

static void
test_encoding_error (void)
{
  /* Valid UTF-8 Vietnamese with one broken byte on data row 3. */
  const char text[] = "ten,so\nSở Tài chính,1\nSở Y tế,2\nBan \xff Dân tộc,3\n";
  g_autoptr(GFile) file = temp_file (text, sizeof text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  const OdsReportError *e;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_report_get_encoding (report), ==, "utf-8");
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_ENCODING_ERROR), ==, 1);
  e = g_ptr_array_index (ods_report_get_errors (report), 0);
  g_assert_cmpuint (e->row_number, ==, 4);
  g_assert_nonnull (strstr (e->message, "not valid utf-8 text: from row 4 on, 1 place could not be read"));
  g_file_delete (file, NULL, NULL);
}

static void
test_unusable (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/ods-nothing.csv");
  g_autoptr(GFile) empty = temp_file ("", 0);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  OdsValidationOptions unknown = { 0, "klingon-8", 0 };
  g_autoptr(GFile) ok = temp_file ("a\n1\n", -1);

  g_assert_null (ods_validate_file (missing, NULL, NULL, NULL, NULL, NULL, &e1));
  g_assert_error (e1, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (ods_validate_file (empty, NULL, NULL, NULL, NULL, NULL, &e2));
  g_assert_error (e2, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY);
  g_assert_null (ods_validate_file (ok, NULL, &unknown, NULL, NULL, NULL, &e3));
  g_assert_error (e3, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNKNOWN_ENCODING);
  g_file_delete (empty, NULL, NULL);
  g_file_delete (ok, NULL, NULL);
}

typedef struct
{
  GMainLoop *loop;
  OdsReport *report;
  GError    *error;
  guint      progress_calls;
  guint64    last_bytes;
  GCancellable *cancel_at_progress;
} AsyncRun;

static void
on_progress (guint64  done,
             guint64  total,
             guint64  rows,
             gpointer user_data)
{
  AsyncRun *run = user_data;

  /* Called from the worker thread. */
  g_atomic_int_inc (&run->progress_calls);
  g_assert_cmpuint (done, <=, total);
  run->last_bytes = done;
  if (run->cancel_at_progress != NULL)
    g_cancellable_cancel (run->cancel_at_progress);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->report = ods_validate_file_finish (result, &run->error);
  g_main_loop_quit (run->loop);
}

static GFile *
big_file (void)
{
  GString *s = g_string_new ("ma,ten,so\n");
  GFile *file;

  for (int i = 1; i <= 200000; i++)
    g_string_append_printf (s, "%d,Đơn vị số %d,%d\n", i, i, i * 7);
  file = temp_file (s->str, s->len);
  g_string_free (s, TRUE);
  return file;
}

static void
test_async_progress_and_cancel (void)
{
  g_autoptr(GFile) file = big_file ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncRun run = { g_main_loop_new (NULL, FALSE) };
  AsyncRun cancelled = { g_main_loop_new (NULL, FALSE) };

  ods_validate_file_async (file, NULL, NULL, on_progress, &run, NULL, on_done, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (ods_report_get_valid (run.report));
  g_assert_cmpuint (ods_report_get_n_rows (run.report), ==, 200000);
  g_assert_cmpuint (run.progress_calls, >, 10);
  g_assert_cmpuint (run.last_bytes, ==, ods_report_get_bytes (run.report));

  /* Cancelled at the first progress report: a cancellation, not a failure. */
  cancelled.cancel_at_progress = cancellable;
  ods_validate_file_async (file, NULL, NULL, on_progress, &cancelled, cancellable, on_done, &cancelled);
  g_main_loop_run (cancelled.loop);
  g_assert_null (cancelled.report);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&run.report);
  g_clear_error (&cancelled.error);
  g_main_loop_unref (run.loop);
  g_main_loop_unref (cancelled.loop);
  g_file_delete (file, NULL, NULL);
}

/* A pipe cannot be mapped: it is read as a stream, with the same result
 * as the same bytes in a file (which is mapped). */
typedef struct
{
  const char *path;
  GString    *contents;
} PipeWriter;

static gpointer
write_pipe (gpointer data)
{
  PipeWriter *w = data;
  int fd = open (w->path, O_WRONLY);
  gsize done = 0;

  g_assert_cmpint (fd, >=, 0);
  while (done < w->contents->len)
    {
      gssize n = write (fd, w->contents->str + done, w->contents->len - done);

      g_assert_cmpint (n, >, 0);
      done += n;
    }
  close (fd);
  return NULL;
}

static void
test_pipe (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ods-validation-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "data.csv", NULL);
  g_autoptr(GString) s = g_string_new ("id,name,amount\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) pipe = NULL;
  g_autoptr(OdsReport) from_file = NULL;
  g_autoptr(OdsReport) from_pipe = NULL;
  g_autofree char *expected_sha = NULL;
  PipeWriter w;
  GThread *writer;

  g_assert_no_error (error);
  /* Over 1 MiB: more than one block. */
  for (int i = 1; i <= 60000; i++)
    g_string_append_printf (s, "%d,Đơn vị số %d,%d\n", i, i, i * 7);
  expected_sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) s->str, s->len);
  file = temp_file (s->str, s->len);
  from_file = ods_validate_file (file, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  pipe = g_file_new_for_path (fifo);
  w.path = fifo;
  w.contents = s;
  writer = g_thread_new ("writer", write_pipe, &w);
  from_pipe = ods_validate_file (pipe, NULL, NULL, NULL, NULL, NULL, &error);
  g_thread_join (writer);
  g_assert_no_error (error);

  g_assert_true (ods_report_get_valid (from_pipe));
  g_assert_cmpuint (ods_report_get_n_rows (from_pipe), ==, 60000);
  g_assert_cmpuint (ods_report_get_n_rows (from_file), ==, 60000);
  g_assert_cmpuint (ods_report_get_bytes (from_pipe), ==, s->len);
  g_assert_cmpuint (ods_report_get_bytes (from_file), ==, s->len);
  g_assert_cmpstr (ods_report_get_sha256 (from_pipe), ==, ods_report_get_sha256 (from_file));
  g_assert_cmpstr (ods_report_get_sha256 (from_file), ==, expected_sha);

  g_file_delete (file, NULL, NULL);
  g_unlink (fifo);
  g_rmdir (dir);
}

/* Another program cuts the file short while it is read (the file is
 * mapped): an error that says so, not a crash (SIGBUS) and not a report of
 * half a file. */
static void
truncate_at_progress (guint64  bytes,
                      guint64  total,
                      guint64  rows,
                      gpointer data)
{
  const char *path = data;

  if (rows > 0 && rows <= 4096)
    g_assert_cmpint (truncate (path, 1000), ==, 0);
}

static void
test_file_shrinks (void)
{
  g_autoptr(GString) s = g_string_new ("id,name,amount\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  OdsReport *report;

  /* About 30 MB: the reader and the hasher are far from its end when the
   * validating thread reports progress the first time (row 4096). */
  for (int i = 1; i <= 1000000; i++)
    g_string_append_printf (s, "%d,Đơn vị số %d,%d\n", i, i, i * 7);
  file = temp_file (s->str, s->len);
  path = g_file_get_path (file);
  report = ods_validate_file (file, NULL, NULL, truncate_at_progress, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "another program changed it while it was being read"));
  g_file_delete (file, NULL, NULL);
}

/* The guard itself: a page past the end of a file that shrank, read under
 * a guard, comes back as a fault in that thread. */
static void
test_map_guard (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  OdsMapGuard guard;
  volatile gboolean faulted = FALSE;
  volatile char c = 0;
  const char *map;
  int fd;

  g_string_set_size (s, 3 * 4096 * 4);
  memset (s->str, 'x', s->len);
  file = temp_file (s->str, s->len);
  path = g_file_get_path (file);
  fd = open (path, O_RDONLY);
  g_assert_cmpint (fd, >=, 0);
  map = mmap (NULL, s->len, PROT_READ, MAP_PRIVATE, fd, 0);
  g_assert_true (map != MAP_FAILED);
  g_assert_true (ods_map_guard_install ());

  /* Intact: no fault. */
  if (ODS_MAP_GUARD_FAULTED (&guard))
    faulted = TRUE;
  else
    {
      ods_map_guard_enter (&guard);
      c = map[s->len - 1];
    }
  ods_map_guard_leave (&guard);
  g_assert_false (faulted);
  g_assert_cmpint (c, ==, 'x');

  /* Cut short: the last page is past the end. */
  g_assert_cmpint (truncate (path, 100), ==, 0);
  c = 0;
  if (ODS_MAP_GUARD_FAULTED (&guard))
    faulted = TRUE;
  else
    {
      ods_map_guard_enter (&guard);
      c = map[s->len - 1];
    }
  ods_map_guard_leave (&guard);
  g_assert_true (faulted);
  g_assert_cmpint (c, ==, 0);

  munmap ((void *) map, s->len);
  close (fd);
  g_file_delete (file, NULL, NULL);
}

static void
test_vietnamese (void)
{
  g_autofree char *path = demo_path ("thu-chi-ngan-sach-2026-Q3-co-loi.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(OdsSchema) schema = demo_schema ();
  g_autoptr(OdsReport) report = ods_validate_file (file, schema, NULL, NULL, NULL, NULL, NULL);
  const OdsReportError *e = g_ptr_array_index (ods_report_get_errors (report), 1);

  g_assert_nonnull (strstr (e->message, "Ô D4: 31/09/2026 không phải ngày hợp lệ (định dạng dd/mm/yyyy)"));
}

/* The file cut short while read, in Vietnamese (caught at the latest by
 * the size check after the read, so a small file does). */
static void
test_vietnamese_file_shrinks (void)
{
  g_autoptr(GString) s = g_string_new ("id,name,amount\n");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  for (int i = 1; i <= 20000; i++)
    g_string_append_printf (s, "%d,Đơn vị số %d,%d\n", i, i, i * 7);
  file = temp_file (s->str, s->len);
  path = g_file_get_path (file);
  g_assert_null (ods_validate_file (file, NULL, NULL, truncate_at_progress, path, NULL, &error));
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "Không đọc được tệp đến hết: một chương trình khác đã thay đổi tệp"));
  g_file_delete (file, NULL, NULL);
}

int
main (int argc, char **argv)
{
  /* gettext decides on its first call: Vietnamese only for the last test's process. */
  if (argc > 1 && g_str_equal (argv[argc - 1], "--vietnamese"))
    {
      g_setenv ("LANGUAGE", "vi", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      ods_i18n_init ();
      argc--;
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/validation/vietnamese", test_vietnamese);
      g_test_add_func ("/validation/vietnamese-file-shrinks", test_vietnamese_file_shrinks);
      return g_test_run ();
    }

  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validation/valid-file", test_valid_file);
  g_test_add_func ("/validation/errors-found", test_errors_found);
  g_test_add_func ("/validation/limit-errors", test_limit_errors);
  g_test_add_func ("/validation/unique-primary-key", test_unique_primary_key);
  g_test_add_func ("/validation/unique-nfc", test_unique_nfc);
  g_test_add_func ("/validation/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/validation/encoding-error", test_encoding_error);
  g_test_add_func ("/validation/unusable", test_unusable);
  g_test_add_func ("/validation/async-progress-and-cancel", test_async_progress_and_cancel);
  g_test_add_func ("/validation/pipe", test_pipe);
  g_test_add_func ("/validation/file-shrinks", test_file_shrinks);
  g_test_add_func ("/validation/map-guard", test_map_guard);
  return g_test_run ();
}
