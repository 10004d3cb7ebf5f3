/* fuzz-csv: libFuzzer target for the CSV reader and the decoders.
 *
 *   build-clang/tests/fuzz/fuzz-csv -max_total_time=60 [CORPUS_DIR]
 *
 * The first byte picks the options (delimiter, encoding, read size, record
 * limit); the rest is the file. Checks what the validator relies on: every
 * cell is NUL-terminated at its length and valid UTF-8, row numbers count
 * up by one, line numbers never go back. */
#include "ods-csv-reader.h"
#include "ods-encoding.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char delimiters[] = { 0, ',', ';', '\t' };
  static const char *encodings[] = { NULL, "utf-8", "utf-16le", "utf-16be", "cp1258", "tcvn3", "vni", NULL };
  static const gsize blocks[] = { 1, 3, 64, 1 << 20 };
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  OdsCsvOptions options = { 0 };
  OdsRecord record;
  guint64 row = 0, line = 0;
  guint8 sel;

  if (size == 0)
    return 0;
  sel = data[0];
  data++;
  size--;

  options.delimiter = delimiters[sel & 3];
  options.encoding = encodings[(sel >> 2) & 7];
  in = g_memory_input_stream_new_from_data (data, size, NULL);
  reader = ods_csv_reader_new (in, &options);
  ods_csv_reader_set_block_size (reader, blocks[(sel >> 5) & 3]);
  if (sel & 0x80)
    ods_csv_reader_set_max_record_size (reader, 256);

  while (ods_csv_reader_next (reader, &record, NULL, &error))
    {
      g_assert (record.row_number == row + 1);
      g_assert (record.line_number > line);
      row = record.row_number;
      line = record.line_number;
      for (guint i = 0; i < record.n_cells; i++)
        {
          g_assert (strlen (record.cells[i]) == record.lengths[i]);
          g_assert (g_utf8_validate (record.cells[i], record.lengths[i], NULL));
        }
    }
  g_assert (ods_csv_reader_get_bytes_read (reader) <= size);
  return 0;
}
