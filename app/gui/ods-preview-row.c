#define G_LOG_DOMAIN "ods-preview-row"

#include "config.h"

#include "ods-preview-row.h"

struct _OdsPreviewRow
{
  GObject   parent_instance;

  guint64   row_number;
  guint     n_cells;
  char    **cells;
};

G_DEFINE_FINAL_TYPE (OdsPreviewRow, ods_preview_row, G_TYPE_OBJECT)

static void
ods_preview_row_finalize (GObject *object)
{
  OdsPreviewRow *self = ODS_PREVIEW_ROW (object);

  g_strfreev (self->cells);

  G_OBJECT_CLASS (ods_preview_row_parent_class)->finalize (object);
}

static void
ods_preview_row_class_init (OdsPreviewRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_preview_row_finalize;
}

static void
ods_preview_row_init (OdsPreviewRow *self)
{
}

OdsPreviewRow *
ods_preview_row_new (guint64             row_number,
                     const char * const *cells,
                     guint               n_cells)
{
  OdsPreviewRow *self = g_object_new (ODS_TYPE_PREVIEW_ROW, NULL);

  self->row_number = row_number;
  self->n_cells = n_cells;
  self->cells = g_new0 (char *, n_cells + 1);
  for (guint i = 0; i < n_cells; i++)
    self->cells[i] = g_strdup (cells[i]);
  return self;
}

guint64
ods_preview_row_get_row_number (OdsPreviewRow *self)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_ROW (self), 0);

  return self->row_number;
}

guint
ods_preview_row_get_n_cells (OdsPreviewRow *self)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_ROW (self), 0);

  return self->n_cells;
}

const char *
ods_preview_row_get_cell (OdsPreviewRow *self,
                          guint          index)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_ROW (self), "");

  return index < self->n_cells ? self->cells[index] : "";
}
