#define G_LOG_DOMAIN "ods-xlsx-util"

#include "ods-xlsx-util.h"

#include "ods-i18n.h"
#include "ods-period.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (ods-xlsx-error-quark, ods_xlsx_error)

/* Excel's day 0 is 1899-12-30 (day 60, 29/02/1900, does not exist but is counted). */
static guint32
excel_epoch_julian (void)
{
  GDate epoch;

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 30, G_DATE_DECEMBER, 1899);
  return g_date_get_julian (&epoch);
}

double
ods_xlsx_date_serial (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);
  return (double) g_date_get_julian (date) - (double) excel_epoch_julian ();
}

double
ods_xlsx_datetime_serial (GDateTime *instant)
{
  g_autoptr(GDateTime) local = NULL;
  GDate day;

  g_return_val_if_fail (instant != NULL, 0);
  local = g_date_time_to_timezone (instant, ods_period_get_timezone ());
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  /* Whole seconds: Excel shows minutes, and sub-second noise only confuses filters. */
  return ods_xlsx_date_serial (&day) +
         (g_date_time_get_hour (local) * 3600 + g_date_time_get_minute (local) * 60 +
          g_date_time_get_second (local)) / 86400.0;
}

static void
set_write_error (GError    **error,
                 const char *path,
                 const char *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, ODS_XLSX_ERROR, ODS_XLSX_ERROR_WRITE,
               /* TRANSLATORS: %s is a file name, then the technical reason */
               _("Could not write the Excel file “%s”. Check that the folder exists, that you "
                 "may write there and that the file is not open in another program, then try "
                 "again. (%s)"), display, detail);
}

lxw_workbook *
ods_xlsx_workbook_new (const char  *path,
                       gboolean     constant_memory,
                       char       **tmp_path,
                       GError     **error)
{
  lxw_workbook_options options = { 0 };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  lxw_workbook *workbook;
  int fd;

  /* A name of our own in the same folder, so the rename is atomic. */
  name = g_strdup_printf (".%s.XXXXXX", base);
  *tmp_path = g_build_filename (dir, name, NULL);
  fd = g_mkstemp (*tmp_path);
  if (fd < 0)
    {
      int saved = errno;

      set_write_error (error, path, g_strerror (saved));
      g_clear_pointer (tmp_path, g_free);
      return NULL;
    }
  close (fd);

  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  workbook = workbook_new_opt (*tmp_path, &options);
  if (workbook == NULL)
    {
      set_write_error (error, path, lxw_strerror (LXW_ERROR_MEMORY_MALLOC_FAILED));
      g_unlink (*tmp_path);
      g_clear_pointer (tmp_path, g_free);
    }
  return workbook;
}

gboolean
ods_xlsx_workbook_close (lxw_workbook *workbook,
                         const char   *tmp_path,
                         const char   *path,
                         GError      **error)
{
  lxw_error err = workbook_close (workbook);

  if (err != LXW_NO_ERROR)
    {
      set_write_error (error, path, lxw_strerror (err));
      g_unlink (tmp_path);
      return FALSE;
    }
  /* mkstemp made it 0600; a report is an ordinary document. */
  g_chmod (tmp_path, 0644);
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      set_write_error (error, path, g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

void
ods_xlsx_setup_table_sheet (lxw_worksheet *sheet,
                            lxw_row_t      last_row,
                            lxw_col_t      last_col)
{
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, last_row, last_col);
  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);  /* A4 */
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_repeat_rows (sheet, 0, 0);
  worksheet_set_footer (sheet, "&L&A&R&P / &N");
}

void
ods_xlsx_write_link (lxw_worksheet *sheet,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     const char    *url,
                     lxw_format    *link_format)
{
  if (url == NULL || *url == '\0')
    return;
  /* Excel refuses links longer than 2079 characters and libxlsxwriter those over 255 in 1.0. */
  if ((g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
      strlen (url) <= 255 && worksheet_write_url (sheet, row, col, url, link_format) == LXW_NO_ERROR)
    return;
  worksheet_write_string (sheet, row, col, url, NULL);
}

void
ods_xlsx_write_text (lxw_worksheet *sheet,
                     lxw_row_t      row,
                     lxw_col_t      col,
                     const char    *text,
                     lxw_format    *format)
{
  if (text != NULL && *text != '\0')
    worksheet_write_string (sheet, row, col, text, format);
}
