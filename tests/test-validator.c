/* Validating records: structure, types, constraints, keys, header matching, the report. */
#include "ods-test-records.h"
#include "ods-i18n.h"

#include <locale.h>

static void
assert_summary (OdsReport  *report,
                const char *expected)
{
  g_autofree char *summary = test_report_summary (report);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_structure (void)
{
  g_autoptr(OdsReport) report = test_validate (NULL,
                                               "id,name,,name\n"
                                               "1,a,x,y\n"
                                               "2,b\n"
                                               "\n"
                                               ",,,\n"
                                               "3,c,d,e,f\n");
  const OdsReportError *e;

  assert_summary (report,
                  "blank-label@1:3 duplicate-label@1:4 missing-cell@3:3 missing-cell@3:4 "
                  "blank-row@4:0 blank-row@5:0 extra-cell@6:5");
  g_assert_false (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_rows (report), ==, 5);
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 7);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_BLANK_ROW), ==, 2);

  e = test_report_error (report, 1);
  g_assert_cmpstr (e->message, ==, "Column D: the name “name” is already used by column B. Give each column a different name.");
  e = test_report_error (report, 2);
  g_assert_cmpstr (e->field_name, ==, "");
  g_assert_cmpstr (e->message, ==,
                   "Cell C3 is missing: row 3 has fewer cells than the header, so there is no value for “”. "
                   "Add the missing cell, or check the delimiters and quotes in this row.");
  e = test_report_error (report, 4);
  g_assert_cmpstr (e->message, ==, "Row 4 is empty. Delete the empty row.");
  e = test_report_error (report, 6);
  g_assert_cmpstr (e->cell, ==, "f");
  g_assert_cmpuint (e->column_number, ==, 5);
}

static void
test_valid_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "schema", "quarterly.json", NULL);
  g_autofree char *schema_json = NULL;
  g_autoptr(OdsReport) report = NULL;

  g_file_get_contents (path, &schema_json, NULL, &error);
  g_assert_no_error (error);
  report = test_validate_full (schema_json,
                               "ma_don_vi|ten_don_vi|ngay_bao_cao|so_luong|kinh_phi|loai_hinh|hoat_dong|nam|ghi_chu\n"
                               "HN001|Sở Tài chính Hà Nội|31/03/2025|1.250|1.234.567,89 đồng|Công lập|Có|2025|\n"
                               "HN002|Trường Tiểu học Dịch Vọng|01/04/2025|-|N/A|Tư thục|Không|2025|ghi chú\n",
                               '|', 0);
  assert_summary (report, "");
  g_assert_true (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_rows (report), ==, 2);
}

static char *
date_file (const char *bad_value)
{
  GString *csv = g_string_new ("ma,ten,ngay\n");

  /* Data rows 2..16 valid, row 17 holds @bad_value in column C. */
  for (int i = 2; i <= 16; i++)
    g_string_append_printf (csv, "M%d,Đơn vị %d,%02d/01/2025\n", i, i, i);
  g_string_append_printf (csv, "M17,Đơn vị 17,%s\n", bad_value);
  return g_string_free (csv, FALSE);
}

static const char *date_schema =
  "{\"fields\": [{\"name\": \"ma\", \"constraints\": {\"required\": true}}, {\"name\": \"ten\"},"
  " {\"name\": \"ngay\", \"type\": \"date\", \"format\": \"%d/%m/%Y\"}]}";

static void
test_type_error_message (void)
{
  g_autofree char *csv = date_file ("31/02/2025");
  g_autoptr(OdsReport) report = test_validate (date_schema, csv);
  const OdsReportError *e;

  assert_summary (report, "type-error@17:3");
  e = test_report_error (report, 0);
  g_assert_cmpstr (e->field_name, ==, "ngay");
  g_assert_cmpstr (e->cell, ==, "31/02/2025");
  g_assert_cmpuint (e->column_number, ==, 3);
  g_assert_cmpstr (e->message, ==,
                   "Cell C17: 31/02/2025 is not a valid date (format dd/mm/yyyy). Enter a real calendar date, for example 31/12/2025.");
}

