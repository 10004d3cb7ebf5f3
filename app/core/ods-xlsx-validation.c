#define G_LOG_DOMAIN "ods-xlsx-validation"

#include "ods-xlsx-validation.h"

#include "ods-csv-reader.h"
#include "ods-i18n.h"

#include <glib/gstdio.h>
#include <string.h>

/* Excel's limits: rows per sheet, columns, characters in a cell. */
#define EXCEL_MAX_ROWS    1048576
#define EXCEL_MAX_COLUMNS 16384
#define EXCEL_MAX_CHARS   32767

typedef struct
{
  lxw_format *header;
  lxw_format *header_bad;
  lxw_format *bad;
  lxw_format *wrap;
  lxw_format *note;
} Formats;

static void
add_formats (lxw_workbook *wb,
             Formats      *f)
{
  f->header = workbook_add_format (wb);
  format_set_bold (f->header);
  format_set_bg_color (f->header, 0xD9E1F2);
  format_set_bottom (f->header, LXW_BORDER_THIN);

  /* The spreadsheet "bad" tint, as the compliance report's overdue. */
  f->bad = workbook_add_format (wb);
  format_set_bg_color (f->bad, 0xFFC7CE);
  format_set_font_color (f->bad, 0x9C0006);

  f->header_bad = workbook_add_format (wb);
  format_set_bold (f->header_bad);
  format_set_bg_color (f->header_bad, 0xFFC7CE);
  format_set_font_color (f->header_bad, 0x9C0006);
  format_set_bottom (f->header_bad, LXW_BORDER_THIN);

  f->wrap = workbook_add_format (wb);
  format_set_text_wrap (f->wrap);
  format_set_align (f->wrap, LXW_ALIGN_VERTICAL_TOP);

  f->note = workbook_add_format (wb);
  format_set_italic (f->note);
}

/* Text as Excel takes it: at most 32 767 characters. */
static void
write_cell_text (lxw_worksheet *sheet,
                 lxw_row_t      row,
                 lxw_col_t      col,
                 const char    *text,
                 lxw_format    *format)
{
  if (*text == '\0')
    {
      if (format != NULL)
        worksheet_write_blank (sheet, row, col, format);
      return;
    }
  if (worksheet_write_string (sheet, row, col, text, format) == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, EXCEL_MAX_CHARS);

      worksheet_write_string (sheet, row, col, cut, format);
    }
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const OdsReportError *ea = *(OdsReportError * const *) a;
  const OdsReportError *eb = *(OdsReportError * const *) b;

  if (ea->row_number != eb->row_number)
    return ea->row_number < eb->row_number ? -1 : 1;
  return (ea->column_number > eb->column_number) - (ea->column_number < eb->column_number);
}

static const char * const error_headers[] = {
  N_("Row"), N_("Column"), N_("Field"), N_("Value"), N_("Error"), N_("Message"),
};
static const double error_widths[] = { 8, 8, 24, 24, 24, 90 };

static void
write_errors (lxw_worksheet *sheet,
              const Formats *f,
              OdsReport     *report,
              GPtrArray     *sorted)
{
  lxw_row_t row = 0;

  for (guint i = 0; i < G_N_ELEMENTS (error_headers); i++)
    {
      worksheet_write_string (sheet, 0, i, _(error_headers[i]), f->header);
      worksheet_set_column (sheet, i, i, error_widths[i], i == 5 ? f->wrap : NULL);
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      const OdsReportError *e = sorted->pdata[i];

      row = i + 1;
      if (e->row_number > 0)
        worksheet_write_number (sheet, row, 0, (double) e->row_number, NULL);
      if (e->column_number > 0)
        {
          g_autofree char *letters = ods_column_letters (e->column_number);

          worksheet_write_string (sheet, row, 1, letters, NULL);
        }
      ods_xlsx_write_text (sheet, row, 2, e->field_name, NULL);
      if (e->cell != NULL)
        write_cell_text (sheet, row, 3, e->cell, NULL);
      worksheet_write_string (sheet, row, 4, ods_report_error_type_get_title (e->type), NULL);
      write_cell_text (sheet, row, 5, e->message != NULL ? e->message : "", f->wrap);
    }
  ods_xlsx_setup_table_sheet (sheet, MAX (row, 1), G_N_ELEMENTS (error_headers) - 1);

  if (ods_report_get_n_errors (report) > sorted->len)
    {
      g_autofree char *note = NULL;
      guint64 n = ods_report_get_n_errors (report);
      g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, n);

      /* TRANSLATORS: %u errors listed out of %s found; the limit is --limit-errors */
      note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Only the first %u of %s error is listed: fix these, "
                                           "then check the file again.",
                                           "Only the first %u of %s errors are listed: fix these, "
                                           "then check the file again.", (gulong) n),
                              sorted->len, total);
      worksheet_write_string (sheet, row + 2, 0, note, f->note);
    }
}

