/* ods-preview-grid.h: the rows of a data file in a GtkColumnView, for the
 * check step.
 *
 * Reads the file with OdsPreviewModel (in a worker thread, rows appearing
 * as they are read; only the rows on screen get widgets), one column per
 * header cell and one more, titled "(extra)", for each cell a row has
 * beyond the header. The cells validation found wrong are highlighted
 * (bold red, and described to screen readers), and a row can be brought
 * into view and selected.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_PREVIEW_GRID (ods_preview_grid_get_type ())

G_DECLARE_FINAL_TYPE (OdsPreviewGrid, ods_preview_grid, ODS, PREVIEW_GRID, GtkWidget)

GtkWidget *ods_preview_grid_new           (void);
void       ods_preview_grid_load          (OdsPreviewGrid *self,
                                           GFile          *file,
                                           GCancellable   *cancellable);
void       ods_preview_grid_clear         (OdsPreviewGrid *self);
void       ods_preview_grid_set_errors    (OdsPreviewGrid *self,
                                           GPtrArray      *errors);
gboolean   ods_preview_grid_show_row      (OdsPreviewGrid *self,
                                           guint64         row_number);
guint      ods_preview_grid_get_n_columns (OdsPreviewGrid *self);

G_END_DECLS
