/* OdsRecordPipe hands over exactly the records the reader makes, in order,
 * from another thread; errors, cancellation and an early stop behave. */
#include "ods-record-pipe.h"
#include "ods-table-error.h"


static GInputStream *
stream_for (const char *text)
{
  return g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);
}

/* A table of @rows records; every 97th has a quoted cell over two lines. */
static char *
make_table (guint rows)
{
  GString *s = g_string_new ("ma,ten,ghi_chu\n");

  for (guint i = 1; i <= rows; i++)
    {
      if (i % 97 == 0)
        g_string_append_printf (s, "%u,\"Sở %u\nTài chính\",\"nói \"\"có\"\"\"\n", i, i);
      else
        g_string_append_printf (s, "%u,Đơn vị %u,\n", i, i);
    }
  return g_string_free (s, FALSE);
}

static GPtrArray *
collect_direct (const char *text,
                gsize       block_size)
{
  g_autoptr(GInputStream) in = stream_for (text);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  OdsRecord r;

  if (block_size > 0)
    ods_csv_reader_set_block_size (reader, block_size);

  while (ods_csv_reader_next (reader, &r, NULL, NULL))
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ":", r.row_number, r.line_number);
      for (guint i = 0; i < r.n_cells; i++)
        {
          g_assert_cmpuint (strlen (r.cells[i]), ==, r.lengths[i]);
          g_string_append_printf (line, "[%s]", r.cells[i]);
        }
      g_ptr_array_add (rows, g_string_free (g_steal_pointer (&line), FALSE));
    }
  return rows;
}

static void
test_same_records (void)
{
  g_autofree char *text = make_table (20000);
  g_autoptr(GPtrArray) expected = collect_direct (text, 0);
  g_autoptr(GInputStream) in = stream_for (text);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  g_autoptr(OdsRecordPipe) pipe = ods_record_pipe_new (reader, NULL);
  g_autoptr(GError) error = NULL;
  OdsRecord r;
  guint n = 0;

  while (ods_record_pipe_next (pipe, &r, &error))
    {
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ":", r.row_number, r.line_number);
      for (guint i = 0; i < r.n_cells; i++)
        {
          g_assert_cmpuint (strlen (r.cells[i]), ==, r.lengths[i]);
          g_string_append_printf (line, "[%s]", r.cells[i]);
        }
      g_assert_cmpuint (n, <, expected->len);
      g_assert_cmpstr (line->str, ==, g_ptr_array_index (expected, n));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (n, ==, 20001);
  /* The end stays the end. */
  g_assert_false (ods_record_pipe_next (pipe, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ods_record_pipe_get_bytes_read (pipe), ==, strlen (text));
}

/* The records point into the reader's own buffers: with tiny reads the
 * reader changes buffers all the time, and a consumer that lags behind
 * (the producer fills every batch meanwhile and gets buffers back) must
 * still find each record intact, including cells longer than a read and
 * cells with combining marks (U+0344, whose NFC form, U+0308 U+0301, is
 * longer than the file's bytes). */
static void
test_small_buffers (void)
{
  GString *s = g_string_new ("ma,ten,ghi_chu\n");
  g_autofree char *text = NULL;
  g_autofree char *long_cell = g_strnfill (300, 'x');
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(OdsRecordPipe) pipe = NULL;
  g_autoptr(GError) error = NULL;
  OdsRecord r;
  guint n = 0;

  for (guint i = 1; i <= 6000; i++)
    {
      if (i % 5 == 0)
        g_string_append_printf (s, "%u,a\xcd\x84 %u,\n", i, i);
      else if (i % 7 == 0)
        g_string_append_printf (s, "%u,\"Sở %u\nTài chính\",%s\n", i, i, long_cell);
      else
        g_string_append_printf (s, "%u,Đơn vị %u,\n", i, i);
    }
  text = g_string_free (s, FALSE);
  expected = collect_direct (text, 100);

  in = stream_for (text);
  reader = ods_csv_reader_new (in, NULL);
  ods_csv_reader_set_block_size (reader, 100);
  pipe = ods_record_pipe_new (reader, NULL);
  while (ods_record_pipe_next (pipe, &r, &error))
    {
      g_autoptr(GString) line = g_string_new (NULL);

      if (n % 500 == 0)
        g_usleep (2000);
      g_string_append_printf (line, "%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT ":", r.row_number, r.line_number);
      for (guint i = 0; i < r.n_cells; i++)
        {
          g_assert_cmpuint (strlen (r.cells[i]), ==, r.lengths[i]);
          g_string_append_printf (line, "[%s]", r.cells[i]);
        }
      g_assert_cmpuint (n, <, expected->len);
      g_assert_cmpstr (line->str, ==, g_ptr_array_index (expected, n));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6001);
}

static void
test_error_after_records (void)
{
  g_autofree char *good = make_table (9000);
  g_autofree char *text = g_strconcat (good, "9001,\"never closed\n9002,x\n", NULL);
  g_autoptr(GInputStream) in = stream_for (text);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  g_autoptr(OdsRecordPipe) pipe = ods_record_pipe_new (reader, NULL);
  g_autoptr(GError) error = NULL;
  OdsRecord r;
  guint n = 0;

  while (ods_record_pipe_next (pipe, &r, &error))
    n++;
  /* Every good record first, then the reader's error with the quote's line. */
  g_assert_cmpuint (n, ==, 9001);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNCLOSED_QUOTE);
}

static void
test_stop_early (void)
{
  g_autofree char *text = make_table (50000);
  g_autoptr(GInputStream) in = stream_for (text);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  OdsRecordPipe *pipe = ods_record_pipe_new (reader, NULL);
  OdsRecord r;

  /* The consumer gives up after a few rows: freeing stops the thread. */
  for (guint i = 0; i < 10; i++)
    g_assert_true (ods_record_pipe_next (pipe, &r, NULL));
  ods_record_pipe_free (pipe);
}

static void
test_cancel (void)
{
  g_autofree char *text = make_table (50000);
  g_autoptr(GInputStream) in = stream_for (text);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(OdsRecordPipe) pipe = NULL;
  g_autoptr(GError) error = NULL;
  OdsRecord r;
  guint n = 0;

  ods_csv_reader_set_block_size (reader, 4096);
  g_cancellable_cancel (cancellable);
  pipe = ods_record_pipe_new (reader, cancellable);
  while (ods_record_pipe_next (pipe, &r, &error))
    n++;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, <, 50001);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record-pipe/same-records", test_same_records);
  g_test_add_func ("/record-pipe/small-buffers", test_small_buffers);
  g_test_add_func ("/record-pipe/error-after-records", test_error_after_records);
  g_test_add_func ("/record-pipe/stop-early", test_stop_early);
  g_test_add_func ("/record-pipe/cancel", test_cancel);
  return g_test_run ();
}
