/* test-gui-dash.c: the signed-in window against the stand-in portal.
 *
 * Signs in as officer-stc by typing the demo token and the user name into the sign-in page,
 * then reads "This quarter" as the officer would (badges, counts, the
 * deadline notice), searches, exports the report, opens History, signs out
 * and signs in again without typing (the kept portal, OPENDATA_SUBMIT_TOKEN and _USER).
 * Needs a display and a Secret Service (the CI's gnome-keyring).
 * The clock is fixed: OPENDATA_SUBMIT_NOW = 13/10/2026 09:00 in Vietnam, so
 * the period due is Q3 2026 (deadline Friday 16/10/2026, 3 days left). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ods-application.h"
#include "ods-history.h"
#include "ods-gui.h"
#include "ods-history-page.h"
#include "ods-i18n.h"
#include "ods-quarter-page.h"
#include "ods-status-badge.h"
#include "ods-wizard.h"
#include "ods-window.h"

#include "portal-fixture.h"
#include "gui-fixture.h"
#include "xlsx-fixture.h"

static OdsApplication *app;
static TestPortal *portal;
static char *scratch;
static char *token_stc;
static char *token_syt;

static void
iterate (void)
{
  for (guint i = 0; i < 500 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

typedef gboolean (*Check) (gpointer data);

/* Runs the main loop until @check is true; fails after 20 s. */
static void
wait_for (Check       check,
          gpointer    data,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (20000, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (id);
  iterate ();
}

/* The texts of the status badges on screen, in order, joined by "|". */
static void
collect_badges (GtkWidget *widget,
                GString   *out)
{
  if (ODS_IS_STATUS_BADGE (widget))
    {
      if (gtk_widget_get_mapped (widget))
        g_string_append_printf (out, "%s%s", out->len ? "|" : "",
                                ods_status_badge_get_text (ODS_STATUS_BADGE (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_badges (child, out);
}

static char *
badges (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_badges (root, out);
  return g_string_free (out, FALSE);
}

static const char *
label (GtkWidget  *root,
       const char *id)
{
  return gtk_label_get_text (GTK_LABEL (need_widget (root, id)));
}

/* The Alt+letter keys of the labels on screen: none may be used twice for
 * two different things. The same label twice is the same page: the header's
 * view switcher and the bottom switcher bar are both on screen while one
 * slides in for the other. */
static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));

      if (key != GDK_KEY_VoidSymbol)
        {
          const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

          if (other != NULL && !g_str_equal (other, gtk_label_get_label (GTK_LABEL (widget))))
            g_error ("Alt+%s is both “%s” and “%s”", gdk_keyval_name (key), other,
                     gtk_label_get_label (GTK_LABEL (widget)));
          g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) gtk_label_get_label (GTK_LABEL (widget)));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen);
}

static guint
assert_mnemonics_unique (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  collect_mnemonics (root, seen);
  return g_hash_table_size (seen);
}

static OdsWindow *
get_window (void)
{
  return test_app_window (&app);
}

static gboolean
page_is (gpointer data)
{
  const char **want = data;

  return g_strcmp0 (ods_window_get_page (get_window ()), want[0]) == 0;
}

static gboolean
quarter_ready (gpointer data)
{
  return g_str_equal (ods_quarter_page_get_state (data), "ready");
}

static gboolean
not_busy (gpointer data)
{
  return !ods_sign_in_page_get_busy (data);
}

