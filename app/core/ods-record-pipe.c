#define G_LOG_DOMAIN "ods-record-pipe"

#include "ods-record-pipe.h"

#include <string.h>

/* Reading (decoding, parsing, normalizing) and validating take about the
 * same time, so on a machine with two cores or more they run in two threads:
 * a producer thread reads records into a few reusable batches, the calling
 * thread takes them. Memory stays bounded: N_BATCHES batches of about
 * BATCH_BYTES each (a single longer record makes its batch longer). */
#define N_BATCHES   3
#define BATCH_ROWS  2048
#define BATCH_BYTES (512u << 10)

typedef struct
{
  guint   first_cell;
  guint   n_cells;
  guint64 row_number;
  guint64 line_number;
} RowInfo;

typedef struct
{
  GByteArray *text;      /* the cells, each followed by a NUL */
  GArray     *offsets;   /* gsize: where each cell starts in text */
  GArray     *lengths;   /* gsize: each cell's length */
  GArray     *rows;      /* RowInfo */
  GPtrArray  *pointers;  /* char *: each cell, filled once the batch is full */
  guint64     bytes_read;
  gboolean    last;
} Batch;

struct _OdsRecordPipe
{
  OdsCsvReader *reader;
  GCancellable *cancellable;
  GAsyncQueue  *full;
  GAsyncQueue  *empty;
  GThread      *thread;
  GError       *error;       /* written by the producer before it pushes the last batch */
  gint          stop;        /* atomic: the consumer gave up */
  Batch        *current;
  guint         current_row;
  gboolean      finished;
  guint64       bytes_read;
  Batch         batches[N_BATCHES];
};

static void
batch_init (Batch *b)
{
  b->text = g_byte_array_sized_new (BATCH_BYTES + 4096);
  b->offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), BATCH_ROWS * 8);
  b->lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), BATCH_ROWS * 8);
  b->rows = g_array_sized_new (FALSE, FALSE, sizeof (RowInfo), BATCH_ROWS);
  b->pointers = g_ptr_array_sized_new (BATCH_ROWS * 8);
}

static void
batch_clear (Batch *b)
{
  g_byte_array_unref (b->text);
  g_array_unref (b->offsets);
  g_array_unref (b->lengths);
  g_array_unref (b->rows);
  g_ptr_array_unref (b->pointers);
}

static void
batch_append (Batch           *b,
              const OdsRecord *record)
{
  RowInfo info = { b->offsets->len, record->n_cells, record->row_number, record->line_number };
  guint n = record->n_cells;

  if (n > 0)
    {
      const char *first = record->cells[0];
      const char *end = record->cells[n - 1] + record->lengths[n - 1] + 1;
      gboolean contiguous = end > first;
      gsize base = b->text->len;
      gsize *offsets, *lengths;

      /* The reader usually leaves a record's cells one after the other,
       * each ending in its NUL: then one copy moves the whole record. */
      for (guint i = 0; contiguous && i < n; i++)
        contiguous = record->cells[i] >= first && record->cells[i] + record->lengths[i] < end;

      g_array_set_size (b->offsets, b->offsets->len + n);
      g_array_set_size (b->lengths, b->lengths->len + n);
      offsets = &g_array_index (b->offsets, gsize, info.first_cell);
      lengths = &g_array_index (b->lengths, gsize, info.first_cell);
      memcpy (lengths, record->lengths, n * sizeof (gsize));

      if (contiguous)
        {
          g_byte_array_append (b->text, (const guint8 *) first, end - first);
          for (guint i = 0; i < n; i++)
            offsets[i] = base + (record->cells[i] - first);
        }
      else
        {
          static const guint8 nul = 0;

          for (guint i = 0; i < n; i++)
            {
              offsets[i] = b->text->len;
              g_byte_array_append (b->text, (const guint8 *) record->cells[i], record->lengths[i]);
              g_byte_array_append (b->text, &nul, 1);
            }
        }
    }
  g_array_append_val (b->rows, info);
}

