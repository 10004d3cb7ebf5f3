#define G_LOG_DOMAIN "ods-csv-reader"

#include "ods-csv-reader.h"
#include "ods-csv-reader-private.h"

#include "ods-encoding.h"
#include "ods-i18n.h"
#include "ods-map-guard.h"

#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define DEFAULT_BLOCK_SIZE (1024 * 1024)
#define NO_OFFSET G_MAXUINT64

/* The structural bytes (delimiter, quote, CR, LF) of a window of up to 64
 * bytes of text, one bit each. The parser walks from one to the next, so a
 * cell costs a few instructions whatever its length. */
typedef struct
{
  gsize   base;
  gsize   limit;
  guint64 mask;
} Scan;

struct _OdsCsvReader
{
  GInputStream    *in;
  char             opt_delimiter;
  const char      *opt_encoding;      /* canonical, or NULL to detect */
  GError          *opt_error;         /* an unknown encoding name, reported by next() */
  OdsRawBlockFunc  raw_func;
  gpointer         raw_data;
  gsize            block_size;
  gsize            max_record;

  OdsDecoder      *decoder;
  const char      *encoding;
  char             delimiter;
  gboolean         started;
  gboolean         input_done;        /* stream at its end and decoder flushed */
  gboolean         finished;          /* no more records (or a fatal error) */
  guint8          *raw;               /* reused read buffer when nobody keeps the blocks */
  GBytes          *mapped;            /* the whole file in memory, read from instead of @in */
  gsize            mapped_pos;

  /* Decoded text: [pos, text_len) is not parsed yet; buf->len is
   * text_len + 1, the last byte a NUL so a cell at the end is terminated. */
  GByteArray      *buf;
  gsize            text_len;
  gsize            pos;
  guint64          buf_base;          /* offset in the decoded text of buf->data[0] */
  gboolean         skip_lf;           /* a record ended on CR at the end of the text */

  guint64          bytes_read;
  guint64          encoding_errors;
  guint64          first_error_offset;   /* in the decoded text */
  guint64          first_error_row;
  guint64          marks_until;          /* decoded text before this may hold combining marks */
  guint64          next_row;
  guint64          next_line;

  guint8           special[256];
  Scan             scan;              /* kept between records; reset when the text moves */

  /* The current record */
  char           **cells;
  gsize           *lengths;
  gsize           *offsets;
  guint            cells_cap;
  GPtrArray       *extra;                /* NFC strings longer than their source */

  /* Keeping the text (ods_csv_reader_keep_text()): instead of moving an
   * unfinished record to the front of the buffer, the reader starts a new
   * buffer with it, so the records handed out stay where they are. */
  gboolean         keep_text;
  GPtrArray       *retired;              /* GByteArray: full buffers not taken yet */
  GPtrArray       *spare;                /* GByteArray: given back, to reuse */
};

#define MAX_SPARE 4

OdsCsvReader *
ods_csv_reader_new (GInputStream        *in,
                    const OdsCsvOptions *options)
{
  OdsCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (in), NULL);
  g_return_val_if_fail (options == NULL || (options->delimiter != '"' && options->delimiter != '\r'
                                            && options->delimiter != '\n'), NULL);

  self = g_new0 (OdsCsvReader, 1);
  self->in = g_object_ref (in);
  self->block_size = DEFAULT_BLOCK_SIZE;
  self->max_record = ODS_CSV_MAX_RECORD_SIZE;
  self->buf = g_byte_array_sized_new (DEFAULT_BLOCK_SIZE + 1);
  self->first_error_offset = NO_OFFSET;
  self->next_row = 1;
  self->next_line = 1;
  self->extra = g_ptr_array_new_with_free_func (g_free);
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  self->spare = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  if (options != NULL)
    {
      self->opt_delimiter = options->delimiter;
      if (options->encoding != NULL)
        self->opt_encoding = ods_encoding_canonical_name (options->encoding, &self->opt_error);
    }
  return self;
}

void
ods_csv_reader_free (OdsCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->in);
  g_clear_error (&self->opt_error);
  g_clear_pointer (&self->decoder, ods_decoder_free);
  g_clear_pointer (&self->buf, g_byte_array_unref);
  g_clear_pointer (&self->extra, g_ptr_array_unref);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  g_free (self->raw);
  g_clear_pointer (&self->mapped, g_bytes_unref);
  g_free (self->cells);
  g_free (self->lengths);
  g_free (self->offsets);
  g_free (self);
}

