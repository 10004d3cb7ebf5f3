#include "ods-csv-reader.h"
#include "ods-encoding.h"
#include "ods-i18n.h"

#include <locale.h>
#include <string.h>

static const gsize block_sizes[] = { 1, 2, 3, 7, 64, 1024 * 1024 };

typedef struct
{
  char        delimiter;
  const char *encoding;
  gsize       max_record;
} ParseOpts;

/* Reads all of @input and writes one line per record:
 * "ROW:LINE [cell][cell]…", with the reader's error, if any, last. */
static char *
parse_full (const char      *input,
            gssize           len,
            const ParseOpts *opts,
            gsize            block_size,
            OdsCsvReader   **reader_out,
            GError         **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  OdsCsvOptions options = { 0 };
  GString *out = g_string_new (NULL);
  OdsRecord record;

  if (len < 0)
    len = strlen (input);
  in = g_memory_input_stream_new_from_data (g_memdup2 (input, len), len, g_free);
  if (opts != NULL)
    {
      options.delimiter = opts->delimiter;
      options.encoding = opts->encoding;
    }
  reader = ods_csv_reader_new (in, &options);
  ods_csv_reader_set_block_size (reader, block_size);
  if (opts != NULL && opts->max_record > 0)
    ods_csv_reader_set_max_record_size (reader, opts->max_record);

  while (ods_csv_reader_next (reader, &record, NULL, error))
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT " ",
                              record.row_number, record.line_number);
      for (guint i = 0; i < record.n_cells; i++)
        {
          g_assert_cmpuint (strlen (record.cells[i]), ==, record.lengths[i]);
          g_assert_true (g_utf8_validate (record.cells[i], -1, NULL));
          g_string_append_printf (out, "[%s]", record.cells[i]);
        }
      g_string_append_c (out, '\n');
    }
  if (reader_out != NULL)
    *reader_out = g_steal_pointer (&reader);
  return g_string_free (out, FALSE);
}

/* Parses with every block size and checks they all agree. */
static char *
parse (const char      *input,
       gssize           len,
       const ParseOpts *opts,
       GError         **error)
{
  char *first = NULL;
  GError *first_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (block_sizes); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *got = parse_full (input, len, opts, block_sizes[i], NULL, &local_error);

      if (first == NULL)
        {
          first = g_steal_pointer (&got);
          first_error = g_steal_pointer (&local_error);
          continue;
        }
      g_assert_cmpstr (got, ==, first);
      if (first_error == NULL)
        g_assert_no_error (local_error);
      else
        {
          g_assert_error (local_error, first_error->domain, first_error->code);
          g_assert_cmpstr (local_error->message, ==, first_error->message);
        }
    }
  if (first_error != NULL)
    g_propagate_error (error, first_error);
  return first;
}

