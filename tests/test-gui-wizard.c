/* test-gui-wizard.c: the submission wizard, driven through the real window
 * against the stand-in portal.
 *
 * Signs in with the demo token of officer-stc through the core
 * (OdsPortalAccount), starts a submission with the window's New Submission
 * action and ods_wizard_begin(), and presses the wizard's buttons (its
 * actions) as the officer would. Needs a display (xvfb-run) and an unlocked
 * keyring (the token is kept there, as in the app).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "ods-application.h"
#include "ods-gui.h"
#include "ods-history.h"
#include "ods-i18n.h"
#include "ods-preview-model.h"
#include "ods-period.h"
#include "ods-stall-probe.h"
#include "ods-submission.h"
#include "ods-window.h"
#include "ods-wizard.h"
#include "portal-fixture.h"
#include "gui-fixture.h"
#include "xlsx-fixture.h"

#define DATASET_TITLE "Giá cả thị trường hàng hóa thiết yếu"

/* The longest main-loop stall allowed while a large file is checked and
 * sent; the benchmark (tests/bench/gui-stall.sh, normal build) reports
 * against 50 ms. AddressSanitizer makes each step of GTK's layout two to
 * three times slower (CI runs this test under it): there, twice as long. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifdef SANITIZED
#define MAX_STALL_MS 500
#else
#define MAX_STALL_MS 250
#endif

static OdsApplication *app;
static TestPortal *portal;
static OdsPortalAccount *account;
static char *tmp_dir;
static char *history_path;

/* Helpers */

static void
iterate (void)
{
  for (guint i = 0; i < 500 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after @seconds. */
static void
wait_until (Condition   condition,
            gpointer    data,
            guint       seconds,
            const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (seconds, flag_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Waited %u s for %s", seconds, what);
  g_source_remove (timeout);
}

/* Every widget of @type under @root, depth first. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* Opens every error type, as the officer would to read them all. */
static void
expand_all (GtkWidget *list)
{
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();

  collect (list, ADW_TYPE_EXPANDER_ROW, expanders);
  for (guint i = 0; i < expanders->len; i++)
    adw_expander_row_set_expanded (expanders->pdata[i], TRUE);
}

/* No two mnemonics on screen share a key (GTK skips the insensitive and
 * unmapped ones, so does this). */
static void
assert_mnemonics_unique (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];
      guint key = gtk_label_get_mnemonic_keyval (label);
      const char *other;

      if (key == GDK_KEY_VoidSymbol || !gtk_widget_get_mapped (GTK_WIDGET (label)) ||
          !gtk_widget_is_sensitive (GTK_WIDGET (label)))
        continue;
      key = gdk_keyval_to_lower (key);
      other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
      if (other != NULL)
        g_error ("“%s” and “%s” share the mnemonic %s", other, gtk_label_get_label (label), gdk_keyval_name (key));
      g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) gtk_label_get_label (label));
    }
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static OdsPortalAccount *
sign_in (guint max_upload_mb)
{
  g_autoptr(OdsPortalSettings) settings = ods_portal_settings_new (portal->url);
  g_autofree char *token = test_portal_token ("officer-stc");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OdsPortalAccount *signed_in;

  settings->max_upload_mb = max_upload_mb;
  ods_portal_account_sign_in_async (settings, "officer-stc", NULL, token, NULL, on_result, &result);
  wait_until (result_ready, &result, 30, "the sign-in");
  signed_in = ods_portal_account_sign_in_finish (result, &error);
  g_assert_no_error (error);
  return signed_in;
}

static OdsWindow *
get_window (void)
{
  OdsWindow *window = test_app_window (&app);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  return window;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

static gboolean
dataset_listed (gpointer row)
{
  GListModel *model = adw_combo_row_get_model (row);

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

/* Opens the wizard for a new submission of gia-ca-thi-truong, Q3/2026:
 * the officer picks the dataset in the list. */
static OdsWizard *
begin_submission_of (OdsWindow  *window,
                     const char *title)
{
  OdsWizard *wizard = ods_window_get_wizard (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  AdwComboRow *dataset_row = ADW_COMBO_ROW (need_widget (root, "dataset_row"));
  GListModel *titles;
  guint found = GTK_INVALID_LIST_POSITION;

  ods_window_set_account (window, "officer-stc");
  if (!g_str_equal (ods_window_get_page (window), "submit"))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-submission", NULL));
  ods_wizard_begin (wizard, account, NULL, "2026-Q3");
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_DATASET);
  wait_until (dataset_listed, dataset_row, 30, "the account's datasets");

  titles = adw_combo_row_get_model (dataset_row);
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (titles), i), title))
      found = i;
  g_assert_cmpuint (found, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (dataset_row, found);
  wait_until (is_sensitive, need_widget (root, "next_button"), 30, "the dataset");
  wait_ms (400); /* the stack's crossfade */
  assert_mnemonics_unique (root);

  /* A new resource for the period, named after it. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (need_widget (root, "new_check"))));
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "vi") == 0)
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (need_widget (root, "new_row"))), ==,
                     "Tài nguyên _mới cho Q3/2026");
  else
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (need_widget (root, "new_row"))), ==,
                     "A ne_w resource for Q3/2026");
  return wizard;
}

static OdsWizard *
begin_submission (OdsWindow *window)
{
  return begin_submission_of (window, DATASET_TITLE);
}

static gboolean
check_done (gpointer wizard)
{
  return !gtk_widget_get_visible (need_widget (wizard, "check_progress_box")) &&
         *gtk_label_get_text (GTK_LABEL (need_widget (wizard, "check_title"))) != '\0';
}

static void
choose_and_check (OdsWizard  *wizard,
                  const char *path)
{
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_FILE);
  g_assert_true (ods_file_picker_set_file (ods_wizard_get_file_picker (wizard), file));
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "next_button")));
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_CHECK);
  wait_until (check_done, wizard, 120, "the check");
}

/* A whole .xlsx (a zip whose directory, at its end, is written). */
static gboolean
zip_complete (gpointer path)
{
  const char *argv[] = { "unzip", "-tqq", path, NULL };
  g_autoptr(GSubprocess) unzip = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  unzip = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
  return unzip != NULL && g_subprocess_wait_check (unzip, NULL, NULL);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_file_chooser_dialog () != NULL;
}

static gboolean
file_has_content (gpointer path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && buf.st_size > 0;
}

static char *
demo_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_gone (gpointer path)
{
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static GPtrArray *
read_history (void)
{
  g_autoptr(OdsHistory) history = ods_history_new (history_path);
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = ods_history_query (history, NULL, NULL, 0, &error);

  g_assert_no_error (error);
  return entries;
}

static guint
count_outcome (GPtrArray         *entries,
               OdsHistoryOutcome  outcome,
               const char        *file_name)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      OdsHistoryEntry *e = g_ptr_array_index (entries, i);

      if (e->outcome == outcome && g_strcmp0 (e->dataset, "gia-ca-thi-truong") == 0 &&
          g_strcmp0 (e->period, "2026-Q3") == 0 &&
          (file_name == NULL || g_strcmp0 (e->file_name, file_name) == 0))
        n++;
    }
  return n;
}