void
ods_csv_reader_set_raw_block_func (OdsCsvReader    *self,
                                   OdsRawBlockFunc  func,
                                   gpointer         user_data)
{
  g_return_if_fail (self != NULL);

  self->raw_func = func;
  self->raw_data = user_data;
}

/* Reads from @data (a whole file mapped into memory) instead of the
 * stream: no copy into a read buffer, and raw blocks handed to the raw
 * block function are slices of @data. Reads of the mapping run under an
 * OdsMapGuard, so the raw block function's user must guard its reads too. */
void
ods_csv_reader_set_mapped (OdsCsvReader *self,
                           GBytes       *data)
{
  g_return_if_fail (self != NULL && !self->started && data != NULL);

  g_clear_pointer (&self->mapped, g_bytes_unref);
  self->mapped = g_bytes_ref (data);
  self->mapped_pos = 0;
}

void
ods_csv_reader_set_block_size (OdsCsvReader *self,
                               gsize         block_size)
{
  g_return_if_fail (self != NULL && !self->started && block_size > 0);

  self->block_size = block_size;
}

void
ods_csv_reader_set_max_record_size (OdsCsvReader *self,
                                    gsize         max_record_size)
{
  g_return_if_fail (self != NULL && !self->started);

  self->max_record = max_record_size;
}

const char *
ods_csv_reader_get_encoding (OdsCsvReader *self)
{
  return self->encoding;
}

char
ods_csv_reader_get_delimiter (OdsCsvReader *self)
{
  return self->delimiter;
}

/**
 * ods_csv_reader_keep_text:
 *
 * From now on, the records returned stay valid until their text is taken
 * with ods_csv_reader_take_text() and that is given back or freed (so a
 * reading thread can hand records over without copying them). Call it
 * before the first ods_csv_reader_next().
 */
void
ods_csv_reader_keep_text (OdsCsvReader *self)
{
  g_return_if_fail (self != NULL && !self->started);

  self->keep_text = TRUE;
}

/**
 * ods_csv_reader_take_text:
 * @texts: (element-type GByteArray): receives the buffers that the records
 *   returned so far point into and that the reader no longer uses
 * @extras: receives the strings (g_free) of those records' cells that are
 *   not in a buffer
 *
 * The records returned so far stay valid as long as the buffers given to
 * this call and the later ones are kept: a buffer's last records may be
 * taken with a later call.
 */
void
ods_csv_reader_take_text (OdsCsvReader *self,
                          GPtrArray    *texts,
                          GPtrArray    *extras)
{
  g_return_if_fail (self != NULL && self->keep_text);

  g_ptr_array_extend_and_steal (texts, g_steal_pointer (&self->retired));
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  if (self->extra->len > 0)
    {
      g_ptr_array_extend_and_steal (extras, g_steal_pointer (&self->extra));
      self->extra = g_ptr_array_new_with_free_func (g_free);
    }
}

/* Gives back a buffer from ods_csv_reader_take_text() whose records are
 * done with, to be reused. */
void
ods_csv_reader_give_back_text (OdsCsvReader *self,
                               GByteArray   *text)
{
  g_return_if_fail (self != NULL);

  if (self->spare->len < MAX_SPARE)
    g_ptr_array_add (self->spare, text);
  else
    g_byte_array_unref (text);
}

/* Decoded text consumed so far, in bytes: the end of the last record. */
guint64
ods_csv_reader_get_text_offset (OdsCsvReader *self)
{
  return self->buf_base + self->pos;
}

guint64
ods_csv_reader_get_bytes_read (OdsCsvReader *self)
{
  return self->bytes_read;
}

guint64
ods_csv_reader_get_encoding_errors (OdsCsvReader *self)
{
  return self->encoding_errors;
}

guint64
ods_csv_reader_get_first_encoding_error_row (OdsCsvReader *self)
{
  return self->first_error_row;
}

/* ---- Reading and decoding ------------------------------------------------ */

/* A block of the mapped file. When the last user lets go of it (the
 * parser and the hasher), its pages leave this process's memory: the
 * mapping would otherwise count the whole file in the resident size. The
 * data stays in the page cache. */
typedef struct
{
  GBytes       *mapped;
  const guint8 *data;
  gsize         len;
} MappedSlice;

static void
mapped_slice_free (gpointer data)
{
  MappedSlice *slice = data;

#ifdef G_OS_UNIX
  /* Blocks start at multiples of the block size in a page-aligned mapping
   * (with an odd block size madvise() refuses: nothing is released). A
   * page shared with the next block may be dropped too: it comes back from
   * the page cache, unchanged, when that block is read. */
  madvise ((void *) slice->data, slice->len, MADV_DONTNEED);
#endif
  g_bytes_unref (slice->mapped);
  g_free (slice);
}

