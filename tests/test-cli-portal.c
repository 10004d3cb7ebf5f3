/* The portal subcommands (login, logout, datasets, submit, link) run as the
 * officer runs them, against the stand-in portal. */
#include "ods-i18n.h"
#include "ods-sha256.h"

#include "portal-fixture.h"
#include "link-server.h"
#include "ods-period.h"

static TestPortal *portal;
static char *config_home;
static char *history_path;
static gboolean debug_http;
static const char *language = "en";

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

/* Runs opendata-submit with @args; @token goes to OPENDATA_SUBMIT_TOKEN and
 * @user to OPENDATA_SUBMIT_USER when set. */
static Run *
cli (const char         *user,
     const char         *token,
     const char         *input,
     const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  Run *r = g_new0 (Run, 1);

  g_ptr_array_add (argv, (char *) g_getenv ("OPENDATA_SUBMIT_BIN"));
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "OPENDATA_SUBMIT_HISTORY", history_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_DEBUG_HTTP");
  if (debug_http)
    g_subprocess_launcher_setenv (launcher, "OPENDATA_SUBMIT_DEBUG_HTTP", "1", TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "OPENDATA_SUBMIT_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_TOKEN");
  if (user != NULL)
    g_subprocess_launcher_setenv (launcher, "OPENDATA_SUBMIT_USER", user, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "OPENDATA_SUBMIT_USER");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input ? input : "", NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  r->status = g_subprocess_get_exit_status (proc);
  return r;
}

static gboolean
have_keyring (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: run under dbus-run-session with gnome-keyring");
      return FALSE;
    }
  return TRUE;
}

static void
test_datasets_json (void)
{
  g_autofree char *token = test_portal_token ("officer-stc");
  const char *args[] = { "datasets", "--portal", portal->url, "--json", NULL };
  g_autoptr(Run) r = cli ("officer-stc", token, NULL, args);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *orgs, *datasets;
  JsonObject *org;

  g_assert_cmpint (r->status, ==, 0);
  json_parser_load_from_data (parser, r->out, -1, &error);
  g_assert_no_error (error);
  orgs = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (orgs), ==, 1);
  org = json_array_get_object_element (orgs, 0);
  g_assert_cmpstr (json_object_get_string_member (org, "organization"), ==, "so-tai-chinh");
  datasets = json_object_get_array_member (org, "datasets");
  g_assert_cmpuint (json_array_get_length (datasets), ==, 4);
}

static void
test_datasets_errors (void)
{
  const char *args[] = { "datasets", "--portal", portal->url, NULL };
  const char *no_portal[] = { "datasets", NULL };
  g_autofree char *token = test_portal_token ("officer-stc");
  g_autoptr(Run) bad = cli ("officer-stc", "not-a-valid-token", NULL, args);
  g_autoptr(Run) nameless = cli (NULL, token, NULL, args);
  g_autoptr(Run) none = cli (NULL, NULL, NULL, no_portal);

  g_assert_cmpint (bad->status, ==, 3);
  g_assert_nonnull (strstr (bad->err, "token is invalid or expired"));
  g_assert_null (strstr (bad->err, "OPENDATA_SUBMIT_USER"));
  /* A good token, but CKAN 2.10 cannot say whose it is without the name. */
  g_assert_cmpint (nameless->status, ==, 3);
  g_assert_nonnull (strstr (nameless->err, "set OPENDATA_SUBMIT_USER"));
  g_assert_cmpint (none->status, ==, 2);
  g_assert_nonnull (strstr (none->err, "No portal given"));
}