static void
check (const char      *input,
       const ParseOpts *opts,
       const char      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = parse (input, -1, opts, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_simple (void)
{
  check ("a,b,c\n1,2,3\n", NULL, "1:1 [a][b][c]\n2:2 [1][2][3]\n");
  /* Missing final newline */
  check ("a,b\n1,2", NULL, "1:1 [a][b]\n2:2 [1][2]\n");
  /* Empty cells */
  check ("a,b,c\n,,\n1,,\n", NULL, "1:1 [a][b][c]\n2:2 [][][]\n3:3 [1][][]\n");
  check ("a,b\n1,", NULL, "1:1 [a][b]\n2:2 [1][]\n");
  /* A last line longer than one 64-byte window, without a line break (found by fuzzing) */
  check ("a\n0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789",
         NULL, "1:1 [a]\n2:2 [0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789]\n");
}

static void
test_quoted (void)
{
  check ("name,note\n"
         "\"Hà Nội, Việt Nam\",\"nói \"\"xin chào\"\"\"\n"
         "\"hai\ndòng\",x\n"
         "cuối,hàng\n",
         NULL,
         "1:1 [name][note]\n"
         "2:2 [Hà Nội, Việt Nam][nói \"xin chào\"]\n"
         "3:3 [hai\ndòng][x]\n"
         "4:5 [cuối][hàng]\n");
  /* Empty quoted cell, quote at the very end of the file */
  check ("\"\",\"a\"", NULL, "1:1 [][a]\n");
  check ("\"\"\"\"", NULL, "1:1 [\"]\n");
  /* A quote inside an unquoted cell is kept; text after a closing quote joins the cell. */
  check ("a\"b,c\n\"ab\"c,d\n", NULL, "1:1 [a\"b][c]\n2:2 [abc][d]\n");
  /* Several line breaks of each kind inside one cell */
  check ("h\n\"1\r\n2\r3\n\n4\"\nnext\n", NULL, "1:1 [h]\n2:2 [1\r\n2\r3\n\n4]\n3:7 [next]\n");
}

static void
test_line_ends (void)
{
  const char *expected = "1:1 [a][b]\n2:2 [1][2]\n3:3 [3][4]\n";

  check ("a,b\r\n1,2\r\n3,4\r\n", NULL, expected);
  check ("a,b\r1,2\r3,4\r", NULL, expected);
  check ("a,b\n1,2\r\n3,4", NULL, expected);
  check ("a,b\r1,2\n3,4\r\n", NULL, expected);
}

static void
test_empty_lines (void)
{
  check ("a\n\nb\n", NULL, "1:1 [a]\n2:2 \n3:3 [b]\n");
  check ("a\r\n\r\nb\r\n", NULL, "1:1 [a]\n2:2 \n3:3 [b]\n");
}

static void
test_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autofree char *got = parse_full ("\xEF\xBB\xBFmã,tên\n1,x\n", -1, NULL, 1024, &reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "1:1 [mã][tên]\n2:2 [1][x]\n");
  g_assert_cmpstr (ods_csv_reader_get_encoding (reader), ==, "utf-8-sig");
  g_assert_cmpint (ods_csv_reader_get_delimiter (reader), ==, ',');
}

static char
sniffed (const char *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autofree char *got = parse_full (input, -1, NULL, 1024 * 1024, &reader, &error);

  g_assert_no_error (error);
  g_assert_nonnull (got);
  return ods_csv_reader_get_delimiter (reader);
}

static void
test_sniff (void)
{
  g_assert_cmpint (sniffed ("a,b,c\n1,2,3\n"), ==, ',');
  g_assert_cmpint (sniffed ("mã;số tiền;ngày\n1;1.234,5;01/02/2025\n2;7,25;03/04/2025\n"), ==, ';');
  g_assert_cmpint (sniffed ("a\tb\n1,5\t2,5\n"), ==, '\t');
  g_assert_cmpint (sniffed ("a|b|c\n1|2,3|4\n"), ==, '|');
  /* Delimiters inside quotes do not count. */
  g_assert_cmpint (sniffed ("\"a;b\",c\n\"1;2;3\",4\n"), ==, ',');
  /* A single column: comma. */
  g_assert_cmpint (sniffed ("tên\nAn\nBình\n"), ==, ',');
}

static void
test_sniff_override (void)
{
  ParseOpts comma = { .delimiter = ',' };
  ParseOpts semicolon = { .delimiter = ';' };

  check ("a;b\n1,5;2\n", &comma, "1:1 [a;b]\n2:2 [1][5;2]\n");
  check ("a,b;c\n", &semicolon, "1:1 [a,b][c]\n");
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = parse ("a,b\n1,2\n3,\"oops\n4,5\n6,7\n", -1, NULL, &error);

  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNCLOSED_QUOTE);
  g_assert_nonnull (strstr (error->message, " 3 "));
  g_assert_cmpstr (got, ==, "1:1 [a][b]\n2:2 [1][2]\n");
}

static void
test_record_too_long (void)
{
  ParseOpts opts = { .max_record = 4096 };
  g_autoptr(GString) input = g_string_new ("a,b\n1,2\n3,\"");
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  for (int i = 0; i < 2000; i++)
    g_string_append (input, "dòng dài\n");
  g_string_append (input, "\"\n");
  got = parse (input->str, input->len, &opts, &error);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_RECORD_TOO_LONG);
  g_assert_nonnull (strstr (error->message, " 3 "));
  g_assert_cmpstr (got, ==, "1:1 [a][b]\n2:2 [1][2]\n");

  /* Without the limit it is one (long) cell. */
  g_clear_error (&error);
  g_clear_pointer (&got, g_free);
  opts.max_record = 0;
  got = parse_full (input->str, input->len, &opts, 4096, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (got, "1:1 [a][b]\n2:2 [1][2]\n3:3 [3][dòng dài\n"));
}

