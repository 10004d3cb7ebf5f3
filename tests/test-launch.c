/* The one executable: without a command it opens the window through its
 * module (opendata-submit-gui); a headless command never loads GTK; a
 * missing module is explained. Needs a display and a D-Bus session (the gui
 * suite runs under xvfb-run and dbus-run-session). */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-fixture.h"

typedef struct
{
  gboolean  appeared;
  gboolean  exited;
  int       status;
} Launch;

static void
on_appeared (GDBusConnection *connection,
             const char      *name,
             const char      *owner,
             gpointer         user_data)
{
  ((Launch *) user_data)->appeared = TRUE;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Launch *launch = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  launch->exited = TRUE;
  launch->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
}

/* Waits until @flag or @or_flag (may be NULL) is set. */
static void
wait_until (gboolean   *flag,
            gboolean   *or_flag,
            guint       seconds,
            const char *what)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!*flag && (or_flag == NULL || !*or_flag))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

/* `opendata-submit` opens the window: the application appears on the
 * session bus under its id, and its Quit action (as Ctrl+Q) ends it. */
static void
test_window_opens (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *home = g_dir_make_tmp ("ods-launch-XXXXXX", &error);
  Launch launch = { 0 };
  guint watch;

  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (bus, APP_ID, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_appeared, NULL, &launch, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_GUI_MODULE");
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("OPENDATA_SUBMIT_BIN"), NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (proc, NULL, on_exited, &launch);

  wait_until (&launch.appeared, &launch.exited, 60, "the window's application on the session bus");
  if (launch.exited)
    g_error ("opendata-submit ended (status %d) instead of opening the window", launch.status);
  reply = g_dbus_connection_call_sync (bus, APP_ID, "/io/github/opendatasubmit/OpenDataSubmit",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
  g_assert_no_error (error);
  wait_until (&launch.exited, NULL, 30, "the window to close");
  g_assert_cmpint (launch.status, ==, 0);
  g_bus_unwatch_name (watch);
  g_rmdir (home);
}

/* Without its module the window cannot open, and says what to do; the
 * commands still work. */
static void
test_module_missing (void)
{
  const char *env[] = { "OPENDATA_SUBMIT_GUI_MODULE=/nonexistent/opendata-submit-gui.so", NULL };
  const char *window[] = { NULL };
  const char *version[] = { "version", NULL };
  g_auto(CliRun) w = { 0 };
  g_auto(CliRun) v = { 0 };

  cli_run (&w, env, window);
  g_assert_cmpint (w.status, ==, 1);
  g_assert_nonnull (strstr (w.err, "The window of Open Data Submit cannot open"));
  g_assert_nonnull (strstr (w.err, "Reinstall the application"));
  g_assert_nonnull (strstr (w.err, "opendata-submit --help"));

  cli_run (&v, env, version);
  g_assert_cmpint (v.status, ==, 0);
  g_assert_true (g_str_has_prefix (v.out, "opendata-submit "));
}

/* A headless command never loads GTK (the dynamic loader's own list of
 * the libraries it opens, LD_DEBUG=libs, glibc only). */
static void
test_headless_without_gtk (void)
{
  const char *env[] = { "LD_DEBUG=libs", NULL };
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "ods-launch.csv", NULL);
  const char *argv[] = { "validate", csv, NULL };
  g_auto(CliRun) run = { 0 };

  g_assert_true (g_file_set_contents (csv, "a,b\n1,2\n", -1, NULL));
  cli_run (&run, env, argv);
  g_unlink (csv);
  g_assert_cmpint (run.status, ==, 0);
  if (strstr (run.err, "libglib-2.0.so") == NULL)
    {
      g_test_skip ("the dynamic loader does not list the libraries it opens (LD_DEBUG)");
      return;
    }
  g_assert_null (strstr (run.err, "libgtk-4.so"));
  g_assert_null (strstr (run.err, "libadwaita-1.so"));
  g_assert_null (strstr (run.err, "opendata-submit-gui"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/launch/window-opens", test_window_opens);
  g_test_add_func ("/launch/module-missing", test_module_missing);
  g_test_add_func ("/launch/headless-without-gtk", test_headless_without_gtk);
  return g_test_run ();
}
