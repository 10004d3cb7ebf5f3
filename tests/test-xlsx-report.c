/* The compliance report, read back: the sheet XML inside the .xlsx, and the
 * CSV LibreOffice makes of it. */
#include "ods-i18n.h"
#include "ods-xlsx-report.h"

#include "xlsx-fixture.h"

#include <glib/gstdio.h>
#include <string.h>
#include "fs-fixture.h"

static char *tmp_dir;

/* ---- Building a report from portal-shaped JSON ---- */

static OdsCkanPackage *
package_new (const char *name,
             const char *title,
             const char *frequency,
             const char *resources_json)
{
  g_autofree char *json = g_strdup_printf ("{\"id\": \"id-%s\", \"name\": \"%s\", \"title\": \"%s\", "
                                           "\"extras\": [{\"key\": \"frequency\", \"value\": \"%s\"}], "
                                           "\"resources\": [%s]}",
                                           name, name, title, frequency, resources_json);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  OdsCkanPackage *pkg;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  pkg = ods_ckan_package_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  return pkg;
}

#define SHA_LATE "f30c6444b4a325c50da7f90d0f1483cde9703e26ac52ea8bb1a42241cad8ed34"

static OdsComplianceReport *
report_new (void)
{
  OdsComplianceReport *report = ods_compliance_report_new ();
  g_autoptr(GPtrArray) packages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-26T09:00:00+07:00", NULL);
  g_autoptr(GListModel) list = NULL;
  OdsHistoryEntry *e;

  /* Uploaded 22/10 15:05 in Vietnam: 6 days late. */
  g_ptr_array_add (packages, package_new ("thu-chi", "Thu chi ngân sách", "quarterly",
    "{\"id\": \"r-late\", \"name\": \"Thu chi – Q3/2026\", \"url_type\": \"upload\", "
    "\"url\": \"https://portal.example/dataset/thu-chi/resource/r-late/download/q3.csv\", "
    "\"period\": \"2026-Q3\", \"size\": 199, \"sha256\": \"" SHA_LATE "\", "
    "\"last_modified\": \"2026-10-22T08:05:00.000000\"}"));
  g_ptr_array_add (packages, package_new ("tiem-chung", "Tiêm chủng mở rộng", "hàng quý",
    "{\"id\": \"r-ok\", \"name\": \"Tiêm chủng – Q3/2026\", \"url_type\": \"upload\", "
    "\"url\": \"https://portal.example/q3.csv\", \"period\": \"2026-Q3\", \"size\": 1234567, "
    "\"last_modified\": \"2026-10-12T01:20:00\"}"));
  g_ptr_array_add (packages, package_new ("gia-ca", "Giá cả thị trường", "quarterly", ""));
  g_ptr_array_add (packages, package_new ("co-so", "Cơ sở khám chữa bệnh", "quarterly",
    "{\"id\": \"r-api\", \"name\": \"API\", \"url_type\": \"\", "
    "\"url\": \"https://api.syt.example/v1/co-so.csv\"}"));
  g_ptr_array_add (packages, package_new ("bang-gia-dat", "Bảng giá đất & <nhà>", "annual", ""));

  list = ods_obligation_list_new (packages, (OdsPeriod) { 2026, 3 }, NULL, NULL, now);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (report->obligations, g_list_model_get_item (list, i));

  report->unit = g_strdup ("Sở Tài chính");
  report->portal = g_strdup ("https://opendata.binhdinh.example/");
  report->user = g_strdup ("officer-stc");
  report->period = (OdsPeriod) { 2026, 3 };
  ods_deadline_for_period (report->period, NULL, NULL, &report->deadline);
  report->generated_at = g_date_time_ref (now);

  e = ods_history_entry_new ();
  e->time = g_date_time_new_from_iso8601 ("2026-10-22T08:00:00Z", NULL);
  e->outcome = ODS_HISTORY_OUTCOME_VALIDATED;
  e->dataset = g_strdup ("thu-chi");
  e->period = g_strdup ("2026-Q3");
  e->file_name = g_strdup ("q3.csv");
  e->size = 199;
  e->sha256 = g_strdup (SHA_LATE);
  e->rows = 4;
  e->errors = 0;
  g_ptr_array_add (report->history, e);
  e = ods_history_entry_new ();
  e->time = g_date_time_new_from_iso8601 ("2026-10-22T08:05:00Z", NULL);
  e->outcome = ODS_HISTORY_OUTCOME_CONFIRMED;
  e->dataset = g_strdup ("thu-chi");
  e->resource = g_strdup ("r-late");
  e->period = g_strdup ("2026-Q3");
  e->file_name = g_strdup ("q3.csv");
  e->size = 199;
  e->sha256 = g_strdup (SHA_LATE);
  e->user = g_strdup ("officer-stc");
  e->receipt_url = g_strdup ("https://portal.example/dataset/thu-chi/resource/r-late");
  g_ptr_array_add (report->history, e);
  return report;
}

