#define G_LOG_DOMAIN "ods-preview-model"

#include "config.h"

#include <string.h>

#include "ods-preview-model.h"
#include "ods-preview-row.h"
#include "ods-csv-reader.h"

/* How often rows read so far are shown while the file is read. */
#define PUBLISH_INTERVAL_MS 200
#define RAMP_ROWS 256
#define RAMP_STEP 8
/* The rows' text is kept in blocks of about this size. */
#define CHUNK_SIZE (1024 * 1024)
/* The columns' widths are taken from the header and this many rows. */
#define SAMPLE_ROWS 200

struct _OdsPreviewModel
{
  GObject       parent_instance;

  /* Filled by the reading thread, under the lock. */
  GMutex        lock;
  GPtrArray    *chunks;      /* GBytes: cells, each NUL-terminated */
  GArray       *offsets;     /* guint64: chunk << 32 | where the row starts in it */
  GArray       *n_cells;     /* guint32 */
  GArray       *row_numbers; /* guint64 */
  char        **header;
  GArray       *sample_chars; /* guint: the most characters of each column */
  guint         max_cells;   /* the most cells of a row handed over */

  guint         n_items;     /* published to the main thread */
  guint         n_columns;   /* published: the header's, or more */
  guint         publish_id;
  guint         ramp_id;
  gboolean      loading;
  gboolean      header_announced;
  GCancellable *cancellable;
  GHashTable   *error_cells; /* (row << 20 | field) */
};

enum {
  HEADER_READY,
  COLUMNS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void ods_preview_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OdsPreviewModel, ods_preview_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ods_preview_model_list_model_init))

static GType
ods_preview_model_get_item_type (GListModel *model)
{
  return ODS_TYPE_PREVIEW_ROW;
}

static guint
ods_preview_model_get_n_items (GListModel *model)
{
  return ODS_PREVIEW_MODEL (model)->n_items;
}

static gpointer
ods_preview_model_get_item (GListModel *model,
                            guint       position)
{
  OdsPreviewModel *self = ODS_PREVIEW_MODEL (model);
  g_autofree const char **cells = NULL;
  OdsPreviewRow *row;
  const char *p;
  guint n;

  if (position >= self->n_items)
    return NULL;

  g_mutex_lock (&self->lock);
  n = g_array_index (self->n_cells, guint32, position);
  {
    guint64 offset = g_array_index (self->offsets, guint64, position);
    GBytes *chunk = g_ptr_array_index (self->chunks, offset >> 32);

    p = (const char *) g_bytes_get_data (chunk, NULL) + (offset & 0xffffffff);
  }
  cells = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      cells[i] = p;
      p += strlen (p) + 1;
    }
  row = ods_preview_row_new (g_array_index (self->row_numbers, guint64, position), cells, n);
  g_mutex_unlock (&self->lock);

  return row;
}

static void
ods_preview_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ods_preview_model_get_item_type;
  iface->get_n_items = ods_preview_model_get_n_items;
  iface->get_item = ods_preview_model_get_item;
}

static gboolean ramp_cb (gpointer data);

static void
publish (OdsPreviewModel *self)
{
  guint old = self->n_items;
  guint available;
  guint max_cells;
  gboolean has_header;

  /* The header first, on its own: the grid makes its columns, then gets
   * rows on the next tick (each is some work for the main loop). */
  if (!self->header_announced)
    {
      g_mutex_lock (&self->lock);
      has_header = self->header != NULL;
      g_mutex_unlock (&self->lock);
      if (has_header)
        {
          self->header_announced = TRUE;
          self->n_columns = g_strv_length (self->header);
          g_signal_emit (self, signals[HEADER_READY], 0);
          if (self->loading)
            return;
        }
    }

  g_mutex_lock (&self->lock);
  available = self->offsets->len;
  max_cells = self->max_cells;
  g_mutex_unlock (&self->lock);

  /* A row with more cells than the header: the grid needs a column more
   * (before the row appears). */
  if (self->header_announced && max_cells > self->n_columns)
    {
      self->n_columns = max_cells;
      g_signal_emit (self, signals[COLUMNS_CHANGED], 0);
    }

  /* GtkListView makes widgets for up to 200 rows around its anchor at
   * once, whatever is on screen: the first rows arrive a few at a time,
   * one main-loop turn each, so that no single turn builds them all. */
  if (old < RAMP_ROWS && available > old + RAMP_STEP)
    {
      self->n_items = old + RAMP_STEP;
      if (self->ramp_id == 0)
        self->ramp_id = g_idle_add (ramp_cb, self);
    }
  else
    self->n_items = available;

  if (self->n_items != old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, self->n_items - old);
}