static GBytes *
mapped_slice_new (GBytes       *mapped,
                  const guint8 *data,
                  gsize         len)
{
  MappedSlice *slice = g_new (MappedSlice, 1);

  slice->mapped = g_bytes_ref (mapped);
  slice->data = data;
  slice->len = len;
  return g_bytes_new_with_free_func (data, len, mapped_slice_free, slice);
}

/* Reads one block. Returns the bytes read (0 at the end of the stream), or
 * -1 with @error set. *@block gets a GBytes when someone keeps raw blocks. */
static gssize
read_block (OdsCsvReader  *self,
            const guint8 **data,
            GBytes       **block,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  guint8 *dest;
  gssize n;

  *block = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->mapped != NULL)
    {
      gsize size;
      const guint8 *base = g_bytes_get_data (self->mapped, &size);

      n = MIN (self->block_size, size - self->mapped_pos);
      if (n == 0)
        return 0;
      *data = base + self->mapped_pos;
      *block = mapped_slice_new (self->mapped, *data, n);
      if (self->raw_func != NULL)
        self->raw_func (*block, self->raw_data);
      self->mapped_pos += n;
      self->bytes_read += n;
      return n;
    }
  if (self->raw_func != NULL)
    dest = g_malloc (self->block_size);
  else
    {
      if (self->raw == NULL)
        self->raw = g_malloc (self->block_size);
      dest = self->raw;
    }

  n = g_input_stream_read (self->in, dest, self->block_size, cancellable, &local_error);
  if (n < 0)
    {
      if (dest != self->raw)
        g_free (dest);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_IO,
                     /* TRANSLATORS: %s is the system's reason */
                     _("The file could not be read (%s). Check that it is still "
                       "there and that you may open it, then try again."),
                     local_error->message);
      return -1;
    }

  self->bytes_read += n;
  if (self->raw_func != NULL)
    {
      if (n == 0)
        {
          g_free (dest);
          return 0;
        }
      *block = g_bytes_new_take (g_realloc (dest, n), n);
      self->raw_func (*block, self->raw_data);
      *data = g_bytes_get_data (*block, NULL);
    }
  else
    *data = dest;
  return n;
}

static gboolean
has_mark_lead (const guint8 *p,
               gsize         len)
{
  return len > 0 && (memchr (p, 0xCC, len) != NULL || memchr (p, 0xCD, len) != NULL);
}

/* Decodes @len raw bytes onto the end of the text. */
static void
decode (OdsCsvReader *self,
        const guint8 *data,
        gsize         len,
        gboolean      flush)
{
  gsize old_len = self->text_len;
  gsize first_error = 0;
  gsize n_errors;
  OdsTextScan scan;
  gboolean marks;

  g_byte_array_set_size (self->buf, self->text_len);
  n_errors = ods_decoder_convert_scan (self->decoder, data, len, flush, self->buf, &first_error, &scan);
  self->text_len = self->buf->len;
  /* What the decoder did not look at, look at here. */
  marks = scan.marks || has_mark_lead (self->buf->data + old_len, scan.from - old_len)
          || has_mark_lead (self->buf->data + scan.to, self->text_len - scan.to);

  /* A NUL character would cut a cell short: it becomes U+FFFD and counts
   * as an encoding error, like an invalid byte. */
  if (G_UNLIKELY (scan.nul
                  || memchr (self->buf->data + old_len, '\0', scan.from - old_len) != NULL
                  || memchr (self->buf->data + scan.to, '\0', self->text_len - scan.to) != NULL))
    {
      g_autoptr(GByteArray) fixed = g_byte_array_sized_new (self->text_len - old_len + 16);
      const guint8 *p = self->buf->data + old_len;
      const guint8 *end = self->buf->data + self->text_len;

      while (p < end)
        {
          const guint8 *nul = memchr (p, '\0', end - p);

          if (nul == NULL)
            {
              g_byte_array_append (fixed, p, end - p);
              break;
            }
          g_byte_array_append (fixed, p, nul - p);
          if (n_errors == 0 || old_len + fixed->len < first_error)
            first_error = old_len + fixed->len;
          g_byte_array_append (fixed, (const guint8 *) "\xEF\xBF\xBD", 3);
          n_errors++;
          p = nul + 1;
        }
      g_byte_array_set_size (self->buf, old_len);
      g_byte_array_append (self->buf, fixed->data, fixed->len);
      self->text_len = self->buf->len;
    }
  g_byte_array_append (self->buf, (const guint8 *) "", 1);

  if (n_errors > 0)
    {
      if (self->encoding_errors == 0)
        self->first_error_offset = self->buf_base + first_error;
      self->encoding_errors += n_errors;
    }

  /* Combining marks (lead bytes 0xCC, 0xCD) in the new text? (Replacing
   * NULs adds none.) */
  if (marks)
    self->marks_until = self->buf_base + self->text_len;
}