static void
test_messages_vietnamese (void)
{
  g_autofree char *csv = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(OdsReport) report2 = NULL;
  g_autofree char *text = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ods_i18n_init ();

  csv = date_file ("31/02/2025");
  report = test_validate (date_schema, csv);
  g_assert_cmpstr (test_report_error (report, 0)->message, ==,
                   "Ô C17: 31/02/2025 không phải ngày hợp lệ (định dạng dd/mm/yyyy). Hãy nhập một ngày có thật, ví dụ 31/12/2025.");

  report2 = test_validate ("{\"fields\": [{\"name\": \"ma\", \"constraints\": {\"required\": true}},"
                           " {\"name\": \"so\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \".\"}]}",
                           "ma,so\n,1.234\nA1,12.5kg\n");
  assert_summary (report2, "constraint-error@2:1/required type-error@3:2");
  g_assert_cmpstr (test_report_error (report2, 0)->message, ==,
                   "Ô A2 đang để trống, nhưng cột “ma” bắt buộc phải có giá trị. Hãy nhập giá trị.");
  g_assert_cmpstr (test_report_error (report2, 1)->message, ==,
                   "Ô B3: 12.5kg không phải là số hợp lệ. Hãy viết như 1.234.567,89 (dấu thập phân “,”), không kèm chữ hay đơn vị.");
  text = ods_report_format_text (report2);
  g_assert_nonnull (strstr (text, "Kết quả: tệp KHÔNG hợp lệ: 2 lỗi."));
  g_assert_nonnull (strstr (text, "Sai kiểu hoặc định dạng (type-error): 1"));

  {
    g_autoptr(OdsReport) header = test_validate ("{\"fields\": [{\"name\": \"ma_don_vi\"}, {\"name\": \"ten\"}]}",
                                                 "ma,ten,ghi_chu\nA,B,C\n");

    assert_summary (header, "extra-label@1:3 incorrect-label@1:1 extra-cell@2:3");
    g_assert_cmpstr (test_report_error (header, 1)->message, ==,
                     "Cột A có tên “ma”, nhưng lược đồ yêu cầu “ma_don_vi” ở vị trí này. "
                     "Hãy đổi tên cột, hoặc sắp xếp các cột theo đúng thứ tự của lược đồ.");
  }
}

static void
test_constraints (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": ["
                   " {\"name\": \"a\", \"constraints\": {\"required\": true, \"minLength\": 2, \"maxLength\": 4, \"pattern\": \"[A-Z]+\"}},"
                   " {\"name\": \"b\", \"type\": \"integer\", \"constraints\": {\"minimum\": 10, \"maximum\": 20}},"
                   " {\"name\": \"c\", \"type\": \"number\", \"constraints\": {\"exclusiveMinimum\": 0, \"exclusiveMaximum\": 1}},"
                   " {\"name\": \"d\", \"type\": \"date\", \"format\": \"%d/%m/%Y\", \"constraints\": {\"minimum\": \"01/01/2025\", \"maximum\": \"2025-12-31\"}},"
                   " {\"name\": \"e\", \"constraints\": {\"enum\": [\"Hà Nội\", \"Huế\"]}}]}",
                   "a,b,c,d,e\n"
                   "AB,10,0.5,01/01/2025,Huế\n"
                   ",9,0,31/12/2024,Hue\n"
                   "ABCDE,21,1,01/01/2026,Hà Nội\n"
                   "A,x,abc,31/02/2025,Huế\n"
                   "ab,15,0.5,15/06/2025,Huế\n");
  const OdsReportError *e;

  assert_summary (report,
                  "constraint-error@3:1/required constraint-error@3:2/minimum constraint-error@3:3/exclusiveMinimum "
                  "constraint-error@3:4/minimum constraint-error@3:5/enum "
                  "constraint-error@4:1/maxLength constraint-error@4:2/maximum constraint-error@4:3/exclusiveMaximum "
                  "constraint-error@4:4/maximum "
                  "constraint-error@5:1/minLength type-error@5:2 type-error@5:3 type-error@5:4 "
                  "constraint-error@6:1/pattern");
  e = test_report_error (report, 3);
  g_assert_cmpstr (e->message, ==, "Cell D3: 31/12/2024 is less than the minimum 01/01/2025. Enter a value of at least 01/01/2025.");
  e = test_report_error (report, 4);
  g_assert_cmpstr (e->message, ==,
                   "Cell E3: Hue is not one of the allowed values: Hà Nội, Huế. Choose one of them, with the same spelling and accents.");
  e = test_report_error (report, 5);
  g_assert_cmpstr (e->message, ==, "Cell A4: ABCDE is longer than the maximum of 4 characters. Shorten the value.");

  {
    g_autoptr(OdsReport) zeros = test_validate ("{\"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}", "n\n007\n");

    g_assert_cmpstr (test_report_error (zeros, 0)->message, ==,
                     "Cell A2: 007 starts with a zero, which a number column does not accept. Write 7, or ask for the column to be text in the schema if it is a code.");
  }
}

static void
test_nfc_enum (void)
{
  /* The schema's values are decomposed (NFD), the cells composed (NFC). */
  g_autofree char *nfd = g_utf8_normalize ("Hà Nội", -1, G_NORMALIZE_NFD);
  g_autofree char *schema = g_strdup_printf ("{\"fields\": [{\"name\": \"tinh\", \"constraints\": {\"enum\": [\"%s\", \"Huế\"]},"
                                             " \"type\": \"string\"}, {\"name\": \"ma\", \"constraints\": {\"pattern\": \"%s-[0-9]+\"}}]}",
                                             nfd, nfd);
  g_autoptr(OdsReport) report = NULL;

  g_assert_cmpstr (nfd, !=, "Hà Nội");
  report = test_validate (schema, "tinh,ma\nHà Nội,Hà Nội-1\nHuế,Hà Nội-2\nHa Noi,Hà Nội-x\n");
  assert_summary (report, "constraint-error@4:1/enum constraint-error@4:2/pattern");
}

