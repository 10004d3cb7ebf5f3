/* bench-upload: streams a large file to the stand-in portal on loopback with
 * OdsPortalClient (resource_create, multipart from disk) and with `curl -F`,
 * in turns (ours, curl, ours, curl, …) against the same server, and prints
 * each run, the median ratio, the CPU time each client spent per GiB and this
 * process's peak RSS.
 *
 *   bench-upload [--rounds N] [--only ours|curl] [SIZE_MIB]
 *       (default 5 rounds of 1024 MiB; needs OPENDATA_SUBMIT_PORTAL_BIN and curl)
 *
 * Fairness: the file is written and read once before the first run, so both
 * clients read it from the page cache; the portal deletes nothing, so the
 * bench removes each stored copy after its run, before the next one starts.
 * Wall time counts for the ratio; CPU time (user + system of the client
 * process only, not the portal) is what a client costs on a busy machine.
 */
#include "ods-portal-client.h"

#include <glib/gstdio.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

typedef struct
{
  double wall_s;
  double cpu_s;
  double portal_cpu_s;
} Run;

static const char *portal_pid;

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

static double
tv_s (struct timeval tv)
{
  return tv.tv_sec + tv.tv_usec / 1e6;
}

static double
self_cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return tv_s (ru.ru_utime) + tv_s (ru.ru_stime);
}

/* User + system time of the portal process so far (Linux /proc). */
static double
portal_cpu_s (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", portal_pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *p;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (p + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;
  /* After the name: state is field 3, utime 14 and stime 15 of the whole line. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The portal keeps every upload in DATA_DIR/files/<resource id>: removes the
 * ones of the size the bench sends, so the disk does not fill up and the
 * kernel has no gigabytes of dirty pages to write back during the next run. */
static void
remove_uploads (const char *data_dir,
                goffset     size)
{
  g_autofree char *files = g_build_filename (data_dir, "files", NULL);
  g_autoptr(GDir) dir = g_dir_open (files, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (files, name, NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == size)
        g_unlink (path);
    }
}

static Run
run_ours (OdsPortalClient *client,
          GFile           *file,
          goffset          size)
{
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "bench", "format", "CSV", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanResource) res = NULL;
  g_autoptr(GError) error = NULL;
  double cpu0 = self_cpu_s ();
  double portal0 = portal_cpu_s ();
  gint64 t0 = g_get_monotonic_time ();
  Run run;

  ods_portal_client_resource_create_async (client, fields, file, "text/csv", NULL, NULL, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  res = ods_portal_client_resource_create_finish (client, result, &error);
  run.wall_s = (g_get_monotonic_time () - t0) / 1e6;
  run.cpu_s = self_cpu_s () - cpu0;
  run.portal_cpu_s = portal_cpu_s () - portal0;
  g_assert_no_error (error);
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, size);
  return run;
}

