/* gui-fixture.h: finding a window's widgets by their template ids, for the
 * widget tests. Header-only, shared by the GUI test binaries. */
#pragma once

#include <gtk/gtk.h>

#include "ods-application.h"
#include "ods-window.h"

/* The test binary's application (non-unique), registered and activated the
 * first time; returns its window. */
G_GNUC_UNUSED static OdsWindow *
test_app_window (OdsApplication **app)
{
  if (*app == NULL)
    {
      g_autoptr(GError) error = NULL;

      *app = ods_application_new (G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (*app), NULL, &error));
      g_assert_no_error (error);
      g_application_activate (G_APPLICATION (*app));
    }
  return ODS_WINDOW (ods_application_get_window (*app));
}

/* The widget under @root (depth first) whose GtkBuilder id is @id, or %NULL. */
G_GNUC_UNUSED static GtkWidget *
find_widget (GtkWidget  *root,
             const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Like find_widget(), but the test fails when there is none. */
G_GNUC_UNUSED static GtkWidget *
need_widget (GtkWidget  *root,
             const char *id)
{
  GtkWidget *widget = find_widget (root, id);

  if (widget == NULL)
    g_error ("No widget with id “%s”", id);
  return widget;
}

/* The save or open dialog on screen: GtkFileChooserNative shows a
 * GtkFileChooserDialog where there is no portal (as under Xvfb). %NULL if
 * there is none. */
G_GNUC_UNUSED static GtkFileChooser *
find_file_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_FILE_CHOOSER (window);
    }
  return NULL;
}

/* Answers a save dialog as the officer would: opens @folder, keeps the
 * suggested name (which must be @expected_name) and presses Save.
 * Returns the path of the file chosen. */
G_GNUC_UNUSED static char *
accept_save_dialog (GtkFileChooser *chooser,
                    const char     *folder,
                    const char     *expected_name)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  char *expected = g_build_filename (folder, expected_name, NULL);

  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, expected_name);
  /* The dialog reads its folders in the background: the officer's clicks
   * come once it has (the folder opened, then Save). */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GFile) chosen = NULL;
      g_autoptr(GFile) parent = NULL;

      if (i % 50 == 0)
        {
          g_assert_true (gtk_file_chooser_set_current_folder (chooser, dir, &error));
          g_assert_no_error (error);
        }
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      chosen = gtk_file_chooser_get_file (chooser);
      parent = chosen != NULL ? g_file_get_parent (chosen) : NULL;
      if (parent != NULL && g_file_equal (parent, dir) && i >= 20)
        break;
    }
  {
    g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);
    g_autofree char *path = chosen != NULL ? g_file_get_path (chosen) : NULL;

    g_test_message ("Saving to %s", path);
    g_assert_cmpstr (path, ==, expected);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  return expected;
}
