/* test-gui.c: the desktop application, driven through its actions and widgets.
 *
 * Runs the real OdsApplication and OdsWindow on a display (xvfb-run) with
 * GSETTINGS_BACKEND=memory. Widgets are found by their id in the .ui
 * templates, so the tests see what the officer sees.
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "ods-application.h"
#include "ods-gui.h"
#include "ods-i18n.h"
#include "ods-file-picker.h"
#include "ods-portal-editor.h"
#include "ods-preferences-window.h"
#include "ods-sign-in-page.h"
#include "ods-stall-probe.h"
#include "ods-status-badge.h"
#include "ods-upload-progress.h"
#include "ods-window.h"
#include "gui-fixture.h"

static OdsApplication *app;

/* Helpers */

/* Runs what is pending, with a bound: a spinning GtkSpinner keeps the
 * frame clock busy, so "until idle" might never come. */
static void
iterate (void)
{
  for (guint i = 0; i < 500 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Lets revealer and stack transitions finish. */
static void
wait_ms (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_loop_cb, loop);
  g_main_loop_run (loop);
  iterate ();
}

static gboolean
drawn_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Like gtk_test_widget_wait_for_draw(), but fails instead of hanging when
 * the widget is never drawn. */
static void
wait_for_draw (GtkWidget *widget)
{
  gboolean drawn = FALSE, timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  gtk_widget_add_tick_callback (widget, drawn_cb, &drawn, NULL);
  while (!drawn && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("%s was not drawn within 10 s", G_OBJECT_TYPE_NAME (widget));
  g_source_remove (timeout);
}

static OdsWindow *
get_window (void)
{
  OdsWindow *window = test_app_window (&app);

  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (GTK_WIDGET (window));
  iterate ();

  return window;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = NULL;

  iterate ();
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
assert_accessible_label (GtkWidget  *widget,
                         const char *expected)
{
  g_autofree char *problem = NULL;

  problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  if (problem != NULL)
    g_error ("Accessible label of %s: %s", gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), problem);
}

static void
assert_mnemonic_for (GtkWidget  *root,
                     const char *label_id,
                     const char *widget_id)
{
  GtkLabel *label = GTK_LABEL (need_widget (root, label_id));

  g_assert_true (gtk_label_get_use_underline (label));
  g_assert_true (gtk_label_get_mnemonic_widget (label) == need_widget (root, widget_id));
}

static GSettings *
new_settings (void)
{
  return g_settings_new (APP_ID);
}

/* The signed-out window */

static void
test_window_signed_out (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  GtkWidget *welcome = need_widget (root, "welcome_page");
  GtkWidget *button = need_widget (root, "welcome_sign_in_button");

  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  g_assert_null (ods_window_get_account (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Open Data Submit");

  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (welcome)), ==, "Submit This Quarter’s Data");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Sign In");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.sign-in");

  /* Enter or Space on start signs in. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == button);

  /* No back button, no screens to switch to while signed out. */
  g_assert_false (gtk_widget_get_visible (need_widget (root, "back_button")));
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (
                    ADW_VIEW_SWITCHER_TITLE (need_widget (root, "switcher_title"))));
  assert_accessible_label (need_widget (root, "menu_button"), "Main Menu");

  /* The screens of a signed-in officer cannot be opened. */
  g_assert_false (ods_window_show_page (window, "quarter"));
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
}

/* The sign-in page */

static const char *sign_in_ids[][2] = {
  { "portal_dropdown", "Portal" },
  { "url_entry", "Portal address" },
  { "method_dropdown", "Sign in with" },
  { "token_entry", "Access token" },
  { "user_entry", "User name" },
  { "password_entry", "Password" },
};

typedef struct
{
  guint     count;
  gboolean  handle;
  char     *url;
  char     *user;
  char     *token;
  char     *password;
} Request;

static void
request_clear (Request *request)
{
  g_clear_pointer (&request->url, g_free);
  g_clear_pointer (&request->user, g_free);
  g_clear_pointer (&request->token, g_free);
  g_clear_pointer (&request->password, g_free);
}

static gboolean
on_sign_in_requested (OdsSignInPage *page,
                      const char    *url,
                      const char    *user,
                      const char    *token,
                      const char    *password,
                      Request       *request)
{
  request_clear (request);
  request->count++;
  request->url = g_strdup (url);
  request->user = g_strdup (user);
  request->token = g_strdup (token);
  request->password = g_strdup (password);

  return request->handle;
}

static void
on_sign_in_cancelled (OdsSignInPage *page,
                      guint         *count)
{
  (*count)++;
}

static void
show_sign_in_page (OdsWindow *window)
{
  if (ods_window_get_account (window) != NULL)
    ods_window_set_account (window, NULL);
  if (g_strcmp0 (ods_window_get_page (window), "sign-in") != 0)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
}

static void
test_sign_in_fields (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  GtkDropDown *portals, *methods;
  GtkStringObject *item;
  GtkWidget *button, *focus;
  GtkStack *method_stack;

  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_widget_activate_action (root, "win.sign-in", NULL));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
  g_assert_true (gtk_widget_get_visible (need_widget (root, "back_button")));
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "heading")));

  /* Portal: the preset, then "Other portal…". */
  portals = GTK_DROP_DOWN (need_widget (root, "portal_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (portals)), ==, 2);
  item = gtk_drop_down_get_selected_item (portals);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Demo portal on this computer");
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (need_widget (root, "url_revealer"))));

  /* Method: a token by default. */
  methods = GTK_DROP_DOWN (need_widget (root, "method_dropdown"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (methods)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (methods), ==, 0);
  method_stack = GTK_STACK (need_widget (root, "method_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (method_stack), ==, "token");
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "token_entry")));
  g_assert_false (gtk_widget_get_mapped (need_widget (root, "password_entry")));

  /* The token entry has the keyboard focus, and hides what is typed. */
  focus = gtk_window_get_focus (GTK_WINDOW (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == need_widget (root, "token_entry") ||
                 gtk_widget_is_ancestor (focus, need_widget (root, "token_entry")));
  g_assert_true (GTK_IS_PASSWORD_ENTRY (need_widget (root, "token_entry")));
  g_assert_true (GTK_IS_PASSWORD_ENTRY (need_widget (root, "password_entry")));

  /* Every control has an accessible name and a mnemonic label. */
  for (guint i = 0; i < G_N_ELEMENTS (sign_in_ids); i++)
    assert_accessible_label (need_widget (root, sign_in_ids[i][0]), sign_in_ids[i][1]);
  assert_mnemonic_for (root, "portal_label", "portal_dropdown");
  assert_mnemonic_for (root, "url_label", "url_entry");
  assert_mnemonic_for (root, "method_label", "method_dropdown");
  assert_mnemonic_for (root, "token_label", "token_entry");
  assert_mnemonic_for (root, "user_label", "user_entry");
  assert_mnemonic_for (root, "password_label", "password_entry");
  assert_accessible_label (need_widget (root, "back_button"), "Back");

  /* "Sign In" waits until a token is typed. */
  button = need_widget (root, "sign_in_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Sign In");
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), "   ");
  iterate ();
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), "tok-123");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));

  /* User name and password: both needed. */
  gtk_drop_down_set_selected (methods, 1);
  wait_ms (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (method_stack), ==, "password");
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "user_entry")));
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "password_entry")));
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), "nguyenvana");
  iterate ();
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "password_entry")), "mật khẩu");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Another portal: its address is needed too. */
  gtk_drop_down_set_selected (portals, 1);
  wait_ms (300);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (need_widget (root, "url_revealer"))));
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "url_entry")));
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "url_entry")), "https://opendata.example.gov.vn");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Back to the welcome page, by action (Escape and Alt+Left are bound to it). */
  g_assert_true (gtk_widget_activate_action (root, "win.back", NULL));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == need_widget (root, "welcome_sign_in_button"));
}

