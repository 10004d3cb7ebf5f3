/* bench-validator: the validator's per-cell cost, without reading a file.
 *
 *   build/tests/bench/bench-validator [ROWS] [REPEATS]
 *
 * Builds ROWS records (default 200000) of ten typed columns like a
 * quarterly report (integers, Vietnamese-format numbers, dd/mm/yyyy and ISO
 * dates, enums, Vietnamese text) in memory, then validates them REPEATS
 * times (default 5) and prints the best ns/cell, rows/s and MB/s of cell
 * data, without keys and with a primary key. */
#include "ods-validator.h"

#include <stdio.h>
#include <stdlib.h>

#define SCHEMA_FIELDS \
  "{\"fields\": [" \
  " {\"name\": \"id\", \"type\": \"integer\", \"constraints\": {\"required\": true}}," \
  " {\"name\": \"tinh\", \"constraints\": {\"enum\": [\"Hà Nội\", \"Hồ Chí Minh\", \"Đà Nẵng\", \"Hải Phòng\", \"Cần Thơ\"]}}," \
  " {\"name\": \"ten_don_vi\", \"constraints\": {\"required\": true}}," \
  " {\"name\": \"ngay_bao_cao\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}," \
  " {\"name\": \"so_luong\", \"type\": \"integer\", \"groupChar\": \".\", \"constraints\": {\"minimum\": 0}}," \
  " {\"name\": \"kinh_phi\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}," \
  " {\"name\": \"ty_le\", \"type\": \"number\", \"constraints\": {\"maximum\": 100}}," \
  " {\"name\": \"loai_hinh\", \"constraints\": {\"enum\": [\"Công lập\", \"Tư thục\", \"Dân lập\"]}}," \
  " {\"name\": \"ngay_cap_nhat\", \"type\": \"date\"}," \
  " {\"name\": \"ghi_chu\"}]"

#define N_COLS 10

typedef struct
{
  char      *buffer;    /* all cells, NUL-terminated, one after another */
  char     **cells;     /* rows × N_COLS */
  gsize     *lengths;
  guint      n_rows;
  guint64    bytes;     /* cell bytes + one delimiter/newline per cell */
} Data;

static const char *const provinces[] = { "Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ" };
static const char *const kinds[] = { "Công lập", "Tư thục", "Dân lập" };
static const char *const names[] = {
  "Sở Tài chính", "Trường Tiểu học Nguyễn Trãi", "Bệnh viện Đa khoa tỉnh",
  "Ủy ban nhân dân phường Dịch Vọng", "Trung tâm Y tế huyện",
};

static char *
grouped (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

static void
data_init (Data  *d,
           guint  n_rows)
{
  GRand *rand = g_rand_new_with_seed (42);
  GString *buf = g_string_new (NULL);

  d->cells = g_new (char *, (gsize) n_rows * N_COLS);
  d->lengths = g_new (gsize, (gsize) n_rows * N_COLS);
  d->n_rows = n_rows;
  d->bytes = 0;
  for (guint r = 0; r < n_rows; r++)
    {
      char *row[N_COLS];
      g_autofree char *amount = grouped (g_rand_int_range (rand, 0, 2000000000));
      g_autofree char *count = grouped (g_rand_int_range (rand, 0, 100000));

      row[0] = g_strdup_printf ("%u", r + 1);
      row[1] = g_strdup (provinces[g_rand_int_range (rand, 0, G_N_ELEMENTS (provinces))]);
      row[2] = g_strdup_printf ("%s %u", names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))], r % 1000);
      row[3] = g_strdup_printf ("%02d/%02d/20%02d", g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 1, 13),
                                g_rand_int_range (rand, 15, 26));
      row[4] = g_strdup (count);
      row[5] = g_strdup_printf ("%s,%02d", amount, g_rand_int_range (rand, 0, 100));
      row[6] = g_strdup_printf ("%d.%d", g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 10));
      row[7] = g_strdup (kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
      row[8] = g_strdup_printf ("20%02d-%02d-%02d", g_rand_int_range (rand, 15, 26), g_rand_int_range (rand, 1, 13),
                                g_rand_int_range (rand, 1, 29));
      row[9] = g_rand_int_range (rand, 0, 4) == 0 ? g_strdup ("Đã kiểm tra") : g_strdup ("");
      for (guint c = 0; c < N_COLS; c++)
        {
          d->lengths[(gsize) r * N_COLS + c] = strlen (row[c]);
          d->bytes += strlen (row[c]) + 1;
          g_string_append_len (buf, row[c], strlen (row[c]) + 1);
          g_free (row[c]);
        }
    }
  /* Like a reader's buffer: the cells of a row next to each other. */
  d->buffer = g_string_free (buf, FALSE);
  {
    gsize off = 0;

    for (gsize k = 0; k < (gsize) n_rows * N_COLS; k++)
      {
        d->cells[k] = d->buffer + off;
        off += d->lengths[k] + 1;
      }
  }
  g_rand_free (rand);
}