/**
 * ods_csv_reader_set_file_changed_error:
 *
 * The error for a mapped file that became shorter (or longer) while it
 * was read, or whose pages could not be read in (SIGBUS either way).
 */
void
ods_csv_reader_set_file_changed_error (GError **error)
{
  g_set_error_literal (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_IO,
                       _("The file could not be read to the end: another program changed "
                         "it while it was being read, or the disk or network it is on stopped "
                         "answering. Wait until the file is saved completely (or the "
                         "connection is back), then check it again."));
}

#ifdef G_OS_UNIX
/* Runs decode() or copies from the mapping under a guard: FALSE with
 * @error set if the file shrank under us (SIGBUS). Not inlined: sigsetjmp()
 * would make the compiler keep the parser's loop variables in memory. */
static G_GNUC_NO_INLINE gboolean
use_mapped (OdsCsvReader *self,
            GByteArray   *copy_to,
            const guint8 *data,
            gsize         len,
            GError      **error)
{
  OdsMapGuard guard;

  if (ODS_MAP_GUARD_FAULTED (&guard))
    {
      ods_map_guard_leave (&guard);
      ods_csv_reader_set_file_changed_error (error);
      return FALSE;
    }
  ods_map_guard_enter (&guard);
  if (copy_to != NULL)
    g_byte_array_append (copy_to, data, len);
  else
    decode (self, data, len, FALSE);
  ods_map_guard_leave (&guard);
  return TRUE;
}
#endif

/* Reads and decodes the next block; sets input_done at the end. Once a
 * block: kept out of the parser's loop (inlined, it changed the
 * allocation of the loop's registers: 3.6 % more instructions there). */
static G_GNUC_NO_INLINE gboolean
fill (OdsCsvReader  *self,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(GBytes) block = NULL;
  const guint8 *data = NULL;
  gssize n;

  n = read_block (self, &data, &block, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      decode (self, NULL, 0, TRUE);
      self->input_done = TRUE;
    }
#ifdef G_OS_UNIX
  else if (self->mapped != NULL)
    return use_mapped (self, NULL, data, n, error);
#endif
  else
    decode (self, data, n, FALSE);
  return TRUE;
}

/* ---- Starting: encoding, delimiter --------------------------------------- */

static gboolean
looks_binary (const guint8 *sample,
              gsize         len,
              const char   *encoding)
{
  if (len >= 4 && (memcmp (sample, "PK\x03\x04", 4) == 0
                   || memcmp (sample, "\xD0\xCF\x11\xE0", 4) == 0
                   || memcmp (sample, "%PDF", 4) == 0))
    return TRUE;
  if (strcmp (encoding, ODS_ENCODING_UTF16LE) == 0 || strcmp (encoding, ODS_ENCODING_UTF16BE) == 0)
    return FALSE;
  return memchr (sample, '\0', len) != NULL;
}

/* Picks the delimiter among , ; TAB | that splits the first lines (quoted
 * parts left out) into the same number of cells as the header, and splits
 * the header at all. */
static char
sniff_delimiter (const guint8 *text,
                 gsize         len,
                 gboolean      complete)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  enum { N_CAND = G_N_ELEMENTS (candidates), MAX_LINES = 50 };
  guint counts[MAX_LINES][N_CAND];
  guint current[N_CAND] = { 0 };
  guint n_lines = 0;
  gboolean in_quotes = FALSE, line_has_text = FALSE;
  int best = 0;
  int best_score = 0;

  for (gsize i = 0; i < len && n_lines < MAX_LINES; i++)
    {
      guint8 c = text[i];

      if (c == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (c == '\n' || c == '\r'))
        {
          if (line_has_text)
            memcpy (counts[n_lines++], current, sizeof current);
          memset (current, 0, sizeof current);
          line_has_text = FALSE;
          continue;
        }
      else if (!in_quotes)
        for (guint k = 0; k < N_CAND; k++)
          if (c == (guint8) candidates[k])
            current[k]++;
      line_has_text = TRUE;
    }
  if (complete && line_has_text && n_lines < MAX_LINES)
    memcpy (counts[n_lines++], current, sizeof current);

  for (guint k = 0; k < N_CAND; k++)
    {
      int score = 0;

      if (n_lines == 0 || counts[0][k] == 0)
        continue;
      for (guint l = 0; l < n_lines; l++)
        if (counts[l][k] == counts[0][k])
          score++;
      if (score > best_score)
        {
          best_score = score;
          best = k;
        }
    }
  return candidates[best];
}