/* The file with errors */

static void
test_errors (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3-co-loi.csv");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GString) highlighted = g_string_new (NULL);
  g_autoptr(GString) types = g_string_new (NULL);
  AdwActionRow *negative = NULL;
  guint n_errors = 0;

  choose_and_check (wizard, path);

  /* What the officer reads. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))), ==,
                   "5 errors: correct the file, save it, then press Check Again.");
  wait_ms (300);
  g_test_message ("Summary: %s", gtk_label_get_text (GTK_LABEL (need_widget (root, "check_summary"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_summary"))),
                            "5 rows · 4 columns"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "schema_label"))), ==,
                   "Checked against the Table Schema the portal keeps for this dataset.");

  /* Grouped by type, in plain language. */
  collect (need_widget (root, "errors_list"), ADW_TYPE_EXPANDER_ROW, expanders);
  g_assert_cmpuint (expanders->len, >=, 3);
  /* The first type is open; the others open on demand. */
  g_assert_true (adw_expander_row_get_expanded (expanders->pdata[0]));
  g_assert_false (adw_expander_row_get_expanded (expanders->pdata[1]));
  expand_all (need_widget (root, "errors_list"));
  collect (need_widget (root, "errors_list"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);
      const char *subtitle = adw_action_row_get_subtitle (rows->pdata[i]);

      /* The expanders' own headers are action rows too: one per type. */
      if (subtitle == NULL || !g_str_has_prefix (subtitle, "Row "))
        {
          g_string_append_printf (types, "%s (%s)\n", title, subtitle);
          continue;
        }
      n_errors++;
      g_string_append_printf (messages, "%s | %s\n", subtitle, title);
      if (g_str_has_prefix (subtitle, "Row 5,"))
        negative = rows->pdata[i];
    }
  g_test_message ("Types:\n%s", types->str);
  g_assert_cmpuint (n_errors, ==, 5);
  g_test_message ("Errors listed:\n%s", messages->str);
  g_assert_nonnull (strstr (messages->str, "Row 2, column C (gia_binh_quan)"));
  g_assert_nonnull (strstr (messages->str, "Row 3, column D (ky_bao_cao)"));
  g_assert_nonnull (strstr (messages->str, "Row 4, column A (mat_hang)"));
  g_assert_nonnull (strstr (messages->str, "Row 5, column C (gia_binh_quan)"));
  g_assert_nonnull (strstr (messages->str, "16.200"));
  g_assert_nonnull (negative);

  /* An error jumps to its row; the offending cells are highlighted. */
  g_signal_emit_by_name (negative, "activated");
  wait_ms (200);
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (need_widget (root, "preview_view"));
    GtkSelectionModel *model = gtk_column_view_get_model (view);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
    g_assert_true (gtk_selection_model_is_selected (model, 3));
    collect (GTK_WIDGET (view), GTK_TYPE_LABEL, labels);
  }
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "error-cell"))
      {
        g_autofree char *problem =
          gtk_test_accessible_check_property (GTK_ACCESSIBLE (labels->pdata[i]),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "This cell has an error");

        g_assert_null (problem);
        /* Shown in full, not cut short by the column's width. */
        if (gtk_widget_get_mapped (labels->pdata[i]))
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (labels->pdata[i])));
        g_string_append_printf (highlighted, "[%s]", gtk_label_get_text (labels->pdata[i]));
      }
  g_test_message ("Highlighted: %s", highlighted->str);
  g_assert_nonnull (strstr (highlighted->str, "[16.200]"));
  g_assert_nonnull (strstr (highlighted->str, "[Quý 3/2026]"));
  g_assert_nonnull (strstr (highlighted->str, "[-21900]"));
  g_assert_nonnull (strstr (highlighted->str, "[]"));
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (labels->pdata[i]), "62000"))
      g_assert_false (gtk_widget_has_css_class (labels->pdata[i], "error-cell"));

  /* Row 6 has a cell more than the header: it is shown, in a column of
   * its own, and highlighted like the others. */
  {
    GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (need_widget (root, "preview_view")));
    g_autoptr(GtkColumnViewColumn) last = NULL;
    gboolean title_shown = FALSE;
    gboolean cell_shown = FALSE;

    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 1 + 4 + 1);
    last = g_list_model_get_item (columns, g_list_model_get_n_items (columns) - 1);
    g_assert_cmpstr (gtk_column_view_column_get_title (last), ==, "(extra)");
    for (guint i = 0; i < labels->len; i++)
      {
        GtkWidget *label = labels->pdata[i];

        if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "(extra)") && gtk_widget_get_mapped (label))
          title_shown = TRUE;
        if (g_str_equal (gtk_label_get_text (GTK_LABEL (label)), "ghi chú thêm") && gtk_widget_get_mapped (label))
          {
            cell_shown = TRUE;
            g_assert_true (gtk_widget_has_css_class (label, "error-cell"));
          }
      }
    g_assert_true (title_shown);
    g_assert_true (cell_shown);
    g_assert_nonnull (strstr (highlighted->str, "[ghi chú thêm]"));
  }

  assert_mnemonics_unique (root);

  /* No way on while errors remain; Check Again and the export are offered. */
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));
  g_assert_false (gtk_widget_activate_action (root, "wizard.next", NULL) &&
                  ods_wizard_get_step (wizard) != ODS_WIZARD_STEP_CHECK);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_CHECK);
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "check_again_button")));
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "export_errors_button")));

  /* Export Errors to Excel…: the save dialog, then every error in the
   * workbook, by row. */
  {
    g_autofree char *saved = NULL;
    g_autofree char *xml = NULL;
    g_autoptr(Book) book = NULL;

    g_signal_emit_by_name (need_widget (root, "export_errors_button"), "clicked");
    wait_until (dialog_shown, NULL, 10, "the save dialog");
    saved = accept_save_dialog (find_file_chooser_dialog (), tmp_dir, "gia-ca-thi-truong-2026-Q3-co-loi-errors.xlsx");
    wait_until (zip_complete, saved, 30, "the Excel file");
    book = book_open (saved);
    xml = sheet_xml (book, 1);
    assert_text (book, xml, "D2", "16.200");
    assert_text (book, xml, "D3", "Quý 3/2026");
    assert_text (book, xml, "D5", "-21900");
    assert_number (book, xml, "A6", 6, NULL);
    assert_text (book, xml, "B6", "E");
    assert_text (book, xml, "D6", "ghi chú thêm");
    assert_text (book, xml, "E6", ods_report_error_type_get_title (ODS_REPORT_ERROR_EXTRA_CELL));
    g_assert_null (find_file_chooser_dialog ());
    g_unlink (saved);
  }

  /* Check Again reads the file anew. */
  g_signal_emit_by_name (need_widget (root, "check_again_button"), "clicked");
  wait_until (check_done, wizard, 60, "the second check");
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  wait_ms (300);
  entries = read_history ();
  g_assert_cmpuint (count_outcome (entries, ODS_HISTORY_OUTCOME_INVALID,
                                   "gia-ca-thi-truong-2026-Q3-co-loi.csv"), ==, 2);
}