static double
run (Data       *d,
     OdsSchema  *schema)
{
  g_autoptr(OdsValidator) validator = ods_validator_new (schema);
  g_autoptr(OdsReport) report = NULL;
  gint64 start;
  OdsRecord rec = { 0 };
  const char *header[N_COLS];
  gsize header_len[N_COLS];

  for (guint c = 0; c < N_COLS; c++)
    {
      header[c] = ods_schema_field_get_name (ods_schema_get_field (schema, c));
      header_len[c] = strlen (header[c]);
    }
  rec.cells = (char *const *) header;
  rec.lengths = header_len;
  rec.n_cells = N_COLS;
  rec.row_number = 1;
  ods_validator_add_header (validator, &rec);

  start = g_get_monotonic_time ();
  for (guint r = 0; r < d->n_rows; r++)
    {
      rec.cells = &d->cells[(gsize) r * N_COLS];
      rec.lengths = &d->lengths[(gsize) r * N_COLS];
      rec.row_number = r + 2;
      rec.line_number = r + 2;
      ods_validator_add_row (validator, &rec);
    }
  report = ods_validator_finish (validator);
  if (!ods_report_get_valid (report))
    {
      g_autofree char *text = ods_report_format_text (report);

      g_printerr ("unexpected errors:\n%s", text);
      exit (1);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
report_line (const char *label,
             Data       *d,
             double      seconds)
{
  double cells = (double) d->n_rows * N_COLS;

  printf ("%-28s %6.1f ns/cell  %10.0f rows/s  %7.0f MB/s\n", label, seconds * 1e9 / cells,
          d->n_rows / seconds, d->bytes / seconds / 1e6);
}

int
main (int argc, char **argv)
{
  guint n_rows = argc > 1 ? (guint) atoi (argv[1]) : 200000;
  guint repeats = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *plain_json = g_strconcat (SCHEMA_FIELDS, "}", NULL);
  g_autofree char *pk_json = g_strconcat (SCHEMA_FIELDS, ", \"primaryKey\": \"id\"}", NULL);
  g_autoptr(OdsSchema) plain = ods_schema_new_from_string (plain_json, -1, NULL);
  g_autoptr(OdsSchema) pk = ods_schema_new_from_string (pk_json, -1, NULL);
  double best_plain = G_MAXDOUBLE, best_pk = G_MAXDOUBLE;
  Data d;

  g_assert (plain != NULL && pk != NULL);
  data_init (&d, n_rows);
  printf ("%u rows × %d columns, %.1f MB of cell data, best of %u runs\n",
          n_rows, N_COLS, d.bytes / 1e6, repeats);
  for (guint i = 0; i < repeats; i++)
    {
      best_plain = MIN (best_plain, run (&d, plain));
      best_pk = MIN (best_pk, run (&d, pk));
    }
  report_line ("schema, no keys:", &d, best_plain);
  report_line ("schema + primaryKey id:", &d, best_pk);

  g_free (d.buffer);
  g_free (d.cells);
  g_free (d.lengths);
  return 0;
}
