/* ods-preview-model.h: the rows of a data file for the preview grid.
 *
 * A GListModel of OdsPreviewRow read in a worker thread into one compact
 * buffer (the cells' text and an offset per row, no object per cell);
 * rows appear while the file is read, and an OdsPreviewRow is made only
 * when the grid asks for one (the rows on screen). The header row is kept
 * apart (ods_preview_model_get_header()).
 */
#pragma once

#include <gio/gio.h>

#include "ods-report.h"

G_BEGIN_DECLS

#define ODS_TYPE_PREVIEW_MODEL (ods_preview_model_get_type ())

G_DECLARE_FINAL_TYPE (OdsPreviewModel, ods_preview_model, ODS, PREVIEW_MODEL, GObject)

OdsPreviewModel    *ods_preview_model_new          (void);
/* Starts reading @file (with the encoding and delimiter validation found,
 * or %NULL/0 to detect them); @callback runs when all rows are in. */
void                ods_preview_model_load_async   (OdsPreviewModel     *self,
                                                    GFile               *file,
                                                    const char          *encoding,
                                                    char                 delimiter,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            ods_preview_model_load_finish  (OdsPreviewModel     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean            ods_preview_model_get_loading  (OdsPreviewModel     *self);
/* The header's cells (NULL before the first row is read). */
const char * const *ods_preview_model_get_header   (OdsPreviewModel     *self);
/* The header's cells, or more once a row with extra cells was published
 * (::columns-changed). */
guint               ods_preview_model_get_n_columns (OdsPreviewModel    *self);
/* The most characters of @column in the header and the first rows. */
guint               ods_preview_model_get_sample_chars (OdsPreviewModel *self,
                                                        guint            column);
/* The position of the record with frictionless @row_number, or -1. */
gint64              ods_preview_model_find_row     (OdsPreviewModel     *self,
                                                    guint64              row_number);
/* Which cells to highlight: each OdsReportError with a row and a field. */
void                ods_preview_model_set_errors   (OdsPreviewModel     *self,
                                                    GPtrArray           *errors);
gboolean            ods_preview_model_is_error_cell (OdsPreviewModel    *self,
                                                     guint64             row_number,
                                                     guint               field_number);

G_END_DECLS