static void
test_sign_in_request (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  GtkWidget *error_label = need_widget (root, "error_label");
  GtkWidget *button = need_widget (root, "sign_in_button");
  GtkWidget *spinner = need_widget (root, "spinner");
  Request request = { 0 };
  guint cancelled = 0;
  gulong handler, cancel_handler;

  /* The page alone: the window's own sign-in (tests/test-gui-dash.c) stays out. */
  g_signal_handlers_block_matched (page, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                   g_signal_lookup ("sign-in-requested", ODS_TYPE_SIGN_IN_PAGE),
                                   0, NULL, NULL, window);
  show_sign_in_page (window);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (root, "portal_dropdown")), 1);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "user_entry")), " nguyenvana ");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "password_entry")), "mật khẩu");

  /* An address that is not one is refused on the page, with what to do. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "url_entry")), "opendata tinh");
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "“opendata tinh” is not a web address"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));

  /* Plain http:// to another computer would send the password in clear. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "url_entry")), "http://opendata.example.gov.vn");
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https:// address"));

  /* Typing again hides the error. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "url_entry")), " https://opendata.example.gov.vn ");
  iterate ();
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Nobody to sign in with (the portal client is not connected): say so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "not available"));
  g_assert_false (ods_sign_in_page_get_busy (page));

  /* A handler takes the request: the page waits, locked, with a spinner. */
  handler = g_signal_connect (page, "sign-in-requested", G_CALLBACK (on_sign_in_requested), &request);
  cancel_handler = g_signal_connect (page, "sign-in-cancelled", G_CALLBACK (on_sign_in_cancelled), &cancelled);
  request.handle = TRUE;

  /* Enter in the password field signs in. */
  g_signal_emit_by_name (need_widget (root, "password_entry"), "activate");
  iterate ();
  g_assert_cmpuint (request.count, ==, 1);
  g_assert_cmpstr (request.url, ==, "https://opendata.example.gov.vn");
  g_assert_cmpstr (request.user, ==, "nguyenvana");
  g_assert_cmpstr (request.password, ==, "mật khẩu");
  g_assert_null (request.token);
  g_assert_true (ods_sign_in_page_get_busy (page));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "user_entry")));
  g_assert_true (gtk_widget_get_visible (need_widget (root, "cancel_button")));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == need_widget (root, "cancel_button"));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "back_button")));
  assert_accessible_label (spinner, "Signing in");

  /* A second press while waiting does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL);
  iterate ();
  g_assert_cmpuint (request.count, ==, 1);

  /* Cancel. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.cancel", NULL));
  iterate ();
  g_assert_cmpuint (cancelled, ==, 1);
  g_assert_false (ods_sign_in_page_get_busy (page));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A failure is shown, the fields stay for another try. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL);
  iterate ();
  g_assert_cmpuint (request.count, ==, 2);
  ods_sign_in_page_finish (page, "The user name or password is wrong. Type them again.");
  iterate ();
  g_assert_false (ods_sign_in_page_get_busy (page));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   "The user name or password is wrong. Type them again.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (root, "password_entry"))), ==, "mật khẩu");

  /* Success: the portal and user name are remembered, the secret is gone. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sign-in.submit", NULL);
  iterate ();
  g_assert_cmpuint (request.count, ==, 3);
  ods_sign_in_page_finish (page, NULL);
  iterate ();
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (root, "password_entry"))), ==, "");
  {
    g_autofree char *last_portal = g_settings_get_string (settings, "last-portal");
    g_autofree char *last_user = g_settings_get_string (settings, "last-user-name");

    g_assert_cmpstr (last_portal, ==, "https://opendata.example.gov.vn");
    g_assert_cmpstr (last_user, ==, "nguyenvana");
  }
  g_signal_handlers_unblock_matched (page, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DATA,
                                   g_signal_lookup ("sign-in-requested", ODS_TYPE_SIGN_IN_PAGE),
                                   0, NULL, NULL, window);

  /* Signed in: "This quarter", the account under the title; then sign out. */
  ods_window_set_account (window, "Nguyễn Văn A — opendata.example.gov.vn");
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "quarter_page")));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (need_widget (root, "switcher_title"))),
                   ==, "Nguyễn Văn A — opendata.example.gov.vn");
  g_assert_false (gtk_widget_get_visible (need_widget (root, "back_button")));
  g_assert_true (gtk_widget_activate_action (root, "win.show-page", "s", "history"));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "history");
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "history_page")));
  g_assert_false (ods_window_show_page (window, "sign-in"));

  g_assert_true (gtk_widget_activate_action (root, "win.sign-out", NULL));
  wait_ms (50);
  g_assert_null (ods_window_get_account (window));
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");

  g_signal_handler_disconnect (page, handler);
  g_signal_handler_disconnect (page, cancel_handler);
  request_clear (&request);
}

static void
test_show_page_action (void)
{
  OdsWindow *window = get_window ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("sign-in"));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "sign-in");
  g_assert_false (ods_application_show_page (app, "no-such-page"));

  /* "portals" opens Preferences on its Portals page. */
  g_assert_true (ods_application_show_page (app, "portals"));
  {
    GtkWindow *preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);

    g_assert_nonnull (preferences);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==,
                     "portals");
    gtk_window_destroy (preferences);
  }

  g_assert_true (ods_application_show_page (app, "welcome"));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "welcome");
}

/* The window fits 800×600 on every screen. */
static void
assert_fits (GtkWidget  *widget,
             const char *what)
{
  int min_width, min_height;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 800, &min_height, NULL, NULL, NULL);
  g_test_message ("%s needs at least %d×%d", what, min_width, min_height);
  if (min_width > 800 || min_height > 600)
    g_error ("%s needs %d×%d, more than 800×600", what, min_width, min_height);
}

static void
test_window_small_screen (void)
{
  OdsWindow *window = get_window ();
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  GtkWindow *preferences;

  assert_fits (GTK_WIDGET (window), "The welcome page");
  show_sign_in_page (window);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (GTK_WIDGET (window), "portal_dropdown")), 1);
  ods_sign_in_page_set_error (page, "A long error message that wraps over several lines of the page, "
                                    "so that the page must still fit or scroll at 800 by 600 pixels.");
  wait_ms (300);
  assert_fits (GTK_WIDGET (window), "The sign-in page");
  ods_sign_in_page_set_error (page, NULL);
  ods_window_show_page (window, "welcome");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  assert_fits (GTK_WIDGET (preferences), "The preferences");
  gtk_window_destroy (preferences);
  iterate ();
}