/* Where the errors point: (row, column) pairs, and rows an error is about as a whole. */
typedef struct
{
  GHashTable *cells;      /* gint64 row * 65536 + column */
  GHashTable *rows;       /* gint64 row → GINT_TO_POINTER (highest column named + 1) */
} Marks;

static gint64 *
int64_new (gint64 v)
{
  gint64 *p = g_new (gint64, 1);

  *p = v;
  return p;
}

static void
marks_init (Marks     *m,
            GPtrArray *errors)
{
  m->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  m->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < errors->len; i++)
    {
      const OdsReportError *e = errors->pdata[i];
      gint64 row = (gint64) e->row_number;

      if (e->row_number == 0)
        continue;
      if (e->column_number > 0 && e->column_number <= EXCEL_MAX_COLUMNS)
        {
          gint64 key = row * 65536 + e->column_number;
          gint64 *row_key = int64_new (row);
          guint max = GPOINTER_TO_UINT (g_hash_table_lookup (m->rows, row_key));

          g_hash_table_add (m->cells, int64_new (key));
          /* A missing cell is past the row's end: remember how far to paint. */
          if (e->column_number > max)
            g_hash_table_insert (m->rows, row_key, GUINT_TO_POINTER (e->column_number));
          else
            g_free (row_key);
        }
      else
        /* blank-row, primary-key without a column…: the whole row. */
        g_hash_table_insert (m->cells, int64_new (row * 65536), GINT_TO_POINTER (1));
    }
}

static void
marks_clear (Marks *m)
{
  g_clear_pointer (&m->cells, g_hash_table_unref);
  g_clear_pointer (&m->rows, g_hash_table_unref);
}

static gboolean
marked (Marks   *m,
        guint64  row,
        guint    column)
{
  gint64 whole = (gint64) row * 65536;
  gint64 key = whole + column;

  return g_hash_table_contains (m->cells, &key) || g_hash_table_contains (m->cells, &whole);
}