static void
test_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = parse ("", 0, NULL, &error);

  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY);
  g_assert_cmpstr (got, ==, "");
  g_clear_error (&error);
  g_free (got);
  got = parse ("\xEF\xBB\xBF", 3, NULL, &error);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY);
}

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = parse ("PK\x03\x04\x14\0\0\0xl/workbook.xml", 22, NULL, &error);

  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "CSV"));
  g_assert_cmpstr (got, ==, "");
}

static void
test_nfc (void)
{
  /* "Nguyễn Văn Ánh" written decomposed: e + circumflex + tilde, A + acute. */
  check ("tên,ghi chú\nNguye\xCC\x82\xCC\x83n Va\xCC\x86n A\xCC\x81nh,abc\n", NULL,
         "1:1 [tên][ghi chú]\n2:2 [Nguyễn Văn Ánh][abc]\n");
  /* Precomposed text stays as it is. */
  check ("Nguyễn,Ánh\n", NULL, "1:1 [Nguyễn][Ánh]\n");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autofree char *got = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (block_sizes); i++)
    {
      g_clear_pointer (&reader, ods_csv_reader_free);
      g_clear_pointer (&got, g_free);
      got = parse_full ("tên,số\nHà Nội,1\n\"Đà\nNẵng\",2\nHu\xE1\xBA,\xFF\n", -1, NULL,
                        block_sizes[i], &reader, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, "1:1 [tên][số]\n2:2 [Hà Nội][1]\n3:3 [Đà\nNẵng][2]\n"
                                "4:5 [Hu\xEF\xBF\xBD][\xEF\xBF\xBD]\n");
      g_assert_cmpstr (ods_csv_reader_get_encoding (reader), ==, "utf-8");
      g_assert_cmpuint (ods_csv_reader_get_encoding_errors (reader), ==, 2);
      g_assert_cmpuint (ods_csv_reader_get_first_encoding_error_row (reader), ==, 4);
    }
}

/* A NUL and decomposed letters deep inside a large block (where the
 * decoder validates, copies and looks for them in one pass), at every
 * offset within 32 bytes. */
static void
test_nul_and_marks_mid_block (void)
{
  g_autoptr(GString) input = g_string_new ("id,tên\n");
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  OdsRecord record;
  guint n_nfc = 0;
  gboolean seen_nul = FALSE;

  for (int i = 0; i < 20000; i++)
    {
      if (i == 5000)
        g_string_append_len (input, "5000,a\0b\n", 9);
      else if (i >= 7000 && i < 7064)
        /* "Nguyễn" decomposed, after 0 to 63 bytes of padding */
        g_string_append_printf (input, "%d,%.*sNguye\xCC\x82\xCC\x83n\n", i, i - 7000,
                                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
      else
        g_string_append_printf (input, "%d,Nguyễn Văn %d\n", i, i);
    }
  in = g_memory_input_stream_new_from_data (input->str, input->len, NULL);
  reader = ods_csv_reader_new (in, NULL);
  while (ods_csv_reader_next (reader, &record, NULL, &error))
    {
      if (record.row_number == 5002)
        {
          g_assert_cmpstr (record.cells[1], ==, "a\xEF\xBF\xBD" "b");
          seen_nul = TRUE;
        }
      else if (record.row_number >= 7002 && record.row_number < 7066)
        {
          g_assert_true (g_str_has_suffix (record.cells[1], "Nguyễn"));
          g_assert_cmpuint (record.lengths[1], ==, record.row_number - 7002 + strlen ("Nguyễn"));
          n_nfc++;
        }
    }
  g_assert_no_error (error);
  g_assert_true (seen_nul);
  g_assert_cmpuint (n_nfc, ==, 64);
  g_assert_cmpuint (ods_csv_reader_get_encoding_errors (reader), ==, 1);
  g_assert_cmpuint (ods_csv_reader_get_first_encoding_error_row (reader), ==, 5002);
}

/* A NUL character past the sample becomes U+FFFD and counts as an error. */
static void
test_nul (void)
{
  g_autoptr(GString) input = g_string_new ("id,tên\n");
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  OdsRecord record;
  gboolean seen = FALSE;

  for (int i = 0; i < 10000; i++)
    g_string_append_printf (input, "%d,Nguyễn Văn %d\n", i, i);
  g_string_append_len (input, "x,a\0b\n", 6);
  in = g_memory_input_stream_new_from_data (input->str, input->len, NULL);
  reader = ods_csv_reader_new (in, NULL);
  while (ods_csv_reader_next (reader, &record, NULL, &error))
    if (record.row_number == 10002)
      {
        g_assert_cmpuint (record.n_cells, ==, 2);
        g_assert_cmpstr (record.cells[1], ==, "a\xEF\xBF\xBD" "b");
        seen = TRUE;
      }
  g_assert_no_error (error);
  g_assert_true (seen);
  g_assert_cmpuint (ods_csv_reader_get_encoding_errors (reader), ==, 1);
  g_assert_cmpuint (ods_csv_reader_get_first_encoding_error_row (reader), ==, 10002);
}

static void
collect_raw (GBytes  *block,
             gpointer user_data)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (block, &len);

  g_byte_array_append (user_data, data, len);
}

