/* portal-fixture.h: runs the stand-in CKAN portal (tests/portal) for one test.
 * Header-only, shared by the HTTP test binaries; each uses only some of the
 * helpers, hence G_GNUC_UNUSED. */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <string.h>
#include "fs-fixture.h"

typedef struct
{
  GSubprocess *proc;
  char        *dir;
  char        *url;
} TestPortal;

G_GNUC_UNUSED static char *
test_portal_bin (void)
{
  const char *bin = g_getenv ("OPENDATA_SUBMIT_PORTAL_BIN");

  g_assert_nonnull (bin);
  return g_strdup (bin);
}

/* The portal goes when the test goes, even when the test is killed. */
G_GNUC_UNUSED static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* Extra arguments: NULL-terminated, may be NULL. Like CKAN 2.10, the portal
 * cannot say whose a token is: a client needs the user name with the token
 * (ods_portal_client_set_user_name, OPENDATA_SUBMIT_USER, the sign-in page's
 * user field). "--user-show-whoami" in @extra makes user_show answer "who am I". */
G_GNUC_UNUSED static TestPortal *
test_portal_start (const char * const *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autofree char *bin = test_portal_bin ();
  TestPortal *portal = g_new0 (TestPortal, 1);
  g_autofree char *data_dir = NULL;

  portal->dir = g_dir_make_tmp ("ods-test-portal-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (portal->dir, "portal", NULL);

  g_ptr_array_add (argv, g_steal_pointer (&bin));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", data_dir));
  g_ptr_array_add (argv, g_strdup ("--seed=demo"));
  g_ptr_array_add (argv, g_strdup ("--enable-faults"));
  for (gsize i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    portal->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  }
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal->proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  portal->url = g_strdup (line + strlen ("listening on "));
  return portal;
}

G_GNUC_UNUSED static void
test_portal_stop (TestPortal *portal)
{
  if (portal == NULL)
    return;
  g_subprocess_send_signal (portal->proc, SIGTERM);
  g_subprocess_wait (portal->proc, NULL, NULL);
  g_object_unref (portal->proc);
  remove_tree (portal->dir);
  g_free (portal->dir);
  g_free (portal->url);
  g_free (portal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPortal, test_portal_stop)

/* The fixed demo token of @user (officer-stc, officer-syt, admin, …). */
G_GNUC_UNUSED static char *
test_portal_token (const char *user)
{
  g_autofree char *bin = test_portal_bin ();
  const char *argv[] = { bin, "--print-demo-tokens", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  for (gsize i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (cols) == 3 && g_str_equal (cols[0], user))
        return g_strdup (cols[2]);
    }
  g_assert_not_reached ();
}

/* POSTs @json to a control path (/__faults, /__stats); returns the answer. */
G_GNUC_UNUSED static JsonObject *
test_portal_control (TestPortal *portal,
                     const char *path,
                     const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (portal->url, path + 1, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (json ? "POST" : "GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json != NULL)
    {
      g_autoptr(GBytes) b = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", b);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

G_GNUC_UNUSED static void
test_portal_fault (TestPortal *portal,
                   const char *json)
{
  json_object_unref (test_portal_control (portal, "/__faults", json));
}

G_GNUC_UNUSED static void
test_portal_reset_stats (TestPortal *portal)
{
  json_object_unref (test_portal_control (portal, "/__stats", "{}"));
}

/* How many requests of @action the portal received since the last reset. */
G_GNUC_UNUSED static gint64
test_portal_received (TestPortal *portal,
                      const char *action)
{
  g_autoptr(JsonObject) stats = test_portal_control (portal, "/__stats", NULL);
  JsonObject *received = json_object_get_object_member (stats, "received");

  return json_object_get_int_member_with_default (received, action, 0);
}

G_GNUC_UNUSED static void
test_on_result (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Spins the main context until *result is set. */
G_GNUC_UNUSED static void
test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}