static gboolean
start (OdsCsvReader  *self,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GByteArray) sample = g_byte_array_new ();

  self->started = TRUE;
  if (self->opt_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->opt_error));
      return FALSE;
    }

  /* Gather a sample for the encoding and the delimiter. */
  while (sample->len < ODS_ENCODING_SAMPLE_SIZE)
    {
      GBytes *block = NULL;
      const guint8 *data = NULL;
      gssize n = read_block (self, &data, &block, cancellable, error);

#ifdef G_OS_UNIX
      if (n > 0 && self->mapped != NULL)
        {
          if (!use_mapped (self, sample, data, n, error))
            {
              g_clear_pointer (&block, g_bytes_unref);
              return FALSE;
            }
        }
      else
#endif
      if (n > 0)
        g_byte_array_append (sample, data, n);
      if (block != NULL)
        g_bytes_unref (block);
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          self->input_done = TRUE;
          break;
        }
    }

  if (sample->len == 0)
    {
      g_set_error_literal (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY,
                           _("The file is empty. Choose the file that holds the data, "
                             "or export the table again."));
      return FALSE;
    }

  self->encoding = self->opt_encoding ? self->opt_encoding
                                      : ods_encoding_detect (sample->data, sample->len);
  if (looks_binary (sample->data, MIN (sample->len, ODS_ENCODING_SAMPLE_SIZE), self->encoding))
    {
      g_set_error_literal (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_BINARY,
                           _("This file is not a text table: it looks like a workbook "
                             "(.xlsx, .xls), a PDF or an image. Open it in the program "
                             "that made it and save it as “CSV UTF-8 (comma delimited)”."));
      return FALSE;
    }

  self->decoder = ods_decoder_new (self->encoding);
  decode (self, sample->data, sample->len, self->input_done);

  if (self->input_done && self->text_len == 0)
    {
      g_set_error_literal (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY,
                           _("The file is empty. Choose the file that holds the data, "
                             "or export the table again."));
      return FALSE;
    }

  self->delimiter = self->opt_delimiter ? self->opt_delimiter
                                        : sniff_delimiter (self->buf->data, self->text_len,
                                                           self->input_done);
  self->special[(guint8) self->delimiter] = 1;
  self->special['"'] = 1;
  self->special['\n'] = 1;
  self->special['\r'] = 1;
  return TRUE;
}

/* ---- Parsing -------------------------------------------------------------- */

static inline guint64
special_mask64 (const OdsCsvReader *self,
                const guint8       *p)
{
#ifdef __SSE2__
  const __m128i vd = _mm_set1_epi8 (self->delimiter);
  const __m128i vq = _mm_set1_epi8 ('"');
  const __m128i vn = _mm_set1_epi8 ('\n');
  const __m128i vr = _mm_set1_epi8 ('\r');
  guint64 mask = 0;

  for (int i = 0; i < 4; i++)
    {
      __m128i x = _mm_loadu_si128 ((const __m128i *) (p + 16 * i));
      __m128i m = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, vd), _mm_cmpeq_epi8 (x, vq)),
                                _mm_or_si128 (_mm_cmpeq_epi8 (x, vn), _mm_cmpeq_epi8 (x, vr)));

      mask |= (guint64) (guint32) _mm_movemask_epi8 (m) << (16 * i);
    }
  return mask;
#else
  guint64 mask = 0;

  for (int i = 0; i < 64; i++)
    mask |= (guint64) self->special[p[i]] << i;
  return mask;
#endif
}

/* The offset of the first structural byte at or after @from, or @end. */
static inline gsize
next_special (const OdsCsvReader *self,
              Scan               *scan,
              const guint8       *data,
              gsize               from,
              gsize               end)
{
  for (;;)
    {
      if (from >= scan->base && from < scan->limit)
        {
          guint64 m = scan->mask >> (from - scan->base);

          if (m != 0)
            return from + __builtin_ctzll (m);
          from = scan->limit;
        }
      if (from >= end)
        return end;
      scan->base = from;
      if (end - from >= 64)
        {
          scan->mask = special_mask64 (self, data + from);
          scan->limit = from + 64;
        }
      else
        {
          guint8 tail[64] = { 0 };

          memcpy (tail, data + from, end - from);
          scan->mask = special_mask64 (self, tail);
          scan->limit = end;
        }
    }
}