/* Many errors: the first are listed, the rest counted */

static void
test_many_errors (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = g_build_filename (tmp_dir, "gia-ca-250-loi.csv", NULL);
  g_autoptr(GString) data = g_string_new ("mat_hang,don_vi_tinh,gia_binh_quan,ky_bao_cao\n");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint listed = 0;
  gboolean more = FALSE;

  for (guint i = 0; i < 250; i++)
    g_string_append_printf (data, "Mặt hàng %u,kg,%u đồng,2026-Q3\n", i, 1000 + i);
  g_assert_true (g_file_set_contents (path, data->str, -1, NULL));
  choose_and_check (wizard, path);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))), ==,
                   "250 errors: correct the file, save it, then press Check Again.");
  expand_all (need_widget (root, "errors_list"));
  collect (need_widget (root, "errors_list"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);
      const char *subtitle = adw_action_row_get_subtitle (rows->pdata[i]);

      if (subtitle != NULL && g_str_has_prefix (subtitle, "Row "))
        listed++;
      if (g_strcmp0 (title, "…and 50 more: Export Errors to Excel lists every error that was recorded.") == 0)
        more = TRUE;
    }
  g_assert_cmpuint (listed, ==, 200);
  g_assert_true (more);
  g_unlink (path);
}

/* In Vietnamese */

static void
test_errors_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      OdsWindow *window;
      OdsWizard *wizard;
      GtkWidget *root;
      g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3-co-loi.csv");
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();

      /* Vietnamese was chosen in main(): GLib decides at the first
       * translation whether to translate at all. */
      window = get_window ();
      wizard = begin_submission (window);
      root = GTK_WIDGET (wizard);
      choose_and_check (wizard, path);
      expand_all (need_widget (root, "errors_list"));
      collect (need_widget (root, "errors_list"), ADW_TYPE_ACTION_ROW, rows);
      printf ("[%s]\n", gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))));
      printf ("[%s]\n", gtk_label_get_text (GTK_LABEL (need_widget (root, "schema_label"))));
      for (guint i = 0; i < rows->len; i++)
        printf ("[%s]\n", adw_action_row_get_subtitle (rows->pdata[i]));
      fflush (stdout);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*[5 lỗi: hãy sửa tệp, lưu lại, rồi bấm Kiểm tra lại.]*");
  g_test_trap_assert_stdout ("*[Đã kiểm tra theo lược đồ bảng (Table Schema) mà cổng lưu cho bộ dữ liệu này.]*");
  g_test_trap_assert_stdout ("*[Dòng 2, cột C (gia_binh_quan)]*");
}

