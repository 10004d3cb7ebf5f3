/* The `status` and `report` commands against the stand-in portal, run as an
 * officer would run them. */
#include "ods-history.h"
#include "ods-portal-config.h"

#include "cli-fixture.h"
#include "portal-fixture.h"

static TestPortal *portal;
static char *scratch;
static char *token_stc;
static char *token_syt;

/* The isolated environment plus the extras, as one NULL-terminated array. */
static GStrv
env_with (const char *first,
          ...)
{
  GStrvBuilder *b = g_strv_builder_new ();
  g_autofree char *home = g_build_filename (scratch, "home", NULL);
  g_autofree char *config = g_build_filename (scratch, "config", NULL);
  g_autofree char *data = g_build_filename (scratch, "data", NULL);
  g_autofree char *history = g_build_filename (scratch, "history.jsonl", NULL);
  GStrv env;
  va_list ap;
  g_autofree char *home_env = g_strconcat ("HOME=", home, NULL);
  g_autofree char *config_env = g_strconcat ("XDG_CONFIG_HOME=", config, NULL);
  g_autofree char *data_env = g_strconcat ("XDG_DATA_HOME=", data, NULL);
  g_autofree char *history_env = g_strconcat ("OPENDATA_SUBMIT_HISTORY=", history, NULL);

  g_strv_builder_add_many (b, home_env, config_env, data_env, history_env, NULL);
  /* No keyring: the token comes from the environment or nowhere. */
  g_strv_builder_add (b, "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/ods-test-bus");
  va_start (ap, first);
  for (const char *e = first; e != NULL; e = va_arg (ap, const char *))
    g_strv_builder_add (b, e);
  va_end (ap);
  env = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return env;
}

static JsonObject *
find_dataset (JsonArray  *array,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "dataset"), name) == 0)
        return o;
    }
  g_error ("dataset %s not in the output", name);
  return NULL;
}

static void
test_status_json (void)
{
  g_autofree char *tok = g_strconcat ("OPENDATA_SUBMIT_TOKEN=", token_stc, NULL);
  g_auto(GStrv) env = env_with (tok, "OPENDATA_SUBMIT_USER=officer-stc", NULL);
  const char *argv[] = { "status", "--portal", portal->url, "--period", "2026-Q3", "--json", NULL };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *o;

  cli_run (&run, (const char * const *) env, argv);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  /* Sở Tài chính's four datasets, the private one included. */
  g_assert_cmpuint (json_array_get_length (array), ==, 4);

  o = find_dataset (array, "thu-chi-ngan-sach");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "late");
  g_assert_cmpint (json_object_get_int_member (o, "days"), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (o, "label"), ==, "Submitted 6 days late");
  g_assert_cmpstr (json_object_get_string_member (o, "due"), ==, "2026-10-16");
  g_assert_cmpstr (json_object_get_string_member (o, "submitted_at"), ==, "2026-10-22T08:05:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "resource_id"), ==,
                   "b81ee5b0-fc2d-4c95-9bc9-549ae0f00ff3");
  g_assert_cmpstr (json_object_get_string_member (o, "organization"), ==, "Sở Tài chính");
  o = find_dataset (array, "gia-ca-thi-truong");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "overdue");
  g_assert_cmpint (json_object_get_int_member (o, "days"), ==, 41);
  g_assert_true (json_object_get_null_member (o, "submitted_at"));
  o = find_dataset (array, "du-toan-chi-noi-bo");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "overdue");
  o = find_dataset (array, "bang-gia-dat");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "not-required");
  g_assert_cmpstr (json_object_get_string_member (o, "frequency"), ==, "annually");
}

/* Sở Y tế's officer, in Vietnamese, without --period: the period due now (2026-Q3). */
static void
test_status_text_vietnamese (void)
{
  g_autofree char *tok = g_strconcat ("OPENDATA_SUBMIT_TOKEN=", token_syt, NULL);
  g_auto(GStrv) env = env_with (tok, "OPENDATA_SUBMIT_USER=officer-syt", "LANGUAGE=vi", NULL);
  const char *argv[] = { "status", "--portal", portal->url, NULL };
  g_auto(CliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  cli_run (&run, (const char * const *) env, argv);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "Sở Y tế — Quý 3/2026, hạn nộp 16/10/2026");
  g_assert_true (g_str_has_prefix (lines[1], "Kết nối API "));
  g_assert_nonnull (strstr (lines[1], "  co-so-kham-chua-benh  "));
  g_assert_true (g_str_has_prefix (lines[2], "Đã nộp đúng hạn 12/10/2026    tiem-chung-mo-rong  "));
  g_assert_true (g_str_has_suffix (lines[2], "Kết quả tiêm chủng mở rộng"));
  g_assert_cmpstr (lines[3], ==, "");
}

