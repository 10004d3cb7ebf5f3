#define G_LOG_DOMAIN "ods-preview-grid"

#include "config.h"

#include "ods-i18n.h"
#include "ods-preview-grid.h"
#include "ods-preview-model.h"
#include "ods-preview-row.h"

/* Columns are as wide as their header and first rows, within these. */
#define MIN_CHARS 4
#define MAX_CHARS 40
/* Digits of the row numbers' column. */
#define ROW_CHARS 7
/* A cell's padding and the error highlight's, in pixels. */
#define CELL_PADDING 24

struct _OdsPreviewGrid
{
  GtkWidget           parent_instance;

  GtkColumnView      *preview_view;

  OdsPreviewModel    *preview;
  GtkSingleSelection *selection;
  guint               n_header;   /* the header's cells, once read */
  guint               n_fields;   /* columns shown, besides the row number */
  int                 char_width; /* pixels, once the header is read */
};

G_DEFINE_FINAL_TYPE (OdsPreviewGrid, ods_preview_grid, GTK_TYPE_WIDGET)

enum {
  HEADER_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* No width in characters: the column's width is fixed (add_column()),
   * and a label with one asks Pango for the font's metrics at each of its
   * many measurements. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           OdsPreviewGrid           *self)
{
  OdsPreviewRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "ods-field"));

  if (field == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, ods_preview_row_get_row_number (row));

      gtk_label_set_text (GTK_LABEL (label), number);
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }

  gtk_label_set_text (GTK_LABEL (label), ods_preview_row_get_cell (row, field - 1));
  if (self->preview != NULL &&
      ods_preview_model_is_error_cell (self->preview, ods_preview_row_get_row_number (row), field))
    {
      /* Not by colour alone: bold, and said to screen readers. */
      gtk_widget_add_css_class (label, "error-cell");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("This cell has an error"), -1);
    }
  else
    {
      gtk_widget_remove_css_class (label, "error-cell");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Fixed widths: the grid does not measure every cell of a column (the
 * rows on screen and the 200 around them) each time rows are added. The
 * officer can still resize a column. */
static void
add_column (OdsPreviewGrid *self,
            const char     *title,
            int             field,
            guint           chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "ods-field", GINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  chars = CLAMP (MAX (chars, (guint) g_utf8_strlen (title, -1)), MIN_CHARS, MAX_CHARS);
  /* A fifth more: a wrong cell is bold. */
  gtk_column_view_column_set_fixed_width (column, (chars + chars / 5 + 1) * self->char_width + CELL_PADDING);
  gtk_column_view_append_column (self->preview_view, column);
}

/* A column for each cell beyond the header that a row has. */
static void
on_columns_changed (OdsPreviewGrid *self)
{
  guint n = ods_preview_model_get_n_columns (self->preview);

  while (self->n_fields < n)
    {
      guint extra = self->n_fields - self->n_header + 1;
      g_autofree char *title = NULL;

      if (extra == 1)
        /* TRANSLATORS: the title of a preview column for cells beyond the header's */
        title = g_strdup (_("(extra)"));
      else
        /* TRANSLATORS: the second, third… column of cells beyond the header's */
        title = g_strdup_printf (_("(extra %u)"), extra);
      add_column (self, title, self->n_fields + 1,
                  ods_preview_model_get_sample_chars (self->preview, self->n_fields));
      self->n_fields++;
    }
}

static void
on_header_ready (OdsPreviewGrid *self)
{
  const char * const *header = ods_preview_model_get_header (self->preview);

  PangoFontMetrics *metrics;

  if (header == NULL || self->n_fields > 0)
    return;

  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self)), NULL, NULL);
  self->char_width = MAX (1, PANGO_PIXELS_CEIL (MAX (pango_font_metrics_get_approximate_char_width (metrics),
                                                     pango_font_metrics_get_approximate_digit_width (metrics))));
  pango_font_metrics_unref (metrics);

  /* TRANSLATORS: the column of row numbers in the preview */
  add_column (self, _("Row"), 0, ROW_CHARS);
  for (guint i = 0; header[i] != NULL; i++)
    add_column (self, header[i], i + 1, ods_preview_model_get_sample_chars (self->preview, i));
  self->n_header = self->n_fields = g_strv_length ((char **) header);
  g_signal_emit (self, signals[HEADER_READY], 0);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A file validation could not read says so in the check's summary. */
  if (!ods_preview_model_load_finish (ODS_PREVIEW_MODEL (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Preview: %s", error->message);
}

static void
ods_preview_grid_dispose (GObject *object)
{
  OdsPreviewGrid *self = ODS_PREVIEW_GRID (object);
  GtkWidget *child;

  if (self->preview_view != NULL)
    gtk_column_view_set_model (self->preview_view, NULL);
  g_clear_object (&self->selection);
  /* Its reading thread may keep it a while: no more signals to here. */
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_clear_object (&self->preview);

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_PREVIEW_GRID);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_preview_grid_parent_class)->dispose (object);
}