/* The valid file, through upload and confirmation */

static gboolean
step_is (gpointer data)
{
  gpointer *args = data;

  return (int) ods_wizard_get_step (args[0]) == GPOINTER_TO_INT (args[1]);
}

static void
wait_for_step (OdsWizard     *wizard,
               OdsWizardStep  step,
               guint          seconds)
{
  gpointer args[2] = { wizard, GINT_TO_POINTER (step) };

  wait_until (step_is, args, seconds, "the step");
}

static void
on_submitted (OdsWizard  *wizard,
              const char *dataset,
              const char *period,
              gboolean    confirmed,
              gpointer    data)
{
  g_assert_cmpstr (dataset, ==, "gia-ca-thi-truong");
  g_assert_cmpstr (period, ==, "2026-Q3");
  *(int *) data = confirmed ? 1 : 2;
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Goes from the check to the confirmation, returns the receipt rows' root. */
static void
upload_and_confirm (OdsWizard *wizard,
                    guint      seconds)
{
  GtkWidget *root = GTK_WIDGET (wizard);
  int submitted = 0;
  gulong handler = g_signal_connect (wizard, "submitted", G_CALLBACK (on_submitted), &submitted);

  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "next_button")));
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_DETAILS);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (need_widget (root, "next_button"))), ==, "_Upload");
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_UPLOAD);
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "back_button")));
  wait_for_step (wizard, ODS_WIZARD_STEP_CONFIRMATION, seconds);
  g_assert_cmpint (submitted, ==, 1);
  g_signal_handler_disconnect (wizard, handler);
}

static void
test_upload (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3.csv");
  g_autofree char *sha256 = file_sha256 (path);
  g_autofree char *state_path = ods_submission_state_path ();
  g_autoptr(GPtrArray) entries = NULL;
  OdsDetailsForm *details = ods_wizard_get_details_form (wizard);
  g_autofree char *name = NULL;

  choose_and_check (wizard, path);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))), ==,
                   "No errors: the file can be sent.");
  /* Checked and not yet sent: kept in case the app is closed. */
  wait_until (file_exists, state_path, 10, "the unfinished submission's state");

  gtk_widget_activate_action (root, "wizard.next", NULL);
  name = ods_details_form_dup_name (details);
  g_assert_cmpstr (name, ==, DATASET_TITLE " – Q3/2026");
  {
    GtkWidget *form = GTK_WIDGET (details);
    const char *file_row = adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "file_row")));

    g_assert_nonnull (strstr (file_row, "gia-ca-thi-truong-2026-Q3.csv"));
    g_assert_nonnull (strstr (file_row, sha256));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "target_row"))), ==,
                     "A new resource");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "period_row"))), ==,
                     "Q3/2026");
  }
  ods_details_form_set_description (details, "Giá bình quân quý 3 tại các chợ.");
  gtk_widget_activate_action (root, "wizard.back", NULL);
  upload_and_confirm (wizard, 90);

  /* On the portal, as sent. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(OdsCkanResource) resource = NULL;
    g_autoptr(GError) error = NULL;
    OdsPortalClient *client = ods_portal_account_get_client (account);

    ods_portal_client_resource_show_async (client, ods_wizard_get_receipt (wizard)->resource_id, NULL,
                                           on_result, &result);
    wait_until (result_ready, &result, 30, "resource_show");
    resource = ods_portal_client_resource_show_finish (client, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ods_ckan_resource_get_name (resource), ==, DATASET_TITLE " – Q3/2026");
    g_assert_cmpstr (ods_ckan_resource_get_description (resource), ==, "Giá bình quân quý 3 tại các chợ.");
    g_assert_cmpstr (ods_ckan_resource_get_sha256 (resource), ==, sha256);
  }

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "receipt_title"))), ==,
                   "Submitted and confirmed");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "receipt_status_row"))), ==,
                   "Confirmed");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "receipt_sha256_row"))), ==,
                   sha256);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "verified_size_row"))),
                            "matches the file sent"));
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "open_resource_button")));
  {
    const OdsUploadReceipt *r = ods_wizard_get_receipt (wizard);
    g_autofree char *page = g_strdup_printf ("%sdataset/%s/resource/%s", portal->url, r->dataset_id, r->resource_id);

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "receipt_resource_row"))), ==,
                     page);
  }
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "export_receipt_button")));
  wait_ms (400);
  assert_mnemonics_unique (root);
  g_assert_true (ods_wizard_get_receipt (wizard)->confirmed);

  /* Export Receipt…: the save dialog, then the receipt as JSON. */
  {
    g_autofree char *saved = NULL;
    g_autofree char *json = NULL;
    g_autofree char *id = g_strdup_printf ("\"%s\"", ods_wizard_get_receipt (wizard)->resource_id);

    g_signal_emit_by_name (need_widget (root, "export_receipt_button"), "clicked");
    wait_until (dialog_shown, NULL, 10, "the save dialog");
    saved = accept_save_dialog (find_file_chooser_dialog (), tmp_dir, "receipt-gia-ca-thi-truong-2026-Q3.json");
    wait_until (file_has_content, saved, 10, "the receipt");
    g_assert_true (g_file_get_contents (saved, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"confirmed\" : true"));
    g_assert_nonnull (strstr (json, id));
    g_assert_null (find_file_chooser_dialog ());
    g_unlink (saved);
  }
  /* Done: nothing left to resume. */
  wait_until (file_gone, state_path, 10, "the state to be cleared");

  wait_ms (300);
  entries = read_history ();
  g_assert_cmpuint (count_outcome (entries, ODS_HISTORY_OUTCOME_VALIDATED, "gia-ca-thi-truong-2026-Q3.csv"), >=, 1);
  g_assert_cmpuint (count_outcome (entries, ODS_HISTORY_OUTCOME_CONFIRMED, "gia-ca-thi-truong-2026-Q3.csv"), ==, 1);
  for (guint i = 0; i < entries->len; i++)
    {
      OdsHistoryEntry *e = g_ptr_array_index (entries, i);

      if (e->outcome == ODS_HISTORY_OUTCOME_CONFIRMED)
        {
          g_assert_cmpstr (e->sha256, ==, sha256);
          g_assert_cmpstr (e->user, ==, "officer-stc");
          g_assert_nonnull (e->resource);
        }
    }

  /* Done goes back to the quarter. */
  gtk_widget_activate_action (root, "wizard.next", NULL);
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
}