static gboolean
ramp_cb (gpointer data)
{
  OdsPreviewModel *self = data;

  self->ramp_id = 0;
  publish (self);
  return G_SOURCE_REMOVE;
}

static gboolean
publish_cb (gpointer data)
{
  publish (data);
  return G_SOURCE_CONTINUE;
}

static void
ods_preview_model_dispose (GObject *object)
{
  OdsPreviewModel *self = ODS_PREVIEW_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->publish_id, g_source_remove);
  g_clear_handle_id (&self->ramp_id, g_source_remove);

  G_OBJECT_CLASS (ods_preview_model_parent_class)->dispose (object);
}

static void
ods_preview_model_finalize (GObject *object)
{
  OdsPreviewModel *self = ODS_PREVIEW_MODEL (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->chunks);
  g_array_unref (self->offsets);
  g_array_unref (self->n_cells);
  g_array_unref (self->row_numbers);
  g_strfreev (self->header);
  g_clear_pointer (&self->sample_chars, g_array_unref);
  g_hash_table_unref (self->error_cells);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ods_preview_model_parent_class)->finalize (object);
}

static void
ods_preview_model_class_init (OdsPreviewModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_preview_model_dispose;
  object_class->finalize = ods_preview_model_finalize;

  /**
   * OdsPreviewModel::header-ready:
   *
   * The header row was read (ods_preview_model_get_header()); rows follow.
   */
  signals[HEADER_READY] = g_signal_new ("header-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * OdsPreviewModel::columns-changed:
   *
   * A row with more cells than the header (or than any row before) is
   * about to appear: ods_preview_model_get_n_columns() grew.
   */
  signals[COLUMNS_CHANGED] = g_signal_new ("columns-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ods_preview_model_init (OdsPreviewModel *self)
{
  g_mutex_init (&self->lock);
  self->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->n_cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->row_numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->error_cells = g_hash_table_new (g_int64_hash, g_int64_equal);
}

OdsPreviewModel *
ods_preview_model_new (void)
{
  return g_object_new (ODS_TYPE_PREVIEW_MODEL, NULL);
}

typedef struct
{
  GFile *file;
  char  *encoding;
  char   delimiter;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->file);
  g_free (data->encoding);
  g_free (data);
}

/* Takes @chunk; empties the batch arrays. */
static void
hand_over (OdsPreviewModel *self,
           GByteArray      *chunk,
           GArray          *offsets,
           GArray          *n_cells,
           GArray          *row_numbers)
{
  GBytes *bytes = g_byte_array_free_to_bytes (chunk);
  guint32 widest = 0;

  for (guint i = 0; i < n_cells->len; i++)
    widest = MAX (widest, g_array_index (n_cells, guint32, i));

  g_mutex_lock (&self->lock);
  self->max_cells = MAX (self->max_cells, widest);
  g_ptr_array_add (self->chunks, bytes);
  g_array_append_vals (self->offsets, offsets->data, offsets->len);
  g_array_append_vals (self->n_cells, n_cells->data, n_cells->len);
  g_array_append_vals (self->row_numbers, row_numbers->data, row_numbers->len);
  g_mutex_unlock (&self->lock);
  g_array_set_size (offsets, 0);
  g_array_set_size (n_cells, 0);
  g_array_set_size (row_numbers, 0);
}

/* The most characters seen in each column so far. */
static void
sample_widths (GArray          *widths,
               const OdsRecord *record)
{
  if (widths->len < record->n_cells)
    g_array_set_size (widths, record->n_cells);
  for (guint i = 0; i < record->n_cells; i++)
    {
      guint n = (guint) g_utf8_strlen (record->cells[i], record->lengths[i]);

      if (n > g_array_index (widths, guint, i))
        g_array_index (widths, guint, i) = n;
    }
}

/* From the reading thread: the header, with the widths sampled (once). */
static void
announce_header (OdsPreviewModel  *self,
                 char           ***header,
                 GArray          **widths)
{
  if (*header == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->header = g_steal_pointer (header);
  self->sample_chars = g_steal_pointer (widths);
  g_mutex_unlock (&self->lock);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OdsPreviewModel *self = source_object;
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (data->file, cancellable, &error);
  OdsCsvOptions options = { data->delimiter, data->encoding };
  OdsCsvReader *reader;
  OdsRecord record;
  gboolean first = TRUE;
  GByteArray *chunk;
  GArray *batch_offsets, *batch_cells, *batch_rows;
  guint n_chunks = 0;
  char **header = NULL;
  GArray *widths = NULL;
  guint sampled = 0;

  if (in == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  reader = ods_csv_reader_new (G_INPUT_STREAM (in), &options);
  batch_offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
  batch_cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  batch_rows = g_array_new (FALSE, FALSE, sizeof (guint64));
  chunk = g_byte_array_sized_new (CHUNK_SIZE);
  while (ods_csv_reader_next (reader, &record, cancellable, &error))
    {
      guint32 n = record.n_cells;
      guint64 offset;

      if (first)
        {
          header = g_new0 (char *, record.n_cells + 1);
          widths = g_array_new (FALSE, TRUE, sizeof (guint));
          for (guint i = 0; i < record.n_cells; i++)
            header[i] = g_strdup (record.cells[i]);
          sample_widths (widths, &record);
          first = FALSE;
          continue;
        }
      /* The header goes out with the widths of the first rows. */
      if (header != NULL && sampled < SAMPLE_ROWS)
        {
          sample_widths (widths, &record);
          if (++sampled == SAMPLE_ROWS)
            announce_header (self, &header, &widths);
        }

      offset = (guint64) n_chunks << 32 | chunk->len;
      for (guint i = 0; i < record.n_cells; i++)
        g_byte_array_append (chunk, (const guint8 *) record.cells[i], record.lengths[i] + 1);
      g_array_append_val (batch_offsets, offset);
      g_array_append_val (batch_cells, n);
      g_array_append_val (batch_rows, record.row_number);
      /* Handed over a chunk at a time: the lock is taken rarely and never
       * held while text is copied, so the grid never waits for it long. */
      if (chunk->len >= CHUNK_SIZE)
        {
          announce_header (self, &header, &widths);
          hand_over (self, chunk, batch_offsets, batch_cells, batch_rows);
          n_chunks++;
          chunk = g_byte_array_sized_new (CHUNK_SIZE);
        }
    }
  announce_header (self, &header, &widths);
  hand_over (self, chunk, batch_offsets, batch_cells, batch_rows);
  g_array_unref (batch_offsets);
  g_array_unref (batch_cells);
  g_array_unref (batch_rows);
  ods_csv_reader_free (reader);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OdsPreviewModel *self = ODS_PREVIEW_MODEL (source);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_clear_handle_id (&self->publish_id, g_source_remove);
  self->loading = FALSE;
  publish (self);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ods_preview_model_load_async (OdsPreviewModel     *self,
                              GFile               *file,
                              const char          *encoding,
                              char                 delimiter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  GTask *outer;
  LoadData *data;

  g_return_if_fail (ODS_IS_PREVIEW_MODEL (self));
  g_return_if_fail (!self->loading && self->offsets->len == 0);

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  outer = g_task_new (self, self->cancellable, callback, user_data);
  g_task_set_source_tag (outer, ods_preview_model_load_async);

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->encoding = g_strdup (encoding);
  data->delimiter = delimiter;
  self->loading = TRUE;
  self->publish_id = g_timeout_add (PUBLISH_INTERVAL_MS, publish_cb, self);

  inner = g_task_new (self, self->cancellable, load_done, outer);
  g_task_set_task_data (inner, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

gboolean
ods_preview_model_load_finish (OdsPreviewModel  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ods_preview_model_get_loading (OdsPreviewModel *self)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), FALSE);

  return self->loading;
}

const char * const *
ods_preview_model_get_header (OdsPreviewModel *self)
{
  const char * const *header;

  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), NULL);

  g_mutex_lock (&self->lock);
  header = (const char * const *) self->header;
  g_mutex_unlock (&self->lock);
  return header;
}

/**
 * ods_preview_model_get_n_columns:
 *
 * Returns: the header's cells, or more once a row with extra cells was
 *   published (0 before the header is read)
 */
guint
ods_preview_model_get_n_columns (OdsPreviewModel *self)
{
  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), 0);

  return self->n_columns;
}

/**
 * ods_preview_model_get_sample_chars:
 * @column: a column, from 0
 *
 * Returns: the most characters of @column in the header and the first
 *   rows (0 when unknown), to size the grid's columns without measuring
 *   every cell
 */
guint
ods_preview_model_get_sample_chars (OdsPreviewModel *self,
                                    guint            column)
{
  guint n = 0;

  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), 0);

  g_mutex_lock (&self->lock);
  if (self->sample_chars != NULL && column < self->sample_chars->len)
    n = g_array_index (self->sample_chars, guint, column);
  g_mutex_unlock (&self->lock);
  return n;
}

