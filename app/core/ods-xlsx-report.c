#define G_LOG_DOMAIN "ods-xlsx-report"

#include "ods-xlsx-report.h"

#include "ods-i18n.h"

#include <glib/gstdio.h>
#include <string.h>

OdsComplianceReport *
ods_compliance_report_new (void)
{
  OdsComplianceReport *report = g_new0 (OdsComplianceReport, 1);

  report->obligations = g_ptr_array_new_with_free_func (g_object_unref);
  report->history = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_history_entry_free);
  return report;
}

void
ods_compliance_report_free (OdsComplianceReport *report)
{
  if (report == NULL)
    return;
  g_free (report->unit);
  g_free (report->portal);
  g_free (report->user);
  g_clear_pointer (&report->generated_at, g_date_time_unref);
  g_clear_pointer (&report->obligations, g_ptr_array_unref);
  g_clear_pointer (&report->history, g_ptr_array_unref);
  g_free (report);
}

/* Fill and text colours of each status, in OdsObligationStatus order: the
 * usual spreadsheet "good / neutral / bad" tints. */
static const struct
{
  lxw_color_t fill, font;
} status_colors[ODS_OBLIGATION_N_STATUSES] = {
  { 0xC6EFCE, 0x006100 },  /* on time: green */
  { 0xFFEB9C, 0x9C5700 },  /* late: amber */
  { 0xDDEBF7, 0x1F4E78 },  /* due: blue */
  { 0xFFC7CE, 0x9C0006 },  /* overdue: red */
  { 0xE4DFEC, 0x5B2C6F },  /* connected: violet */
  { 0xEDEDED, 0x595959 },  /* not required: grey */
};

typedef struct
{
  lxw_format *title;
  lxw_format *label;
  lxw_format *header;
  lxw_format *date;
  lxw_format *datetime;
  lxw_format *integer;
  lxw_format *link;
  lxw_format *mono;
  lxw_format *status[ODS_OBLIGATION_N_STATUSES];
} Formats;

static void
add_formats (lxw_workbook *wb,
             Formats      *f)
{
  f->title = workbook_add_format (wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 14);

  f->label = workbook_add_format (wb);
  format_set_bold (f->label);

  f->header = workbook_add_format (wb);
  format_set_bold (f->header);
  format_set_bg_color (f->header, 0xD9E1F2);
  format_set_bottom (f->header, LXW_BORDER_THIN);
  format_set_text_wrap (f->header);
  format_set_align (f->header, LXW_ALIGN_VERTICAL_CENTER);

  f->date = workbook_add_format (wb);
  format_set_num_format (f->date, "dd/mm/yyyy");
  format_set_align (f->date, LXW_ALIGN_LEFT);

  f->datetime = workbook_add_format (wb);
  format_set_num_format (f->datetime, "dd/mm/yyyy hh:mm");
  format_set_align (f->datetime, LXW_ALIGN_LEFT);

  f->integer = workbook_add_format (wb);
  format_set_num_format (f->integer, "#,##0");

  f->link = workbook_add_format (wb);
  format_set_underline (f->link, LXW_UNDERLINE_SINGLE);
  format_set_font_color (f->link, LXW_COLOR_BLUE);

  f->mono = workbook_add_format (wb);
  format_set_font_name (f->mono, "Consolas");

  for (guint i = 0; i < ODS_OBLIGATION_N_STATUSES; i++)
    {
      f->status[i] = workbook_add_format (wb);
      format_set_bg_color (f->status[i], status_colors[i].fill);
      format_set_font_color (f->status[i], status_colors[i].font);
    }
}

static void
write_headers (lxw_worksheet      *sheet,
               const Formats      *f,
               const char * const *headers,
               const double       *widths,
               guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      worksheet_write_string (sheet, 0, i, _(headers[i]), f->header);
      worksheet_set_column (sheet, i, i, widths[i], NULL);
    }
  worksheet_set_row (sheet, 0, 30, NULL);
}

static void
write_number_or_blank (lxw_worksheet *sheet,
                       lxw_row_t      row,
                       lxw_col_t      col,
                       gint64         value,
                       lxw_format    *format)
{
  if (value >= 0)
    worksheet_write_number (sheet, row, col, (double) value, format);
}