/* Connecting an API endpoint: no file, a link */

static gboolean
label_shown (gpointer label)
{
  return gtk_widget_get_visible (label) && !g_str_has_suffix (gtk_label_get_text (label), "…");
}

static void
test_link (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  GtkLabel *status = GTK_LABEL (need_widget (root, "link_status"));
  GtkEditable *entry = GTK_EDITABLE (need_widget (root, "link_row"));
  OdsPortalClient *client = ods_portal_account_get_client (account);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanResource) q1 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = g_strdup_printf ("%suser/login", portal->url);

  /* Data somewhere on the network: here, the Q1 file on the portal. */
  ods_portal_client_resource_show_async (client, "5af6f640-d730-48aa-ad0e-9a7fb6a73b24", NULL, on_result, &result);
  wait_until (result_ready, &result, 30, "resource_show");
  q1 = ods_portal_client_resource_show_finish (client, result, &error);
  g_assert_no_error (error);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (need_widget (root, "link_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (entry)));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  /* A web page is not data. */
  gtk_editable_set_text (entry, page);
  g_signal_emit_by_name (need_widget (root, "probe_button"), "clicked");
  wait_until (label_shown, status, 30, "the probe");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), "The address answers with a web page, not data."));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  gtk_editable_set_text (entry, ods_ckan_resource_get_url (q1));
  g_signal_emit_by_name (need_widget (root, "probe_button"), "clicked");
  wait_until (label_shown, status, 30, "the probe");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (status), "The address answers with data ("));
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  /* No file to choose or check: straight to the details. */
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_DETAILS);
  {
    g_autofree char *target = g_strdup_printf ("A link to %s", ods_ckan_resource_get_url (q1));

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "target_row"))), ==, target);
  }
  gtk_widget_activate_action (root, "wizard.next", NULL);
  wait_for_step (wizard, ODS_WIZARD_STEP_CONFIRMATION, 90);
  g_test_message ("Link receipt: %s", gtk_label_get_text (GTK_LABEL (need_widget (root, "receipt_title"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "verified_size_row"))), ==,
                   "A link: nothing was uploaded");
  g_assert_cmpstr (ods_wizard_get_receipt (wizard)->resource_url, ==, ods_ckan_resource_get_url (q1));
  gtk_widget_activate_action (root, "wizard.next", NULL);
}

/* A network failure during the upload: retried, and shown as such */

static gboolean
retry_shown (gpointer wizard)
{
  return gtk_widget_get_visible (need_widget (wizard, "retry_label")) ||
         ods_wizard_get_step (wizard) == ODS_WIZARD_STEP_CONFIRMATION;
}

static void
test_retry (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3.csv");

  choose_and_check (wizard, path);
  gtk_widget_activate_action (root, "wizard.next", NULL);
  /* The proxy answers the first upload with 502 Bad Gateway. */
  test_portal_fault (portal, "{\"kind\": \"html502\", \"action\": \"resource_create\", \"times\": 1}");
  gtk_widget_activate_action (root, "wizard.next", NULL);
  wait_until (retry_shown, wizard, 60, "the retry notice");
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_UPLOAD);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "retry_label"))),
                            "Trying again (attempt 2 of 4)"));
  g_assert_false (gtk_widget_get_visible (need_widget (root, "upload_status")));
  wait_for_step (wizard, ODS_WIZARD_STEP_CONFIRMATION, 90);
  g_assert_true (ods_wizard_get_receipt (wizard)->confirmed);
  g_assert_cmpuint (ods_wizard_get_receipt (wizard)->attempts, ==, 2);
  gtk_widget_activate_action (root, "wizard.next", NULL);
}

/* An interrupted submission, offered again */

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
checked_valid (gpointer wizard)
{
  return ods_wizard_get_step (wizard) == ODS_WIZARD_STEP_CHECK && check_done (wizard) &&
         gtk_widget_is_sensitive (need_widget (wizard, "next_button"));
}