gint64
ods_preview_model_find_row (OdsPreviewModel *self,
                            guint64          row_number)
{
  guint lo = 0, hi;

  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), -1);

  /* Row numbers only grow: binary search over the published rows. */
  g_mutex_lock (&self->lock);
  hi = self->n_items;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint64 value = g_array_index (self->row_numbers, guint64, mid);

      if (value == row_number)
        {
          g_mutex_unlock (&self->lock);
          return mid;
        }
      if (value < row_number)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_mutex_unlock (&self->lock);
  return -1;
}

static gint64 *
cell_key (guint64 row_number,
          guint   field_number)
{
  gint64 *key = g_new (gint64, 1);

  *key = (gint64) (row_number << 20 | (field_number & 0xfffff));
  return key;
}

void
ods_preview_model_set_errors (OdsPreviewModel *self,
                              GPtrArray       *errors)
{
  g_return_if_fail (ODS_IS_PREVIEW_MODEL (self));

  g_hash_table_unref (self->error_cells);
  self->error_cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);

      if (e->row_number > 1 && e->field_number > 0)
        g_hash_table_add (self->error_cells, cell_key (e->row_number, e->field_number));
    }

  /* The rows with errors are bound again (those on screen), now
   * highlighted; the others are left alone. */
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);
      gint64 position;

      if (e->row_number <= 1 || e->field_number == 0 ||
          (i > 0 && ((const OdsReportError *) g_ptr_array_index (errors, i - 1))->row_number == e->row_number))
        continue;
      position = ods_preview_model_find_row (self, e->row_number);
      if (position >= 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
}

gboolean
ods_preview_model_is_error_cell (OdsPreviewModel *self,
                                 guint64          row_number,
                                 guint            field_number)
{
  gint64 key = (gint64) (row_number << 20 | (field_number & 0xfffff));

  g_return_val_if_fail (ODS_IS_PREVIEW_MODEL (self), FALSE);

  return g_hash_table_contains (self->error_cells, &key);
}
