/* ods-xlsx-util.h: what every Excel file we write shares (libxlsxwriter). */
#pragma once

#include <gio/gio.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

#define ODS_XLSX_ERROR (ods_xlsx_error_quark ())

typedef enum
{
  ODS_XLSX_ERROR_WRITE,   /* the file could not be written */
} OdsXlsxError;

GQuark  ods_xlsx_error_quark        (void);

/* Excel's serial day number (1900 date system) of @date, and of @instant in
 * Vietnam's local time (days and the fraction of the day). */
double  ods_xlsx_date_serial          (const GDate *date);
double  ods_xlsx_datetime_serial      (GDateTime   *instant);

/* A workbook written to a temporary name next to @path (@tmp_path), which
 * ods_xlsx_workbook_close() renames to @path, so a failed write never leaves
 * half a file. @constant_memory: rows go to disk as they are written (each
 * sheet strictly row after row), for sheets as large as the data file. */
lxw_workbook *ods_xlsx_workbook_new   (const char  *path,
                                       gboolean     constant_memory,
                                       char       **tmp_path,
                                       GError     **error);
/* Frees the workbook in every case. */
gboolean ods_xlsx_workbook_close      (lxw_workbook *workbook,
                                       const char   *tmp_path,
                                       const char   *path,
                                       GError      **error);

/* Landscape A4, one page wide, header row repeated, frozen and filtered. */
void    ods_xlsx_setup_table_sheet    (lxw_worksheet *sheet,
                                       lxw_row_t      last_row,
                                       lxw_col_t      last_col);

/* A link when @url is http(s) and short enough for Excel, else plain text. */
void    ods_xlsx_write_link           (lxw_worksheet *sheet,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       const char    *url,
                                       lxw_format    *link_format);

/* Text; nothing at all (no styled blank) for %NULL or "". */
void    ods_xlsx_write_text           (lxw_worksheet *sheet,
                                       lxw_row_t      row,
                                       lxw_col_t      col,
                                       const char    *text,
                                       lxw_format    *format);

G_END_DECLS