static void
test_resume (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = ods_window_get_wizard (window);
  g_autoptr(OdsSubmissionState) state = ods_submission_state_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3.csv");
  g_autofree char *state_path = ods_submission_state_path ();
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  const char *submission_id = "6f1c9a8e-2b7d-4c1e-9f0a-3d5b7e9c1a2f";

  /* What an app closed during the upload left. */
  state->portal = g_strdup (ods_portal_account_get_settings (account)->url);
  state->dataset = g_strdup ("gia-ca-thi-truong");
  state->dataset_title = g_strdup (DATASET_TITLE);
  state->period = g_strdup ("2026-Q3");
  state->file_path = g_strdup (path);
  state->submission_id = g_strdup (submission_id);
  state->step = ODS_WIZARD_STEP_UPLOAD;
  g_assert_true (ods_submission_state_save (state, &error));
  g_assert_no_error (error);
  /* Never a token in it. */
  g_assert_true (g_file_get_contents (state_path, &text, NULL, NULL));
  g_assert_null (strstr (text, "token"));

  ods_window_set_account (window, "officer-stc");
  g_assert_true (ods_wizard_offer_resume (wizard, account));
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“" DATASET_TITLE "” for Q3/2026, file "
                                                          "gia-ca-thi-truong-2026-Q3.csv"));
  adw_message_dialog_response (dialog, "continue");
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "submit");

  /* The file is checked again before anything is sent. */
  wait_until (checked_valid, wizard, 60, "the resumed check");
  upload_and_confirm (wizard, 90);
  g_assert_cmpstr (ods_wizard_get_receipt (wizard)->submission_id, ==, submission_id);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (GTK_WIDGET (wizard),
                                                                             "receipt_submission_row"))),
                   ==, submission_id);
  /* When the portal received it, in Vietnam's time. */
  {
    const char *received = adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (GTK_WIDGET (wizard),
                                                                                     "receipt_received_row")));
    g_autoptr(GDateTime) now = g_date_time_new_now (ods_period_get_timezone ());
    g_autofree char *today = g_date_time_format (now, "%d/%m/%Y ");
    int h, m, s;

    g_assert_true (g_str_has_prefix (received, today) ||
                   /* just after midnight */ g_date_time_get_hour (now) == 0);
    g_assert_cmpint (sscanf (received + strlen (today), "%d:%d:%d", &h, &m, &s), ==, 3);
    g_assert_cmpint (ABS (h - g_date_time_get_hour (now)) % 23, <=, 1);
  }
  wait_until (file_gone, state_path, 10, "the state to be cleared");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);

  /* Nothing left: nothing offered. */
  g_assert_false (ods_wizard_offer_resume (wizard, account));
}

/* No schema on the portal: inferred from the earlier period's file */

static void
test_inferred (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission_of (window, "Bảng giá đất giai đoạn 2025–2029");
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = g_build_filename (tmp_dir, "bang-gia-dat-2026-Q3.csv", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean found = FALSE;

  /* "giá" where the earlier file (and the rest of this column) has numbers. */
  g_assert_true (g_file_set_contents (path, "khu_vuc,loai_dat,gia_dong_m2\n"
                                      "TP Quy Nhơn,Đất ở đô thị,18500000\n"
                                      "Thị xã An Nhơn,Đất ở đô thị,6200000\n"
                                      "Huyện Tuy Phước,Đất nông nghiệp,chưa có giá\n", -1, NULL));
  choose_and_check (wizard, path);
  expand_all (need_widget (root, "errors_list"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "schema_label"))), ==,
                   "The portal keeps no Table Schema for this dataset: the column types were inferred from "
                   "the file of 2026 on the portal. Ask the portal’s administrator to add a schema.");
  collect (need_widget (root, "errors_list"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_action_row_get_subtitle (rows->pdata[i]), "Row 4, column C (gia_dong_m2)") == 0)
      found = TRUE;
  g_assert_true (found);
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));
  g_unlink (path);
}

/* Cancel: not a failure */

static char *
write_large_file (guint mb)
{
  char *path = g_strdup_printf ("%s/gia-ca-%umb.csv", tmp_dir, mb);
  g_autoptr(GString) data = g_string_sized_new ((gsize) mb * 1024 * 1024 + 64);

  g_string_append (data, "mat_hang,don_vi_tinh,gia_binh_quan,ky_bao_cao\n");
  for (guint i = 0; data->len < (gsize) mb * 1024 * 1024; i++)
    g_string_append_printf (data, "Mặt hàng số %u,kg,%u,2026-Q3\n", i, 1000 + i % 90000);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return path;
}

static gboolean
uploading (gpointer wizard)
{
  return !gtk_widget_get_visible (need_widget (wizard, "upload_status")) &&
         ods_wizard_get_step (wizard) == ODS_WIZARD_STEP_UPLOAD &&
         gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (need_widget (wizard, "progress_bar"))) > 0;
}