/* Text at 200 %: everything still fits 800×600 (pages scroll). */
static void
test_window_large_text (void)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  OdsWindow *window = get_window ();
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  GtkWindow *preferences;
  int dpi;

  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (gtk_settings, "gtk-xft-dpi", 2 * 96 * 1024, NULL);
  wait_ms (50);

  assert_fits (GTK_WIDGET (window), "The welcome page in large text");
  show_sign_in_page (window);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  wait_ms (50);
  assert_fits (GTK_WIDGET (window), "The sign-in page in large text");
  ods_window_show_page (window, "welcome");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  assert_fits (GTK_WIDGET (preferences), "The preferences in large text");
  gtk_window_destroy (preferences);

  g_object_set (gtk_settings, "gtk-xft-dpi", dpi, NULL);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);
  iterate ();
}

/* Preferences */

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  OdsWindow *window = get_window ();
  GtkWindow *preferences;
  GtkWidget *root;
  AdwComboRow *language;
  GtkWidget *holidays_row;
  g_autofree char *language_value = NULL;

  g_settings_set_value (settings, "portals",
                        g_variant_new_parsed ("[('Sở TT&TT', 'https://data.example.gov.vn', '', false)]"));

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  wait_for_draw (GTK_WIDGET (preferences));
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (preferences), ==, "Preferences");
  root = GTK_WIDGET (preferences);

  /* Ctrl+comma again raises the same window rather than a second one. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  iterate ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint count = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        count += ODS_IS_PREFERENCES_WINDOW (item);
      }
    g_assert_cmpuint (count, ==, 1);
  }

  /* Language: the choice lands in GSettings, and back. */
  language = ADW_COMBO_ROW (need_widget (root, "language_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (language), ==, 0);
  adw_combo_row_set_selected (language, 1);
  language_value = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language_value, ==, "vi");
  g_clear_pointer (&language_value, g_free);
  adw_combo_row_set_selected (language, 2);
  language_value = g_settings_get_string (settings, "language");
  g_assert_cmpstr (language_value, ==, "en");
  g_settings_reset (settings, "language");
  iterate ();
  g_assert_cmpuint (adw_combo_row_get_selected (language), ==, 0);

  /* Upload limit, confirmation download. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (need_widget (root, "upload_limit_spin"))), ==, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need_widget (root, "upload_limit_spin")), 25);
  g_assert_cmpuint (g_settings_get_uint (settings, "upload-limit-mb"), ==, 25);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (need_widget (root, "confirm_download_switch"))));
  gtk_switch_set_active (GTK_SWITCH (need_widget (root, "confirm_download_switch")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "confirm-download"));

  /* Deadline rule: 15 days, first day does not count, by default. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (need_widget (root, "deadline_days_spin"))), ==, 15);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (need_widget (root, "deadline_days_spin")), 20);
  g_assert_cmpuint (g_settings_get_uint (settings, "deadline-days"), ==, 20);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (need_widget (root, "first_day_switch"))));
  gtk_switch_set_active (GTK_SWITCH (need_widget (root, "first_day_switch")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "deadline-first-day-counts"));

  /* Extra holidays: the file is shown; "clear" forgets it. */
  holidays_row = need_widget (root, "holidays_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (holidays_row)), "None"));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "holidays_clear_button")));
  g_settings_set_string (settings, "extra-holidays-file", "/srv/ngày lễ & tết.txt");
  iterate ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (holidays_row)), ==, "/srv/ngày lễ & tết.txt");
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "holidays_clear_button")));
  g_assert_true (gtk_widget_activate_action (root, "prefs.clear-holidays", NULL));
  iterate ();
  {
    g_autofree char *path = g_settings_get_string (settings, "extra-holidays-file");

    g_assert_cmpstr (path, ==, "");
  }
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (holidays_row)), "None"));

  /* Accessible names. */
  assert_accessible_label (GTK_WIDGET (language), "Language");
  assert_accessible_label (need_widget (root, "upload_limit_spin"), "Largest file the portal accepts (MB)");
  assert_accessible_label (need_widget (root, "confirm_download_switch"), "Download large files again to confirm them");
  assert_accessible_label (need_widget (root, "deadline_days_spin"), "Days allowed after the quarter ends");
  assert_accessible_label (need_widget (root, "first_day_switch"), "The first day counts");
  assert_accessible_label (need_widget (root, "holidays_choose_button"), "Choose a file of extra holidays");
  assert_accessible_label (need_widget (root, "holidays_clear_button"), "Stop Using This File");

  /* Portals: the preset and the one stored in GSettings. */
  {
    GtkWidget *group = need_widget (root, "portals_group");
    GtkWidget *page = GTK_WIDGET (ods_window_get_sign_in_page (window));
    gboolean preset = FALSE, stored = FALSE;
    GtkWidget *child;

    /* Rows live inside the group's list box: walk all descendants. */
    {
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();

      g_ptr_array_add (stack, group);
      while (stack->len > 0)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

          if (ADW_IS_ACTION_ROW (w))
            {
              const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (w));

              if (g_strcmp0 (subtitle, "http://127.0.0.1:5000") == 0)
                preset = TRUE;
              if (g_strcmp0 (subtitle, "https://data.example.gov.vn") == 0)
                stored = g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "Sở TT&amp;TT");
            }
          for (child = gtk_widget_get_first_child (w); child != NULL; child = gtk_widget_get_next_sibling (child))
            g_ptr_array_add (stack, child);
        }
    }
    g_assert_true (preset);
    g_assert_true (stored);

    /* The sign-in page offers it too. */
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                        GTK_DROP_DOWN (need_widget (page, "portal_dropdown")))), ==, 3);
  }

  gtk_window_close (preferences);
  iterate ();
  g_assert_null (find_toplevel (ODS_TYPE_PREFERENCES_WINDOW));

  g_settings_reset (settings, "portals");
  g_settings_reset (settings, "upload-limit-mb");
  g_settings_reset (settings, "confirm-download");
  g_settings_reset (settings, "deadline-days");
  g_settings_reset (settings, "deadline-first-day-counts");
}

