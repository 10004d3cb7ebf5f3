/* The validation error report (Errors and Data sheets), read back. */
#include "ods-i18n.h"
#include "ods-validation.h"
#include "ods-xlsx-validation.h"

#include "xlsx-fixture.h"

#include <glib/gstdio.h>
#include "fs-fixture.h"

static char *tmp_dir;

static const char schema_json[] =
  "{\"fields\": ["
  "{\"name\": \"quy\", \"title\": \"Quý\", \"type\": \"string\", \"constraints\": {\"required\": true, \"pattern\": \"[0-9]{4}-Q[1-4]\"}}, "
  "{\"name\": \"chi_tieu\", \"type\": \"string\", \"constraints\": {\"required\": true}}, "
  "{\"name\": \"du_toan\", \"type\": \"number\", \"constraints\": {\"minimum\": 0}}, "
  "{\"name\": \"thuc_hien\", \"type\": \"number\", \"constraints\": {\"minimum\": 0}}]}";

/* Row 3: bad pattern (A) and not a number (C); row 4: empty required (B) and
 * below the minimum (D); row 5 empty; row 6 one cell too many (E). */
static const char data_csv[] =
  "quy,chi_tieu,du_toan,thuc_hien\n"
  "2026-Q3,Thu nội địa,12500,9610\n"
  "2026-Q5,Thu xuất nhập khẩu,abc,1350\n"
  "2026-Q3,,6400,-5\n"
  "\n"
  "2026-Q3,Chi thường xuyên,9800,7260.75,extra\n";