static Run
run_curl (const char *url,
          const char *token,
          const char *path)
{
  g_autofree char *auth = g_strdup_printf ("Authorization: %s", token);
  g_autofree char *form = g_strdup_printf ("upload=@%s", path);
  g_autofree char *target = g_strdup_printf ("%sapi/3/action/resource_create", url);
  g_autofree char *out = g_strdup_printf ("%s.curl-out", path);
  g_autofree char *answer = NULL;
  const char *argv[] = { "curl", "-sS", "-o", out, "-H", auth, "-F", "package_id=thu-chi-ngan-sach",
                         "-F", "name=bench-curl", "-F", "format=CSV", "-F", form, target, NULL };
  struct rusage ru;
  int status = 0;
  pid_t pid;
  double portal0 = portal_cpu_s ();
  gint64 t0 = g_get_monotonic_time ();
  Run run;

  if (posix_spawnp (&pid, "curl", NULL, NULL, (char **) argv, environ) != 0)
    g_error ("cannot run curl");
  if (wait4 (pid, &status, 0, &ru) != pid)
    g_error ("wait4 failed");
  run.wall_s = (g_get_monotonic_time () - t0) / 1e6;
  run.cpu_s = tv_s (ru.ru_utime) + tv_s (ru.ru_stime);
  run.portal_cpu_s = portal_cpu_s () - portal0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0 ||
      !g_file_get_contents (out, &answer, NULL, NULL) || strstr (answer, "\"success\": true") == NULL)
    g_error ("curl upload failed (exit status %d): %s", status, answer ? answer : "");
  g_unlink (out);
  return run;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *v,
        guint   n)
{
  g_autofree double *s = g_memdup2 (v, n * sizeof *v);

  qsort (s, n, sizeof *s, (int (*) (const void *, const void *)) cmp_double);
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

int
main (int argc, char **argv)
{
  const char *bin = g_getenv ("OPENDATA_SUBMIT_PORTAL_BIN");
  int rounds = 5;
  g_autofree char *only = NULL;
  gboolean run_ours_client, run_curl_client;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of one upload with each client (default 5)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only one client, for profiling: ours or curl", "CLIENT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[SIZE_MIB] - upload throughput beside curl -F");
  g_autoptr(GError) error = NULL;
  guint64 size_mb;
  goffset size;
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
  g_autofree char *block = g_malloc (1 << 20);
  g_autofree double *ratios = NULL;
  g_autofree double *ours_mibs = NULL;
  g_autofree double *curl_mibs = NULL;
  double ours_cpu = 0, curl_cpu = 0, ours_portal_cpu = 0, curl_portal_cpu = 0;
  long rss_before;
  FILE *f;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || bin == NULL || rounds < 1 ||
      (only != NULL && !g_str_equal (only, "ours") && !g_str_equal (only, "curl")))
    {
      fprintf (stderr, "usage: OPENDATA_SUBMIT_PORTAL_BIN=… bench-upload [--rounds N] [--only ours|curl] [SIZE_MIB]\n");
      return 2;
    }
  run_ours_client = only == NULL || g_str_equal (only, "ours");
  run_curl_client = only == NULL || g_str_equal (only, "curl");
  size_mb = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1024;
  if (size_mb == 0)
    return 2;
  size = (goffset) size_mb << 20;

  dir = g_dir_make_tmp ("ods-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.csv", NULL);
  f = fopen (path, "wb");
  for (gsize i = 0; i < (1 << 20); i++)
    block[i] = "quy,chi_tieu,du_toan,thuc_hien\n"[i % 31];
  for (guint64 i = 0; i < size_mb; i++)
    fwrite (block, 1, 1 << 20, f);
  fflush (f);
  fsync (fileno (f));
  fclose (f);
  /* Into the page cache once, for both clients alike. */
  f = fopen (path, "rb");
  while (fread (block, 1, 1 << 20, f) > 0)
    ;
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
  portal_pid = g_subprocess_get_identifier (portal);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_nonnull (line);
  url = g_strdup (line + strlen ("listening on "));

  client = ods_portal_client_new (url, FALSE, NULL, &error);
  g_assert_no_error (error);
  ods_portal_client_set_token (client, token);
  file = g_file_new_for_path (path);

  ratios = g_new0 (double, rounds);
  ours_mibs = g_new0 (double, rounds);
  curl_mibs = g_new0 (double, rounds);
  rss_before = peak_rss_kb ();

  printf ("file: %" G_GUINT64_FORMAT " MiB to the stand-in portal on 127.0.0.1, %d round%s, ours then curl -F in turns\n"
          "CPU s: the client process; portal: the portal process during that upload\n",
          size_mb, rounds, rounds == 1 ? "" : "s");
  printf ("%5s %10s %7s %7s %7s %10s %7s %7s %7s %7s\n", "round", "ours MiB/s", "s", "CPU s", "portal",
          "curl MiB/s", "s", "CPU s", "portal", "ratio");
  fflush (stdout);
  for (int r = 0; r < rounds; r++)
    {
      Run ours = { 0, 0, 0 };
      Run curl = { 0, 0, 0 };

      printf ("%5d", r + 1);
      if (run_ours_client)
        {
          ours = run_ours (client, file, size);
          remove_uploads (data_dir, size);
          ours_mibs[r] = size_mb / ours.wall_s;
          ours_cpu += ours.cpu_s;
          ours_portal_cpu += ours.portal_cpu_s;
          printf (" %10.0f %7.2f %7.2f %7.2f", ours_mibs[r], ours.wall_s, ours.cpu_s, ours.portal_cpu_s);
        }
      else
        printf (" %10s %7s %7s %7s", "-", "-", "-", "-");
      if (run_curl_client)
        {
          curl = run_curl (url, token, path);
          remove_uploads (data_dir, size);
          curl_mibs[r] = size_mb / curl.wall_s;
          curl_cpu += curl.cpu_s;
          curl_portal_cpu += curl.portal_cpu_s;
          printf (" %10.0f %7.2f %7.2f %7.2f", curl_mibs[r], curl.wall_s, curl.cpu_s, curl.portal_cpu_s);
        }
      if (run_ours_client && run_curl_client)
        {
          ratios[r] = curl.wall_s / ours.wall_s;
          printf (" %6.2fx", ratios[r]);
        }
      printf ("\n");
      fflush (stdout);
    }

  if (run_ours_client)
    printf ("median: ours %.0f MiB/s, CPU s per GiB sent: %.2f (portal %.2f)\n", median (ours_mibs, rounds),
            ours_cpu * 1024.0 / ((double) size_mb * rounds), ours_portal_cpu * 1024.0 / ((double) size_mb * rounds));
  if (run_curl_client)
    printf ("median: curl -F %.0f MiB/s, CPU s per GiB sent: %.2f (portal %.2f)\n", median (curl_mibs, rounds),
            curl_cpu * 1024.0 / ((double) size_mb * rounds), curl_portal_cpu * 1024.0 / ((double) size_mb * rounds));
  if (run_ours_client && run_curl_client)
    {
      double lowest = ratios[0];

      for (int r = 1; r < rounds; r++)
        lowest = MIN (lowest, ratios[r]);
      printf ("ratio (curl time / our time): median %.2fx, lowest %.2fx\n", median (ratios, rounds), lowest);
    }
  printf ("peak RSS: %.1f MiB (%.1f MiB before the first upload)\n", peak_rss_kb () / 1024.0, rss_before / 1024.0);

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