static GtkWidget *
find_row_with_subtitle (GtkWidget  *root,
                        const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), subtitle) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with_subtitle (child, subtitle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button_with_action (GtkWidget  *root,
                         const char *action_name)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_action (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
assert_stored_portals (GSettings  *settings,
                       const char *expected)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "portals");
  g_autofree char *text = g_variant_print (value, FALSE);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_preferences_portals (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  OdsWindow *window = get_window ();
  GtkWidget *sign_in = GTK_WIDGET (ods_window_get_sign_in_page (window));
  GtkWindow *preferences, *editor, *dialog;
  GtkWidget *root, *row, *error_label, *button;

  g_settings_reset (settings, "portals");
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  root = GTK_WIDGET (preferences);
  g_assert_nonnull (find_row_with_subtitle (root, "http://127.0.0.1:5000"));
  /* The preset cannot be edited or removed. */
  g_assert_null (find_button_with_action (root, "prefs.remove-portal"));
  assert_accessible_label (need_widget (root, "add_portal_button"), "Add Portal");

  /* Add a portal. */
  g_assert_true (gtk_widget_activate_action (root, "prefs.add-portal", NULL));
  editor = find_toplevel (ODS_TYPE_PORTAL_EDITOR);
  g_assert_nonnull (editor);
  wait_for_draw (GTK_WIDGET (editor));
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Add Portal");
  g_assert_true (gtk_window_get_transient_for (editor) == preferences);
  assert_accessible_label (need_widget (GTK_WIDGET (editor), "name_entry"), "Name");
  assert_accessible_label (need_widget (GTK_WIDGET (editor), "url_entry"), "Portal address");
  assert_accessible_label (need_widget (GTK_WIDGET (editor), "insecure_switch"), "Allow plain HTTP");
  assert_accessible_label (need_widget (GTK_WIDGET (editor), "ca_choose_button"), "Choose a certificate authority file");
  assert_mnemonic_for (GTK_WIDGET (editor), "name_label", "name_entry");
  assert_mnemonic_for (GTK_WIDGET (editor), "url_label", "url_entry");
  error_label = need_widget (GTK_WIDGET (editor), "error_label");
  button = need_widget (GTK_WIDGET (editor), "save_button");
  g_assert_false (gtk_widget_is_sensitive (button));

  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "name_entry")), "Sở TT&TT Hà Nam");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "url_entry")), "http://data.example.gov.vn");
  iterate ();
  g_assert_true (gtk_widget_is_sensitive (button));

  /* http:// to another computer is refused, with what to do. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https:// address"));
  assert_stored_portals (settings, "[]");

  /* A test portal on this computer needs "Allow plain HTTP". */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "url_entry")), "http://localhost:8080");
  iterate ();
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  iterate ();
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Allow plain HTTP"));

  /* An https address is saved, and the editor closes. */
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "url_entry")), " https://data.example.gov.vn ");
  iterate ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  iterate ();
  g_assert_null (find_toplevel (ODS_TYPE_PORTAL_EDITOR));
  assert_stored_portals (settings, "[('Sở TT&TT Hà Nam', 'https://data.example.gov.vn', '', false)]");

  /* It is listed in Preferences and offered at sign-in. */
  row = find_row_with_subtitle (root, "https://data.example.gov.vn");
  g_assert_nonnull (row);
  g_assert_nonnull (find_button_with_action (row, "prefs.remove-portal"));
  assert_accessible_label (find_button_with_action (row, "prefs.remove-portal"), "Remove “Sở TT&TT Hà Nam”");
  assert_accessible_label (find_button_with_action (row, "prefs.edit-portal"), "Edit “Sở TT&TT Hà Nam”");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      GTK_DROP_DOWN (need_widget (sign_in, "portal_dropdown")))), ==, 3);

  /* The same address twice is refused. */
  gtk_widget_activate_action (root, "prefs.add-portal", NULL);
  editor = find_toplevel (ODS_TYPE_PORTAL_EDITOR);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "name_entry")), "Again");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "url_entry")), "https://data.example.gov.vn");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  iterate ();
  error_label = need_widget (GTK_WIDGET (editor), "error_label");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "already in the list"));
  gtk_window_close (editor);
  iterate ();
  g_assert_null (find_toplevel (ODS_TYPE_PORTAL_EDITOR));

  /* Edit it: the fields come filled in; the new name replaces the old. */
  gtk_widget_activate_action (root, "prefs.edit-portal", "s", "https://data.example.gov.vn");
  editor = find_toplevel (ODS_TYPE_PORTAL_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_window_get_title (editor), ==, "Edit Portal");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "name_entry"))), ==,
                   "Sở TT&TT Hà Nam");
  gtk_editable_set_text (GTK_EDITABLE (need_widget (GTK_WIDGET (editor), "name_entry")), "Cổng dữ liệu Hà Nam");
  g_signal_emit_by_name (need_widget (GTK_WIDGET (editor), "name_entry"), "activate");
  iterate ();
  g_assert_null (find_toplevel (ODS_TYPE_PORTAL_EDITOR));
  assert_stored_portals (settings, "[('Cổng dữ liệu Hà Nam', 'https://data.example.gov.vn', '', false)]");

  /* Remove it, after confirming. */
  gtk_widget_activate_action (root, "prefs.remove-portal", "s", "https://data.example.gov.vn");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Remove “Cổng dữ liệu Hà Nam”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  iterate ();
  assert_stored_portals (settings, "[('Cổng dữ liệu Hà Nam', 'https://data.example.gov.vn', '', false)]");
  gtk_widget_activate_action (root, "prefs.remove-portal", "s", "https://data.example.gov.vn");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "remove");
  iterate ();
  assert_stored_portals (settings, "[]");
  g_assert_null (find_row_with_subtitle (root, "https://data.example.gov.vn"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      GTK_DROP_DOWN (need_widget (sign_in, "portal_dropdown")))), ==, 2);

  gtk_window_destroy (preferences);
  iterate ();
}

/* The file step: drop or choose a table file */

static void
on_file_chosen (OdsFilePicker *picker,
                GFile         *file,
                GFile        **out)
{
  g_set_object (out, file);
}

static gboolean
drop_value (OdsFilePicker *picker,
            const GValue  *value)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (picker));
  gboolean accepted = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", value, 10.0, 10.0, &accepted);
          return accepted;
        }
    }

  g_error ("The file picker has no drop target");
}

static gboolean
drop_file (OdsFilePicker *picker,
           GFile         *file)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);

  return drop_value (picker, &value);
}

static void
test_file_picker (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ods-gui-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "dữ liệu quý 3.CSV", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "báo cáo.pdf", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) missing = g_file_new_build_filename (dir, "gone.csv", NULL);
  g_autoptr(GFile) chosen = NULL;
  g_autofree char *contents = g_strnfill (2048, 'a');
  GtkWidget *window, *root;
  OdsFilePicker *picker;
  GtkLabel *file_label, *error_label;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv_path, contents, 2048, NULL));
  g_assert_true (g_file_set_contents (pdf_path, "%PDF", -1, NULL));

  g_assert_true (ods_file_picker_is_accepted ("a.csv"));
  g_assert_true (ods_file_picker_is_accepted ("B.TSV"));
  g_assert_false (ods_file_picker_is_accepted ("c.xlsx"));
  g_assert_false (ods_file_picker_is_accepted ("csv"));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  picker = ODS_FILE_PICKER (ods_file_picker_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (picker));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (window);
  root = GTK_WIDGET (picker);
  file_label = GTK_LABEL (need_widget (root, "file_label"));
  error_label = GTK_LABEL (need_widget (root, "error_label"));
  g_signal_connect (picker, "file-chosen", G_CALLBACK (on_file_chosen), &chosen);

  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (need_widget (root, "status_page"))), ==,
                   "Choose the File to Submit");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (need_widget (root, "choose_button"))), ==,
                   "picker.choose");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (file_label)));

  /* Another type: refused, with what to do. */
  g_assert_false (drop_file (picker, pdf));
  g_assert_null (chosen);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "“báo cáo.pdf” is not a table file"));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "CSV"));

  /* Two files at once: refused. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    GFile *both[] = { csv, pdf };

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_array (both, 2));
    g_assert_false (drop_value (picker, &value));
    g_assert_nonnull (strstr (gtk_label_get_text (error_label), "one file at a time"));
  }

  /* A CSV file: chosen, its name and size shown. */
  g_assert_true (drop_file (picker, csv));
  g_assert_nonnull (chosen);
  g_assert_true (g_file_equal (chosen, csv));
  g_assert_true (g_file_equal (ods_file_picker_get_file (picker), csv));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  for (guint i = 0; i < 100 && !gtk_widget_get_visible (GTK_WIDGET (file_label)); i++)
    wait_ms (10);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_cmpstr (gtk_label_get_text (file_label), ==, "dữ liệu quý 3.CSV (2.0\xc2\xa0kB)");

  /* A file that went missing: the error says so. */
  g_assert_true (drop_file (picker, missing));
  for (guint i = 0; i < 100 && !gtk_widget_get_visible (GTK_WIDGET (error_label)); i++)
    wait_ms (10);
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "cannot be read"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (file_label)));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_remove (csv_path);
  g_remove (pdf_path);
  g_rmdir (dir);
}