static void
test_sign_in (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  GtkWidget *quarter = need_widget (root, "quarter_page");
  const char *quarter_name[] = { "quarter" };
  g_autofree char *shown = NULL;

  /* First run: nothing kept, the welcome page. */
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (root, "win.sign-in", NULL));
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");

  /* Nobody answers at that address: say so. A token goes with the user
   * name: CKAN 2.10 cannot say whose a token is without it. */
  ods_sign_in_page_set_portal_url (page, "http://127.0.0.1:9/");
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), "officer-stc");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), token_stc);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  wait_for (not_busy, page, "the unreachable portal");
  g_test_message ("unreachable: %s", ods_sign_in_page_get_error (page));
  g_assert_nonnull (strstr (ods_sign_in_page_get_error (page), "portal"));
  g_assert_null (ods_window_get_portal_account (window));

  /* Other portal…, its address, the demo token. */
  ods_sign_in_page_set_portal_url (page, portal->url);
  iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (root, "url_entry"))), ==, portal->url);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);

  /* A wrong token: the portal's own words, and the fields stay. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), "not-a-real-token");
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  g_assert_true (ods_sign_in_page_get_busy (page));
  g_assert_true (gtk_widget_get_visible (need_widget (root, "spinner")));
  wait_for (not_busy, page, "the wrong token to be refused");
  g_assert_nonnull (ods_sign_in_page_get_error (page));
  g_test_message ("wrong token: %s", ods_sign_in_page_get_error (page));
  g_assert_true (gtk_widget_get_visible (need_widget (root, "error_label")));
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
  g_assert_null (ods_window_get_portal_account (window));

  /* The real token, by Enter in its field. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), token_stc);
  iterate ();
  g_signal_emit_by_name (need_widget (root, "token_entry"), "activate");
  iterate ();
  wait_for (not_busy, page, "the sign-in");
  if (ods_sign_in_page_get_error (page) != NULL)
    g_error ("Sign-in failed: %s", ods_sign_in_page_get_error (page));
  wait_for (page_is, quarter_name, "This quarter");
  g_assert_nonnull (ods_window_get_portal_account (window));
  g_assert_cmpstr (ods_window_get_account (window), ==, "Nguyễn Văn An — 127.0.0.1");
  /* The token left the entry for the keyring. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (root, "token_entry"))), ==, "");
  wait_for (quarter_ready, quarter, "the datasets");

  /* The period due on 13/10/2026: Q3 2026, due Friday 16/10, 3 days left. */
  shown = ods_period_to_display (ods_quarter_page_get_period (ODS_QUARTER_PAGE (quarter)));
  g_assert_cmpstr (shown, ==, "Q3 2026");
  g_assert_cmpstr (label (root, "deadline_label"), ==, "Deadline: Friday 16/10/2026");
  g_assert_cmpstr (label (root, "days_left_label"), ==, "3 days left");
}

static void
test_quarter (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsQuarterPage *quarter = ODS_QUARTER_PAGE (need_widget (root, "quarter_page"));
  OdsNotice *notice = ods_window_get_notice (window);
  g_autofree char *q3 = NULL;
  g_autofree char *q2 = NULL;

  wait_ms (300);
  /* Most urgent first; the annual dataset is not required. */
  q3 = badges (root);
  g_assert_cmpstr (q3, ==, "Due in 3 days|Due in 3 days|Due in 3 days|Not required");
  g_assert_cmpstr (label (root, "count_due"), ==, "Not yet submitted: 3");
  g_assert_cmpstr (label (root, "count_not_required"), ==, "Not required: 1");
  g_assert_cmpstr (label (root, "count_overdue"), ==, "Overdue: 0");
  /* The deadline is near: the notice says so. */
  g_assert_true (ods_notice_get_revealed (notice));
  g_assert_cmpstr (ods_notice_get_title (notice), ==, "Deadline: 3 days left. 3 datasets are not submitted yet.");

  /* This Quarter, History, Period, New Submission, Export Report. */
  g_assert_cmpuint (assert_mnemonics_unique (root), >=, 5);

  /* The quarter before, chosen in the period list: every status but “connected”. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (root, "period_dropdown")), 1);
  wait_ms (300);
  q2 = badges (root);
  g_assert_cmpstr (q2, ==, "Overdue by 89 days|Submitted 11 days late|Submitted on time|Not required");
  g_assert_cmpstr (label (root, "deadline_label"), ==, "Deadline: Thursday 16/07/2026");
  g_assert_cmpstr (label (root, "count_overdue"), ==, "Overdue: 1");
  g_assert_cmpstr (label (root, "count_late"), ==, "Submitted late: 1");
  g_assert_cmpstr (label (root, "count_on_time"), ==, "Submitted on time: 1");
  g_assert_cmpstr (label (root, "count_connected"), ==, "Connected by API: 0");
  g_assert_cmpuint (ods_quarter_page_get_count (quarter, ODS_OBLIGATION_OVERDUE), ==, 1);
  /* Past its deadline, one dataset still missing. */
  g_assert_cmpstr (ods_notice_get_title (notice), ==,
                   "The deadline has passed and 1 dataset is still missing. Submit it as soon as you can.");

  /* Search: typed into the search field. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "quarter_search_entry")), "NGÂN SÁCH");
  wait_ms (500);
  {
    g_autofree char *found = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (ods_quarter_page_get_rows (quarter)), ==, 1);
    found = badges (root);
    g_assert_cmpstr (found, ==, "Submitted on time");
  }
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "quarter_search_entry")), "");
  wait_ms (500);
  g_assert_cmpuint (g_list_model_get_n_items (ods_quarter_page_get_rows (quarter)), ==, 4);

  /* Sorting by title (a click on the column's header). */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (need_widget (root, "column_view"));
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) status = g_list_model_get_item (columns, 0);
    g_autoptr(GtkColumnViewColumn) title = g_list_model_get_item (columns, 1);
    g_autoptr(OdsObligation) first = NULL;

    gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
    iterate ();
    first = g_list_model_get_item (ods_quarter_page_get_rows (quarter), 0);
    g_assert_cmpstr (ods_obligation_get_dataset_name (first), ==, "bang-gia-dat");
    gtk_column_view_sort_by_column (view, status, GTK_SORT_ASCENDING);
    iterate ();
  }

  /* F5 reads the portal again; the period stays. */
  g_assert_true (gtk_widget_activate_action (root, "win.refresh", NULL));
  g_assert_cmpstr (ods_quarter_page_get_state (quarter), ==, "loading");
  wait_for (quarter_ready, quarter, "the datasets again");
  g_assert_cmpuint (ods_quarter_page_get_count (quarter, ODS_OBLIGATION_SUBMITTED_LATE), ==, 1);
}

