/* ods-csv-reader.h: a streaming RFC 4180 CSV reader.
 *
 * Reads any GInputStream in large blocks, detects (or is told) the encoding
 * and the delimiter, and hands out one OdsRecord at a time with every cell
 * in NFC UTF-8. Memory is bounded by the longest record, not by the file.
 */
#pragma once

#include <gio/gio.h>

#include "ods-record.h"
#include "ods-table-error.h"

G_BEGIN_DECLS

/**
 * OdsCsvOptions:
 * @delimiter: the cell separator, or 0 to detect it among , ; TAB and |
 *   (see ods_csv_delimiter_is_valid())
 * @encoding: an encoding name (aliases accepted, see
 *   ods_encoding_canonical_name()), or %NULL to detect it
 */
typedef struct
{
  char        delimiter;
  const char *encoding;
} OdsCsvOptions;

/* Receives every raw byte of the file, in order, before decoding (for
 * hashing). The callback may keep a reference to @raw_block. */
typedef void (*OdsRawBlockFunc) (GBytes  *raw_block,
                                 gpointer user_data);

/* The longest record accepted, in bytes of UTF-8 text. */
#define ODS_CSV_MAX_RECORD_SIZE (64 * 1024 * 1024)

typedef struct _OdsCsvReader OdsCsvReader;

/* Whether @c can separate cells: ASCII, and not a quote, CR, LF or NUL
 * (check a --delimiter option with it before ods_csv_reader_new()). */
static inline gboolean
ods_csv_delimiter_is_valid (char c)
{
  return c != '\0' && c != '"' && c != '\r' && c != '\n' && (guchar) c < 0x80;
}

OdsCsvReader *ods_csv_reader_new                (GInputStream        *in,
                                                 const OdsCsvOptions *options);
void          ods_csv_reader_free               (OdsCsvReader        *self);
void          ods_csv_reader_set_raw_block_func (OdsCsvReader        *self,
                                                 OdsRawBlockFunc      func,
                                                 gpointer             user_data);
gboolean      ods_csv_reader_next               (OdsCsvReader        *self,
                                                 OdsRecord           *record,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
const char   *ods_csv_reader_get_encoding       (OdsCsvReader        *self);
char          ods_csv_reader_get_delimiter      (OdsCsvReader        *self);
guint64       ods_csv_reader_get_bytes_read     (OdsCsvReader        *self);
guint64       ods_csv_reader_get_encoding_errors (OdsCsvReader       *self);
guint64       ods_csv_reader_get_first_encoding_error_row (OdsCsvReader *self);

/* For tests and benchmarks: the size of each read (default 1 MiB) and the
 * record size limit (default ODS_CSV_MAX_RECORD_SIZE). Call before the
 * first ods_csv_reader_next(). */
void          ods_csv_reader_set_block_size     (OdsCsvReader        *self,
                                                 gsize                block_size);
void          ods_csv_reader_set_max_record_size (OdsCsvReader       *self,
                                                 gsize                max_record_size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsCsvReader, ods_csv_reader_free)

G_END_DECLS