static GFile *
write_file (const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static OdsReport *
validate (GFile      *data,
          const char *encoding,
          guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = ods_schema_new_from_string (schema_json, -1, &error);
  OdsValidationOptions options = { 0 };
  OdsReport *report;

  g_assert_no_error (error);
  options.encoding = encoding;
  options.limit_errors = limit;
  report = ods_validate_file (data, schema, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static char *
write_xlsx (OdsReport  *report,
            GFile      *data,
            const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ods_validation_report_write_xlsx (report, data, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
assert_fill (Book       *b,
             const char *xml,
             const char *ref,
             const char *rgb)
{
  g_autoptr(Cell) c = cell_get (b, xml, ref);

  if (c == NULL)
    g_error ("%s: no cell, expected the fill %s", ref, rgb);
  g_assert_cmpstr (cell_fill (b, c), ==, rgb);
}

#define RED "FFFFC7CE"

static void
test_errors_sheet (void)
{
  g_autoptr(GFile) data = write_file ("data.csv", data_csv, -1);
  g_autoptr(OdsReport) report = validate (data, NULL, 0);
  g_autofree char *path = write_xlsx (report, data, "errors.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *xml = sheet_xml (b, 1);
  g_autofree char *workbook = unzip_member (path, "xl/workbook.xml");
  g_autoptr(Cell) message = NULL;

  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 6);
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Errors\" sheetId=\"1\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Data\" sheetId=\"2\""));

  assert_text (b, xml, "A1", "Row");
  assert_text (b, xml, "B1", "Column");
  assert_text (b, xml, "C1", "Field");
  assert_text (b, xml, "D1", "Value");
  assert_text (b, xml, "E1", "Error");
  assert_text (b, xml, "F1", "Message");

  /* By row, then column; the row is a number, the column its letter. */
  assert_number (b, xml, "A2", 3, NULL);
  assert_text (b, xml, "B2", "A");
  assert_text (b, xml, "C2", "quy");
  assert_text (b, xml, "D2", "2026-Q5");
  assert_text (b, xml, "E2", ods_report_error_type_get_title (ODS_REPORT_ERROR_CONSTRAINT_ERROR));
  message = cell_get (b, xml, "F2");
  g_assert_true (g_str_has_prefix (message->value, "Cell A3: 2026-Q5 "));
  assert_number (b, xml, "A3", 3, NULL);
  assert_text (b, xml, "B3", "C");
  assert_text (b, xml, "D3", "abc");
  assert_text (b, xml, "E3", ods_report_error_type_get_title (ODS_REPORT_ERROR_TYPE_ERROR));
  assert_number (b, xml, "A4", 4, NULL);
  assert_text (b, xml, "B4", "B");
  assert_empty (b, xml, "D4");
  assert_number (b, xml, "A5", 4, NULL);
  assert_text (b, xml, "D5", "-5");
  assert_number (b, xml, "A6", 5, NULL);
  assert_empty (b, xml, "B6");
  assert_text (b, xml, "E6", ods_report_error_type_get_title (ODS_REPORT_ERROR_BLANK_ROW));
  assert_number (b, xml, "A7", 6, NULL);
  assert_text (b, xml, "B7", "E");
  assert_text (b, xml, "D7", "extra");
  assert_empty (b, xml, "A8");

  g_assert_nonnull (strstr (xml, "state=\"frozen\""));
  g_assert_nonnull (strstr (xml, "<autoFilter ref=\"A1:F7\"/>"));
  g_assert_nonnull (strstr (xml, "orientation=\"landscape\""));
  g_assert_null (strstr (xml, "are listed"));
}

static void
test_data_sheet (void)
{
  g_autoptr(GFile) data = write_file ("data.csv", data_csv, -1);
  g_autoptr(OdsReport) report = validate (data, NULL, 0);
  g_autofree char *path = write_xlsx (report, data, "data.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *xml = sheet_xml (b, 2);

  /* The file as it is: text, header first. */
  assert_text (b, xml, "A1", "quy");
  assert_fill (b, xml, "A1", "FFD9E1F2");
  assert_text (b, xml, "D1", "thuc_hien");
  assert_text (b, xml, "B2", "Thu nội địa");
  assert_text (b, xml, "C2", "12500");
  assert_fill (b, xml, "C2", "");

  /* Each offending cell, and only those, in red. */
  assert_text (b, xml, "A3", "2026-Q5");
  assert_fill (b, xml, "A3", RED);
  assert_fill (b, xml, "B3", "");
  assert_text (b, xml, "C3", "abc");
  assert_fill (b, xml, "C3", RED);
  assert_fill (b, xml, "D3", "");
  assert_fill (b, xml, "B4", RED);   /* the empty required cell */
  assert_fill (b, xml, "D4", RED);
  assert_fill (b, xml, "C4", "");
  assert_fill (b, xml, "A5", RED);   /* the empty row */
  assert_text (b, xml, "E6", "extra");
  assert_fill (b, xml, "E6", RED);
  assert_fill (b, xml, "D6", "");

  g_assert_nonnull (strstr (xml, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  g_assert_nonnull (strstr (xml, "<autoFilter ref=\"A1:E6\"/>"));
}

/* A wrong column name: its header cell is red. */
static void
test_header_error (void)
{
  g_autoptr(GFile) data = write_file ("header.csv",
                                      "quy,chi_tieu,du_toan,thuc_hien_sai\n2026-Q3,Thu,1,2\n", -1);
  g_autoptr(OdsReport) report = validate (data, NULL, 0);
  g_autofree char *path = write_xlsx (report, data, "header.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *errors = sheet_xml (b, 1);
  g_autofree char *xml = sheet_xml (b, 2);

  g_assert_false (ods_report_get_valid (report));
  assert_number (b, errors, "A2", 1, NULL);
  assert_text (b, errors, "B2", "D");
  assert_text (b, errors, "D2", "thuc_hien_sai");
  assert_text (b, xml, "D1", "thuc_hien_sai");
  assert_fill (b, xml, "D1", RED);
  assert_fill (b, xml, "C1", "FFD9E1F2");
  assert_fill (b, xml, "D2", "");
}

/* Only the errors the report recorded are listed, with a note saying so. */
static void
test_limit_note (void)
{
  g_autoptr(GFile) data = write_file ("data.csv", data_csv, -1);
  g_autoptr(OdsReport) report = validate (data, NULL, 2);
  g_autofree char *path = write_xlsx (report, data, "limit.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *xml = sheet_xml (b, 1);

  assert_number (b, xml, "A3", 3, NULL);
  assert_empty (b, xml, "A4");
  assert_text (b, xml, "A5", "Only the first 2 of 6 errors are listed: fix these, then check "
                             "the file again.");
  g_assert_nonnull (strstr (xml, "<autoFilter ref=\"A1:F3\"/>"));
}

/* A file in the old Windows Vietnamese code page is shown in Unicode. */
static void
test_legacy_encoding (void)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *cp1258 = g_convert (data_csv, -1, "WINDOWS-1258", "UTF-8", NULL, &len, &error);
  g_autoptr(GFile) data = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Book) b = NULL;
  g_autofree char *xml = NULL;

  if (cp1258 == NULL)
    {
      g_test_skip ("iconv has no WINDOWS-1258");
      return;
    }
  data = write_file ("cp1258.csv", cp1258, len);
  report = validate (data, "windows-1258", 0);
  path = write_xlsx (report, data, "cp1258.xlsx");
  b = book_open (path);
  xml = sheet_xml (b, 2);
  assert_text (b, xml, "B2", "Thu nội địa");
  assert_text (b, xml, "B6", "Chi thường xuyên");
  assert_fill (b, xml, "C3", RED);
}

static void
test_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GFile) data = NULL;
      g_autoptr(OdsReport) report = NULL;
      g_autofree char *path = NULL;
      g_autoptr(Book) b = NULL;
      g_autofree char *xml = NULL;
      g_autofree char *workbook = NULL;

      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "vi", TRUE);
      ods_i18n_init ();
      data = write_file ("vi.csv", data_csv, -1);
      report = validate (data, NULL, 0);
      path = write_xlsx (report, data, "vi.xlsx");
      b = book_open (path);
      xml = sheet_xml (b, 1);
      workbook = unzip_member (path, "xl/workbook.xml");
      g_assert_nonnull (strstr (workbook, "<sheet name=\"Lỗi\""));
      g_assert_nonnull (strstr (workbook, "<sheet name=\"Dữ liệu\""));
      assert_text (b, xml, "A1", "Dòng");
      assert_text (b, xml, "B1", "Cột");
      assert_text (b, xml, "F1", "Thông báo");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async_and_cancel (void)
{
  g_autoptr(GFile) data = write_file ("data.csv", data_csv, -1);
  g_autoptr(OdsReport) report = validate (data, NULL, 0);
  g_autofree char *path = g_build_filename (tmp_dir, "async.xlsx", NULL);
  g_autofree char *cancelled_path = g_build_filename (tmp_dir, "cancelled.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Book) b = NULL;
  g_autofree char *xml = NULL;

  ods_validation_report_write_xlsx_async (report, data, path, NULL, on_written, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ods_validation_report_write_xlsx_finish (result, &error));
  g_assert_no_error (error);
  b = book_open (path);
  xml = sheet_xml (b, 2);
  assert_fill (b, xml, "C3", RED);

  g_cancellable_cancel (cancellable);
  ods_validation_report_write_xlsx_async (report, data, cancelled_path, cancellable, on_written,
                                          &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ods_validation_report_write_xlsx_finish (cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled_path, G_FILE_TEST_EXISTS));
}

/* `opendata-submit validate --xlsx FILE` writes it; stdout stays the report. */
static void
test_cli (void)
{
  g_autoptr(GFile) data = write_file ("cli.csv", data_csv, -1);
  g_autoptr(GFile) schema = write_file ("schema.json", schema_json, -1);
  g_autofree char *data_path = g_file_get_path (data);
  g_autofree char *schema_path = g_file_get_path (schema);
  g_autofree char *xlsx = g_build_filename (tmp_dir, "cli.xlsx", NULL);
  const char *bin = g_getenv ("OPENDATA_SUBMIT_BIN");
  const char *argv[] = { bin, "validate", "--json", "--schema", schema_path, "--xlsx", xlsx,
                         data_path, NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(Book) b = NULL;
  g_autofree char *xml = NULL;

  g_assert_nonnull (bin);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_true (g_str_has_prefix (out, "{"));
  g_assert_nonnull (strstr (err, "Wrote the errors to "));

  b = book_open (xlsx);
  xml = sheet_xml (b, 1);
  assert_text (b, xml, "D2", "2026-Q5");
}

/* LibreOffice reads the inline strings of this workbook too. */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autoptr(GFile) data = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *errors_csv = NULL;
  g_autofree char *data_csv_path = NULL;
  g_autofree char *errors_text = NULL;
  g_autofree char *data_text = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  if (soffice == NULL)
    {
      g_test_skip ("soffice is not installed (apt-get install libreoffice-calc-nogui)");
      return;
    }
  data = write_file ("lo.csv", data_csv, -1);
  report = validate (data, NULL, 0);
  path = write_xlsx (report, data, "lo.xlsx");
  out_dir = g_build_filename (tmp_dir, "csv", NULL);
  home = g_build_filename (tmp_dir, "lo-home", NULL);
  g_mkdir_with_parents (home, 0700);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  proc = g_subprocess_launcher_spawn (launcher, &error, soffice, "--headless", "--norestore",
                                      "--convert-to",
                                      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                      "--outdir", out_dir, path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_successful (proc));

  errors_csv = g_build_filename (out_dir, "lo-Errors.csv", NULL);
  data_csv_path = g_build_filename (out_dir, "lo-Data.csv", NULL);
  g_assert_true (g_file_get_contents (errors_csv, &errors_text, NULL, &error));
  g_assert_true (g_file_get_contents (data_csv_path, &data_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (errors_text, "Row,Column,Field,Value,Error,Message\n3,A,quy,2026-Q5,"));
  g_assert_true (g_str_has_prefix (data_text, "quy,chi_tieu,du_toan,thuc_hien,\n"
                                              "2026-Q3,Thu nội địa,12500,9610,\n"
                                              "2026-Q5,Thu xuất nhập khẩu,abc,1350,\n"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("ods-test-xlsx-validation-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/xlsx-validation/errors-sheet", test_errors_sheet);
  g_test_add_func ("/xlsx-validation/data-sheet", test_data_sheet);
  g_test_add_func ("/xlsx-validation/header-error", test_header_error);
  g_test_add_func ("/xlsx-validation/limit-note", test_limit_note);
  g_test_add_func ("/xlsx-validation/legacy-encoding", test_legacy_encoding);
  g_test_add_func ("/xlsx-validation/vietnamese", test_vietnamese);
  g_test_add_func ("/xlsx-validation/async-and-cancel", test_async_and_cancel);
  g_test_add_func ("/xlsx-validation/cli", test_cli);
  g_test_add_func ("/xlsx-validation/libreoffice", test_libreoffice);

  ret = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