static gboolean
quarter_settled (gpointer data)
{
  return !g_str_equal (ods_quarter_page_get_state (data), "loading");
}

/* The portal fails (a proxy's 502 page): the reason and Try Again. */
static void
test_quarter_error (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsQuarterPage *quarter = ODS_QUARTER_PAGE (need_widget (root, "quarter_page"));
  g_autoptr(JsonObject) answer = NULL;
  const char *description;

  answer = test_portal_control (portal, "/__faults",
                                "{\"kind\":\"html502\",\"action\":\"package_search\",\"times\":1}");
  g_assert_true (gtk_widget_activate_action (root, "win.refresh", NULL));
  wait_for (quarter_settled, quarter, "the portal's failure");
  g_assert_cmpstr (ods_quarter_page_get_state (quarter), ==, "error");
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "retry_button")));
  description = adw_status_page_get_description (ADW_STATUS_PAGE (need_widget (root, "error_page")));
  g_test_message ("portal down: %s", description);
  g_assert_nonnull (description);
  g_assert_null (strstr (description, "<html"));
  g_assert_false (gtk_widget_get_sensitive (need_widget (root, "export_button")) &&
                  gtk_widget_get_mapped (need_widget (root, "export_button")));

  /* The portal is back: Try Again. */
  g_signal_emit_by_name (need_widget (root, "retry_button"), "clicked");
  wait_for (quarter_ready, quarter, "the datasets after Try Again");
  g_assert_cmpuint (ods_quarter_page_get_count (quarter, ODS_OBLIGATION_SUBMITTED_LATE), ==, 1);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_export_report (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *quarter = need_widget (root, "quarter_page");
  g_autofree char *path = g_build_filename (scratch, "report q2.xlsx", NULL);
  const char *argv[] = { "unzip", "-p", path, "xl/sharedStrings.xml", NULL };
  g_autoptr(GSubprocess) unzip = NULL;
  g_autofree char *strings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_get_sensitive (need_widget (root, "export_button")));
  /* What the save dialog does once a file is chosen. */
  g_assert_true (gtk_widget_activate_action (quarter, "quarter.export-to", "s", path));
  wait_for (file_exists, path, "the report");
  wait_ms (200);
  unzip = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (unzip, NULL, NULL, &strings, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (unzip));
  g_assert_nonnull (strstr (strings, "Thu chi ngân sách tỉnh theo quý"));
  g_assert_nonnull (strstr (strings, "Sở Tài chính"));
}