/* The stall probe sees a blocked main loop. */

static gboolean
block_loop_cb (gpointer data)
{
  g_usleep (120 * 1000);
  return G_SOURCE_REMOVE;
}

static void
test_stall_probe (void)
{
  g_autoptr(OdsStallProbe) probe = ods_stall_probe_new (5, 50);

  /* A loop that keeps running: ticks, and no stall of 100 ms or more. */
  ods_stall_probe_start (probe);
  wait_ms (100);
  g_assert_cmpuint (ods_stall_probe_get_n_ticks (probe), >, 0);
  g_test_message ("Idle loop: longest stall %" G_GINT64_FORMAT " µs",
                  ods_stall_probe_get_longest_stall_us (probe));

  /* The same loop blocked for 120 ms once. */
  ods_stall_probe_start (probe);
  g_timeout_add (20, block_loop_cb, NULL);
  wait_ms (200);
  ods_stall_probe_stop (probe);
  g_assert_cmpint (ods_stall_probe_get_longest_stall_us (probe), >=, 100 * 1000);
  g_assert_cmpuint (ods_stall_probe_get_n_stalls (probe), >=, 1);

  /* Stopped: no more ticks. */
  {
    guint ticks = ods_stall_probe_get_n_ticks (probe);

    wait_ms (30);
    g_assert_cmpuint (ods_stall_probe_get_n_ticks (probe), ==, ticks);
  }
}

/* The upload step */

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
assert_time_left (guint64     seconds,
                  const char *expected)
{
  g_autofree char *text = ods_format_time_left (seconds);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_upload_progress (void)
{
  GtkWidget *window = gtk_window_new ();
  OdsUploadProgress *progress = ODS_UPLOAD_PROGRESS (ods_upload_progress_new ());
  GtkWidget *root = GTK_WIDGET (progress);
  GtkLabel *detail, *retry;
  guint cancelled = 0;

  assert_time_left (0, "about 1 second left");
  assert_time_left (1, "about 1 second left");
  assert_time_left (5, "about 5 seconds left");
  assert_time_left (60, "about 1 minute left");
  assert_time_left (61, "about 2 minutes left");
  assert_time_left (3600, "about 1 hour left");
  assert_time_left (3601, "about 2 hours left");

  gtk_window_set_child (GTK_WINDOW (window), root);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_draw (window);
  detail = GTK_LABEL (need_widget (root, "detail_label"));
  retry = GTK_LABEL (need_widget (root, "retry_label"));
  g_signal_connect (progress, "cancel-requested", G_CALLBACK (count_cb), &cancelled);
  assert_accessible_label (need_widget (root, "progress_bar"), "Upload progress");

  g_assert_cmpstr (gtk_label_get_text (detail), ==, "Preparing the upload…");
  ods_upload_progress_set_file_name (progress, "dân số 2026-Q3.csv");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (need_widget (root, "title_label"))), ==,
                   "Uploading “dân số 2026-Q3.csv”");

  /* Half-way at 1 MB/s (g_format_size() puts a no-break space before units). */
  ods_upload_progress_update (progress, 5000000, 10000000, 1000000);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (need_widget (root, "progress_bar"))), ==, 0.5);
  g_assert_cmpstr (gtk_label_get_text (detail), ==,
                   "5.0\xc2\xa0MB of 10.0\xc2\xa0MB · 1.0\xc2\xa0MB/s · about 5 seconds left");

  /* A retry is announced as such, and hidden once bytes move again. */
  ods_upload_progress_set_retry (progress, 2, 5, 10);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (retry)));
  g_assert_cmpstr (gtk_label_get_text (retry), ==,
                   "The connection was interrupted. Trying again (attempt 2 of 5) in 10 seconds…");
  ods_upload_progress_set_retry (progress, 3, 5, 1);
  g_assert_cmpstr (gtk_label_get_text (retry), ==,
                   "The connection was interrupted. Trying again (attempt 3 of 5) in 1 second…");
  ods_upload_progress_update (progress, 10000000, 10000000, 2000000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (retry)));
  g_assert_cmpstr (gtk_label_get_text (detail), ==, "10.0\xc2\xa0MB of 10.0\xc2\xa0MB · 2.0\xc2\xa0MB/s");

  /* Cancel, by button action (Escape is bound to it). */
  g_assert_true (gtk_widget_is_sensitive (need_widget (root, "cancel_button")));
  g_assert_true (gtk_widget_activate_action (root, "upload.cancel", NULL));
  g_assert_cmpuint (cancelled, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
}

/* The submission wizard in the window */

static const char *
step_text (GtkWidget *root)
{
  return gtk_label_get_text (GTK_LABEL (need_widget (root, "step_label")));
}

