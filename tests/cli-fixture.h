/* cli-fixture.h: runs the built opendata-submit as a user would.
 * Header-only, shared by the CLI test binaries (hence G_GNUC_UNUSED). */
#pragma once

#include <gio/gio.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

G_GNUC_UNUSED static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* Runs $OPENDATA_SUBMIT_BIN with @argv (NULL-terminated, without the program)
 * in a clean English environment: LC_ALL=C.UTF-8, no LANGUAGE, "now" fixed at
 * 26/11/2026 09:00 in Vietnam, then @env (NAME=VALUE pairs, may be NULL). */
G_GNUC_UNUSED static void
cli_run (CliRun             *run,
         const char * const *env,
         const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *bin = g_getenv ("OPENDATA_SUBMIT_BIN");

  g_assert_nonnull (bin);
  g_ptr_array_add (args, (gpointer) bin);
  for (gsize i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_HOLIDAYS");
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_HISTORY");
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_USER");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "OPENDATA_SUBMIT_NOW", "2026-11-26T09:00:00+07:00", TRUE);
  for (gsize i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, kv[0], kv[1], TRUE);
    }

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (proc);
}