static gpointer
producer_thread (gpointer data)
{
  OdsRecordPipe *self = data;

  for (;;)
    {
      Batch *b = g_async_queue_pop (self->empty);
      gboolean more = TRUE;

      g_byte_array_set_size (b->text, 0);
      g_array_set_size (b->offsets, 0);
      g_array_set_size (b->lengths, 0);
      g_array_set_size (b->rows, 0);

      while (b->rows->len < BATCH_ROWS && b->text->len < BATCH_BYTES)
        {
          OdsRecord record;

          if (g_atomic_int_get (&self->stop) ||
              !ods_csv_reader_next (self->reader, &record, self->cancellable, &self->error))
            {
              more = FALSE;
              break;
            }
          batch_append (b, &record);
        }

      /* The text no longer moves: point at each cell here, off the consumer's thread. */
      g_ptr_array_set_size (b->pointers, b->offsets->len);
      for (guint i = 0; i < b->offsets->len; i++)
        b->pointers->pdata[i] = b->text->data + g_array_index (b->offsets, gsize, i);

      b->bytes_read = ods_csv_reader_get_bytes_read (self->reader);
      b->last = !more;
      g_async_queue_push (self->full, b);
      if (!more)
        return NULL;
    }
}

/**
 * ods_record_pipe_new:
 * @reader: a reader that nothing else uses until the pipe is freed
 *
 * Starts reading @reader in a new thread. Its raw-block function, if any,
 * is called from that thread.
 */
OdsRecordPipe *
ods_record_pipe_new (OdsCsvReader *reader,
                     GCancellable *cancellable)
{
  OdsRecordPipe *self = g_new0 (OdsRecordPipe, 1);

  self->reader = reader;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      batch_init (&self->batches[i]);
      g_async_queue_push (self->empty, &self->batches[i]);
    }
  self->thread = g_thread_new ("ods-reader", producer_thread, self);
  return self;
}

/**
 * ods_record_pipe_next:
 *
 * Same contract as ods_csv_reader_next(): %TRUE with @record filled (valid
 * until the next call), %FALSE at the end, or %FALSE with @error set.
 */
gboolean
ods_record_pipe_next (OdsRecordPipe  *self,
                      OdsRecord      *record,
                      GError        **error)
{
  for (;;)
    {
      Batch *b = self->current;

      if (b != NULL && self->current_row < b->rows->len)
        {
          const RowInfo *info = &g_array_index (b->rows, RowInfo, self->current_row++);

          record->cells = (char *const *) b->pointers->pdata + info->first_cell;
          record->lengths = (const gsize *) b->lengths->data + info->first_cell;
          record->n_cells = info->n_cells;
          record->row_number = info->row_number;
          record->line_number = info->line_number;
          return TRUE;
        }

      if (self->finished)
        return FALSE;

      if (b != NULL)
        {
          if (b->last)
            {
              self->finished = TRUE;
              if (self->error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&self->error));
                  return FALSE;
                }
              return FALSE;
            }
          g_async_queue_push (self->empty, b);
          self->current = NULL;
        }

      b = g_async_queue_pop (self->full);
      self->bytes_read = b->bytes_read;
      self->current = b;
      self->current_row = 0;
    }
}

/* Raw bytes consumed by the reader up to the batch being handed out. */
guint64
ods_record_pipe_get_bytes_read (OdsRecordPipe *self)
{
  return self->bytes_read;
}

/* Stops the reading thread (if it is still running) and waits for it. */
void
ods_record_pipe_free (OdsRecordPipe *self)
{
  if (self == NULL)
    return;

  if (!self->finished)
    {
      Batch *b = self->current;

      g_atomic_int_set (&self->stop, 1);
      while (b == NULL || !b->last)
        {
          if (b != NULL)
            g_async_queue_push (self->empty, b);
          b = g_async_queue_pop (self->full);
        }
    }
  g_thread_join (self->thread);

  for (guint i = 0; i < N_BATCHES; i++)
    batch_clear (&self->batches[i]);
  g_async_queue_unref (self->full);
  g_async_queue_unref (self->empty);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);
  g_free (self);
}