static gboolean
history_ready (gpointer data)
{
  return g_str_equal (ods_history_page_get_state (data), "ready");
}

static void
test_history (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsHistoryPage *history = ODS_HISTORY_PAGE (need_widget (root, "history_page"));
  GtkListBox *list = ods_history_page_get_list (history);
  GtkListBoxRow *first;

  g_assert_true (gtk_widget_activate_action (root, "win.show-page", "s", "history"));
  wait_for (history_ready, history, "the history");
  g_assert_cmpuint (ods_history_page_get_n_visible (history), ==, 2);
  assert_mnemonics_unique (root);
  /* Newest first: the upload of 22/10, then the check of 20/10 (Vietnam's time). */
  first = gtk_list_box_get_row_at_index (list, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "thu-chi-ngan-sach — Q3 2026");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (first)), ==, "Uploaded, 22/10/2026 15:00");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (list, 1))), ==,
                   "Invalid, 20/10/2026 09:30");

  /* Only the uploads. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (root, "outcome_dropdown")),
                              1 + ODS_HISTORY_OUTCOME_UPLOADED);
  iterate ();
  g_assert_cmpuint (ods_history_page_get_n_visible (history), ==, 1);
  g_assert_cmpstr (label (root, "history_count_label"), ==, "1 entry");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (root, "outcome_dropdown")), 0);
  /* A dataset that has no entry. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "history_search_entry")), "bang-gia");
  wait_ms (500);
  g_assert_cmpuint (ods_history_page_get_n_visible (history), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "history_search_entry")), "");
  wait_ms (500);
  g_assert_cmpuint (ods_history_page_get_n_visible (history), ==, 2);

  /* The details of the upload: file, rows, SHA-256 and the receipt. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (first), TRUE);
  wait_ms (300);
  {
    GString *texts = g_string_new (NULL);
    g_autofree char *all = NULL;
    GtkWidget *w = GTK_WIDGET (first);

    /* Every label under the row. */
    for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;)
      {
        if (GTK_IS_LABEL (child))
          g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
        if (gtk_widget_get_first_child (child) != NULL)
          child = gtk_widget_get_first_child (child);
        else
          {
            while (child != w && gtk_widget_get_next_sibling (child) == NULL)
              child = gtk_widget_get_parent (child);
            child = child == w ? NULL : gtk_widget_get_next_sibling (child);
          }
      }
    all = g_string_free (texts, FALSE);
    g_assert_nonnull (strstr (all, "thu_chi_2026_q3.csv\n"));
    g_assert_nonnull (strstr (all, "\n1250\n"));
    g_assert_nonnull (strstr (all, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"));
    g_assert_nonnull (strstr (all, "Open Receipt"));
    g_assert_nonnull (strstr (all, "Export Report…"));
  }
  g_assert_true (gtk_widget_activate_action (root, "win.show-page", "s", "quarter"));
  iterate ();
}

