#define G_LOG_DOMAIN "ods-record-pipe"

#include "ods-record-pipe.h"
#include "ods-csv-reader-private.h"

#include <string.h>

/* Reading (decoding, parsing, normalizing) and validating take about the
 * same time, so on a machine with two cores or more they run in two threads:
 * a producer thread reads records into a few reusable batches, the calling
 * thread takes them. The reader keeps its text (ods_csv_reader_keep_text),
 * so a batch holds only where each cell is, never a copy of the cells: the
 * buffers they point into travel with the batches and go back to the reader
 * once done with. Memory stays bounded: N_BATCHES batches of BATCH_ROWS
 * rows or about BATCH_BYTES of text, and the reader's buffers they point into. */
#define N_BATCHES   3
#define BATCH_ROWS  2048
#define BATCH_BYTES (512u << 10)
#define PREFETCH_ROWS 4

typedef struct
{
  guint   first_cell;
  guint   n_cells;
  guint64 row_number;
  guint64 line_number;
} RowInfo;

typedef struct
{
  char      **cells;     /* every cell of the batch, row after row */
  gsize      *lengths;
  guint       n_cells;
  guint       cells_cap;
  RowInfo    *rows;      /* BATCH_ROWS of them */
  guint       n_rows;
  GPtrArray  *texts;     /* GByteArray: reader buffers retired while this batch was read */
  GPtrArray  *extras;    /* cells that are in no buffer (g_free) */
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
  b->cells_cap = BATCH_ROWS * 16;
  b->cells = g_new (char *, b->cells_cap);
  b->lengths = g_new (gsize, b->cells_cap);
  b->rows = g_new (RowInfo, BATCH_ROWS);
  b->texts = g_ptr_array_new ();
  b->extras = g_ptr_array_new_with_free_func (g_free);
}

static void
batch_clear (Batch *b)
{
  g_free (b->cells);
  g_free (b->lengths);
  g_free (b->rows);
  for (guint i = 0; i < b->texts->len; i++)
    g_byte_array_unref (b->texts->pdata[i]);
  g_ptr_array_unref (b->texts);
  g_ptr_array_unref (b->extras);
}

static inline void
batch_append (Batch           *b,
              const OdsRecord *record)
{
  guint n = record->n_cells;
  RowInfo *info = &b->rows[b->n_rows++];

  if (G_UNLIKELY (b->n_cells + n > b->cells_cap))
    {
      while (b->n_cells + n > b->cells_cap)
        b->cells_cap *= 2;
      b->cells = g_renew (char *, b->cells, b->cells_cap);
      b->lengths = g_renew (gsize, b->lengths, b->cells_cap);
    }
  memcpy (b->cells + b->n_cells, record->cells, n * sizeof (char *));
  memcpy (b->lengths + b->n_cells, record->lengths, n * sizeof (gsize));
  info->first_cell = b->n_cells;
  info->n_cells = n;
  info->row_number = record->row_number;
  info->line_number = record->line_number;
  b->n_cells += n;
}

static gpointer
producer_thread (gpointer data)
{
  OdsRecordPipe *self = data;

  for (;;)
    {
      Batch *b = g_async_queue_pop (self->empty);
      gboolean more = TRUE;
      guint64 start;

      /* This batch and every one before it are done with. */
      for (guint i = 0; i < b->texts->len; i++)
        ods_csv_reader_give_back_text (self->reader, b->texts->pdata[i]);
      g_ptr_array_set_size (b->texts, 0);
      g_ptr_array_set_size (b->extras, 0);
      b->n_cells = 0;
      b->n_rows = 0;

      start = ods_csv_reader_get_text_offset (self->reader);
      while (b->n_rows < BATCH_ROWS
             && ods_csv_reader_get_text_offset (self->reader) - start < BATCH_BYTES)
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
      ods_csv_reader_take_text (self->reader, b->texts, b->extras);

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
  ods_csv_reader_keep_text (reader);
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

      if (b != NULL && self->current_row < b->n_rows)
        {
          const RowInfo *info = &b->rows[self->current_row++];

          /* The producer wrote a row's text and cells on another core:
           * ask for them a few rows ahead. */
          if (G_LIKELY (self->current_row + PREFETCH_ROWS < b->n_rows))
            {
              const RowInfo *ahead = &b->rows[self->current_row + PREFETCH_ROWS];
              const char *text = b->cells[ahead->first_cell];

              __builtin_prefetch (ahead + 4);
              __builtin_prefetch (b->cells + ahead->first_cell + 8);
              __builtin_prefetch (b->lengths + ahead->first_cell + 8);
              __builtin_prefetch (text);
              __builtin_prefetch (text + 64);
              __builtin_prefetch (text + 128);
            }

          record->cells = b->cells + info->first_cell;
          record->lengths = b->lengths + info->first_cell;
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
