/* gui-fixture.h: finding a window's widgets by their template ids, for the
 * widget tests. Header-only, shared by the GUI test binaries. */
#pragma once

#include <gtk/gtk.h>

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