static gboolean
dialog_shown (gpointer data)
{
  return find_file_chooser_dialog () != NULL;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* The button labelled @text under @root, or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void write_history (const char *path);

/* A past run in History: its quarter's report made again, through the real
 * save dialog (GtkFileChooserNative, a GtkFileChooserDialog here). */
static void
test_history_re_export (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsHistoryPage *history = ODS_HISTORY_PAGE (need_widget (root, "history_page"));
  GtkListBox *list = ods_history_page_get_list (history);
  g_autoptr(OdsHistory) store = ods_history_new (NULL);
  g_autoptr(OdsHistoryEntry) q2 = ods_history_entry_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (scratch, "re-export", NULL);
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *runs = NULL;
  g_autoptr(Book) book = NULL;
  GtkListBoxRow *row = NULL;
  GtkWidget *button;
  GtkFileChooser *dialog;

  /* An upload of the quarter before, made after the History was read. */
  q2->time = g_date_time_new_from_iso8601 ("2026-07-10T03:00:00Z", NULL);
  q2->portal = g_strdup (portal->url);
  q2->user = g_strdup ("officer-stc");
  q2->dataset = g_strdup ("thu-chi-ngan-sach");
  q2->resource = g_strdup ("res-q2");
  q2->period = g_strdup ("2026-Q2");
  q2->file_name = g_strdup ("thu_chi_2026_q2.csv");
  q2->size = 47001;
  q2->rows = 1190;
  q2->errors = 0;
  q2->outcome = ODS_HISTORY_OUTCOME_UPLOADED;
  g_assert_true (ods_history_append (store, q2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  g_assert_true (gtk_widget_activate_action (root, "win.show-page", "s", "history"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (history), "history.refresh", NULL));
  wait_for (history_ready, history, "the history");
  wait_ms (200);
  g_assert_cmpuint (ods_history_page_get_n_visible (history), ==, 3);

  /* The officer opens the Q2 run and presses its Export Report…. */
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Q2 2026"))
      break;
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  wait_ms (300);
  button = find_button (GTK_WIDGET (row), "Export Report…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");

  /* The quarter's report, for Q2, asks where to save it. */
  wait_for (dialog_shown, NULL, "the save dialog");
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  dialog = find_file_chooser_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Save the Compliance Report");
  path = accept_save_dialog (dialog, folder, "compliance-report-2026-Q2.xlsx");
  wait_for (file_exists, path, "the report");
  wait_for (is_sensitive, need_widget (root, "export_button"), "the report to be written");

  /* What Excel shows: the period chosen in History, and its run. */
  book = book_open (path);
  summary = sheet_xml (book, 1);
  runs = sheet_xml (book, 3);
  {
    g_autoptr(Cell) period = cell_get (book, summary, "B5");

    g_assert_nonnull (period);
    g_test_message ("Period: %s", period->value);
    g_assert_nonnull (strstr (period->value, "2026-Q2"));
  }
  assert_text (book, runs, "E2", "thu_chi_2026_q2.csv");
  {
    g_autoptr(Cell) none = cell_get (book, runs, "E3");

    g_assert_null (none); /* Q3's runs are not Q2's */
  }
  g_assert_null (find_file_chooser_dialog ());

  /* Back to the period due. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (root, "period_dropdown")), 0);
  iterate ();
  /* The History as the other tests know it. */
  g_assert_cmpint (g_unlink (g_getenv ("OPENDATA_SUBMIT_HISTORY")), ==, 0);
  write_history (g_getenv ("OPENDATA_SUBMIT_HISTORY"));
}

static gboolean
signed_out (gpointer data)
{
  return ods_window_get_portal_account (data) == NULL;
}

static gboolean
signed_in (gpointer data)
{
  return ods_window_get_portal_account (data) != NULL;
}

static void
test_row_starts_submission (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  g_signal_emit_by_name (need_widget (root, "column_view"), "activate", 0);
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "submit");
  g_assert_true (gtk_widget_activate_action (root, "win.back", NULL));
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
}

static gboolean
datasets_offered (gpointer row)
{
  GListModel *model = adw_combo_row_get_model (row);

  return model != NULL && g_list_model_get_n_items (model) > 0;
}

/* New Submission (Ctrl+N) starts the wizard with the unit's datasets to
 * choose from, not an empty list. */
static void
test_new_submission_lists_datasets (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *wizard = GTK_WIDGET (ods_window_get_wizard (window));
  GtkWidget *dataset_row = need_widget (wizard, "dataset_row");
  GListModel *titles;
  gboolean found = FALSE;

  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  g_assert_true (gtk_widget_activate_action (root, "win.new-submission", NULL));
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "submit");
  g_assert_cmpint (ods_wizard_get_step (ODS_WIZARD (wizard)), ==, ODS_WIZARD_STEP_DATASET);
  wait_for (datasets_offered, dataset_row, "the unit's datasets in the wizard");
  titles = adw_combo_row_get_model (ADW_COMBO_ROW (dataset_row));
  for (guint i = 0; i < g_list_model_get_n_items (titles); i++)
    found |= g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (titles), i),
                          "Giá cả thị trường hàng hóa thiết yếu");
  g_assert_true (found);
  g_assert_true (gtk_widget_is_sensitive (dataset_row));

  g_assert_true (gtk_widget_activate_action (root, "win.back", NULL));
  iterate ();
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
}

