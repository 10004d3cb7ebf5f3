/* bench-csv: parses the same CSV with libcsv and with OdsCsvReader and
 * prints MB/s for each, beside `wc -l` on the same file.
 *
 *   bench-csv FILE [RUNS]
 *
 * Each parser counts rows and fields; the best of RUNS (default 3) counts. */
#include "ods-csv-reader.h"

#include <csv.h>
#include <glib/gstdio.h>
#include <stdio.h>

typedef struct
{
  guint64 fields;
  guint64 rows;
  guint64 bytes;
} Counts;

static void
on_field (void *data, size_t len, void *user_data)
{
  Counts *c = user_data;

  c->fields++;
  c->bytes += len;
}

static void
on_row (int term, void *user_data)
{
  ((Counts *) user_data)->rows++;
}

static double
run_libcsv (const char *path, Counts *c)
{
  struct csv_parser parser;
  g_autofree char *buf = g_malloc (1 << 20);
  gint64 start = g_get_monotonic_time ();
  FILE *f = fopen (path, "rb");
  size_t n;

  g_assert (f != NULL);
  csv_init (&parser, CSV_APPEND_NULL);
  while ((n = fread (buf, 1, 1 << 20, f)) > 0)
    if (csv_parse (&parser, buf, n, on_field, on_row, c) != n)
      g_error ("libcsv: %s", csv_strerror (csv_error (&parser)));
  csv_fini (&parser, on_field, on_row, c);
  csv_free (&parser);
  fclose (f);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_ods (const char *path, Counts *c, const char **encoding)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  gint64 start = g_get_monotonic_time ();
  OdsRecord record;

  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = ods_csv_reader_new (G_INPUT_STREAM (in), NULL);
  while (ods_csv_reader_next (reader, &record, NULL, &error))
    {
      c->rows++;
      c->fields += record.n_cells;
      for (guint i = 0; i < record.n_cells; i++)
        c->bytes += record.lengths[i];
    }
  g_assert_no_error (error);
  *encoding = ods_csv_reader_get_encoding (reader);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_wc (const char *path)
{
  const char *argv[] = { "wc", "-l", path, NULL };
  gint64 start = g_get_monotonic_time ();
  g_autofree char *out = NULL;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    return -1;
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  GStatBuf st;
  double mb, best_wc = G_MAXDOUBLE, best_csv = G_MAXDOUBLE, best_ods = G_MAXDOUBLE;
  int runs = argc > 2 ? atoi (argv[2]) : 3;
  Counts csv_counts = { 0 }, ods_counts = { 0 };
  const char *encoding = NULL;

  if (argc < 2 || g_stat (argv[1], &st) != 0)
    {
      fprintf (stderr, "usage: %s FILE [RUNS]\n", argv[0]);
      return 2;
    }
  mb = st.st_size / 1e6;

  for (int i = 0; i < runs; i++)
    {
      double t;

      t = run_wc (argv[1]);
      best_wc = MIN (best_wc, t);
      csv_counts = (Counts) { 0 };
      t = run_libcsv (argv[1], &csv_counts);
      best_csv = MIN (best_csv, t);
      ods_counts = (Counts) { 0 };
      t = run_ods (argv[1], &ods_counts, &encoding);
      best_ods = MIN (best_ods, t);
    }

  printf ("file: %s, %.1f MB, best of %d runs\n", argv[1], mb, runs);
  printf ("wc -l:        %8.3f s  %8.0f MB/s\n", best_wc, mb / best_wc);
  printf ("libcsv:       %8.3f s  %8.0f MB/s  (%" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " fields)\n",
          best_csv, mb / best_csv, csv_counts.rows, csv_counts.fields);
  printf ("OdsCsvReader: %8.3f s  %8.0f MB/s  (%" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " fields, %s, NFC)\n",
          best_ods, mb / best_ods, ods_counts.rows, ods_counts.fields, encoding);
  printf ("OdsCsvReader / libcsv: %.1fx\n", best_csv / best_ods);
  if (csv_counts.rows != ods_counts.rows || csv_counts.fields != ods_counts.fields)
    printf ("note: the parsers disagree on rows or fields\n");
  return 0;
}
