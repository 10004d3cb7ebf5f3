#define G_LOG_DOMAIN "ods-gui"

#include "config.h"

#include "ods-gui.h"
#include "ods-application.h"
#include "ods-i18n.h"

#include <locale.h>
#include <stdio.h>

/**
 * ods_gui_apply_language:
 * @language: the "language" setting: "system", "vi" or "en"
 *
 * Makes the chosen language win over the desktop's for this process: sets
 * `LANGUAGE` (read by gettext, GTK and libadwaita alike) and binds the text
 * domain again. Must run before any string is translated and before GTK
 * starts, since it changes the environment (ods_gui_run() calls it right
 * after reading the setting; at most GDBus's idle worker thread exists then,
 * which does not read the environment).
 *
 * gettext ignores `LANGUAGE` when the messages locale is plain "C" (a
 * desktop without a configured locale); then C.UTF-8 is used (through
 * `LC_ALL` or `LC_MESSAGES`) so the choice still takes effect.
 *
 * Returns: %TRUE if the environment was changed
 */
gboolean
ods_gui_apply_language (const char *language)
{
  const char *messages;

  if (language == NULL || (!g_str_equal (language, "vi") && !g_str_equal (language, "en")))
    return FALSE;

  g_setenv ("LANGUAGE", language, TRUE);
  ods_i18n_init ();

  /* Through the environment, so that GTK's own setlocale (LC_ALL, "") at
   * start-up keeps it. */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    {
      const char *all = g_getenv ("LC_ALL");

      if (all != NULL && *all != '\0')
        g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      else
        g_setenv ("LC_MESSAGES", "C.UTF-8", TRUE);
      ods_i18n_init ();
    }

  return TRUE;
}

/* Running from the build tree (build/app/opendata-submit): use the schema
 * compiled in build/data, so that the uninstalled binary starts. */
static void
use_build_tree_schemas (void)
{
#ifdef G_OS_UNIX
  g_autofree char *exe = NULL;
  g_autofree char *exe_dir = NULL;
  g_autofree char *build_dir = NULL;
  g_autofree char *ninja = NULL;
  g_autofree char *schemas = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe == NULL)
    return;

  exe_dir = g_path_get_dirname (exe);
  build_dir = g_path_get_dirname (exe_dir);
  ninja = g_build_filename (build_dir, "build.ninja", NULL);
  schemas = g_build_filename (build_dir, "data", "gschemas.compiled", NULL);

  if (g_file_test (ninja, G_FILE_TEST_EXISTS) && g_file_test (schemas, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (schemas);

      g_setenv ("GSETTINGS_SCHEMA_DIR", dir, FALSE);
    }
#endif
}

static gboolean
have_schema (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL;
}

int
ods_gui_run (int    argc,
             char **argv)
{
  g_autoptr(OdsApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *language = NULL;

  use_build_tree_schemas ();

  if (!have_schema ())
    {
      fprintf (stderr, "%s\n",
               _("The settings of Open Data Submit are not installed, so the window cannot open. "
                 "Reinstall the application, or when running from a build folder, set "
                 "GSETTINGS_SCHEMA_DIR to its “data” folder."));
      return 1;
    }

  settings = g_settings_new (APP_ID);
  language = g_settings_get_string (settings, "language");
  ods_gui_apply_language (language);
  g_clear_object (&settings);

  g_set_application_name (_("Open Data Submit"));

  app = ods_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