static void
test_sign_out_and_back (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  OdsQuarterPage *quarter = ODS_QUARTER_PAGE (need_widget (root, "quarter_page"));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *last_portal = g_settings_get_string (settings, "last-portal");
  g_autofree char *last_user = g_settings_get_string (settings, "last-user-name");

  /* The next start: the portal signed in to last, the token from the keyring. */
  g_assert_cmpstr (last_portal, ==, portal->url);
  g_assert_cmpstr (last_user, ==, "officer-stc");
  ods_window_set_account (window, NULL);
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  ods_window_open_portal (window, NULL);
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
  g_assert_true (ods_sign_in_page_get_busy (page));
  wait_for (signed_in, window, "signing in from the keyring");
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  g_assert_cmpstr (ods_window_get_account (window), ==, "Nguyễn Văn An — 127.0.0.1");
  wait_for (quarter_ready, quarter, "the datasets");

  /* Sign Out from the menu. */
  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  wait_for (signed_out, window, "signing out");
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  g_assert_cmpstr (ods_quarter_page_get_state (quarter), ==, "empty");
  g_assert_false (ods_notice_get_revealed (ods_window_get_notice (window)));
  wait_ms (500);

  /* The token is gone: opening the portal again asks for it, saying why. */
  ods_window_open_portal (window, portal->url);
  g_assert_true (ods_sign_in_page_get_busy (page));
  wait_for (not_busy, page, "the keyring's answer");
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
  g_assert_nonnull (strstr (ods_sign_in_page_get_error (page), "not signed in to http://127.0.0.1:"));

  /* With OPENDATA_SUBMIT_TOKEN (the README's demo), no typing at all. The
   * officer-stc token was withdrawn on the portal by signing out: Sở Y tế's
   * officer this time. */
  g_setenv ("OPENDATA_SUBMIT_TOKEN", token_syt, TRUE);
  g_setenv ("OPENDATA_SUBMIT_USER", "officer-syt", TRUE);
  ods_window_open_portal (window, portal->url);
  wait_for (not_busy, page, "signing in from the environment");
  g_assert_cmpstr (ods_sign_in_page_get_error (page), ==, NULL);
  wait_for (signed_in, window, "signing in from the environment");
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
  g_unsetenv ("OPENDATA_SUBMIT_USER");
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  wait_for (quarter_ready, quarter, "the datasets");
  g_assert_cmpstr (ods_window_get_account (window), ==, "Trần Thị Bình — 127.0.0.1");
  wait_ms (300);
  {
    g_autofree char *shown = badges (root);

    g_assert_cmpstr (shown, ==, "Submitted on time|Connected by API");
  }
  g_assert_cmpstr (label (root, "count_connected"), ==, "Connected by API: 1");
  /* Nothing missing: no deadline notice. */
  g_assert_false (ods_notice_get_revealed (ods_window_get_notice (window)));
}

/* User name and password: a wrong password is refused in plain words, the
 * right one signs in (a token is made for this computer and kept). */
static void
test_password (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  const char *error;

  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  wait_for (signed_out, window, "signing out");
  wait_ms (300);
  g_assert_true (gtk_widget_activate_action (root, "win.sign-in", NULL));
  iterate ();
  ods_sign_in_page_set_portal_url (page, portal->url);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), "officer-sgd");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "password_entry")), "wrong-password");
  iterate ();
  g_signal_emit_by_name (need_widget (root, "password_entry"), "activate");
  g_assert_true (ods_sign_in_page_get_busy (page));
  wait_for (not_busy, page, "the wrong password to be refused");
  error = ods_sign_in_page_get_error (page);
  g_assert_nonnull (error);
  g_test_message ("wrong password: %s", error);
  g_assert_null (ods_window_get_portal_account (window));

  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "password_entry")), "sgd-demo-2026");
  iterate ();
  g_signal_emit_by_name (need_widget (root, "password_entry"), "activate");
  wait_for (not_busy, page, "the sign-in");
  if (ods_sign_in_page_get_error (page) != NULL)
    g_error ("Sign-in failed: %s", ods_sign_in_page_get_error (page));
  wait_for (signed_in, window, "signing in with a password");
  g_assert_cmpstr (ods_window_get_account (window), ==, "Lê Minh Châu — 127.0.0.1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (root, "password_entry"))), ==, "");
}