static void
test_submit_and_link (void)
{
  g_autofree char *token = test_portal_token ("officer-stc");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("thu_chi_cli-XXXXXX.csv", &path, &error);
  g_autofree char *page = g_strdup_printf ("%suser/login", portal->url);
  const char *submit[] = { "submit", "--portal", portal->url, "--dataset", "thu-chi-ngan-sach",
                           "--new", "--period", "2026-Q4", "--json", path, NULL };
  const char *link[] = { "link", "--portal", portal->url, "--dataset", "thu-chi-ngan-sach",
                         "--url", page, NULL };
  const char *bad_usage[] = { "submit", "--portal", portal->url, "--dataset", "x", path, NULL };
  g_autoptr(Run) s = NULL;
  g_autoptr(Run) l = NULL;
  g_autoptr(Run) u = NULL;

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "quy,chi_tieu,du_toan,thuc_hien\n2026-Q4,Thu nội địa,12500,100\n", -1, &error);
  g_assert_no_error (error);

  s = cli ("officer-stc", token, NULL, submit);
  g_assert_cmpint (s->status, ==, 0);
  g_assert_nonnull (strstr (s->out, "\"confirmed\" : true"));
  g_assert_nonnull (strstr (s->out, "\"period\" : \"2026-Q4\""));

  l = cli ("officer-stc", token, NULL, link);
  g_assert_cmpint (l->status, ==, 5);
  g_assert_nonnull (strstr (l->err, "web page, not data"));

  u = cli ("officer-stc", token, NULL, bad_usage);
  g_assert_cmpint (u->status, ==, 2);
  g_unlink (path);
}

/* submit checks the file first: with errors nothing is sent; the corrected
 * file is sent, confirmed, and every step is in the history. */
static void
test_submit_validates_first (void)
{
  g_autofree char *token = test_portal_token ("officer-stc");
  g_autofree char *bad = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                "gia-ca-thi-truong-2026-Q3-co-loi.csv", NULL);
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "..", "data", "demo",
                                                 "gia-ca-thi-truong-2026-Q3.csv", NULL);
  const char *submit_bad[] = { "submit", "--portal", portal->url, "--dataset", "gia-ca-thi-truong",
                               "--new", "--period", "2026-Q3", bad, NULL };
  const char *submit_good[] = { "submit", "--portal", portal->url, "--dataset", "gia-ca-thi-truong",
                                "--new", "--period", "2026-Q3", good, NULL };
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autofree char *sha = ods_sha256_file (good_file, NULL, NULL);
  g_autofree char *history = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(Run) r1 = NULL;
  g_autoptr(Run) r2 = NULL;

  g_unlink (history_path);
  test_portal_reset_stats (portal);

  /* The portal's own Table Schema for the dataset is used. */
  r1 = cli ("officer-stc", token, NULL, submit_bad);
  g_assert_cmpint (r1->status, ==, 1);
  g_assert_nonnull (strstr (r1->out, "Cell C2: 16.200 is not a whole number"));
  g_assert_nonnull (strstr (r1->out, "Cell A4 is empty"));
  g_assert_nonnull (strstr (r1->err, "Nothing was sent"));
  g_assert_cmpint (test_portal_received (portal, "resource_create"), ==, 0);

  r2 = cli ("officer-stc", token, NULL, submit_good);
  g_assert_cmpint (r2->status, ==, 0);
  g_assert_nonnull (strstr (r2->out, "Confirmed"));
  g_assert_nonnull (strstr (r2->out, sha));
  /* When the portal received it, in Vietnam's time (as the history and
   * the deadline), whatever the computer's time zone. */
  {
    const char *received = strstr (r2->out, "Received:");
    int d, mo, y, h, mi, sec;
    g_autoptr(GDateTime) when = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_nonnull (received);
    g_assert_cmpint (sscanf (received + strlen ("Received:"), " %d/%d/%d %d:%d:%d", &d, &mo, &y, &h, &mi, &sec), ==, 6);
    when = g_date_time_new (ods_period_get_timezone (), y, mo, d, h, mi, sec);
    g_assert_nonnull (when);
    g_assert_cmpint (ABS (g_date_time_difference (now, when)), <, 300 * G_TIME_SPAN_SECOND);
  }
  g_assert_cmpint (test_portal_received (portal, "resource_create"), ==, 1);

  g_assert_true (g_file_get_contents (history_path, &history, NULL, NULL));
  lines = g_strsplit (g_strstrip (history), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "\"outcome\":\"invalid\""));
  g_assert_nonnull (strstr (lines[1], "\"outcome\":\"validated\""));
  g_assert_nonnull (strstr (lines[2], "\"outcome\":\"confirmed\""));
  g_assert_nonnull (strstr (lines[2], sha));
  g_assert_null (strstr (history, token));
}