/* The first structural byte at or after @from, taking it out of the
 * window's mask *@m (which holds no bit before @from), or @end. */
static inline gsize
take_special (const OdsCsvReader *self,
              const guint8       *data,
              gsize               end,
              gsize               from,
              gsize              *base,
              gsize              *limit,
              guint64            *m)
{
  gsize e;

  /* No bit left: the next window starts where this one ends, or at @from
   * if that is outside it. */
  if (*m == 0 && (from >= *limit || from < *base))
    *limit = from;
  while (*m == 0)
    {
      if (*limit >= end)
        return end;
      *base = *limit;
      if (end - *base >= 64)
        {
          *m = special_mask64 (self, data + *base);
          *limit = *base + 64;
        }
      else
        {
          guint8 tail[64] = { 0 };

          memcpy (tail, data + *base, end - *base);
          *m = special_mask64 (self, tail);
          *limit = end;
        }
    }
  e = *base + __builtin_ctzll (*m);
  *m &= *m - 1;
  return e;
}

static void
grow_cells (OdsCsvReader *self)
{
  self->cells_cap = MAX (16, self->cells_cap * 2);
  self->cells = g_renew (char *, self->cells, self->cells_cap);
  self->lengths = g_renew (gsize, self->lengths, self->cells_cap);
  self->offsets = g_renew (gsize, self->offsets, self->cells_cap);
}

static inline void
add_cell (OdsCsvReader *self,
          guint8       *data,
          guint        *n,
          gsize         offset,
          gsize         len)
{
  if (G_UNLIKELY (*n == self->cells_cap))
    grow_cells (self);
  self->cells[*n] = (char *) data + offset;
  self->lengths[*n] = len;
  data[offset + len] = '\0';
  (*n)++;
}

typedef enum
{
  ST_FIELD_START,
  ST_UNQUOTED,
  ST_QUOTED,
  ST_AFTER_QUOTE,
} ParseState;

static void
finish_record (OdsCsvReader *self,
               OdsRecord    *record,
               guint         n,
               gsize         rec_start,
               gsize         rec_end,
               guint64       lines)
{
  gboolean check_marks = (self->marks_until > self->buf_base + rec_start);

  if (self->extra->len > 0 && !self->keep_text)
    g_ptr_array_set_size (self->extra, 0);

  for (guint i = 0; check_marks && i < n; i++)
    {
      char *cell = self->cells[i];

      if (ods_utf8_has_marks (cell, self->lengths[i]))
        {
          gsize len;
          char *nfc = ods_utf8_normalize_nfc (cell, self->lengths[i], &len);

          if (len <= self->lengths[i])
            {
              memcpy (cell, nfc, len + 1);
              g_free (nfc);
            }
          else
            {
              g_ptr_array_add (self->extra, nfc);
              cell = nfc;
            }
          self->lengths[i] = len;
        }
      self->cells[i] = cell;
    }

  if (self->first_error_offset != NO_OFFSET && self->first_error_row == 0
      && self->buf_base + rec_end > self->first_error_offset)
    self->first_error_row = self->next_row;

  record->cells = self->cells;
  record->lengths = self->lengths;
  record->n_cells = n;
  record->row_number = self->next_row++;
  record->line_number = self->next_line;
  self->next_line += lines + 1;
}

static gboolean
too_long (OdsCsvReader  *self,
          GError       **error)
{
  g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_line);

  self->finished = TRUE;
  g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_RECORD_TOO_LONG,
               /* TRANSLATORS: %s is a line number, %u a size in MiB */
               _("The row that starts on line %s is longer than %u MiB, which no "
                 "real table row needs. Most often a quote (\") is missing or extra "
                 "in that row: check it and save the file again."),
               line, (guint) (self->max_record >> 20));
  return FALSE;
}

