/* fs-fixture.h: removing the folders tests make. Header-only, shared by the
 * test binaries (hence G_GNUC_UNUSED). */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything under it (not following symbolic links). */
G_GNUC_UNUSED static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  return g_rmdir (path) == 0;
}