static void
test_wizard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ods-gui-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "q3.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  OdsWizard *wizard = ods_window_get_wizard (window);
  GtkWidget *wizard_root = GTK_WIDGET (wizard);
  GtkWidget *next = need_widget (wizard_root, "next_button");
  GtkWidget *back = need_widget (wizard_root, "back_button");
  GtkWidget *dataset_list;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv_path, "a,b\n1,2\n", -1, NULL));

  /* Signed out, there is nothing to submit. */
  ods_window_set_account (window, NULL);
  g_assert_false (gtk_widget_activate_action (root, "win.new-submission", NULL) &&
                  g_str_equal (ods_window_get_page (window), "submit"));

  ods_window_set_account (window, "Nguyễn Văn A — demo");
  wait_ms (50);
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "new_submission_button")));
  g_assert_true (gtk_widget_activate_action (root, "win.new-submission", NULL));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "submit");
  g_assert_true (gtk_widget_get_visible (need_widget (root, "back_button")));
  assert_accessible_label (need_widget (root, "back_button"), "Back to This Quarter");

  /* Step 1: dataset (a placeholder until the submission fills it in). */
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 1 of 6: Dataset");
  g_assert_false (gtk_widget_is_sensitive (back));
  g_assert_true (gtk_widget_is_sensitive (next));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Next");
  dataset_list = gtk_label_new ("datasets");
  ods_wizard_set_step_child (wizard, ODS_WIZARD_STEP_DATASET, dataset_list);
  wait_ms (50);
  g_assert_true (gtk_widget_get_mapped (dataset_list));

  /* Step 2: Next waits for a file. */
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);
  wait_ms (50);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 2 of 6: File");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ods_wizard_get_file_picker (wizard))));
  g_assert_true (gtk_widget_is_sensitive (back));
  g_assert_false (gtk_widget_is_sensitive (next));
  g_assert_true (drop_file (ods_wizard_get_file_picker (wizard), csv));
  g_assert_true (gtk_widget_is_sensitive (next));

  /* Leaving keeps the submission; coming back returns to it. */
  g_assert_true (gtk_widget_activate_action (root, "win.back", NULL));
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  gtk_widget_activate_action (root, "win.new-submission", NULL);
  wait_ms (50);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 2 of 6: File");

  /* Step 3: the check holds Next until the file has no errors. */
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 3 of 6: Check");
  g_assert_false (gtk_widget_is_sensitive (next));
  ods_wizard_set_step_complete (wizard, ODS_WIZARD_STEP_CHECK, TRUE);
  g_assert_true (gtk_widget_is_sensitive (next));

  /* Step 4: details; Next says Upload, once the resource has a name. */
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 4 of 6: Details");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Upload");
  {
    OdsDetailsForm *details = ods_wizard_get_details_form (wizard);
    GtkWidget *form = GTK_WIDGET (details);
    g_autofree char *name = NULL;
    g_autofree char *description = NULL;

    wait_ms (50);
    g_assert_true (gtk_widget_get_mapped (form));
    g_assert_false (gtk_widget_is_sensitive (next));
    assert_accessible_label (need_widget (form, "name_entry"), "Resource name");
    assert_accessible_label (need_widget (form, "description_view"), "Description");
    assert_mnemonic_for (form, "name_label", "name_entry");
    assert_mnemonic_for (form, "description_label", "description_view");

    ods_details_form_set_name (details, "Dân số — Quý 3/2026");
    g_assert_true (gtk_widget_is_sensitive (next));
    gtk_editable_set_text (GTK_EDITABLE (need_widget (form, "name_entry")), "   ");
    g_assert_false (gtk_widget_is_sensitive (next));
    gtk_editable_set_text (GTK_EDITABLE (need_widget (form, "name_entry")), " Dân số Q3 ");
    g_assert_true (gtk_widget_is_sensitive (next));
    name = ods_details_form_dup_name (details);
    g_assert_cmpstr (name, ==, "Dân số Q3");

    ods_details_form_set_description (details, "  Số liệu dân số theo xã.\n");
    description = ods_details_form_dup_description (details);
    g_assert_cmpstr (description, ==, "Số liệu dân số theo xã.");

    /* "What will be sent", with a dash for what is not known. */
    ods_details_form_set_summary (details, "Dân số & lao động", "New resource", NULL, "q3.csv (8 bytes)");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "dataset_row"))), ==,
                     "Dân số & lao động");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "period_row"))), ==, "—");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (need_widget (form, "file_row"))), ==,
                     "q3.csv (8 bytes)");
  }
  gtk_widget_activate_action (wizard_root, "wizard.back", NULL);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 3 of 6: Check");
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);

  /* Step 5: uploading. No way back, no leaving, no signing out. */
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);
  wait_ms (50);
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_UPLOAD);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ods_wizard_get_upload_progress (wizard))));
  g_assert_false (gtk_widget_is_sensitive (back));
  g_assert_false (gtk_widget_get_visible (next));
  g_assert_false (gtk_widget_is_sensitive (need_widget (root, "back_button")));
  g_assert_false (gtk_widget_activate_action (root, "win.sign-out", NULL) &&
                  ods_window_get_account (window) == NULL);
  g_assert_nonnull (ods_window_get_account (window));

  /* Step 6: confirmation; Done returns to the quarter. */
  ods_wizard_set_step (wizard, ODS_WIZARD_STEP_CONFIRMATION);
  g_assert_cmpstr (step_text (wizard_root), ==, "Step 6 of 6: Confirmation");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, "_Done");
  gtk_widget_activate_action (wizard_root, "wizard.next", NULL);
  wait_ms (50);
  g_assert_cmpstr (ods_window_get_page (window), ==, "quarter");
  g_assert_cmpint (ods_wizard_get_step (wizard), ==, ODS_WIZARD_STEP_DATASET);

  ods_window_set_account (window, NULL);
  g_remove (csv_path);
  g_rmdir (dir);
}

/* The notice above the signed-in screens (libadwaita 1.2 has no banner) */

static void
test_notice (void)
{
  OdsWindow *window = get_window ();
  OdsNotice *notice = ods_window_get_notice (window);
  GtkWidget *root = GTK_WIDGET (notice);
  guint clicked = 0;

  ods_window_set_account (window, "Nguyễn Văn A — demo");
  wait_ms (50);
  g_assert_false (ods_notice_get_revealed (notice));

  g_signal_connect (notice, "button-clicked", G_CALLBACK (count_cb), &clicked);
  ods_notice_show (notice, ODS_NOTICE_WARNING, "The deadline is in 2 days.", "_Submit Now");
  wait_ms (400);
  g_assert_true (ods_notice_get_revealed (notice));
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "title_label")));
  g_assert_cmpstr (ods_notice_get_title (notice), ==, "The deadline is in 2 days.");
  g_assert_true (gtk_widget_has_css_class (need_widget (root, "box"), "warning"));
  g_assert_true (gtk_widget_get_mapped (need_widget (root, "button")));
  g_signal_emit_by_name (need_widget (root, "button"), "clicked");
  g_assert_cmpuint (clicked, ==, 1);

  /* Another kind replaces the style; no button when none is asked for. */
  ods_notice_show (notice, ODS_NOTICE_ERROR, "The deadline has passed.", NULL);
  g_assert_true (gtk_widget_has_css_class (need_widget (root, "box"), "error"));
  g_assert_false (gtk_widget_has_css_class (need_widget (root, "box"), "warning"));
  g_assert_false (gtk_widget_get_visible (need_widget (root, "button")));

  ods_notice_hide (notice);
  g_assert_false (ods_notice_get_revealed (notice));
  ods_window_set_account (window, NULL);
}

/* An interrupted submission is offered again */

static void
on_resume_answered (OdsWindow *window,
                    gboolean   resume,
                    int       *answer)
{
  *answer = resume;
}