gboolean
ods_csv_reader_next (OdsCsvReader  *self,
                     OdsRecord     *record,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ParseState st = ST_FIELD_START;
  gsize rec, p;
  gsize cs = 0;      /* where the cell's text starts */
  gsize seg = 0;     /* quoted cells: start of the text not moved yet */
  gsize shift = 0;   /* quoted cells: quote characters dropped so far */
  guint n = 0;
  guint64 lines = 0, quote_line = 0;
  Scan *scan = &self->scan;
  g_autofree char *line = NULL;
  guint8 delim;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->finished)
    return FALSE;
  if (!self->started && !start (self, cancellable, error))
    {
      self->finished = TRUE;
      return FALSE;
    }

  delim = self->delimiter;
  rec = p = self->pos;
  for (;;)
    {
      guint8 *data = self->buf->data;
      gsize end = self->text_len;
      gsize e;
      guint8 c;

      if (G_UNLIKELY (self->skip_lf))
        {
          if (p >= end)
            goto need_more;
          if (data[p] == '\n')
            rec = ++p;
          self->skip_lf = FALSE;
        }

      if (st == ST_FIELD_START)
        {
          /* The common cases, unquoted cells and simple quoted ones, in a
           * tight loop that takes the structural bytes one by one from the
           * window's mask; anything unusual goes to the general path. */
          gsize base = scan->base, limit = scan->limit;
          guint64 m = (p >= base && p < limit) ? scan->mask >> (p - base) << (p - base) : 0;

          for (;;)
            {
              if (G_UNLIKELY (p >= end))
                {
                  scan->base = base;
                  scan->limit = limit;
                  scan->mask = m;
                  goto need_more;
                }
              if (data[p] == '"')
                {
                  gsize q = take_special (self, data, end, p, &base, &limit, &m);
                  guint64 quoted_lines = 0;

                  /* (q is p; were it not, e = end sends the cell to the general path) */
                  for (e = end; q == p || q == e; q = e)
                    {
                      e = take_special (self, data, end, q + 1, &base, &limit, &m);
                      if (e >= end || data[e] == '"')
                        break;
                      if (data[e] == '\r' || (data[e] == '\n' && data[e - 1] != '\r'))
                        quoted_lines++;
                    }
                  if (e + 1 < end && (data[e + 1] == delim || data[e + 1] == '\n'
                                      || data[e + 1] == '\r'))
                    {
                      /* "text", then a delimiter or a line break */
                      add_cell (self, data, &n, p + 1, e - p - 1);
                      lines += quoted_lines;
                      e = take_special (self, data, end, e + 1, &base, &limit, &m);
                      c = data[e];
                      if (c == delim)
                        {
                          p = e + 1;
                          continue;
                        }
                      scan->base = base;
                      scan->limit = limit;
                      scan->mask = m;
                      goto end_of_record;
                    }
                  /* Doubled quotes, text after the quote, or the end of the
                   * text: the general path reads the cell again. */
                  scan->base = scan->limit = 0;
                  st = ST_QUOTED;
                  cs = seg = ++p;
                  shift = 0;
                  quote_line = self->next_line + lines;
                  break;
                }
              e = take_special (self, data, end, p, &base, &limit, &m);
              if (G_UNLIKELY (e >= end))
                {
                  scan->base = base;
                  scan->limit = limit;
                  scan->mask = 0;
                  cs = p;
                  st = ST_UNQUOTED;
                  p = end;
                  goto need_more;
                }
              c = data[e];
              if (G_LIKELY (c == delim))
                {
                  add_cell (self, data, &n, p, e - p);
                  p = e + 1;
                  continue;
                }
              scan->base = base;
              scan->limit = limit;
              scan->mask = m;
              cs = p;
              if (c == '"')
                {
                  /* A quote inside an unquoted cell is kept as it is. */
                  st = ST_UNQUOTED;
                  p = e + 1;
                  break;
                }
              if (n > 0 || e > cs)
                add_cell (self, data, &n, cs, e - cs);
              goto end_of_record;   /* n == 0: an empty line */
            }
          continue;
        }

      e = next_special (self, scan, data, p, end);
      if (e >= end)
        {
          p = end;
          goto need_more;
        }
      c = data[e];

      if (st == ST_QUOTED)
        {
          if (c == '"')
            {
              if (e + 1 >= end && !self->input_done)
                {
                  p = e;   /* a doubled quote, or the closing one? */
                  goto need_more;
                }
              if (e + 1 < end && data[e + 1] == '"')
                {
                  /* Keep the first quote of the pair, drop the second. */
                  if (shift > 0)
                    memmove (data + seg - shift, data + seg, e + 1 - seg);
                  shift++;
                  seg = p = e + 2;
                  continue;
                }
              /* The closing quote: the cell ends here unless text follows. */
              if (shift > 0 && e > seg)
                memmove (data + seg - shift, data + seg, e - seg);
              if (G_LIKELY (e + 1 < end && (data[e + 1] == delim || data[e + 1] == '\n'
                                            || data[e + 1] == '\r')))
                {
                  e++;
                  c = data[e];
                  add_cell (self, data, &n, cs, e - 1 - shift - cs);
                  if (c == delim)
                    {
                      p = e + 1;
                      st = ST_FIELD_START;
                      continue;
                    }
                  goto end_of_record;
                }
              shift++;
              seg = p = e + 1;
              st = ST_AFTER_QUOTE;
              continue;
            }
          if (c == '\r' || (c == '\n' && data[e - 1] != '\r'))
            lines++;
          p = e + 1;
          continue;
        }

      if (st == ST_UNQUOTED)
        {
          if (c == delim)
            {
              add_cell (self, data, &n, cs, e - cs);
              p = e + 1;
              st = ST_FIELD_START;
              continue;
            }
          if (c == '"')
            {
              p = e + 1;
              continue;
            }
          add_cell (self, data, &n, cs, e - cs);
          goto end_of_record;
        }

      /* ST_AFTER_QUOTE: text after a closing quote joins the cell, as
       * Python's csv does. */
      if (c == '"')
        {
          p = e + 1;
          continue;
        }
      if (shift > 0 && e > seg)
        memmove (data + seg - shift, data + seg, e - seg);
      add_cell (self, data, &n, cs, e - shift - cs);
      if (c == delim)
        {
          p = e + 1;
          st = ST_FIELD_START;
          continue;
        }
      goto end_of_record;

    end_of_record:
      /* @c is the line break at @e; CR LF counts as one. */
      {
        gsize next = e + 1;

        if (c == '\r')
          {
            if (next < self->text_len)
              {
                if (self->buf->data[next] == '\n')
                  next++;
              }
            else if (!self->input_done)
              self->skip_lf = TRUE;
          }
        if (G_UNLIKELY (e - rec > self->max_record))
          return too_long (self, error);
        self->pos = next;
        finish_record (self, record, n, rec, e, lines);
        return TRUE;
      }

    need_more:
      if (self->input_done)
        {
          end = self->text_len;

          switch (st)
            {
            case ST_FIELD_START:
              if (n == 0)
                {
                  self->pos = end;
                  self->finished = TRUE;
                  return FALSE;
                }
              add_cell (self, self->buf->data, &n, end, 0);
              break;
            case ST_UNQUOTED:
              add_cell (self, self->buf->data, &n, cs, end - cs);
              break;
            case ST_AFTER_QUOTE:
              if (shift > 0)
                memmove (self->buf->data + seg - shift, self->buf->data + seg, end - seg);
              add_cell (self, self->buf->data, &n, cs, end - shift - cs);
              break;
            case ST_QUOTED:
            default:
              self->finished = TRUE;
              line = g_strdup_printf ("%" G_GUINT64_FORMAT, quote_line);
              g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNCLOSED_QUOTE,
                           /* TRANSLATORS: %s is a line number */
                           _("The quoted cell that starts on line %s has no closing quote, "
                             "so the rest of the file would be read as one cell. Add the "
                             "missing quote (\") in that cell, or remove the opening one, "
                             "and save the file again."),
                           line);
              return FALSE;
            }
          if (G_UNLIKELY (end - rec > self->max_record))
            return too_long (self, error);
          self->pos = end;
          finish_record (self, record, n, rec, end, lines);
          return TRUE;
        }

      /* Keep only the unfinished record, then read on. Its cells are kept
       * as offsets while the buffer moves. */
      for (guint i = 0; i < n; i++)
        self->offsets[i] = (self->cells[i] - (char *) self->buf->data) - rec;
      if (rec > 0)
        {
          gsize keep = self->text_len - rec;

          if (self->keep_text)
            {
              /* Records handed out point into this buffer: it stays as
               * it is, and the unfinished record moves to another. */
              GByteArray *next;

              if (self->spare->len > 0)
                next = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
              else
                next = g_byte_array_sized_new (self->block_size + keep + 64);
              g_byte_array_set_size (next, 0);
              g_byte_array_append (next, self->buf->data + rec, keep + 1);
              g_ptr_array_add (self->retired, self->buf);
              self->buf = next;
            }
          else
            memmove (self->buf->data, self->buf->data + rec, keep + 1);
          p -= rec;
          cs = cs >= rec ? cs - rec : 0;
          seg = seg >= rec ? seg - rec : 0;
          self->buf_base += rec;
          self->text_len = keep;
          g_byte_array_set_size (self->buf, keep + 1);
          rec = 0;
        }
      scan->base = scan->limit = 0;
      self->pos = rec;
      if (self->text_len > self->max_record)
        return too_long (self, error);
      if (!fill (self, cancellable, error))
        {
          self->finished = TRUE;
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        self->cells[i] = (char *) self->buf->data + self->offsets[i];
    }
}