/* More than 16 allowed values go into a hash set instead of a loop. */
static void
test_large_enum (void)
{
  GString *schema = g_string_new ("{\"fields\": [{\"name\": \"tinh\", \"constraints\": {\"enum\": [");
  GString *csv = g_string_new ("tinh\n");
  g_autoptr(OdsReport) report = NULL;

  for (int i = 0; i < 40; i++)
    {
      g_string_append_printf (schema, "%s\"Tỉnh số %d\"", i > 0 ? ", " : "", i);
      g_string_append_printf (csv, "Tỉnh số %d\n", 39 - i);
    }
  g_string_append (schema, "]}}]}");
  g_string_append (csv, "Tỉnh số 40\n");
  report = test_validate (schema->str, csv->str);
  assert_summary (report, "constraint-error@42:1/enum");
  g_string_free (schema, TRUE);
  g_string_free (csv, TRUE);
}

static void
test_typed_enum_and_unique (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": ["
                   " {\"name\": \"n\", \"type\": \"integer\", \"constraints\": {\"enum\": [1, 2, \"3\"], \"unique\": true}},"
                   " {\"name\": \"d\", \"type\": \"date\", \"format\": \"%d/%m/%Y\", \"constraints\": {\"unique\": true}}]}",
                   "n,d\n1,01/02/2025\n+2,1/2/2025\n3,\n+1,\n4,05/05/2025\n");
  const OdsReportError *e;

  /* +2 is 2 and 1/2/2025 is 01/02/2025: compared as values, not text. */
  assert_summary (report, "unique-error@3:2 unique-error@5:1 constraint-error@6:1/enum");
  e = test_report_error (report, 0);
  g_assert_cmpstr (e->message, ==,
                   "Cell B3: 1/2/2025 already appears in row 2, and the column “d” must not repeat a value. Correct or remove the duplicate.");
}

/* A few allowed strings are looked up by length, first and last byte:
 * strings alike in all three (aXb, aYb, aZb) are still told apart. */
static void
test_enum_lookalikes (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": [{\"name\": \"k\", \"constraints\": {\"enum\":"
                   " [\"aXb\", \"aYb\", \"aZb\", \"Quy Nhơn\", \"An Nhơn\", \"Hoài Nhơn\", \"x\"]}}]}",
                   "k\n"
                   "aYb\n"
                   "aWb\n"
                   "aZb\n"
                   "Quy Nhơn\n"
                   "Quy Nhon\n"
                   "An Nhơn\n"
                   "Hoài Nhơn\n"
                   "Hoài Nhơ\n"
                   "x\n"
                   "y\n"
                   "aXb\n"
                   "aXbb\n");

  assert_summary (report, "constraint-error@3:1/enum constraint-error@6:1/enum constraint-error@9:1/enum "
                          "constraint-error@11:1/enum constraint-error@13:1/enum");

  /* Strings of 5 to 16 bytes compared in two overlapping words: a
   * difference anywhere, first, last or in the middle, counts. */
  g_clear_object (&report);
  report = test_validate ("{\"fields\": [{\"name\": \"k\", \"constraints\": {\"enum\":"
                          " [\"abcde\", \"abcdefg\", \"0123456789abcdef\", \"0123456789abc\"]}}]}",
                          "k\n"
                          "abcde\n"
                          "abXde\n"
                          "abcdefg\n"
                          "abcXefg\n"
                          "Xbcdefg\n"
                          "abcdefX\n"
                          "0123456789abcdef\n"
                          "01234567X9abcdef\n"
                          "0123456X89abcdef\n"
                          "0123456789abc\n"
                          "0123X56789abc\n"
                          "0123456789abX\n");
  assert_summary (report, "constraint-error@3:1/enum constraint-error@5:1/enum constraint-error@6:1/enum "
                          "constraint-error@7:1/enum constraint-error@9:1/enum constraint-error@10:1/enum "
                          "constraint-error@12:1/enum constraint-error@13:1/enum");
}

/* A key with a field the file does not have is not checked; the unique
 * column that is there still is (fields matched by name). */
static void
test_keys_absent_column (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": [{\"name\": \"id\", \"type\": \"integer\", \"constraints\": {\"unique\": true}},"
                   " {\"name\": \"code\", \"constraints\": {\"unique\": true}}, {\"name\": \"ten\"}],"
                   " \"primaryKey\": [\"id\", \"code\"], \"uniqueKeys\": [[\"id\", \"code\"]],"
                   " \"fieldsMatch\": \"partial\"}",
                   "ten,id\n"
                   "a,1\n"
                   "b,2\n"
                   "c,1\n"
                   "d,\n"
                   "e,2\n");

  assert_summary (report, "missing-label@1:3 unique-error@4:2 unique-error@6:2");
}