/* A portal that behaves like CKAN 2.10 itself (the stand-in does by
 * default): user_show has no "who am I", so a token alone cannot be checked.
 * The page says to add the user name; with it, the same token signs in. */
static void
test_token_with_user_name (void)
{
  TestPortal *strict = test_portal_start (NULL);
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  const char *error;

  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  wait_for (signed_out, window, "signing out");
  wait_ms (300);
  g_assert_true (gtk_widget_activate_action (root, "win.sign-in", NULL));
  iterate ();
  ods_sign_in_page_set_portal_url (page, strict->url);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);
  iterate ();
  /* The user name field and its hint are there for the token too. */
  g_assert_true (gtk_widget_get_visible (need_widget (root, "user_hint_label")));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), "");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), token_stc);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  wait_for (not_busy, page, "the token alone to be refused");
  error = ods_sign_in_page_get_error (page);
  g_assert_nonnull (error);
  g_test_message ("token without user name: %s", error);
  g_assert_nonnull (strstr (error, "user name"));
  g_assert_null (ods_window_get_portal_account (window));

  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), "officer-stc");
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  wait_for (not_busy, page, "the sign-in with token and user name");
  if (ods_sign_in_page_get_error (page) != NULL)
    g_error ("Sign-in failed: %s", ods_sign_in_page_get_error (page));
  wait_for (signed_in, window, "signing in with token and user name");
  g_assert_cmpstr (ods_window_get_account (window), ==, "Nguyễn Văn An — 127.0.0.1");

  /* Password sign-in hides the token's hint. */
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  iterate ();
  g_assert_false (gtk_widget_get_visible (need_widget (root, "user_hint_label")));

  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  wait_for (signed_out, window, "signing out of the strict portal");
  test_portal_stop (strict);
}

/* The same screens in Vietnamese, in a process of its own (the language is
 * chosen before the window exists), signed in from OPENDATA_SUBMIT_TOKEN. */
static void
test_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      OdsWindow *window;
      GtkWidget *root;
      OdsQuarterPage *quarter;
      OdsHistoryPage *history;
      g_autofree char *shown = NULL;

      /* (ods_gui_apply_language ("vi") ran first thing in main: GLib decides once whether to translate.) */
      g_assert_cmpstr (_("Search datasets"), ==, "Tìm bộ dữ liệu");
      g_setenv ("OPENDATA_SUBMIT_TOKEN", token_stc, TRUE);
      g_setenv ("OPENDATA_SUBMIT_USER", "officer-stc", TRUE);
      window = get_window ();
      root = GTK_WIDGET (window);
      quarter = ODS_QUARTER_PAGE (need_widget (root, "quarter_page"));
      ods_window_open_portal (window, portal->url);
      wait_for (signed_in, window, "signing in from the environment");
      wait_for (quarter_ready, quarter, "the datasets");
      wait_ms (300);
      g_assert_cmpstr (label (root, "deadline_label"), ==, "Hạn nộp: Thứ Sáu, 16/10/2026");
      g_assert_cmpstr (label (root, "days_left_label"), ==, "còn 3 ngày");
      shown = badges (root);
      g_assert_cmpstr (shown, ==, "Còn 3 ngày|Còn 3 ngày|Còn 3 ngày|Không yêu cầu");
      g_assert_cmpstr (label (root, "count_due"), ==, "Chưa nộp, còn hạn: 3");
      g_assert_cmpstr (ods_notice_get_title (ods_window_get_notice (window)), ==,
                       "Hạn nộp: còn 3 ngày. Còn 3 bộ dữ liệu chưa nộp.");
      assert_mnemonics_unique (root);

      history = ODS_HISTORY_PAGE (need_widget (root, "history_page"));
      g_assert_true (gtk_widget_activate_action (root, "win.show-page", "s", "history"));
      wait_for (history_ready, history, "the history");
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (ods_history_page_get_list (history), 0))),
                       ==, "thu-chi-ngan-sach — Quý 3/2026");
      g_assert_cmpstr (label (root, "history_count_label"), ==, "2 mục");
      assert_mnemonics_unique (root);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