static void
write_summary (lxw_worksheet             *sheet,
               const Formats             *f,
               const OdsComplianceReport *report,
               GDateTime                 *generated_at)
{
  g_autofree char *display = ods_period_to_display (report->period);
  g_autofree char *iso = ods_period_to_string (report->period);
  g_autofree char *title = NULL;
  g_autofree char *period = g_strdup_printf ("%s (%s)", display, iso);
  guint counts[ODS_OBLIGATION_N_STATUSES] = { 0 };
  lxw_row_t row;

  for (guint i = 0; i < report->obligations->len; i++)
    counts[ods_obligation_get_status (report->obligations->pdata[i])]++;

  /* TRANSLATORS: the report's title; %s is the period, "Quý 3/2026" */
  title = g_strdup_printf (_("Open data compliance report — %s"), display);
  worksheet_set_column (sheet, 0, 0, 28, NULL);
  worksheet_set_column (sheet, 1, 1, 50, NULL);
  worksheet_write_string (sheet, 0, 0, title, f->title);

  worksheet_write_string (sheet, 2, 0, _("Unit"), f->label);
  ods_xlsx_write_text (sheet, 2, 1, report->unit, NULL);
  worksheet_write_string (sheet, 3, 0, _("Portal"), f->label);
  ods_xlsx_write_text (sheet, 3, 1, report->portal, NULL);
  worksheet_write_string (sheet, 4, 0, _("Period"), f->label);
  worksheet_write_string (sheet, 4, 1, period, NULL);
  worksheet_write_string (sheet, 5, 0, _("Deadline"), f->label);
  worksheet_write_number (sheet, 5, 1, ods_xlsx_date_serial (&report->deadline.due_day), f->date);
  worksheet_write_string (sheet, 6, 0, _("Generated at"), f->label);
  worksheet_write_number (sheet, 6, 1, ods_xlsx_datetime_serial (generated_at), f->datetime);
  worksheet_write_string (sheet, 7, 0, _("Prepared by"), f->label);
  ods_xlsx_write_text (sheet, 7, 1, report->user, NULL);

  worksheet_write_string (sheet, 9, 0, _("Status"), f->header);
  worksheet_write_string (sheet, 9, 1, _("Number of datasets"), f->header);
  row = 10;
  for (guint i = 0; i < ODS_OBLIGATION_N_STATUSES; i++, row++)
    {
      worksheet_write_string (sheet, row, 0, ods_obligation_status_get_display_name (i),
                              f->status[i]);
      worksheet_write_number (sheet, row, 1, counts[i], f->integer);
    }
  worksheet_write_string (sheet, row, 0, _("Total"), f->label);
  worksheet_write_number (sheet, row, 1, report->obligations->len, f->integer);

  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
}

/* The row count of the file submitted for @ob, from this computer's history. */
static gint64
rows_from_history (const OdsComplianceReport *report,
                   OdsObligation             *ob)
{
  const char *resource = ods_obligation_get_resource_id (ob);
  const char *sha = ods_obligation_get_sha256 (ob);
  gint64 rows = -1;

  for (guint i = 0; i < report->history->len; i++)
    {
      const OdsHistoryEntry *e = report->history->pdata[i];

      if (e->rows < 0)
        continue;
      if ((sha != NULL && g_strcmp0 (e->sha256, sha) == 0) ||
          (resource != NULL && g_strcmp0 (e->resource, resource) == 0))
        rows = e->rows;  /* the newest wins: entries are oldest first */
    }
  return rows;
}

static const char * const dataset_headers[] = {
  N_("Dataset"), N_("Resource"), N_("Status"), N_("Due date"), N_("Submitted at"),
  N_("Days late"), N_("Rows"), N_("Size (bytes)"), N_("SHA-256"), N_("Link"),
};
static const double dataset_widths[] = { 45, 40, 22, 12, 17, 10, 10, 13, 20, 50 };

static void
write_datasets (lxw_worksheet             *sheet,
                const Formats             *f,
                const OdsComplianceReport *report)
{
  guint n = report->obligations->len;

  write_headers (sheet, f, dataset_headers, dataset_widths, G_N_ELEMENTS (dataset_headers));
  for (guint i = 0; i < n; i++)
    {
      OdsObligation *ob = report->obligations->pdata[i];
      OdsObligationStatus status = ods_obligation_get_status (ob);
      GDateTime *submitted = ods_obligation_get_submitted_at (ob);
      lxw_row_t row = i + 1;

      worksheet_write_string (sheet, row, 0, ods_obligation_get_dataset_title (ob), NULL);
      ods_xlsx_write_text (sheet, row, 1, ods_obligation_get_resource_name (ob), NULL);
      worksheet_write_string (sheet, row, 2, ods_obligation_status_get_display_name (status),
                              f->status[status]);
      if (status != ODS_OBLIGATION_NOT_REQUIRED && status != ODS_OBLIGATION_CONNECTED)
        worksheet_write_number (sheet, row, 3,
                                ods_xlsx_date_serial (&ods_obligation_get_deadline (ob)->due_day),
                                f->date);
      if (submitted != NULL)
        worksheet_write_number (sheet, row, 4, ods_xlsx_datetime_serial (submitted), f->datetime);
      if (status == ODS_OBLIGATION_SUBMITTED_LATE || status == ODS_OBLIGATION_OVERDUE)
        worksheet_write_number (sheet, row, 5, ods_obligation_get_days (ob), f->integer);
      write_number_or_blank (sheet, row, 6, rows_from_history (report, ob), f->integer);
      write_number_or_blank (sheet, row, 7, ods_obligation_get_size (ob), f->integer);
      ods_xlsx_write_text (sheet, row, 8, ods_obligation_get_sha256 (ob), f->mono);
      ods_xlsx_write_link (sheet, row, 9, ods_obligation_get_url (ob), f->link);
    }
  ods_xlsx_setup_table_sheet (sheet, MAX (n, 1), G_N_ELEMENTS (dataset_headers) - 1);
}