static void
test_keys (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"code\", \"constraints\": {\"unique\": true}},"
                   " {\"name\": \"parent\", \"type\": \"integer\"}, {\"name\": \"a\"}, {\"name\": \"b\"}],"
                   " \"primaryKey\": [\"id\"], \"uniqueKeys\": [[\"a\", \"b\"]],"
                   " \"foreignKeys\": [{\"fields\": \"parent\", \"reference\": {\"resource\": \"\", \"fields\": \"id\"}}]}",
                   "id,code,parent,a,b\n"
                   "1,X,,p,q\n"
                   "2,Y,3,p,r\n"
                   "3,X,1,p,q\n"
                   "+3,Z,9,,q\n"
                   ",W,1,s,t\n");
  const OdsReportError *e;

  assert_summary (report, "unique-error@4:2 unique-error@4:0 primary-key@5:0 foreign-key@5:3 primary-key@6:0");
  e = test_report_error (report, 2);
  g_assert_cmpstr (e->message, ==,
                   "Row 5: the key +3 (“id”) is the same as in row 4. Every row needs a different key; correct or remove the duplicate row.");
  e = test_report_error (report, 3);
  g_assert_cmpstr (e->cell, ==, "9");
  g_assert_cmpstr (e->message, ==,
                   "Row 5: the value 9 in “parent” is not found in “id” of this table. Correct the value, or add the row it refers to.");
  e = test_report_error (report, 1);
  g_assert_cmpstr (e->message, ==,
                   "Row 4: the values p, q in the columns “a”, “b” already appear together in row 2. Each row must have a different combination.");
}

/* What the key checks must find, worked out plainly here: canonical values
 * in hash tables, in the order frictionless reports them (the row's type
 * errors, unique columns by field, the primary key, unique keys). */
typedef struct
{
  GHashTable *code, *n, *stt, *pk, *ab;   /* keys seen */
} KeyModel;

static char *
canonical_number (const char *text)
{
  double d = g_ascii_strtod (text, NULL);

  return g_strdup_printf ("%.17g", d == 0 ? 0.0 : d);
}

static gboolean
model_seen (GHashTable *table,
            char       *key)
{
  if (g_hash_table_contains (table, key))
    {
      g_free (key);
      return TRUE;
    }
  g_hash_table_add (table, key);
  return FALSE;
}

/* Random rows with repeats, empty parts and type errors in every key;
 * @shuffled names the columns in another order than the schema's. */
static void
check_keys_against_model (gboolean shuffled)
{
  static const char *const numbers[] = { "1", "1.0", "1.50", "1.5", "-0", "0", "2", "3e0", "3", "" };
  static const char *const parts[] = { "", "A", "B" };
  /* Field numbers in the report: the schema's order, or the file's. */
  const guint f_id = shuffled ? 4 : 1, f_code = shuffled ? 3 : 3, f_n = shuffled ? 5 : 4;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20251126);
  g_autoptr(GString) csv = g_string_new (shuffled ? "part,b,code,id,n,a,stt\n" : "id,part,code,n,a,b,stt\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *schema = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(OdsReport) report = NULL;
  KeyModel m;

  m.code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.stt = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.pk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.ab = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint64 row = 2; row < 3002; row++)
    {
      guint r_id = g_rand_int_range (rand, 0, 62);
      g_autofree char *id = r_id == 0 ? g_strdup ("") : r_id == 1 ? g_strdup ("x") : g_strdup_printf ("%u", r_id);
      const char *part = parts[g_rand_int_range (rand, 0, 3)];
      guint r_code = g_rand_int_range (rand, 0, 2000);
      g_autofree char *code = r_code < 100 ? g_strdup ("") : g_strdup_printf ("C%u", r_code);
      guint r_n = g_rand_int_range (rand, 0, 3000);
      g_autofree char *n = r_n < G_N_ELEMENTS (numbers) ? g_strdup (numbers[r_n]) : g_strdup_printf ("%u.25", r_n);
      const char *a = parts[g_rand_int_range (rand, 0, 3)];
      g_autofree char *b = g_strdup_printf ("%d", g_rand_int_range (rand, -1, 40));
      gboolean id_ok = r_id > 1, part_ok = *part != '\0';
      /* A running number: mostly in order, some repeats, gaps and jumps. */
      guint r_stt = g_rand_int_range (rand, 0, 100);
      g_autofree char *stt = r_stt < 3 ? g_strdup ("")
                             : r_stt < 8 ? g_strdup_printf ("%" G_GUINT64_FORMAT, row - g_rand_int_range (rand, 1, 50))
                             : r_stt < 10 ? g_strdup_printf ("%d", g_rand_int_range (rand, -50, 400000))
                             : g_strdup_printf ("%" G_GUINT64_FORMAT, row);

      if (g_str_equal (b, "-1"))
        b[0] = '\0';
      if (shuffled)
        g_string_append_printf (csv, "%s,%s,%s,%s,%s,%s,%s\n", part, b, code, id, n, a, stt);
      else
        g_string_append_printf (csv, "%s,%s,%s,%s,%s,%s,%s\n", id, part, code, n, a, b, stt);

#define EXPECT(type, field) \
      g_string_append_printf (expected, "%s%s@%" G_GUINT64_FORMAT ":%u", expected->len > 0 ? " " : "", type, row, field)
      if (r_id == 1)
        EXPECT ("type-error", f_id);
      if (*code != '\0' && model_seen (m.code, g_strdup (code)))
        EXPECT ("unique-error", f_code);
      if (*n != '\0' && model_seen (m.n, canonical_number (n)))
        EXPECT ("unique-error", f_n);
      if (*stt != '\0' && model_seen (m.stt, g_strdup (stt)))
        EXPECT ("unique-error", 7);
      if (!id_ok && !part_ok)
        EXPECT ("primary-key", 0);
      else if (model_seen (m.pk, g_strdup_printf ("%s|%s", id_ok ? id : "\x01", part_ok ? part : "\x01")))
        EXPECT ("primary-key", 0);
      if (*a != '\0' && *b != '\0' && model_seen (m.ab, g_strdup_printf ("%s|%s", a, b)))
        EXPECT ("unique-error", 0);
#undef EXPECT
    }

  schema = g_strdup_printf ("{\"fields\": [{\"name\": \"id\", \"type\": \"integer\"}, {\"name\": \"part\"},"
                            " {\"name\": \"code\", \"constraints\": {\"unique\": true}},"
                            " {\"name\": \"n\", \"type\": \"number\", \"constraints\": {\"unique\": true}},"
                            " {\"name\": \"a\"}, {\"name\": \"b\", \"type\": \"integer\"},"
                            " {\"name\": \"stt\", \"type\": \"integer\", \"constraints\": {\"unique\": true}}],"
                            " \"primaryKey\": [\"id\", \"part\"], \"uniqueKeys\": [[\"a\", \"b\"]]%s}",
                            shuffled ? ", \"fieldsMatch\": \"equal\"" : "");
  report = test_validate_full (schema, csv->str, ',', 100000);
  summary = test_report_summary (report);
  /* Enough of everything for the test to mean something. */
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_PRIMARY_KEY), >, 100);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_UNIQUE_ERROR), >, 1000);
  g_assert_cmpstr (summary, ==, expected->str);

  g_hash_table_unref (m.code);
  g_hash_table_unref (m.n);
  g_hash_table_unref (m.stt);
  g_hash_table_unref (m.pk);
  g_hash_table_unref (m.ab);
}