static char *
write_report (const char *name)
{
  g_autoptr(OdsComplianceReport) report = report_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (ods_compliance_report_write_xlsx (report, path, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* ---- Tests ---- */

/* Excel's serial numbers: 16/10/2026 is day 46311; 22/10/2026 15:05 in Vietnam. */
#define DUE_Q3 46311.0
#define LATE_AT (46317.0 + (15 * 60 + 5) / 1440.0)

static void
test_datasets_sheet (void)
{
  g_autofree char *path = write_report ("datasets.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *xml = sheet_xml (b, 2);
  g_autoptr(Cell) late_status = NULL;
  g_autoptr(Cell) overdue_status = NULL;
  g_autoptr(Cell) header = NULL;

  /* Headings, one per column. */
  assert_text (b, xml, "A1", "Dataset");
  assert_text (b, xml, "C1", "Status");
  assert_text (b, xml, "D1", "Due date");
  assert_text (b, xml, "E1", "Submitted at");
  assert_text (b, xml, "F1", "Days late");
  assert_text (b, xml, "J1", "Link");
  header = cell_get (b, xml, "A1");
  g_assert_cmpstr (cell_fill (b, header), ==, "FFD9E1F2");

  /* Late: real dates with the date formats, the days, the rows from the history. */
  assert_text (b, xml, "A2", "Thu chi ngân sách");
  assert_text (b, xml, "B2", "Thu chi – Q3/2026");
  assert_text (b, xml, "C2", "Submitted late");
  assert_number (b, xml, "D2", DUE_Q3, "dd/mm/yyyy");
  assert_number (b, xml, "E2", LATE_AT, "dd/mm/yyyy hh:mm");
  assert_number (b, xml, "F2", 6, NULL);
  assert_number (b, xml, "G2", 4, NULL);
  assert_number (b, xml, "H2", 199, "#,##0");
  assert_text (b, xml, "I2", SHA_LATE);
  assert_text (b, xml, "J2", "https://portal.example/dataset/thu-chi/resource/r-late/download/q3.csv");
  late_status = cell_get (b, xml, "C2");
  g_assert_cmpstr (cell_fill (b, late_status), ==, "FFFFEB9C");

  /* On time: no days late. */
  assert_text (b, xml, "C3", "Submitted on time");
  assert_number (b, xml, "E3", 46307.0 + (8 * 60 + 20) / 1440.0, "dd/mm/yyyy hh:mm");
  assert_empty (b, xml, "F3");
  assert_number (b, xml, "H3", 1234567, "#,##0");

  /* Overdue: 41 days on 26/11, red. */
  assert_text (b, xml, "C4", "Overdue");
  assert_number (b, xml, "D4", DUE_Q3, "dd/mm/yyyy");
  assert_empty (b, xml, "E4");
  assert_number (b, xml, "F4", 41, NULL);
  overdue_status = cell_get (b, xml, "C4");
  g_assert_cmpstr (cell_fill (b, overdue_status), ==, "FFFFC7CE");

  assert_text (b, xml, "C5", "Connected by API");
  assert_text (b, xml, "J5", "https://api.syt.example/v1/co-so.csv");
  assert_text (b, xml, "A6", "Bảng giá đất & <nhà>");
  assert_text (b, xml, "C6", "Not required");
  assert_empty (b, xml, "D6");

  /* Links are links. */
  g_assert_nonnull (strstr (xml, "<hyperlink ref=\"J2\""));
  g_assert_nonnull (strstr (xml, "<hyperlink ref=\"J5\""));
  /* Frozen header row, filter over the table, landscape, one page wide. */
  g_assert_nonnull (strstr (xml, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  g_assert_nonnull (strstr (xml, "<autoFilter ref=\"A1:J6\"/>"));
  g_assert_nonnull (strstr (xml, "<pageSetUpPr fitToPage=\"1\"/>"));
  g_assert_nonnull (strstr (xml, "fitToHeight=\"0\""));
  g_assert_nonnull (strstr (xml, "orientation=\"landscape\""));
  /* Widths: the title column is wide, the days column narrow. */
  g_assert_nonnull (strstr (xml, "<col min=\"1\" max=\"1\" width=\"45.7109375\" customWidth=\"1\"/>"));
  g_assert_nonnull (strstr (xml, "<col min=\"6\" max=\"6\" width=\"10.7109375\" customWidth=\"1\"/>"));
}

static void
test_summary_and_history (void)
{
  g_autofree char *path = write_report ("summary.xlsx");
  g_autoptr(Book) b = book_open (path);
  g_autofree char *summary = sheet_xml (b, 1);
  g_autofree char *history = sheet_xml (b, 3);
  g_autofree char *workbook = unzip_member (path, "xl/workbook.xml");
  g_autoptr(Cell) overdue = NULL;

  g_assert_nonnull (strstr (workbook, "<sheet name=\"Summary\" sheetId=\"1\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"Datasets\" sheetId=\"2\""));
  g_assert_nonnull (strstr (workbook, "<sheet name=\"History\" sheetId=\"3\""));

  assert_text (b, summary, "A1", "Open data compliance report — Q3 2026");
  assert_text (b, summary, "B3", "Sở Tài chính");
  assert_text (b, summary, "B5", "Q3 2026 (2026-Q3)");
  assert_text (b, summary, "A6", "Deadline");
  assert_number (b, summary, "B6", DUE_Q3, "dd/mm/yyyy");
  /* 26/11/2026 09:00 in Vietnam. */
  assert_number (b, summary, "B7", 46352.375, "dd/mm/yyyy hh:mm");
  assert_text (b, summary, "B8", "officer-stc");
  /* Counts in OdsObligationStatus order, then the total. */
  assert_text (b, summary, "A11", "Submitted on time");
  assert_number (b, summary, "B11", 1, NULL);
  assert_number (b, summary, "B12", 1, NULL);
  assert_number (b, summary, "B13", 0, NULL);
  assert_text (b, summary, "A14", "Overdue");
  assert_number (b, summary, "B14", 1, NULL);
  assert_number (b, summary, "B15", 1, NULL);
  assert_number (b, summary, "B16", 1, NULL);
  assert_text (b, summary, "A17", "Total");
  assert_number (b, summary, "B17", 5, NULL);
  overdue = cell_get (b, summary, "A14");
  g_assert_cmpstr (cell_fill (b, overdue), ==, "FFFFC7CE");
  g_assert_nonnull (strstr (summary, "orientation=\"landscape\""));

  assert_text (b, history, "A1", "Time");
  assert_text (b, history, "B1", "Outcome");
  assert_number (b, history, "A2", 46317.0 + 15 / 24.0, "dd/mm/yyyy hh:mm");
  assert_text (b, history, "B2", "validated");
  assert_number (b, history, "F2", 4, NULL);
  assert_number (b, history, "G2", 0, NULL);
  assert_text (b, history, "C3", "thu-chi");
  assert_text (b, history, "K3", "https://portal.example/dataset/thu-chi/resource/r-late");
  assert_empty (b, history, "A4");
  g_assert_nonnull (strstr (history, "<autoFilter ref=\"A1:L3\"/>"));
  g_assert_nonnull (strstr (history, "state=\"frozen\""));
}

/* Under a Vietnamese locale the headings, sheet names and statuses are Vietnamese. */
static void
test_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = NULL;
      g_autoptr(Book) b = NULL;
      g_autofree char *datasets = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *workbook = NULL;

      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "vi", TRUE);
      ods_i18n_init ();
      path = write_report ("vi.xlsx");
      b = book_open (path);
      datasets = sheet_xml (b, 2);
      summary = sheet_xml (b, 1);
      workbook = unzip_member (path, "xl/workbook.xml");

      g_assert_nonnull (strstr (workbook, "<sheet name=\"Tổng hợp\""));
      g_assert_nonnull (strstr (workbook, "<sheet name=\"Bộ dữ liệu\""));
      g_assert_nonnull (strstr (workbook, "<sheet name=\"Lịch sử\""));
      assert_text (b, datasets, "A1", "Bộ dữ liệu");
      assert_text (b, datasets, "D1", "Hạn nộp");
      assert_text (b, datasets, "F1", "Số ngày muộn");
      assert_text (b, datasets, "C2", "Nộp muộn");
      assert_text (b, datasets, "C4", "Quá hạn");
      assert_text (b, summary, "A1", "Báo cáo tình hình cung cấp dữ liệu mở — Quý 3/2026");
      assert_text (b, summary, "B5", "Quý 3/2026 (2026-Q3)");
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
test_async (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "async.xlsx", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Book) b = NULL;
  g_autofree char *xml = NULL;

  ods_compliance_report_write_xlsx_async (report_new (), path, NULL, on_written, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ods_compliance_report_write_xlsx_finish (result, &error));
  g_assert_no_error (error);

  b = book_open (path);
  xml = sheet_xml (b, 2);
  assert_text (b, xml, "C2", "Submitted late");
}

static void
test_cancelled (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "cancelled.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_cancellable_cancel (cancellable);
  ods_compliance_report_write_xlsx_async (report_new (), path, cancellable, on_written, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ods_compliance_report_write_xlsx_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* No temporary file left behind either. */
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, ".cancelled.xlsx"));
}

static void
test_unwritable (void)
{
  g_autoptr(OdsComplianceReport) report = report_new ();
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "r.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ods_compliance_report_write_xlsx (report, path, NULL, &error));
  g_assert_error (error, ODS_XLSX_ERROR, ODS_XLSX_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "r.xlsx"));
  g_assert_nonnull (strstr (error->message, "folder exists"));
}

/* LibreOffice (Debian's libreoffice-calc-nogui) opens it and shows the
 * dates as dd/mm/yyyy: a real spreadsheet program reads the file. */
static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *path = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *home = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  if (soffice == NULL)
    {
      g_test_skip ("soffice is not installed (apt-get install libreoffice-calc-nogui)");
      return;
    }
  path = write_report ("lo.xlsx");
  out_dir = g_build_filename (tmp_dir, "csv", NULL);
  home = g_build_filename (tmp_dir, "lo-home", NULL);
  g_mkdir_with_parents (home, 0700);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  /* Every sheet (-1), UTF-8 (76), cells as shown. */
  proc = g_subprocess_launcher_spawn (launcher, &error, soffice, "--headless", "--norestore",
                                      "--convert-to",
                                      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                                      "--outdir", out_dir, path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));

  csv_path = g_build_filename (out_dir, "lo-Datasets.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Dataset,Resource,Status,Due date,Submitted at,Days late,Rows,"
                                 "Size (bytes),SHA-256,Link");
  g_assert_cmpstr (lines[1], ==, "Thu chi ngân sách,Thu chi – Q3/2026,Submitted late,16/10/2026,"
                                 "22/10/2026 15:05,6,4,199," SHA_LATE ","
                                 "https://portal.example/dataset/thu-chi/resource/r-late/download/q3.csv");
  g_assert_cmpstr (lines[3], ==, "Giá cả thị trường,,Overdue,16/10/2026,,41,,,,");
  g_assert_cmpstr (lines[5], ==, "Bảng giá đất & <nhà>,,Not required,,,,,,,");

  g_clear_pointer (&csv_path, g_free);
  csv_path = g_build_filename (out_dir, "lo-Summary.csv", NULL);
  g_assert_true (g_file_get_contents (csv_path, &summary, NULL, &error));
  g_assert_nonnull (strstr (summary, "\nDeadline,16/10/2026\n"));
  g_assert_nonnull (strstr (summary, "\nGenerated at,26/11/2026 09:00\n"));
  g_assert_nonnull (strstr (summary, "\nTotal,5\n"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_setenv ("LANGUAGE", "en", TRUE);
  /* Vietnam's dates whatever the machine's zone. */
  g_setenv ("TZ", "America/New_York", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("ods-test-xlsx-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/xlsx-report/datasets-sheet", test_datasets_sheet);
  g_test_add_func ("/xlsx-report/summary-and-history", test_summary_and_history);
  g_test_add_func ("/xlsx-report/vietnamese", test_vietnamese);
  g_test_add_func ("/xlsx-report/async", test_async);
  g_test_add_func ("/xlsx-report/cancelled", test_cancelled);
  g_test_add_func ("/xlsx-report/unwritable", test_unwritable);
  g_test_add_func ("/xlsx-report/libreoffice", test_libreoffice);

  ret = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