/* Without --portal, the portal signed in last (portals.ini) is used. */
static void
test_status_signed_in_portal (void)
{
  g_autofree char *tok = g_strconcat ("OPENDATA_SUBMIT_TOKEN=", token_stc, NULL);
  g_auto(GStrv) env = env_with (tok, "OPENDATA_SUBMIT_USER=officer-stc", NULL);
  const char *argv[] = { "status", "--period", "2026-Q2", NULL };
  g_autofree char *ini = g_build_filename (scratch, "config", "opendata-submit", "portals.ini", NULL);
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = ods_portal_settings_new (portal->url);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };

  config = ods_portal_config_load (ini, &error);
  g_assert_no_error (error);
  ods_portal_config_set (config, settings);
  ods_portal_config_set_last_portal (config, portal->url);
  g_assert_true (ods_portal_config_save (config, &error));
  g_assert_no_error (error);

  cli_run (&run, (const char * const *) env, argv);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Sở Tài chính — Q2 2026, due 16/07/2026\n"));
  g_assert_nonnull (strstr (run.out, "\nSubmitted on time 14/07/2026  thu-chi-ngan-sach "));
  g_assert_nonnull (strstr (run.out, "\nSubmitted 11 days late        gia-ca-thi-truong "));
  g_assert_true (g_unlink (ini) == 0);
}

static void
test_status_not_signed_in (void)
{
  g_auto(GStrv) env = env_with (NULL, NULL);
  const char *no_portal[] = { "status", NULL };
  const char *no_token[] = { "status", "--portal", portal->url, NULL };
  g_auto(CliRun) run = { 0 };

  /* No portal at all: a usage error that says how to sign in. */
  cli_run (&run, (const char * const *) env, no_portal);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“opendata-submit login --portal URL”"));
  cli_run_clear (&run);

  /* A portal but no token (and here no keyring service either): a sign-in error. */
  cli_run (&run, (const char * const *) env, no_token);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_true (g_str_has_prefix (run.err, "Error: "));
  g_assert_cmpstr (run.out, ==, "");
}

/* CKAN answers a wrong token as if anonymous: it must still be a sign-in error. */
static void
test_status_bad_token (void)
{
  g_auto(GStrv) env = env_with ("OPENDATA_SUBMIT_TOKEN=not-a-valid-token", "OPENDATA_SUBMIT_USER=officer-stc", NULL);
  const char *argv[] = { "status", "--portal", portal->url, NULL };
  g_auto(CliRun) run = { 0 };

  cli_run (&run, (const char * const *) env, argv);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_null (strstr (run.err, "not-a-valid-token"));
  g_assert_cmpstr (run.out, ==, "");
}

/* The administrator may add data to every unit: --unit picks one. */
static void
test_status_unit (void)
{
  g_autofree char *token = test_portal_token ("admin");
  g_autofree char *tok = g_strconcat ("OPENDATA_SUBMIT_TOKEN=", token, NULL);
  g_auto(GStrv) env = env_with (tok, "OPENDATA_SUBMIT_USER=admin", NULL);
  const char *all[] = { "status", "--portal", portal->url, "--json", NULL };
  const char *one[] = { "status", "--portal", portal->url, "--unit", "Sở Y tế", NULL };
  const char *unknown[] = { "status", "--portal", portal->url, "--unit", "so-khong-co", NULL };
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  cli_run (&run, (const char * const *) env, all);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==, 10);
  cli_run_clear (&run);

  cli_run (&run, (const char * const *) env, one);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Sở Y tế — Q3 2026, due 16/10/2026\n"));
  g_assert_nonnull (strstr (run.out, "\nConnected by API              co-so-kham-chua-benh "));
  g_assert_nonnull (strstr (run.out, "\nSubmitted on time 12/10/2026  tiem-chung-mo-rong "));
  g_assert_null (strstr (run.out, "thu-chi"));
  cli_run_clear (&run);

  cli_run (&run, (const char * const *) env, unknown);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“so-khong-co”"));
}