static void
test_keys_model (void)
{
  check_keys_against_model (FALSE);
  check_keys_against_model (TRUE);
}

#define ABC_SCHEMA_FMT \
  "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\"}, {\"name\": \"b\"}, {\"name\": \"c\"}], \"fieldsMatch\": \"%s\"}"

static OdsReport *
validate_match (const char *match,
                const char *csv)
{
  g_autofree char *schema = g_strdup_printf (ABC_SCHEMA_FMT, match);

  return test_validate (schema, csv);
}

static void
test_fields_match (void)
{
  static const struct
  {
    const char *match;
    const char *csv;
    const char *expected;
  } cases[] = {
    { "exact", "a,b,c\n1,x,y\n", "" },
    { "exact", "a,c,b\n1,x,y\n", "incorrect-label@1:2 incorrect-label@1:3" },
    { "exact", "a,b\n1,x\n", "missing-label@1:3 missing-cell@2:3" },
    { "exact", "a,b,c,d\n1,x,y,z\n", "extra-label@1:4 extra-cell@2:4" },
    /* By name, field numbers are the columns' positions (as frictionless). */
    { "equal", "c,a,b\nx,1,y\n1,x,y\n", "type-error@3:2" },
    { "equal", "a,b,d\n1,x,y\n", "extra-label@1:3 missing-label@1:4" },
    { "equal", "a,b,a\n1,x,y\n", "duplicate-label@1:3 missing-label@1:4" },
    { "subset", "a,b,c,extra\n1,x,y,z\n", "" },
    { "subset", "a,b\n1,x\n", "missing-label@1:3" },
    { "superset", "b,a\nx,1\n", "" },
    { "superset", "a,z\n1,x\n", "extra-label@1:2" },
    { "partial", "a,z\n1,x\n", "" },
    { "partial", "y,z\n1,x\n", "unmatched-header@1:0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdsReport) report = validate_match (cases[i].match, cases[i].csv);
      g_autofree char *summary = test_report_summary (report);

      if (g_strcmp0 (summary, cases[i].expected) != 0)
        g_error ("%s / %s: got “%s”, expected “%s”", cases[i].match, cases[i].csv, summary, cases[i].expected);
    }

  /* superset and partial only miss the required (or key) fields. */
  {
    g_autoptr(OdsReport) report = test_validate ("{\"fields\": [{\"name\": \"a\", \"constraints\": {\"required\": true}}, {\"name\": \"b\"},"
                                                 " {\"name\": \"c\"}], \"primaryKey\": \"c\", \"fieldsMatch\": \"superset\"}",
                                                 "b\nx\n");

    assert_summary (report, "missing-label@1:2 missing-label@1:3");
    g_assert_cmpstr (test_report_error (report, 0)->message, ==,
                     "The column “a” (field 1 of the schema) is missing from the header. Add it to the file.");
  }

  /* A unique field absent from the file (superset) checks nothing. */
  {
    g_autoptr(OdsReport) report = test_validate ("{\"fields\": [{\"name\": \"a\", \"constraints\": {\"unique\": true}}, {\"name\": \"b\"}],"
                                                 " \"fieldsMatch\": \"superset\"}",
                                                 "b\nx\ny\n");

    assert_summary (report, "");
  }

  /* Mapped by name, the message names the cell where the value really is. */
  {
    g_autoptr(OdsReport) report = validate_match ("equal", "c,a,b\nx,1,y\n1,x,y\n");

    g_assert_cmpstr (test_report_error (report, 0)->message, ==,
                     "Cell B3: x is not a whole number. Write it like 1234567, without letters, units or spaces.");
  }
}

/* As frictionless: a missing required cell is also a required error; a
 * blank row with a primary key is also a primary-key error; NaN fails a
 * range. */
static void
test_frictionless_details (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": [{\"name\": \"id\", \"type\": \"integer\"},"
                   " {\"name\": \"x\", \"type\": \"number\", \"constraints\": {\"required\": true, \"minimum\": 0}}],"
                   " \"primaryKey\": \"id\"}",
                   "id,x\n1\n,\n3,NaN\n4,INF\n");
  const OdsReportError *e;

  assert_summary (report,
                  "constraint-error@2:2/required missing-cell@2:2 blank-row@3:0 primary-key@3:0 "
                  "constraint-error@4:2/minimum");
  e = test_report_error (report, 0);
  g_assert_cmpstr (e->message, ==, "Cell B2 is empty, but the column “x” must be filled in. Enter a value.");
  e = test_report_error (report, 1);
  g_assert_cmpstr (e->field_name, ==, "x");
}