static void
test_debug_http_redacts (void)
{
  g_autofree char *token = test_portal_token ("officer-stc");
  const char *args[] = { "datasets", "--portal", portal->url, NULL };
  const char *login[] = { "login", "--portal", portal->url, "--user", "officer-sgd", NULL };
  g_autoptr(Run) r = NULL;
  g_autoptr(Run) l = NULL;

  debug_http = TRUE;
  r = cli ("officer-stc", token, NULL, args);
  l = cli (NULL, NULL, "sgd-demo-2026\n", login);
  debug_http = FALSE;

  g_assert_cmpint (r->status, ==, 0);
  /* Headers are logged, secrets are not. */
  g_assert_nonnull (strstr (r->err, "GET /api/3/action/user_show"));
  g_assert_nonnull (strstr (r->err, "Authorization: [redacted]"));
  g_assert_null (strstr (r->err, token));
  g_assert_nonnull (strstr (l->err, "POST /user/login"));
  g_assert_null (strstr (l->err, "sgd-demo-2026"));
  g_assert_null (strstr (l->err, "ckan="));
}

static void
test_login_logout (void)
{
  g_autofree char *token = NULL;
  g_autofree char *input = NULL;
  const char *nameless[] = { "login", "--portal", portal->url, "--token-stdin", NULL };
  const char *login[] = { "login", "--portal", portal->url, "--user", "officer-syt", "--token-stdin", NULL };
  const char *datasets[] = { "datasets", NULL };
  const char *logout[] = { "logout", NULL };
  g_autoptr(Run) in = NULL;
  g_autoptr(Run) list = NULL;
  g_autoptr(Run) out = NULL;
  g_autoptr(Run) after = NULL;
  g_autoptr(Run) no_name = NULL;

  token = test_portal_token ("officer-syt");
  input = g_strdup_printf ("%s\n", token);
  /* Without the user name the portal cannot tell whose the token is. */
  no_name = cli (NULL, NULL, input, nameless);
  g_assert_cmpint (no_name->status, ==, 3);
  g_assert_nonnull (strstr (no_name->err, "Add --user NAME"));
  g_assert_null (strstr (no_name->err, token));

  if (!have_keyring ())
    return;
  in = cli (NULL, NULL, input, login);
  g_assert_cmpint (in->status, ==, 0);
  g_assert_nonnull (strstr (in->out, "as Trần Thị Bình (officer-syt)"));
  g_assert_nonnull (strstr (in->out, "Sở Y tế"));
  /* The token is in the keyring, not in the settings file. */
  {
    g_autofree char *ini = g_build_filename (config_home, "opendata-submit", "portals.ini", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (ini, &contents, NULL, NULL));
    g_assert_null (strstr (contents, token));
    g_assert_nonnull (strstr (contents, "officer-syt"));
  }

  /* The portal signed in last, and the keyring's token. */
  list = cli (NULL, NULL, NULL, datasets);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_nonnull (strstr (list->out, "Sở Y tế"));

  out = cli (NULL, NULL, NULL, logout);
  g_assert_cmpint (out->status, ==, 0);
  after = cli (NULL, NULL, NULL, datasets);
  g_assert_cmpint (after->status, ==, 3);
  g_assert_nonnull (strstr (after->err, "not signed in"));

  /* The token was withdrawn on the portal too: a copy of it is worthless. */
  {
    g_autofree char *url_arg = g_strdup (portal->url);
    const char *with_portal[] = { "datasets", "--portal", url_arg, NULL };
    g_autoptr(Run) copy = cli ("officer-syt", token, NULL, with_portal);

    g_assert_cmpint (copy->status, ==, 3);
    g_assert_nonnull (strstr (copy->err, "token is invalid or expired"));
  }
}

static void
test_password_login (void)
{
  const char *login[] = { "login", "--portal", portal->url, "--user", "officer-sgd", NULL };
  g_autoptr(Run) wrong = cli (NULL, NULL, "nope\n", login);
  g_autoptr(Run) good = NULL;

  g_assert_cmpint (wrong->status, ==, 3);
  g_assert_nonnull (strstr (wrong->err, "password is wrong"));
  g_assert_null (strstr (wrong->err, "nope"));
  if (!have_keyring ())
    return;
  good = cli (NULL, NULL, "sgd-demo-2026\n", login);
  g_assert_cmpint (good->status, ==, 0);
  g_assert_nonnull (strstr (good->out, "(officer-sgd)"));
  g_assert_null (strstr (good->out, "sgd-demo-2026"));
}

