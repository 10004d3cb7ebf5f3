/* ods-preview-row.h: one row of the preview grid, created on demand by
 * OdsPreviewModel for the rows on screen only. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ODS_TYPE_PREVIEW_ROW (ods_preview_row_get_type ())

G_DECLARE_FINAL_TYPE (OdsPreviewRow, ods_preview_row, ODS, PREVIEW_ROW, GObject)

/* @cells: @n_cells NUL-terminated strings, copied. */
OdsPreviewRow *ods_preview_row_new            (guint64             row_number,
                                               const char * const *cells,
                                               guint               n_cells);
guint64        ods_preview_row_get_row_number (OdsPreviewRow      *self);
guint          ods_preview_row_get_n_cells    (OdsPreviewRow      *self);
/* "" beyond the last cell. */
const char    *ods_preview_row_get_cell       (OdsPreviewRow      *self,
                                               guint               index);

G_END_DECLS