static void
test_offer_resume (void)
{
  OdsWindow *window = get_window ();
  GtkWindow *dialog;
  int answer = -1;
  gulong handler = g_signal_connect (window, "resume-answered", G_CALLBACK (on_resume_answered), &answer);

  ods_window_offer_resume (window, "“Dân số” for Quý 3/2026, stopped during the upload.");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Continue the Unfinished Submission?");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "“Dân số” for Quý 3/2026, stopped during the upload.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "continue");

  /* Escape: no answer yet. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  iterate ();
  g_assert_cmpint (answer, ==, -1);

  ods_window_offer_resume (window, "again");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  iterate ();
  g_assert_cmpint (answer, ==, TRUE);

  ods_window_offer_resume (window, "again");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  iterate ();
  g_assert_cmpint (answer, ==, FALSE);

  g_signal_handler_disconnect (window, handler);
}

/* Keyboard: Alt+letter shortcuts (mnemonics) must not clash on a screen,
 * in English and in Vietnamese; Tab reaches every field. */

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen,
                   GString    *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gtk_label_get_mnemonic_keyval (GTK_LABEL (widget));

      if (key != GDK_KEY_VoidSymbol)
        {
          const char *text = gtk_label_get_label (GTK_LABEL (widget));
          const char *other;

          key = gdk_keyval_to_lower (key);
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
          if (other != NULL)
            g_string_append_printf (problems, "“%s” and “%s” both use Alt+%s. ",
                                    other, text, gdk_keyval_name (key));
          else
            g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen, problems);
}

static void
assert_unique_mnemonics (GtkWidget  *root,
                         const char *screen,
                         GString    *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  gsize before = problems->len;

  wait_ms (300);
  collect_mnemonics (root, seen, problems);
  g_test_message ("%s: %u mnemonics", screen, g_hash_table_size (seen));
  if (problems->len > before)
    g_string_append_printf (problems, "(%s)\n", screen);
}

static void
check_mnemonics_everywhere (void)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GSettings) settings = new_settings ();
  OdsWindow *window = get_window ();
  OdsSignInPage *page = ods_window_get_sign_in_page (window);
  GtkWindow *preferences, *editor;

  ods_window_set_account (window, NULL);
  ods_window_show_page (window, "welcome");
  assert_unique_mnemonics (GTK_WIDGET (window), "welcome", problems);

  show_sign_in_page (window);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (GTK_WIDGET (window), "portal_dropdown")), 1);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);
  assert_unique_mnemonics (GTK_WIDGET (window), "sign-in with a token", problems);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_PASSWORD);
  assert_unique_mnemonics (GTK_WIDGET (window), "sign-in with a password", problems);
  ods_sign_in_page_set_method (page, ODS_SIGN_IN_METHOD_TOKEN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (need_widget (GTK_WIDGET (window), "portal_dropdown")), 0);
  ods_window_show_page (window, "welcome");

  ods_window_set_account (window, "Nguyễn Văn A — demo");
  assert_unique_mnemonics (GTK_WIDGET (window), "this quarter", problems);
  ods_window_show_page (window, "submit");
  ods_wizard_set_step (ods_window_get_wizard (window), ODS_WIZARD_STEP_FILE);
  assert_unique_mnemonics (GTK_WIDGET (window), "submission, file", problems);
  ods_wizard_set_step (ods_window_get_wizard (window), ODS_WIZARD_STEP_DETAILS);
  assert_unique_mnemonics (GTK_WIDGET (window), "submission, details", problems);
  ods_wizard_set_step (ods_window_get_wizard (window), ODS_WIZARD_STEP_UPLOAD);
  assert_unique_mnemonics (GTK_WIDGET (window), "submission, upload", problems);
  ods_wizard_set_step (ods_window_get_wizard (window), ODS_WIZARD_STEP_DATASET);
  ods_window_set_account (window, NULL);

  g_settings_set_string (settings, "extra-holidays-file", "/tmp/holidays.txt");
  g_assert_true (ods_application_show_page (app, "preferences"));
  preferences = find_toplevel (ODS_TYPE_PREFERENCES_WINDOW);
  assert_unique_mnemonics (GTK_WIDGET (preferences), "preferences, general", problems);
  g_assert_true (ods_application_show_page (app, "portals"));
  assert_unique_mnemonics (GTK_WIDGET (preferences), "preferences, portals", problems);

  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.add-portal", NULL);
  editor = find_toplevel (ODS_TYPE_PORTAL_EDITOR);
  g_assert_nonnull (editor);
  assert_unique_mnemonics (GTK_WIDGET (editor), "portal editor", problems);
  gtk_window_destroy (editor);
  gtk_window_destroy (preferences);
  g_settings_reset (settings, "extra-holidays-file");
  iterate ();

  if (problems->len > 0)
    g_error ("Clashing keyboard shortcuts: %s", problems->str);
}

static void
test_mnemonics_english (void)
{
  check_mnemonics_everywhere ();
}

static void
test_mnemonics_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      g_assert_true (ods_gui_apply_language ("vi"));
      g_assert_cmpstr (_("_Sign In"), ==, "Đăng _nhập");
      check_mnemonics_everywhere ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_tab_order (void)
{
  OdsWindow *window = get_window ();
  GtkWidget *root = GTK_WIDGET (window);
  const char *expected[] = { "portal_dropdown", "method_dropdown", "token_entry", "sign_in_button" };
  guint found = 0;

  show_sign_in_page (window);
  ods_sign_in_page_set_method (ods_window_get_sign_in_page (window), ODS_SIGN_IN_METHOD_TOKEN);
  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), "tok");
  gtk_widget_grab_focus (need_widget (root, "back_button"));
  wait_ms (50);

  /* Tab from the back button visits the fields in reading order. */
  for (guint i = 0; i < 30 && found < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (window));
      if (focus != NULL &&
          (focus == need_widget (root, expected[found]) ||
           gtk_widget_is_ancestor (focus, need_widget (root, expected[found]))))
        found++;
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));

  gtk_editable_set_text (GTK_EDITABLE (need_widget (root, "token_entry")), "");
  ods_window_show_page (window, "welcome");
}

/* The real executable: --page, and the language chosen in Preferences
 * applied at start, end to end (settings in a key file, desktop locale "C"). */

typedef struct
{
  GMainLoop *loop;
  GString   *err;
  const char *expected;
} ChildOutput;

static void
on_child_line (GObject      *stream,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChildOutput *out = user_data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result,
                                                                      NULL, NULL);

  if (line == NULL)
    {
      g_main_loop_quit (out->loop);
      return;
    }

  g_string_append_printf (out->err, "%s\n", line);
  if (strstr (line, out->expected) != NULL)
    {
      g_main_loop_quit (out->loop);
      return;
    }

  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (stream), G_PRIORITY_DEFAULT, NULL,
                                       on_child_line, out);
}

static gboolean
child_timeout_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static char *
run_app_until (const char *language_setting,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("ods-gui-config-XXXXXX", &error);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf ("[io/github/opendatasubmit/OpenDataSubmit]\nlanguage='%s'\n",
                                               language_setting);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) err_stream = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  ChildOutput out = { loop, g_string_new (NULL), expected };
  const char *bin = g_getenv ("OPENDATA_SUBMIT_BIN");
  guint timeout;

  g_assert_no_error (error);
  g_assert_nonnull (bin);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* Alone: no session bus, so no other running instance is asked. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);

  child = g_subprocess_launcher_spawn (launcher, &error, bin, "--page=no-such-page", NULL);
  g_assert_no_error (error);

  err_stream = g_data_input_stream_new (g_subprocess_get_stderr_pipe (child));
  g_data_input_stream_read_line_async (err_stream, G_PRIORITY_DEFAULT, NULL, on_child_line, &out);
  timeout = g_timeout_add_seconds (20, child_timeout_cb, loop);
  g_main_loop_run (loop);
  if (!g_main_context_find_source_by_id (NULL, timeout))
    g_test_message ("The app did not print “%s” within 20 s", expected);
  else
    g_source_remove (timeout);

  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, NULL);

  g_remove (keyfile);
  g_rmdir (settings_dir);
  {
    g_autofree char *glib_dir = g_path_get_dirname (settings_dir);

    g_rmdir (glib_dir);
  }
  g_rmdir (config);

  return g_string_free (out.err, FALSE);
}