/* link checks the CSV a data service returns: with errors it publishes
 * nothing, prints every error and exits 1; valid data is linked. */
static void
test_link_invalid_data (void)
{
  g_autofree char *token = test_portal_token ("officer-stc");
  g_autoptr(LinkServer) ls = link_server_start ();
  g_autofree char *invalid_url = link_server_url (ls, "invalid.csv");
  g_autofree char *valid_url = link_server_url (ls, "valid.csv");
  const char *bad[] = { "link", "--portal", portal->url, "--dataset", "thu-chi-ngan-sach",
                        "--period", "2026-Q4", "--url", invalid_url, NULL };
  const char *good[] = { "link", "--portal", portal->url, "--dataset", "thu-chi-ngan-sach",
                         "--period", "2026-Q4", "--url", valid_url, "--json", NULL };
  const char *missing_schema[] = { "link", "--portal", portal->url, "--dataset", "thu-chi-ngan-sach",
                                   "--url", valid_url, "--schema", "/nonexistent/schema.json", NULL };
  g_autoptr(Run) b = NULL;
  g_autoptr(Run) g = NULL;
  g_autoptr(Run) m = NULL;
  g_autoptr(Run) vi = NULL;

  test_portal_reset_stats (portal);
  b = cli ("officer-stc", token, NULL, bad);
  g_assert_cmpint (b->status, ==, 1);
  g_assert_nonnull (strstr (b->err, "does not match the dataset’s Table Schema: 4 errors."));
  /* The report names what was checked: the service's data, not a file. */
  g_assert_nonnull (strstr (b->out, "Result: the data the service returned is NOT valid: 4 errors."));
  g_assert_null (strstr (b->out, "the file"));
  /* Every error, not only the first. */
  g_assert_nonnull (strstr (b->out, "2026-Q5"));
  g_assert_nonnull (strstr (b->out, "abc"));
  g_assert_cmpint (test_portal_received (portal, "resource_create"), ==, 0);

  g = cli ("officer-stc", token, NULL, good);
  g_assert_cmpint (g->status, ==, 0);
  g_assert_nonnull (strstr (g->out, "\"confirmed\" : true"));
  g_assert_cmpint (test_portal_received (portal, "resource_create"), ==, 1);

  m = cli ("officer-stc", token, NULL, missing_schema);
  g_assert_cmpint (m->status, ==, 2);

  /* The officer reads it in Vietnamese. */
  language = "vi";
  vi = cli ("officer-stc", token, NULL, bad);
  language = "en";
  g_assert_cmpint (vi->status, ==, 1);
  g_assert_nonnull (strstr (vi->err, "không khớp với lược đồ bảng (Table Schema) của bộ dữ liệu: 4 lỗi. "
                                     "Lỗi đầu tiên:"));
  g_assert_nonnull (strstr (vi->out, "Kết quả: dữ liệu dịch vụ trả về KHÔNG hợp lệ: 4 lỗi."));

  g_assert_cmpint (g_atomic_int_get (&ls->credentials), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  portal = test_portal_start (NULL);
  config_home = g_dir_make_tmp ("ods-cli-config-XXXXXX", &error);
  history_path = g_build_filename (config_home, "history.jsonl", NULL);
  g_assert_no_error (error);

  g_test_add_func ("/cli-portal/datasets-json", test_datasets_json);
  g_test_add_func ("/cli-portal/datasets-errors", test_datasets_errors);
  g_test_add_func ("/cli-portal/submit-and-link", test_submit_and_link);
  g_test_add_func ("/cli-portal/link-invalid-data", test_link_invalid_data);
  g_test_add_func ("/cli-portal/submit-validates-first", test_submit_validates_first);
  g_test_add_func ("/cli-portal/debug-http-redacts", test_debug_http_redacts);
  g_test_add_func ("/cli-portal/login-logout", test_login_logout);
  g_test_add_func ("/cli-portal/password-login", test_password_login);

  rc = g_test_run ();
  test_portal_stop (portal);
  remove_tree (config_home);
  g_free (config_home);
  return rc;
}
