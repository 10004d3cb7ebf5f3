/* ods-xlsx-validation.h: a file's validation errors as an Excel workbook.
 *
 * Like Open Data Editor's export: an Errors sheet (row, column, field, value,
 * error, message) and a Data sheet holding the file itself, read again with
 * the encoding and delimiter the validation found, where every cell an error
 * points at is highlighted (a whole row when the error is about the row).
 * Cells stay text, exactly as in the file. Rows go to disk as they are
 * written, so memory does not grow with the file; the Data sheet stops at
 * Excel's 1 048 576 rows.
 */
#pragma once

#include <gio/gio.h>

#include "ods-report.h"
#include "ods-xlsx-util.h"

G_BEGIN_DECLS

/* Writes @report's errors and @data_file (the file that was validated) to
 * @path (replaced atomically). Blocks: from the GUI use the _async variant. */
gboolean ods_validation_report_write_xlsx        (OdsReport           *report,
                                                  GFile               *data_file,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* In a worker thread; @report must not change until it finishes. */
void     ods_validation_report_write_xlsx_async  (OdsReport           *report,
                                                  GFile               *data_file,
                                                  const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean ods_validation_report_write_xlsx_finish (GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