static void
test_executable_language (void)
{
  g_autofree char *vi = run_app_until ("vi", "Không có trang");
  g_autofree char *en = NULL;

  g_test_message ("%s", vi);
  g_assert_nonnull (strstr (vi, "Không có trang “no-such-page” để hiển thị."));

  en = run_app_until ("en", "There is no page");
  g_assert_nonnull (strstr (en, "There is no page “no-such-page” to show."));
}

/* Status badges of the datasets */

static void
assert_badge (OdsStatusBadge *badge,
              OdsStatus       status,
              guint           days,
              const char     *text,
              const char     *css_class)
{
  ods_status_badge_set (badge, status, days);
  g_assert_cmpstr (ods_status_badge_get_text (badge), ==, text);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), css_class));
  g_assert_cmpint (ods_status_badge_get_status (badge), ==, status);
}

static void
test_status_badge (void)
{
  OdsStatusBadge *badge = g_object_ref_sink (ODS_STATUS_BADGE (ods_status_badge_new ()));

  assert_badge (badge, ODS_STATUS_NOT_REQUIRED, 0, "Not required", "not-required");
  assert_badge (badge, ODS_STATUS_DUE, 0, "Due today", "due");
  assert_badge (badge, ODS_STATUS_DUE, 1, "Due in 1 day", "due");
  assert_badge (badge, ODS_STATUS_DUE, 12, "Due in 12 days", "due");
  assert_badge (badge, ODS_STATUS_OVERDUE, 1, "Overdue by 1 day", "overdue");
  assert_badge (badge, ODS_STATUS_OVERDUE, 3, "Overdue by 3 days", "overdue");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (badge), "due"));
  assert_badge (badge, ODS_STATUS_ON_TIME, 0, "Submitted on time", "on-time");
  assert_badge (badge, ODS_STATUS_LATE, 2, "Submitted 2 days late", "late");
  assert_badge (badge, ODS_STATUS_LATE, 0, "Submitted late", "late");
  assert_badge (badge, ODS_STATUS_CONNECTED_API, 0, "Connected by API", "connected-api");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (badge), "late"));

  g_object_unref (badge);
}

/* About, shortcuts, accelerators */

static void
test_about_and_shortcuts (void)
{
  OdsWindow *window = get_window ();
  g_auto(GStrv) quit = NULL, preferences = NULL, shortcuts = NULL;
  GtkWindow *about;
  GtkWindow *overlay;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Open Data Submit");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  gtk_window_destroy (about);

  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);

  quit = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  preferences = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.preferences");
  shortcuts = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) preferences, "<Control>comma"));
  g_assert_true (g_strv_contains ((const char * const *) shortcuts, "<Control>question"));
}

/* Window size is kept in GSettings. */
static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  OdsWindow *window = get_window ();
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 610);
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();

  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = get_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 820);
  g_assert_cmpint (height, ==, 610);
}

/* Language chosen in Preferences, applied at start */

static void
test_language_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      /* Even without a configured desktop locale. */
      g_setenv ("LC_ALL", "C", TRUE);
      g_unsetenv ("LANGUAGE");
      g_assert_true (ods_gui_apply_language ("vi"));
      /* printf, not g_print: in the C locale g_print would turn "Đ" into "?". */
      {
        g_autofree char *left = ods_format_time_left (5);
        g_autofree char *due = ods_status_describe (ODS_STATUS_DUE, 3);

        printf ("[%s]\n[%s]\n[%s]\n[%s]\n", _("Sign In to the Portal"), _("translator-credits"), left, due);
      }
      fflush (stdout);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*[Đăng nhập vào cổng dữ liệu]*");
  g_test_trap_assert_stdout_unmatched ("*[translator-credits]*");
  g_test_trap_assert_stdout ("*[khoảng 5 giây nữa]*");
  g_test_trap_assert_stdout ("*[Còn 3 ngày]*");
}

static void
test_language_english_over_environment (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "vi", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_assert_true (ods_gui_apply_language ("en"));
      printf ("[%s]\n", _("Sign In to the Portal"));
      fflush (stdout);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*[Sign In to the Portal]*");
}

static void
test_language_system (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "vi", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_assert_false (ods_gui_apply_language ("system"));
      g_assert_false (ods_gui_apply_language ("fr"));
      ods_i18n_init ();
      printf ("[%s]\n", _("Sign In to the Portal"));
      fflush (stdout);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*[Đăng nhập vào cổng dữ liệu]*");
}

int
main (int    argc,
      char **argv)
{
  int ret;

  /* The widget tests read English; Vietnamese is checked in subprocesses. */
  g_setenv ("LANGUAGE", "en", TRUE);
  /* Rendering is not under test: spare the CPU Mesa's software GL would use
   * under Xvfb (the screenshots use the default renderer). */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/window/signed-out", test_window_signed_out);
  g_test_add_func ("/gui/sign-in/fields", test_sign_in_fields);
  g_test_add_func ("/gui/sign-in/request", test_sign_in_request);
  g_test_add_func ("/gui/window/show-page", test_show_page_action);
  g_test_add_func ("/gui/window/small-screen", test_window_small_screen);
  g_test_add_func ("/gui/window/large-text", test_window_large_text);
  g_test_add_func ("/gui/preferences", test_preferences);
  g_test_add_func ("/gui/preferences/portals", test_preferences_portals);
  g_test_add_func ("/gui/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/gui/file-picker", test_file_picker);
  g_test_add_func ("/gui/stall-probe", test_stall_probe);
  g_test_add_func ("/gui/status-badge", test_status_badge);
  g_test_add_func ("/gui/upload-progress", test_upload_progress);
  g_test_add_func ("/gui/wizard", test_wizard);
  g_test_add_func ("/gui/notice", test_notice);
  g_test_add_func ("/gui/offer-resume", test_offer_resume);
  g_test_add_func ("/gui/keyboard/mnemonics-english", test_mnemonics_english);
  g_test_add_func ("/gui/keyboard/mnemonics-vietnamese", test_mnemonics_vietnamese);
  g_test_add_func ("/gui/keyboard/tab-order", test_tab_order);
  g_test_add_func ("/gui/window/state", test_window_state);
  g_test_add_func ("/gui/language/vietnamese", test_language_vietnamese);
  g_test_add_func ("/gui/language/english-over-environment", test_language_english_over_environment);
  g_test_add_func ("/gui/language/system", test_language_system);
  g_test_add_func ("/gui/language/executable", test_executable_language);

  ret = g_test_run ();

  if (app != NULL)
    {
      g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

      for (GList *l = windows; l != NULL; l = l->next)
        gtk_window_destroy (l->data);
      iterate ();
      g_clear_object (&app);
    }

  return ret;
}