static void
ods_preview_grid_class_init (OdsPreviewGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_preview_grid_dispose;

  /**
   * OdsPreviewGrid::header-ready:
   *
   * The header was read: ods_preview_grid_get_n_columns() counts it.
   */
  signals[HEADER_READY] =
    g_signal_new ("header-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-preview-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsPreviewGrid, preview_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_preview_grid_init (OdsPreviewGrid *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ods_preview_grid_new (void)
{
  return g_object_new (ODS_TYPE_PREVIEW_GRID, NULL);
}

/**
 * ods_preview_grid_load:
 * @cancellable: (nullable): stops the reading
 *
 * Shows @file's rows as they are read (what was shown before is cleared).
 */
void
ods_preview_grid_load (OdsPreviewGrid *self,
                       GFile          *file,
                       GCancellable   *cancellable)
{
  g_return_if_fail (ODS_IS_PREVIEW_GRID (self));
  g_return_if_fail (G_IS_FILE (file));

  ods_preview_grid_clear (self);
  self->preview = ods_preview_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->preview)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->preview, "header-ready", G_CALLBACK (on_header_ready), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preview, "columns-changed", G_CALLBACK (on_columns_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (self->selection));
  ods_preview_model_load_async (self->preview, file, NULL, 0, cancellable, loaded, NULL);
}

/**
 * ods_preview_grid_clear:
 *
 * Shows nothing (the reading of a file, if any, goes on unseen until its
 * cancellable is cancelled).
 */
void
ods_preview_grid_clear (OdsPreviewGrid *self)
{
  GListModel *columns;

  g_return_if_fail (ODS_IS_PREVIEW_GRID (self));

  gtk_column_view_set_model (self->preview_view, NULL);
  g_clear_object (&self->selection);
  if (self->preview != NULL)
    g_signal_handlers_disconnect_by_data (self->preview, self);
  g_clear_object (&self->preview);
  columns = gtk_column_view_get_columns (self->preview_view);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  self->n_header = self->n_fields = 0;
}

/**
 * ods_preview_grid_set_errors:
 * @errors: (element-type OdsReportError): the report's errors
 *
 * Highlights the cells of @errors that have a row and a field.
 */
void
ods_preview_grid_set_errors (OdsPreviewGrid *self,
                             GPtrArray      *errors)
{
  g_return_if_fail (ODS_IS_PREVIEW_GRID (self));

  if (self->preview != NULL)
    ods_preview_model_set_errors (self->preview, errors);
}

/**
 * ods_preview_grid_show_row:
 * @row_number: the row's number in the file (frictionless: the header is 1)
 *
 * Selects the row and scrolls it into view.
 *
 * Returns: %FALSE if the row is not read yet
 */
gboolean
ods_preview_grid_show_row (OdsPreviewGrid *self,
                           guint64         row_number)
{
  gint64 position;

  g_return_val_if_fail (ODS_IS_PREVIEW_GRID (self), FALSE);

  if (self->preview == NULL)
    return FALSE;
  position = ods_preview_model_find_row (self->preview, row_number);
  if (position < 0)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_column_view_scroll_to(): its list scrolls itself. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", (guint) position);
        break;
      }
  return TRUE;
}

/**
 * ods_preview_grid_get_n_columns:
 *
 * Returns: the header's cells (0 until it is read)
 */
guint
ods_preview_grid_get_n_columns (OdsPreviewGrid *self)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_GRID (self), 0);

  return self->n_header;
}