static void
test_cancel (void)
{
  OdsWindow *window = get_window ();
  g_autofree char *path = write_large_file (20);
  g_autoptr(OdsPortalAccount) saved = g_steal_pointer (&account);
  g_autoptr(GPtrArray) entries = NULL;
  OdsWizard *wizard;
  GtkWidget *root;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  account = sign_in (100);
  wizard = begin_submission (window);
  root = GTK_WIDGET (wizard);

  /* Cancel while checking: said plainly, not as an error. */
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_true (ods_file_picker_set_file (ods_wizard_get_file_picker (wizard), file));
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_true (gtk_widget_get_visible (need_widget (root, "check_progress_box")));
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "check_cancel_button")));
  g_signal_emit_by_name (need_widget (root, "check_cancel_button"), "clicked");
  wait_until (check_done, wizard, 60, "the check to stop");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))), ==,
                   "Checking was stopped. Press Check Again to check the file.");
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  /* Check Again (F5 anywhere in the wizard); then cancel the upload: back
   * to the details. */
  g_assert_true (gtk_widget_activate_action (root, "wizard.check-again", NULL));
  wait_until (check_done, wizard, 120, "the check");
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "next_button")));
  gtk_widget_activate_action (root, "wizard.next", NULL);
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_UPLOAD);
  wait_until (uploading, wizard, 60, "the upload to start");
  gtk_widget_activate_action (GTK_WIDGET (ods_wizard_get_upload_progress (wizard)), "upload.cancel", NULL);
  wait_for_step (wizard, ODS_WIZARD_STEP_DETAILS, 60);
  g_assert_false (gtk_widget_get_visible (need_widget (root, "upload_status")));
  g_assert_null (ods_wizard_get_receipt (wizard));

  wait_ms (300);
  entries = read_history ();
  g_assert_cmpuint (count_outcome (entries, ODS_HISTORY_OUTCOME_CANCELLED, "gia-ca-20mb.csv"), ==, 1);
  g_assert_cmpuint (count_outcome (entries, ODS_HISTORY_OUTCOME_FAILED, NULL), ==, 0);

  g_clear_object (&account);
  account = g_steal_pointer (&saved);
  g_unlink (path);
}

/* The app closed during the upload: offered again on the next start */

static void
test_closed_mid_upload (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3.csv");
  g_autofree char *state_path = ods_submission_state_path ();
  g_autoptr(OdsSubmissionState) state = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  choose_and_check (wizard, path);
  gtk_widget_activate_action (root, "wizard.next", NULL);
  /* The portal takes its time to answer the upload. */
  test_portal_fault (portal, "{\"kind\": \"delay\", \"action\": \"resource_create\", \"delay_ms\": 3000, "
                             "\"times\": 1}");
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_UPLOAD);
  wait_ms (500);

  /* Closed. */
  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (300);
  state = ods_submission_state_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_cmpstr (state->dataset, ==, "gia-ca-thi-truong");
  g_assert_cmpstr (state->period, ==, "2026-Q3");
  {
    g_autofree char *canonical = g_canonicalize_filename (path, NULL);

    g_assert_cmpstr (state->file_path, ==, canonical);
  }
  g_assert_cmpint (state->step, ==, ODS_WIZARD_STEP_UPLOAD);
  g_assert_nonnull (state->submission_id);

  /* Started again: offered; discarding forgets it. */
  window = get_window ();
  ods_window_set_account (window, "officer-stc");
  g_assert_true (ods_wizard_offer_resume (ods_window_get_wizard (window), account));
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  iterate ();
  wait_until (file_gone, state_path, 10, "the state to be discarded");
  g_assert_false (ods_wizard_offer_resume (ods_window_get_wizard (window), account));
  test_portal_fault (portal, "{\"clear\": true}");
}

/* The main loop keeps running while a large file is checked and sent */
static OdsCkanPackage *
show_package (const char *name)
{
  OdsPortalClient *client = ods_portal_account_get_client (account);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OdsCkanPackage *package;

  ods_portal_client_package_show_async (client, name, NULL, on_result, &result);
  wait_until (result_ready, &result, 30, "package_show");
  package = ods_portal_client_package_show_finish (client, result, &error);
  g_assert_no_error (error);
  return package;
}

/* Replace the file of an existing resource: the portal keeps one resource
 * with the new file, none is added. */
static void
test_replace (void)
{
  OdsWindow *window = get_window ();
  OdsWizard *wizard = begin_submission (window);
  GtkWidget *root = GTK_WIDGET (wizard);
  AdwComboRow *resource_row = ADW_COMBO_ROW (need_widget (root, "resource_row"));
  g_autofree char *path = demo_path ("gia-ca-thi-truong-2026-Q3.csv");
  g_autoptr(OdsCkanPackage) before = show_package ("gia-ca-thi-truong");
  g_autoptr(OdsCkanPackage) after = NULL;
  g_autofree char *target = NULL;
  GPtrArray *resources = ods_ckan_package_get_resources (before);
  GListModel *names;
  const char *chosen_name = NULL;
  const char *chosen_id = NULL;
  guint chosen = GTK_INVALID_LIST_POSITION;

  /* The resources the file can replace: the uploads, by name. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (resource_row)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (need_widget (root, "replace_check")), TRUE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (resource_row)));
  names = adw_combo_row_get_model (resource_row);
  g_assert_nonnull (names);
  for (guint i = 0; i < g_list_model_get_n_items (names) && chosen == GTK_INVALID_LIST_POSITION; i++)
    if (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Q3/2026"))
      chosen = i;
  g_assert_cmpuint (chosen, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (resource_row, chosen);
  chosen_name = gtk_string_list_get_string (GTK_STRING_LIST (names), chosen);
  /* Earlier tests made several resources of that name: the list holds the
   * uploads in the portal's order. */
  for (guint i = 0, upload = 0; i < resources->len && chosen_id == NULL; i++)
    if (ods_ckan_resource_is_upload (resources->pdata[i]) && upload++ == chosen)
      {
        g_assert_cmpstr (ods_ckan_resource_get_name (resources->pdata[i]), ==, chosen_name);
        chosen_id = ods_ckan_resource_get_id (resources->pdata[i]);
      }
  g_assert_nonnull (chosen_id);
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "next_button")));

  choose_and_check (wizard, path);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "check_title"))), ==,
                   "No errors: the file can be sent.");
  gtk_widget_activate_action (root, "wizard.next", NULL);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_DETAILS);
  target = g_strdup_printf ("Replaces the file of “%s”", chosen_name);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (root, "target_row"))), ==, target);
  gtk_widget_activate_action (root, "wizard.back", NULL);
  upload_and_confirm (wizard, 120);

  g_assert_cmpstr (ods_wizard_get_receipt (wizard)->resource_id, ==, chosen_id);
  g_assert_true (ods_wizard_get_receipt (wizard)->confirmed);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "receipt_title"))), ==,
                   "Submitted and confirmed");
  after = show_package ("gia-ca-thi-truong");
  g_assert_cmpuint (ods_ckan_package_get_resources (after)->len, ==, resources->len);
  gtk_widget_activate_action (root, "wizard.next", NULL);
}

