/* bench-upload: streams a large file to the stand-in portal on loopback with
 * OdsPortalClient (resource_create, multipart from disk), then the same file
 * with `curl -F`, and prints both throughputs and this process's peak RSS.
 *
 *   bench-upload [SIZE_MB]      (default 1024; needs OPENDATA_SUBMIT_PORTAL_BIN and curl)
 */
#include "ods-portal-client.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, "VmHWM:");
  return p ? strtol (p + 6, NULL, 10) : -1;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
main (int argc, char **argv)
{
  guint64 size_mb = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1024;
  const char *bin = g_getenv ("OPENDATA_SUBMIT_PORTAL_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(OdsPortalClient) client = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanResource) res = NULL;
  g_autofree char *block = g_malloc (1 << 20);
  gint64 t0, t1;
  double ods_s, curl_s;
  long rss_before;
  FILE *f;

  if (bin == NULL || size_mb == 0)
    {
      fprintf (stderr, "usage: OPENDATA_SUBMIT_PORTAL_BIN=… bench-upload [SIZE_MB]\n");
      return 2;
    }

  dir = g_dir_make_tmp ("ods-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.csv", NULL);
  f = fopen (path, "wb");
  for (gsize i = 0; i < (1 << 20); i++)
    block[i] = "quy,chi_tieu,du_toan,thuc_hien\n"[i % 31];
  for (guint64 i = 0; i < size_mb; i++)
    fwrite (block, 1, 1 << 20, f);
  fclose (f);

  {
    const char *tok_argv[] = { bin, "--print-demo-tokens", NULL };
    g_autoptr(GSubprocess) p = g_subprocess_newv (tok_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_autofree char *out = NULL;
    g_auto(GStrv) rows = NULL;

    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error);
    rows = g_strsplit (out, "\n", -1);
    for (gsize i = 0; rows[i] != NULL; i++)
      if (g_str_has_prefix (rows[i], "officer-stc\t"))
        token = g_strdup (strrchr (rows[i], '\t') + 1);
  }

  data_dir = g_build_filename (dir, "portal", NULL);
  limit = g_strdup_printf ("--max-resource-size-mb=%" G_GUINT64_FORMAT, size_mb + 10);
  {
    g_autofree char *dd = g_strdup_printf ("--data-dir=%s", data_dir);
    const char *portal_argv[] = { bin, "--port=0", dd, "--seed=demo", "--no-validation", limit, NULL };

    portal = g_subprocess_newv (portal_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
    g_assert_no_error (error);
  }
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_nonnull (line);
  url = g_strdup (line + strlen ("listening on "));

  client = ods_portal_client_new (url, FALSE, NULL, &error);
  g_assert_no_error (error);
  ods_portal_client_set_token (client, token);
  file = g_file_new_for_path (path);

  rss_before = peak_rss_kb ();
  t0 = g_get_monotonic_time ();
  {
    const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "bench", "format", "CSV", NULL };

    ods_portal_client_resource_create_async (client, fields, file, "text/csv", NULL, NULL, NULL, on_done, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    res = ods_portal_client_resource_create_finish (client, result, &error);
  }
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, (gint64) size_mb << 20);
  ods_s = (t1 - t0) / 1e6;

  {
    g_autofree char *auth = g_strdup_printf ("Authorization: %s", token);
    g_autofree char *form = g_strdup_printf ("upload=@%s", path);
    g_autofree char *target = g_strdup_printf ("%sapi/3/action/resource_create", url);
    const char *curl_argv[] = { "curl", "-sS", "-o", "/dev/null", "-H", auth, "-F", "package_id=thu-chi-ngan-sach",
                                "-F", "name=bench-curl", "-F", "format=CSV", "-F", form, target, NULL };
    int status = 0;

    t0 = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **) curl_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
    t1 = g_get_monotonic_time ();
    g_assert_no_error (error);
    curl_s = (t1 - t0) / 1e6;
  }

  printf ("file: %" G_GUINT64_FORMAT " MiB on 127.0.0.1 (stand-in portal)\n", size_mb);
  printf ("opendata-submit: %.2f s, %.0f MiB/s\n", ods_s, size_mb / ods_s);
  printf ("curl -F:         %.2f s, %.0f MiB/s\n", curl_s, size_mb / curl_s);
  printf ("ratio: %.2f x curl\n", curl_s / ods_s);
  printf ("peak RSS: %.1f MiB (%.1f MiB before the upload)\n", peak_rss_kb () / 1024.0, rss_before / 1024.0);

  g_subprocess_send_signal (portal, 15);
  g_subprocess_wait (portal, NULL, NULL);
  g_unlink (path);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    if (system (cmd) != 0)
      fprintf (stderr, "could not remove %s\n", dir);
  }
  return 0;
}