static void
test_raw_blocks (void)
{
  g_autoptr(GString) input = g_string_new ("\xEF\xBB\xBFmã,tên\n");
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  OdsRecord record;
  guint rows = 0;

  for (int i = 0; i < 100000; i++)
    g_string_append_printf (input, "%d,\"Phường %d, Quận Ba Đình\"\n", i, i);
  in = g_memory_input_stream_new_from_data (input->str, input->len, NULL);
  reader = ods_csv_reader_new (in, NULL);
  ods_csv_reader_set_raw_block_func (reader, collect_raw, raw);
  while (ods_csv_reader_next (reader, &record, NULL, &error))
    {
      g_assert_cmpuint (record.n_cells, ==, 2);
      g_assert_cmpuint (record.row_number, ==, rows + 1);
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 100001);
  g_assert_cmpuint (raw->len, ==, input->len);
  g_assert_true (memcmp (raw->data, input->str, input->len) == 0);
  g_assert_cmpuint (ods_csv_reader_get_bytes_read (reader), ==, input->len);
}

/* Records across block boundaries, in a file larger than several blocks. */
static void
test_large (void)
{
  g_autoptr(GString) input = g_string_new ("id,tên,ghi chú\n");
  g_autoptr(GString) expected = g_string_new ("1:1 [id][tên][ghi chú]\n");
  guint64 line = 2;

  for (int i = 0; i < 60000; i++)
    {
      if (i % 7 == 0)
        {
          g_string_append_printf (input, "%d,\"Lê \"\"Văn\"\" %d\",\"dòng 1\r\ndòng 2\"\r\n", i, i);
          g_string_append_printf (expected, "%d:%" G_GUINT64_FORMAT " [%d][Lê \"Văn\" %d][dòng 1\r\ndòng 2]\n",
                                  i + 2, line, i, i);
          line += 2;
        }
      else
        {
          g_string_append_printf (input, "%d,Trần Thị %d,\n", i, i);
          g_string_append_printf (expected, "%d:%" G_GUINT64_FORMAT " [%d][Trần Thị %d][]\n",
                                  i + 2, line, i, i);
          line++;
        }
    }
  for (gsize b = 0; b < 3; b++)
    {
      static const gsize sizes[] = { 4093, 65536, 1024 * 1024 };
      g_autoptr(GError) error = NULL;
      g_autofree char *got = parse_full (input->str, input->len, NULL, sizes[b], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, expected->str);
    }
}

static void
test_utf16 (void)
{
  const char *text = "mã;tên\r\n1;Nguyễn Thị Minh Khai 𝄞\r\n";
  g_autofree char *le = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, NULL, NULL);
  g_autofree char *be = g_convert (text, -1, "UTF-16BE", "UTF-8", NULL, NULL, NULL);
  glong units = 0;
  g_autofree gunichar2 *u16 = g_utf8_to_utf16 (text, -1, NULL, &units, NULL);
  g_autoptr(GByteArray) le_bom = g_byte_array_new ();
  g_autoptr(GByteArray) be_bom = g_byte_array_new ();

  g_assert_nonnull (u16);

  g_byte_array_append (le_bom, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (le_bom, (const guint8 *) le, units * 2);
  g_byte_array_append (be_bom, (const guint8 *) "\xFE\xFF", 2);
  g_byte_array_append (be_bom, (const guint8 *) be, units * 2);

  for (int k = 0; k < 2; k++)
    {
      GByteArray *bytes = k == 0 ? le_bom : be_bom;
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsCsvReader) reader = NULL;
      g_autofree char *got = NULL;
      g_autofree char *all = parse ((const char *) bytes->data, bytes->len, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (all, ==, "1:1 [mã][tên]\n2:2 [1][Nguyễn Thị Minh Khai 𝄞]\n");
      got = parse_full ((const char *) bytes->data, bytes->len, NULL, 1024, &reader, &error);
      g_assert_cmpstr (ods_csv_reader_get_encoding (reader), ==, k == 0 ? "utf-16le" : "utf-16be");
      g_assert_cmpint (ods_csv_reader_get_delimiter (reader), ==, ';');
    }
}