static void
test_missing_values (void)
{
  g_autoptr(OdsReport) report =
    test_validate ("{\"fields\": [{\"name\": \"a\", \"constraints\": {\"required\": true}},"
                   " {\"name\": \"b\", \"type\": \"integer\", \"missingValues\": [\"x\"]}],"
                   " \"missingValues\": [\"\", \"-\", \"N/A\"]}",
                   "a,b\nN/A,x\n-,5\nok,\nok,x\n,x\n");

  /* N/A,x and ,x are blank rows; "" is not missing for b (its own list is ["x"]). */
  assert_summary (report, "blank-row@2:0 constraint-error@3:1/required type-error@4:2 blank-row@6:0");
}

static void
test_limit_errors (void)
{
  GString *csv = g_string_new ("n\n");
  g_autoptr(OdsReport) report = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  for (int i = 0; i < 50; i++)
    g_string_append (csv, "x\n");
  report = test_validate_full ("{\"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}", csv->str, ',', 10);
  g_string_free (csv, TRUE);

  g_assert_false (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 50);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_TYPE_ERROR), ==, 50);
  g_assert_cmpuint (ods_report_get_errors (report)->len, ==, 10);
  g_assert_cmpuint (test_report_error (report, 9)->row_number, ==, 11);

  json = ods_report_to_json_string (report, FALSE);
  g_assert_nonnull (strstr (json, "\"warnings\":[\"reached error limit: 10\"]"));
  text = ods_report_format_text (report);
  g_assert_nonnull (strstr (text, "Only the first 10 of 50 errors are listed"));
  /* No source facts were given: no size or time lines. */
  g_assert_null (strstr (text, "Size:"));
  g_assert_null (strstr (text, "Time:"));
}

static void
test_row_numbers (void)
{
  g_autoptr(OdsSchema) schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"a\"}, {\"name\": \"n\", \"type\": \"integer\"}]}", -1, NULL);
  g_autoptr(OdsValidator) validator = ods_validator_new (schema);
  g_autoptr(TestRow) header = test_row_new ("a,n", ',', 1);
  g_autoptr(TestRow) r2 = test_row_new ("x,1", ',', 2);
  g_autoptr(TestRow) r3 = test_row_new ("y,z", ',', 3);
  g_autoptr(OdsReport) report = NULL;
  const OdsReportError *e;

  /* Row 2 held a quoted cell over three lines: row 3 starts on line 5. */
  r3->record.line_number = 5;
  ods_validator_add_header (validator, &header->record);
  ods_validator_add_row (validator, &r2->record);
  ods_validator_add_row (validator, &r3->record);
  report = ods_validator_finish (validator);
  e = test_report_error (report, 0);
  g_assert_cmpuint (e->row_number, ==, 3);
  g_assert_cmpuint (e->line_number, ==, 5);
  g_assert_cmpuint (e->field_number, ==, 2);
  g_assert_true (g_str_has_prefix (e->message, "Cell B3: z "));
}