static char *
unzip_member (const char *xlsx,
              const char *member)
{
  const char *argv[] = { "unzip", "-p", xlsx, member, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  return out;
}

static void
test_report (void)
{
  g_autofree char *tok = g_strconcat ("OPENDATA_SUBMIT_TOKEN=", token_stc, NULL);
  g_auto(GStrv) env = env_with (tok, "OPENDATA_SUBMIT_USER=officer-stc", NULL);
  g_autofree char *xlsx = g_build_filename (scratch, "bao-cao.xlsx", NULL);
  g_autofree char *history_path = g_build_filename (scratch, "history.jsonl", NULL);
  const char *argv[] = { "report", "--portal", portal->url, "--period", "2026-Q3", "-o", xlsx, NULL };
  g_autoptr(OdsHistory) history = ods_history_new (history_path);
  g_autoptr(OdsHistoryEntry) entry = ods_history_entry_new ();
  g_autoptr(OdsHistoryEntry) other = ods_history_entry_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) run = { 0 };
  g_autofree char *strings = NULL;
  g_autofree char *sheet3 = NULL;

  /* This computer validated the Q3 file (4 rows); and something of Q2. */
  entry->time = g_date_time_new_from_iso8601 ("2026-10-22T08:00:00Z", NULL);
  entry->outcome = ODS_HISTORY_OUTCOME_VALIDATED;
  entry->dataset = g_strdup ("thu-chi-ngan-sach");
  entry->resource = g_strdup ("b81ee5b0-fc2d-4c95-9bc9-549ae0f00ff3");
  entry->period = g_strdup ("2026-Q3");
  entry->file_name = g_strdup ("thu_chi_2026_q3.csv");
  entry->rows = 4;
  entry->errors = 0;
  g_assert_true (ods_history_append (history, entry, &error));
  other->outcome = ODS_HISTORY_OUTCOME_FAILED;
  other->dataset = g_strdup ("gia-ca-thi-truong");
  other->period = g_strdup ("2026-Q2");
  other->message = g_strdup ("Q2 only");
  g_assert_true (ods_history_append (history, other, &error));
  g_assert_no_error (error);

  cli_run (&run, (const char * const *) env, argv);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Wrote the report for Q3 2026 to "));
  g_assert_true (g_str_has_suffix (run.out, "bao-cao.xlsx (4 datasets).\n"));

  strings = unzip_member (xlsx, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, ">Sở Tài chính<"));
  g_assert_nonnull (strstr (strings, ">Nguyễn Văn An<"));
  g_assert_nonnull (strstr (strings, ">Thu chi ngân sách – Q3/2026<"));
  g_assert_nonnull (strstr (strings, ">thu_chi_2026_q3.csv<"));
  g_assert_null (strstr (strings, "Q2 only"));
  /* The history sheet: the header and the one Q3 entry. */
  sheet3 = unzip_member (xlsx, "xl/worksheets/sheet3.xml");
  g_assert_nonnull (strstr (sheet3, "<autoFilter ref=\"A1:L2\"/>"));
  g_assert_true (g_unlink (history_path) == 0);
}

static void
test_report_usage (void)
{
  g_auto(GStrv) env = env_with (NULL, NULL);
  const char *no_output[] = { "report", "--period", "2026-Q3", NULL };
  const char *bad_period[] = { "report", "--period", "2026-Q5", "-o", "x.xlsx", NULL };
  g_auto(CliRun) run = { 0 };

  cli_run (&run, (const char * const *) env, no_output);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "-o bao-cao.xlsx"));
  cli_run_clear (&run);
  cli_run (&run, (const char * const *) env, bad_period);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2026-Q5"));
}

int
main (int argc, char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  scratch = g_dir_make_tmp ("ods-test-cli-reports-XXXXXX", NULL);
  g_assert_nonnull (scratch);
  portal = test_portal_start (NULL);
  token_stc = test_portal_token ("officer-stc");
  token_syt = test_portal_token ("officer-syt");

  g_test_add_func ("/cli-reports/status-json", test_status_json);
  g_test_add_func ("/cli-reports/status-text-vietnamese", test_status_text_vietnamese);
  g_test_add_func ("/cli-reports/status-signed-in-portal", test_status_signed_in_portal);
  g_test_add_func ("/cli-reports/status-not-signed-in", test_status_not_signed_in);
  g_test_add_func ("/cli-reports/status-bad-token", test_status_bad_token);
  g_test_add_func ("/cli-reports/status-unit", test_status_unit);
  g_test_add_func ("/cli-reports/report", test_report);
  g_test_add_func ("/cli-reports/report-usage", test_report_usage);

  ret = g_test_run ();
  test_portal_stop (portal);
  remove_tree (scratch);
  g_free (scratch);
  g_free (token_stc);
  g_free (token_syt);
  return ret;
}
