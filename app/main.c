/* main.c: opendata-submit opens the window; opendata-submit COMMAND runs headless.
 *
 * The window's code lives in a module (opendata-submit-gui), loaded only when
 * the window opens: a headless command starts without loading GTK and
 * libadwaita, and runs where they are not installed. */
#include "config.h"

#include "ods-cli.h"
#include "ods-i18n.h"

#include <gmodule.h>
#include <stdio.h>
#ifdef G_OS_WIN32
#include <windows.h>
#endif

typedef int (*OdsGuiRunFunc) (int    argc,
                              char **argv);

/* Where the module is: $OPENDATA_SUBMIT_GUI_MODULE, else beside the
 * executable (the build tree; a Windows installation), else PKGLIBDIR. */
static char *
find_gui_module (void)
{
  const char *name = "opendata-submit-gui." G_MODULE_SUFFIX;
  const char *env = g_getenv ("OPENDATA_SUBMIT_GUI_MODULE");
  g_autofree char *exe_dir = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
#ifdef G_OS_WIN32
  exe_dir = g_win32_get_package_installation_directory_of_module (NULL);
  if (exe_dir != NULL)
    {
      g_autofree char *bin_dir = g_build_filename (exe_dir, "bin", NULL);
      g_autofree char *path = g_build_filename (bin_dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
#else
  {
    g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

    if (exe != NULL)
      exe_dir = g_path_get_dirname (exe);
  }
#endif
  if (exe_dir != NULL)
    {
      g_autofree char *path = g_build_filename (exe_dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  return g_build_filename (PKGLIBDIR, name, NULL);
}

static int
run_window (int    argc,
            char **argv)
{
  g_autofree char *path = find_gui_module ();
  GModule *module = g_module_open (path, G_MODULE_BIND_LOCAL);
  OdsGuiRunFunc run = NULL;

  if (module == NULL || !g_module_symbol (module, "ods_gui_module_run", (gpointer *) &run))
    {
      /* TRANSLATORS: %s is the technical reason, e.g. "file not found" */
      fprintf (stderr, _("The window of Open Data Submit cannot open: its part %s could not be "
                         "loaded (%s). Reinstall the application. The commands still work: "
                         "opendata-submit --help lists them.\n"),
               path, g_module_error ());
      return 1;
    }
  g_module_make_resident (module);
  return run (argc, argv);
}

/* On Windows the executable is a GUI program (no console window pops up
 * when the window opens), so a command typed in cmd.exe or PowerShell
 * would print nothing: read from and write to the console it was typed in,
 * unless the input or output is a file or a pipe. */
static void
use_parent_console (void)
{
#ifdef G_OS_WIN32
  gboolean in_redirected = GetFileType (GetStdHandle (STD_INPUT_HANDLE)) != FILE_TYPE_UNKNOWN;
  gboolean out_redirected = GetFileType (GetStdHandle (STD_OUTPUT_HANDLE)) != FILE_TYPE_UNKNOWN;
  gboolean err_redirected = GetFileType (GetStdHandle (STD_ERROR_HANDLE)) != FILE_TYPE_UNKNOWN;

  if ((in_redirected && out_redirected && err_redirected) || !AttachConsole (ATTACH_PARENT_PROCESS))
    return;
  /* The password of `login` is typed there too. */
  if (!in_redirected)
    (void) freopen ("CONIN$", "r", stdin);
  if (!out_redirected)
    (void) freopen ("CONOUT$", "w", stdout);
  if (!err_redirected)
    (void) freopen ("CONOUT$", "w", stderr);
  SetConsoleOutputCP (CP_UTF8);
#endif
}

int
main (int    argc,
      char **argv)
{
  ods_i18n_init ();

  /* A first argument that is not an option names a headless command. */
  if (argc > 1 && (argv[1][0] != '-' || g_str_equal (argv[1], "--help") ||
                   g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "--version")))
    {
      use_parent_console ();
      return ods_cli_run (argc - 1, argv + 1);
    }

  return run_window (argc, argv);
}