write_history (const char *path)
{
  g_autoptr(OdsHistory) history = ods_history_new (path);
  g_autoptr(OdsHistoryEntry) check = ods_history_entry_new ();
  g_autoptr(OdsHistoryEntry) upload = ods_history_entry_new ();
  g_autoptr(GError) error = NULL;

  check->time = g_date_time_new_from_iso8601 ("2026-10-20T02:30:00Z", NULL);
  check->portal = g_strdup (portal->url);
  check->user = g_strdup ("officer-stc");
  check->dataset = g_strdup ("thu-chi-ngan-sach");
  check->period = g_strdup ("2026-Q3");
  check->file_name = g_strdup ("thu_chi_2026_q3_cu.csv");
  check->rows = 1250;
  check->errors = 3;
  check->outcome = ODS_HISTORY_OUTCOME_INVALID;
  g_assert_true (ods_history_append (history, check, &error));
  g_assert_no_error (error);

  upload->time = g_date_time_new_from_iso8601 ("2026-10-22T08:00:00Z", NULL);
  upload->portal = g_strdup (portal->url);
  upload->user = g_strdup ("officer-stc");
  upload->dataset = g_strdup ("thu-chi-ngan-sach");
  upload->resource = g_strdup ("res-1");
  upload->period = g_strdup ("2026-Q3");
  upload->file_name = g_strdup ("thu_chi_2026_q3.csv");
  upload->size = 48213;
  upload->rows = 1250;
  upload->errors = 0;
  upload->sha256 = g_strdup ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  upload->outcome = ODS_HISTORY_OUTCOME_UPLOADED;
  upload->receipt_url = g_strconcat (portal->url, "dataset/thu-chi-ngan-sach/resource/res-1", NULL);
  g_assert_true (ods_history_append (history, upload, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *history = NULL;
  int ret;

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("OPENDATA_SUBMIT_NOW", "2026-10-13T09:00:00+07:00", TRUE);
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
  g_unsetenv ("OPENDATA_SUBMIT_USER");
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  /* The only subprocess is the Vietnamese test; the language must be set
   * before anything is translated (GLib decides once). */
  if (g_test_subprocess ())
    g_assert_true (ods_gui_apply_language ("vi"));

  /* A home of its own: portals.ini, the history, the settings. */
  scratch = g_dir_make_tmp ("ods-test-gui-dash-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *config = g_build_filename (scratch, "config", NULL);
    g_autofree char *data = g_build_filename (scratch, "data", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }
  history = g_build_filename (scratch, "history.jsonl", NULL);
  g_setenv ("OPENDATA_SUBMIT_HISTORY", history, TRUE);

  portal = test_portal_start (NULL);
  token_stc = test_portal_token ("officer-stc");
  token_syt = test_portal_token ("officer-syt");
  write_history (history);

  g_test_add_func ("/gui-dash/sign-in", test_sign_in);
  g_test_add_func ("/gui-dash/quarter", test_quarter);
  g_test_add_func ("/gui-dash/quarter-error", test_quarter_error);
  g_test_add_func ("/gui-dash/export-report", test_export_report);
  g_test_add_func ("/gui-dash/history", test_history);
  g_test_add_func ("/gui-dash/history-re-export", test_history_re_export);
  g_test_add_func ("/gui-dash/row-starts-submission", test_row_starts_submission);
  g_test_add_func ("/gui-dash/new-submission-lists-datasets", test_new_submission_lists_datasets);
  g_test_add_func ("/gui-dash/sign-out-and-back", test_sign_out_and_back);
  g_test_add_func ("/gui-dash/password", test_password);
  g_test_add_func ("/gui-dash/token-with-user-name", test_token_with_user_name);
  g_test_add_func ("/gui-dash/vietnamese", test_vietnamese);

  ret = g_test_run ();

  if (app != NULL)
    {
      GtkWindow *window = ods_application_get_window (app);

      gtk_window_destroy (window);
      iterate ();
      g_clear_object (&app);
    }
  test_portal_stop (portal);
  remove_tree (scratch);
  g_free (scratch);
  g_free (token_stc);
  g_free (token_syt);
  return ret;
}