static const char * const history_headers[] = {
  N_("Time"), N_("Outcome"), N_("Dataset"), N_("Resource"), N_("File"), N_("Rows"),
  N_("Errors"), N_("Size (bytes)"), N_("SHA-256"), N_("User"), N_("Receipt"), N_("Message"),
};
static const double history_widths[] = { 17, 16, 30, 20, 30, 10, 10, 13, 20, 16, 50, 40 };

static void
write_history (lxw_worksheet             *sheet,
               const Formats             *f,
               const OdsComplianceReport *report)
{
  guint n = report->history->len;

  write_headers (sheet, f, history_headers, history_widths, G_N_ELEMENTS (history_headers));
  for (guint i = 0; i < n; i++)
    {
      const OdsHistoryEntry *e = report->history->pdata[i];
      lxw_row_t row = i + 1;

      if (e->time != NULL)
        worksheet_write_number (sheet, row, 0, ods_xlsx_datetime_serial (e->time), f->datetime);
      worksheet_write_string (sheet, row, 1, ods_history_outcome_get_display_name (e->outcome),
                              NULL);
      ods_xlsx_write_text (sheet, row, 2, e->dataset, NULL);
      ods_xlsx_write_text (sheet, row, 3, e->resource, NULL);
      ods_xlsx_write_text (sheet, row, 4, e->file_name, NULL);
      write_number_or_blank (sheet, row, 5, e->rows, f->integer);
      write_number_or_blank (sheet, row, 6, e->errors, f->integer);
      write_number_or_blank (sheet, row, 7, e->size, f->integer);
      ods_xlsx_write_text (sheet, row, 8, e->sha256, f->mono);
      ods_xlsx_write_text (sheet, row, 9, e->user, NULL);
      ods_xlsx_write_link (sheet, row, 10, e->receipt_url, f->link);
      ods_xlsx_write_text (sheet, row, 11, e->message, NULL);
    }
  ods_xlsx_setup_table_sheet (sheet, MAX (n, 1), G_N_ELEMENTS (history_headers) - 1);
}

gboolean
ods_compliance_report_write_xlsx (const OdsComplianceReport *report,
                                  const char                *path,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  g_autoptr(GDateTime) generated_at = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *period = NULL;
  lxw_doc_properties props = { 0 };
  lxw_workbook *wb;
  Formats f;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  generated_at = report->generated_at ? g_date_time_ref (report->generated_at)
                                      : g_date_time_new_now_utc ();

  wb = ods_xlsx_workbook_new (path, FALSE, &tmp_path, error);
  if (wb == NULL)
    return FALSE;

  period = ods_period_to_display (report->period);
  props.title = (char *) _("Open data compliance report");
  props.subject = period;
  props.company = report->unit;
  props.author = (char *) "Open Data Submit";
  workbook_set_properties (wb, &props);

  add_formats (wb, &f);
  /* TRANSLATORS: sheet names: at most 31 characters, none of []:*?/\ */
  write_summary (workbook_add_worksheet (wb, _("Summary")), &f, report, generated_at);
  write_datasets (workbook_add_worksheet (wb, _("Datasets")), &f, report);
  write_history (workbook_add_worksheet (wb, _("History")), &f, report);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      /* Closing is the only way to free it; the file is removed below. */
      workbook_close (wb);
      g_unlink (tmp_path);
      return FALSE;
    }
  return ods_xlsx_workbook_close (wb, tmp_path, path, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "ods-path");
  GError *error = NULL;

  if (ods_compliance_report_write_xlsx (task_data, path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ods_compliance_report_write_xlsx_async (OdsComplianceReport *report,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_compliance_report_write_xlsx_async);
  g_task_set_task_data (task, report, (GDestroyNotify) ods_compliance_report_free);
  g_object_set_data_full (G_OBJECT (task), "ods-path", g_strdup (path), g_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
ods_compliance_report_write_xlsx_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