static void
test_encoding_override (void)
{
  ParseOpts cp1258 = { .encoding = "cp1258" };
  ParseOpts bogus = { .encoding = "latin-9" };
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* "Hà Nội" in Windows-1258: a + combining grave, ô + combining dot below */
  check ("t\xEAn\nHa\xCC N\xF4\xF2i\n", &cp1258, "1:1 [tên]\n2:2 [Hà Nội]\n");
  got = parse ("a\n", -1, &bogus, &error);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNKNOWN_ENCODING);
  g_assert_nonnull (strstr (error->message, "latin-9"));
  g_assert_nonnull (strstr (error->message, "tcvn3"));
}

static void
test_legacy (void)
{
  ParseOpts vni = { .encoding = "vni" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autofree char *got = NULL;

  /* TCVN3, detected: "tên,địa chỉ / Hà Nội,Đà Nẵng" */
  check ("t\xAAn,\xAE\xDE" "a ch\xD8\nH\xB5 N\xE9i,\xA7\xB5 N\xBD" "ng\n", NULL,
         "1:1 [tên][địa chỉ]\n2:2 [Hà Nội][Đà Nẵng]\n");
  got = parse_full ("t\xAAn,\xAE\xDE" "a ch\xD8\nH\xB5 N\xE9i,\xA7\xB5 N\xBD" "ng\n", -1, NULL, 1024, &reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_csv_reader_get_encoding (reader), ==, "tcvn3");
  /* VNI-Windows, letter and mark byte split across reads: "tên,đá / Hà Nội,ướt" */
  check ("te\xE2n,\xF1" "a\xF9\nHa\xF8 No\xE4i,\xF6\xF4\xF9" "t\n", &vni,
         "1:1 [tên][đá]\n2:2 [Hà Nội][ướt]\n");
}

static void
test_cancelled (void)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data ("a,b\n", 4, NULL);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  OdsRecord record;

  g_cancellable_cancel (cancellable);
  g_assert_false (ods_csv_reader_next (reader, &record, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_io_error (void)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data ("a,b\n", 4, NULL);
  g_autoptr(OdsCsvReader) reader = ods_csv_reader_new (in, NULL);
  g_autoptr(GError) error = NULL;
  OdsRecord record;

  g_input_stream_close (in, NULL, NULL);
  g_assert_false (ods_csv_reader_next (reader, &record, NULL, &error));
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_IO);
  /* After a fatal error the reader stays at its end. */
  g_clear_error (&error);
  g_assert_false (ods_csv_reader_next (reader, &record, NULL, &error));
  g_assert_no_error (error);
}

static void
test_translated_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  got = parse ("a\n\"b\n", -1, NULL, &error);
  g_assert_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_UNCLOSED_QUOTE);
  if (g_str_has_prefix (error->message, "The quoted"))
    g_test_skip ("no Vietnamese locale on this machine");
  else
    g_assert_nonnull (strstr (error->message, "dòng 2"));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char **argv)
{
  ods_i18n_init ();
  /* g_dgettext() decides once, at its first call, whether to translate at
   * all: let it decide while the Vietnamese catalogue is in use. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  (void) _("Error:");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/simple", test_simple);
  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/empty-lines", test_empty_lines);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/sniff", test_sniff);
  g_test_add_func ("/csv/sniff-override", test_sniff_override);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/record-too-long", test_record_too_long);
  g_test_add_func ("/csv/empty-file", test_empty_file);
  g_test_add_func ("/csv/binary", test_binary);
  g_test_add_func ("/csv/nfc", test_nfc);
  g_test_add_func ("/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/nul", test_nul);
  g_test_add_func ("/csv/nul-and-marks-mid-block", test_nul_and_marks_mid_block);
  g_test_add_func ("/csv/raw-blocks", test_raw_blocks);
  g_test_add_func ("/csv/large", test_large);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/encoding-override", test_encoding_override);
  g_test_add_func ("/csv/legacy", test_legacy);
  g_test_add_func ("/csv/cancelled", test_cancelled);
  g_test_add_func ("/csv/io-error", test_io_error);
  g_test_add_func ("/csv/translated-message", test_translated_message);
  return g_test_run ();
}
