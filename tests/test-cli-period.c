/* The `deadline` and `history` commands, run as a user would run them. */
#include "ods-history.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-fixture.h"

/* Runs the program as cli_run() does (a clean English environment, "now"
 * fixed at 26/11/2026 09:00 in Hà Nội) with @env and the arguments that
 * follow, up to NULL. */
static void
run_cli (CliRun      *run,
         const char **env,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  cli_run (run, env, (const char * const *) argv->pdata);
}

static const char *
member (JsonObject *obj,
        const char *name)
{
  return json_object_get_string_member (obj, name);
}

static void
test_deadline_json (void)
{
  g_auto(CliRun) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  run_cli (&run, NULL, "deadline", "2026-Q4", "--json", NULL);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (member (obj, "period"), ==, "2026-Q4");
  g_assert_cmpstr (member (obj, "start"), ==, "2026-10-01");
  g_assert_cmpstr (member (obj, "end"), ==, "2026-12-31");
  g_assert_cmpstr (member (obj, "nominal_due"), ==, "2027-01-16");
  g_assert_cmpstr (member (obj, "due"), ==, "2027-01-18");
  g_assert_cmpstr (member (obj, "due_before"), ==, "2027-01-18T17:00:00Z");
  g_assert_cmpstr (member (obj, "window_start"), ==, "2026-12-31T17:00:00Z");
  g_assert_cmpstr (member (obj, "timezone"), ==, "Asia/Ho_Chi_Minh");
  g_assert_cmpstr (member (obj, "today"), ==, "2026-11-26");
  g_assert_cmpint (json_object_get_int_member (obj, "days_left"), ==, 53);
}

static void
test_deadline_vietnamese (void)
{
  const char *env[] = { "LANGUAGE=vi", "TZ=Pacific/Kiritimati", NULL };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, env, "deadline", "2026-Q4", NULL);
  if (run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Quý 4/2026 (2026-Q4)"));
  g_assert_nonnull (strstr (run.out, "Thứ Năm 01/10/2026 – Thứ Năm 31/12/2026"));
  g_assert_nonnull (strstr (run.out, "Hạn nộp:"));
  g_assert_nonnull (strstr (run.out, "Thứ Hai 18/01/2027"));
  g_assert_nonnull (strstr (run.out, "lùi từ Thứ Bảy 16/01/2027 (ngày nghỉ cuối tuần)"));
  g_assert_nonnull (strstr (run.out, "còn 53 ngày"));
}

static void
test_deadline_current (void)
{
  const char *env[] = { "TZ=America/New_York", NULL };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, env, "deadline", NULL);
  if (run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Q3 2026 (2026-Q3)"));
  g_assert_nonnull (strstr (run.out, "Friday 16/10/2026"));
  g_assert_nonnull (strstr (run.out, "overdue by 41 days"));
}

static void
test_deadline_holiday (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *env_holidays = NULL;
  g_auto(CliRun) run = { 0 };
  const char *env[] = { NULL, NULL };
  int fd;

  fd = g_file_open_tmp ("ods-holidays-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "{\"days_off\": [{\"date\": \"2026-10-16\", \"name\": \"Lễ hội tỉnh\"}]}",
                       -1, &error);
  g_assert_no_error (error);
  env_holidays = g_strconcat ("OPENDATA_SUBMIT_HOLIDAYS=", path, NULL);
  env[0] = env_holidays;

  run_cli (&run, env, "deadline", "2026-Q3", NULL);
  g_unlink (path);
  if (run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Monday 19/10/2026"));
  g_assert_nonnull (strstr (run.out, "moved from Friday 16/10/2026 (Lễ hội tỉnh)"));
}

static void
test_deadline_bad_period (void)
{
  const char *env[] = { "LANGUAGE=vi", NULL };
  g_auto(CliRun) run = { 0 };

  run_cli (&run, env, "deadline", "2026-Q5", NULL);
  if (run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "“2026-Q5” không phải là kỳ báo cáo"));
}

static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ods-cli-history-XXXXXX", &error);
  g_autofree char *data_home = NULL;
  g_autofree char *path = NULL;
  g_autofree char *app_dir = NULL;
  g_autoptr(OdsHistory) history = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;
  const char *env[] = { NULL, "LANGUAGE=vi", NULL };
  const char *periods[] = { "2026-Q2", "2026-Q3", "2026-Q3" };
  const OdsHistoryOutcome outcomes[] = {
    ODS_HISTORY_OUTCOME_CONFIRMED, ODS_HISTORY_OUTCOME_INVALID, ODS_HISTORY_OUTCOME_UPLOADED,
  };

  g_assert_no_error (error);
  path = g_build_filename (dir, "opendata-submit", "history.jsonl", NULL);
  app_dir = g_path_get_dirname (path);
  history = ods_history_new (path);
  for (gsize i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(OdsHistoryEntry) entry = ods_history_entry_new ();

      /* 23:30 UTC on 15/10 is 06:30 on 16/10 in Hà Nội. */
      entry->time = g_date_time_new_from_iso8601 ("2026-10-15T23:30:00Z", NULL);
      entry->dataset = g_strdup ("truong-hoc");
      entry->period = g_strdup (periods[i]);
      entry->file_name = g_strdup ("truong-hoc.csv");
      entry->rows = 1520;
      entry->errors = i == 1 ? 3 : 0;
      entry->outcome = outcomes[i];
      g_assert_true (ods_history_append (history, entry, &error));
      g_assert_no_error (error);
    }

  data_home = g_strconcat ("XDG_DATA_HOME=", dir, NULL);
  env[0] = data_home;

  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, env, "history", "--period", "2026-Q3", "--json", NULL);
    if (run.out == NULL)
      return;
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                    "outcome"), ==, "uploaded");
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, env, "history", "--period", "2026-Q3", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "16/10/2026 06:30  có lỗi"));
    g_assert_nonnull (strstr (run.out, "1520 dòng, 3 lỗi"));
    g_assert_nonnull (strstr (run.out, "đã tải lên"));
    g_assert_null (strstr (run.out, "đã xác nhận"));
  }
  {
    g_auto(CliRun) run = { 0 };

    run_cli (&run, env, "history", "--outcome", "eaten", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“eaten”"));
  }

  g_unlink (path);
  g_rmdir (app_dir);
  g_rmdir (dir);

  {
    g_auto(CliRun) run = { 0 };

    /* No history file at all. */
    run_cli (&run, env, "history", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Lịch sử còn trống"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/deadline/json", test_deadline_json);
  g_test_add_func ("/cli/deadline/vietnamese", test_deadline_vietnamese);
  g_test_add_func ("/cli/deadline/current", test_deadline_current);
  g_test_add_func ("/cli/deadline/holiday-file", test_deadline_holiday);
  g_test_add_func ("/cli/deadline/bad-period", test_deadline_bad_period);
  g_test_add_func ("/cli/history", test_history);

  return g_test_run ();
}