static void
test_stall (void)
{
  OdsWindow *window = get_window ();
  g_autofree char *path = g_build_filename (tmp_dir, "gia-ca-lon.csv", NULL);
  g_autoptr(OdsStallProbe) probe = ods_stall_probe_new (5, 50);
  g_autoptr(GString) data = g_string_sized_new (51 * 1024 * 1024);
  g_autoptr(OdsPortalAccount) big_account = NULL;
  OdsWizard *wizard;
  guint mb = 50;
  gint64 longest;

  if (g_getenv ("ODS_TEST_STALL_MB") != NULL)
    mb = atoi (g_getenv ("ODS_TEST_STALL_MB"));
  g_string_append (data, "mat_hang,don_vi_tinh,gia_binh_quan,ky_bao_cao\n");
  for (guint i = 0; data->len < (gsize) mb * 1024 * 1024; i++)
    g_string_append_printf (data, "Mặt hàng số %u,kg,%u,2026-Q3\n", i, 1000 + i % 90000);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  /* An account whose portal settings allow the large upload. */
  g_set_object (&big_account, account);
  g_clear_object (&account);
  account = sign_in (mb * 2);

  wizard = begin_submission (window);
  ods_stall_probe_start (probe);
  choose_and_check (wizard, path);
  g_assert_true (gtk_widget_is_sensitive (need_widget (GTK_WIDGET (wizard), "next_button")));
  upload_and_confirm (wizard, 600);
  ods_stall_probe_stop (probe);
  longest = ods_stall_probe_get_longest_stall_us (probe);
  g_test_message ("Longest main-loop stall while checking and sending %u MB: %.1f ms (%u ticks, %u stalls > 50 ms; "
                  "the main thread's longest run between ticks: %.1f ms of CPU)",
                  mb, longest / 1000.0, ods_stall_probe_get_n_ticks (probe), ods_stall_probe_get_n_stalls (probe),
                  ods_stall_probe_get_longest_busy_us (probe) / 1000.0);
  g_assert_true (ods_wizard_get_receipt (wizard)->confirmed);
  g_assert_cmpint (longest, <, MAX_STALL_MS * 1000);

  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL);
  g_clear_object (&account);
  account = g_steal_pointer (&big_account);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *extra[] = { "--max-resource-size-mb=400", NULL };
  int ret;

  tmp_dir = g_dir_make_tmp ("ods-gui-wizard-XXXXXX", &error);
  g_assert_no_error (error);
  /* Before GLib caches them: the state file and the history go here. */
  {
    g_autofree char *state = g_build_filename (tmp_dir, "state", NULL);
    g_autofree char *config = g_build_filename (tmp_dir, "config", NULL);
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_STATE_HOME", state, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  history_path = g_build_filename (tmp_dir, "history.jsonl", NULL);
  g_setenv ("OPENDATA_SUBMIT_HISTORY", history_path, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  ods_i18n_init ();
  /* The Vietnamese test's subprocess: Vietnamese from the start, whatever
   * the environment says (as test-gui's language tests). */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      for (int j = 1; j < argc; j++)
        if (g_str_has_suffix (argv[j], "-vietnamese"))
          {
            g_setenv ("LC_ALL", "C", TRUE);
            g_unsetenv ("LANGUAGE");
            g_assert_true (ods_gui_apply_language ("vi"));
          }
  g_test_init (&argc, &argv, NULL);

  portal = test_portal_start (extra);
  account = sign_in (0);

  g_test_add_func ("/gui-wizard/errors", test_errors);
  g_test_add_func ("/gui-wizard/many-errors", test_many_errors);
  g_test_add_func ("/gui-wizard/errors-vietnamese", test_errors_vietnamese);
  g_test_add_func ("/gui-wizard/upload", test_upload);
  g_test_add_func ("/gui-wizard/retry", test_retry);
  g_test_add_func ("/gui-wizard/link", test_link);
  g_test_add_func ("/gui-wizard/resume", test_resume);
  g_test_add_func ("/gui-wizard/inferred", test_inferred);
  g_test_add_func ("/gui-wizard/cancel", test_cancel);
  g_test_add_func ("/gui-wizard/closed-mid-upload", test_closed_mid_upload);
  g_test_add_func ("/gui-wizard/replace", test_replace);
  g_test_add_func ("/gui-wizard/stall", test_stall);

  ret = g_test_run ();

  if (app != NULL)
    {
      g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

      for (GList *l = windows; l != NULL; l = l->next)
        gtk_window_destroy (l->data);
      iterate ();
      g_clear_object (&app);
    }
  g_clear_object (&account);
  test_portal_stop (portal);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (history_path);
  return ret;
}