static gboolean
write_data (lxw_worksheet  *sheet,
            const Formats  *f,
            OdsReport      *report,
            GFile          *data_file,
            Marks          *marks,
            GCancellable   *cancellable,
            GError        **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(GError) read_error = NULL;
  OdsCsvOptions options = { 0 };
  const char *delimiter = ods_report_get_delimiter (report);
  OdsRecord record;
  gint64 last_row = -1;
  guint max_cols = 0;

  in = g_file_read (data_file, cancellable, error);
  if (in == NULL)
    return FALSE;
  options.delimiter = delimiter != NULL ? delimiter[0] : 0;
  options.encoding = ods_report_get_encoding (report);
  reader = ods_csv_reader_new (G_INPUT_STREAM (in), &options);

  while (ods_csv_reader_next (reader, &record, cancellable, &read_error))
    {
      lxw_row_t row;
      guint n = MIN (record.n_cells, EXCEL_MAX_COLUMNS);
      guint paint_to;
      gint64 row_key = (gint64) record.row_number;
      gboolean header = record.row_number == 1;

      /* Rows go to disk in order: never step back, even on a reader quirk. */
      row = (lxw_row_t) MAX ((gint64) record.row_number - 1, last_row + 1);
      if (row >= EXCEL_MAX_ROWS)
        {
          g_debug ("Data sheet stops at Excel's %d rows", EXCEL_MAX_ROWS);
          break;
        }
      /* An error about a row the reader does not hand out (an empty line):
       * mark its first cell so the row is still seen. */
      for (lxw_row_t r = (lxw_row_t) (last_row + 1); r < row; r++)
        if (marked (marks, (guint64) r + 1, 0))
          worksheet_write_blank (sheet, r, 0, f->bad);
      last_row = row;
      if ((row & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      paint_to = MAX (n, GPOINTER_TO_UINT (g_hash_table_lookup (marks->rows, &row_key)));
      if (paint_to == 0 && marked (marks, record.row_number, 0))
        paint_to = 1;
      for (guint c = 0; c < paint_to; c++)
        {
          gboolean bad = marked (marks, record.row_number, c + 1);
          lxw_format *format = header ? (bad ? f->header_bad : f->header) : (bad ? f->bad : NULL);

          write_cell_text (sheet, row, c, c < n ? record.cells[c] : "", format);
        }
      max_cols = MAX (max_cols, paint_to);
    }
  if (read_error != NULL)
    {
      if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      /* The report already says what is wrong with the file; show what could be read. */
      g_debug ("Data sheet stops: %s", read_error->message);
    }

  for (guint c = 0; c < max_cols; c++)
    worksheet_set_column (sheet, c, c, 16, NULL);
  if (max_cols > 0)
    ods_xlsx_setup_table_sheet (sheet, MAX (last_row, 1), max_cols - 1);
  return TRUE;
}

gboolean
ods_validation_report_write_xlsx (OdsReport     *report,
                                  GFile         *data_file,
                                  const char    *path,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *base = NULL;
  lxw_doc_properties props = { 0 };
  lxw_workbook *wb;
  lxw_worksheet *errors_sheet, *data_sheet;
  GPtrArray *errors;
  Formats f;
  Marks marks;
  gboolean ok;

  g_return_val_if_fail (ODS_IS_REPORT (report), FALSE);
  g_return_val_if_fail (G_IS_FILE (data_file), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  errors = ods_report_get_errors (report);
  sorted = g_ptr_array_sized_new (errors->len);
  for (guint i = 0; i < errors->len; i++)
    g_ptr_array_add (sorted, errors->pdata[i]);
  g_ptr_array_sort (sorted, compare_errors);  /* stable: same-row errors keep their order */

  wb = ods_xlsx_workbook_new (path, TRUE, &tmp_path, error);
  if (wb == NULL)
    return FALSE;

  base = g_file_get_basename (data_file);
  props.title = (char *) _("Validation errors");
  props.subject = base;
  props.author = (char *) "Open Data Submit";
  workbook_set_properties (wb, &props);
  add_formats (wb, &f);

  /* TRANSLATORS: sheet names: at most 31 characters, none of []:*?/\ */
  errors_sheet = workbook_add_worksheet (wb, C_("sheet", "Errors"));
  data_sheet = workbook_add_worksheet (wb, C_("sheet", "Data"));
  write_errors (errors_sheet, &f, report, sorted);

  marks_init (&marks, sorted);
  ok = write_data (data_sheet, &f, report, data_file, &marks, cancellable, error);
  marks_clear (&marks);

  if (!ok)
    {
      /* Closing is the only way to free it; the half-written file goes. */
      workbook_close (wb);
      g_unlink (tmp_path);
      return FALSE;
    }
  return ods_xlsx_workbook_close (wb, tmp_path, path, error);
}

typedef struct
{
  OdsReport *report;
  GFile     *data_file;
  char      *path;
} WriteData;

static void
write_data_free (WriteData *d)
{
  g_object_unref (d->report);
  g_object_unref (d->data_file);
  g_free (d->path);
  g_free (d);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *d = task_data;
  GError *error = NULL;

  if (ods_validation_report_write_xlsx (d->report, d->data_file, d->path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ods_validation_report_write_xlsx_async (OdsReport           *report,
                                        GFile               *data_file,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *d;

  g_return_if_fail (ODS_IS_REPORT (report));
  g_return_if_fail (G_IS_FILE (data_file));
  g_return_if_fail (path != NULL);

  d = g_new0 (WriteData, 1);
  d->report = g_object_ref (report);
  d->data_file = g_object_ref (data_file);
  d->path = g_strdup (path);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_validation_report_write_xlsx_async);
  g_task_set_task_data (task, d, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ods_validation_report_write_xlsx_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