static void
test_report_json_text (void)
{
  g_autoptr(OdsReport) report = test_validate ("{\"fields\": [{\"name\": \"a\"}, {\"name\": \"n\", \"type\": \"integer\", \"constraints\": {\"maximum\": 5}}]}",
                                               "a,n\nx,1\ny,9\n");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *stats, *err;
  g_autofree char *text = NULL;

  ods_report_set_source_info (report, 1234, 0.5, "utf-8", ",", "ab12");
  ods_report_add_error (report, ODS_REPORT_ERROR_ENCODING_ERROR, 0, 0, NULL, NULL, NULL,
                        "The file is not valid UTF-8.");
  root = ods_report_to_json (report);
  o = json_node_get_object (root);
  g_assert_false (json_object_get_boolean_member (o, "valid"));
  stats = json_object_get_object_member (o, "stats");
  g_assert_cmpint (json_object_get_int_member (stats, "rows"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (stats, "errors"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (stats, "bytes"), ==, 1234);
  g_assert_cmpfloat (json_object_get_double_member (stats, "seconds"), ==, 0.5);
  g_assert_cmpstr (json_object_get_string_member (o, "encoding"), ==, "utf-8");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "dialect"), "delimiter"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (o, "sha256"), ==, "ab12");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "errors")), ==, 2);
  err = json_array_get_object_element (json_object_get_array_member (o, "errors"), 0);
  g_assert_cmpstr (json_object_get_string_member (err, "type"), ==, "constraint-error");
  g_assert_cmpint (json_object_get_int_member (err, "rowNumber"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (err, "fieldNumber"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (err, "fieldName"), ==, "n");
  g_assert_cmpstr (json_object_get_string_member (err, "cell"), ==, "9");
  g_assert_cmpstr (json_object_get_string_member (err, "constraint"), ==, "maximum");
  g_assert_cmpstr (json_object_get_string_member (err, "message"), ==,
                   "Cell B3: 9 is greater than the maximum 5. Enter a value of at most 5.");
  err = json_array_get_object_element (json_object_get_array_member (o, "errors"), 1);
  g_assert_cmpstr (json_object_get_string_member (err, "type"), ==, "encoding-error");
  g_assert_false (json_object_has_member (err, "rowNumber"));

  text = ods_report_format_text (report);
  g_assert_nonnull (strstr (text, "Result: the file is NOT valid: 2 errors."));
  g_assert_nonnull (strstr (text, "Rows: 2"));
  g_assert_nonnull (strstr (text, "Rule not met (constraint-error): 1; Encoding problem (encoding-error): 1"));
  g_assert_nonnull (strstr (text, "Delimiter: comma (,)"));
  g_assert_nonnull (strstr (text, "SHA-256: ab12"));
  g_assert_nonnull (strstr (text, "[constraint-error] Cell B3: 9 is greater"));
}

static int
compare_words (const void *a,
               const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The notified names, sorted (freeze/thaw does not keep the order). */
static char *
sorted_words (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_auto(GStrv) words = g_strsplit (copy, " ", -1);

  qsort (words, g_strv_length (words), sizeof (char *), compare_words);
  return g_strjoinv (" ", words);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s ", pspec->name);
}

/* The GUI binds to the report's properties: they change once, when the
 * validator finishes, not for every error. */
static void
test_report_properties (void)
{
  g_autoptr(OdsSchema) schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}", -1, NULL);
  g_autoptr(OdsValidator) validator = ods_validator_new (schema);
  OdsReport *report = ods_validator_get_report (validator);
  g_autoptr(TestRow) header = test_row_new ("n", ',', 1);
  g_autoptr(TestRow) r2 = test_row_new ("x", ',', 2);
  g_autoptr(TestRow) r3 = test_row_new ("y", ',', 3);
  g_autoptr(OdsReport) finished = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  gboolean valid = TRUE;
  guint64 n_errors = 0;
  g_autofree char *sha = NULL;

  g_signal_connect (report, "notify", G_CALLBACK (count_notify), log);
  ods_validator_add_header (validator, &header->record);
  ods_validator_add_row (validator, &r2->record);
  ods_validator_add_row (validator, &r3->record);
  g_assert_cmpstr (log->str, ==, "");
  finished = ods_validator_finish (validator);
  g_assert_true (finished == report);
  {
    g_autofree char *names = sorted_words (log->str);

    g_assert_cmpstr (names, ==, "n-errors n-rows valid");
  }
  g_object_get (report, "valid", &valid, "n-errors", &n_errors, NULL);
  g_assert_false (valid);
  g_assert_cmpuint (n_errors, ==, 2);

  g_string_truncate (log, 0);
  ods_report_set_source_info (report, 10, 0.5, "utf-8", ",", "ab");
  ods_report_set_source_info (report, 10, 0.5, "utf-8", ",", "ab");
  {
    g_autofree char *names = sorted_words (log->str);

    g_assert_cmpstr (names, ==, "bytes delimiter encoding seconds sha256");
  }
  g_object_get (report, "sha256", &sha, NULL);
  g_assert_cmpstr (sha, ==, "ab");
  g_signal_handlers_disconnect_by_func (report, count_notify, log);
}

static void
test_no_header_no_schema (void)
{
  g_autoptr(OdsValidator) validator = ods_validator_new (NULL);
  g_autoptr(TestRow) r = test_row_new ("a,b", ',', 1);
  g_autoptr(OdsReport) report = NULL;

  ods_validator_add_row (validator, &r->record);
  report = ods_validator_finish (validator);
  g_assert_true (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_rows (report), ==, 1);
}

static void
test_edge_cases (void)
{
  g_autofree char *letters_a = ods_column_letters (1);
  g_autofree char *letters_z = ods_column_letters (26);
  g_autofree char *letters_aa = ods_column_letters (27);
  g_autofree char *letters_azz = ods_column_letters (1378);

  g_assert_cmpstr (letters_a, ==, "A");
  g_assert_cmpstr (letters_z, ==, "Z");
  g_assert_cmpstr (letters_aa, ==, "AA");
  g_assert_cmpstr (letters_azz, ==, "AZZ");

  /* A schema without fields: every column is extra. */
  {
    g_autoptr(OdsReport) report = test_validate ("{\"fields\": []}", "a\n1\n");

    assert_summary (report, "extra-label@1:1 extra-cell@2:1");
  }
  /* An empty header line against a schema: every field is missing. */
  {
    g_autoptr(OdsReport) report = test_validate ("{\"fields\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}", "\nx,y\n");

    assert_summary (report, "missing-label@1:1 missing-label@1:2");
  }
  /* Long cells are shortened in messages but kept whole in the report. */
  {
    g_autofree char *longcell = g_strnfill (200, 'x');
    g_autofree char *csv = g_strdup_printf ("n\n%s\n", longcell);
    g_autoptr(OdsReport) report = test_validate ("{\"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}", csv);
    const OdsReportError *e = test_report_error (report, 0);
    g_autoptr(OdsReportError) copy = ods_report_error_copy (e);

    g_assert_cmpuint (strlen (e->cell), ==, 200);
    g_assert_nonnull (strstr (e->message, "…"));
    g_assert_cmpuint (strlen (e->message), <, 200);
    g_assert_cmpstr (copy->message, ==, e->message);
    g_assert_cmpstr (ods_report_error_type_to_string (copy->type), ==, "type-error");
  }
  /* Recording nothing still counts. */
  {
    g_autoptr(OdsSchema) schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"n\", \"type\": \"integer\"}]}", -1, NULL);
    g_autoptr(OdsValidator) validator = ods_validator_new (schema);
    g_autoptr(TestRow) header = test_row_new ("n", ',', 1);
    g_autoptr(TestRow) r2 = test_row_new ("x", ',', 2);
    g_autoptr(TestRow) r3 = test_row_new ("y", ',', 3);
    g_autoptr(OdsReport) report = NULL;

    ods_validator_set_limit_errors (validator, 0);
    ods_validator_add_header (validator, &header->record);
    ods_validator_add_row (validator, &r2->record);
    ods_validator_add_row (validator, &r3->record);
    report = ods_validator_finish (validator);
    g_assert_cmpuint (ods_report_get_n_errors (report), ==, 2);
    g_assert_cmpuint (ods_report_get_errors (report)->len, ==, 0);
    g_assert_false (ods_report_get_valid (report));
  }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validator/structure", test_structure);
  g_test_add_func ("/validator/valid-file", test_valid_file);
  g_test_add_func ("/validator/type-error-message", test_type_error_message);
  g_test_add_func ("/validator/messages-vietnamese", test_messages_vietnamese);
  g_test_add_func ("/validator/constraints", test_constraints);
  g_test_add_func ("/validator/nfc-enum", test_nfc_enum);
  g_test_add_func ("/validator/large-enum", test_large_enum);
  g_test_add_func ("/validator/typed-enum-and-unique", test_typed_enum_and_unique);
  g_test_add_func ("/validator/enum-lookalikes", test_enum_lookalikes);
  g_test_add_func ("/validator/keys", test_keys);
  g_test_add_func ("/validator/keys-absent-column", test_keys_absent_column);
  g_test_add_func ("/validator/keys-model", test_keys_model);
  g_test_add_func ("/validator/fields-match", test_fields_match);
  g_test_add_func ("/validator/missing-values", test_missing_values);
  g_test_add_func ("/validator/frictionless-details", test_frictionless_details);
  g_test_add_func ("/validator/limit-errors", test_limit_errors);
  g_test_add_func ("/validator/row-numbers", test_row_numbers);
  g_test_add_func ("/validator/report-json-text", test_report_json_text);
  g_test_add_func ("/validator/no-header-no-schema", test_no_header_no_schema);
  g_test_add_func ("/validator/report-properties", test_report_properties);
  g_test_add_func ("/validator/edge-cases", test_edge_cases);

  return g_test_run ();
}
