#include "ods-history.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  char       *dir;
  char       *path;
  OdsHistory *history;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ods-history-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: the first append creates it. */
  f->path = g_build_filename (f->dir, "sub", "history.jsonl", NULL);
  f->history = ods_history_new (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sub = g_path_get_dirname (f->path);

  g_clear_object (&f->history);
  g_unlink (f->path);
  g_rmdir (sub);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static OdsHistoryEntry *
make_entry (const char        *dataset,
            const char        *period,
            OdsHistoryOutcome  outcome)
{
  OdsHistoryEntry *entry = ods_history_entry_new ();

  entry->time = g_date_time_new_from_iso8601 ("2026-10-15T03:04:05Z", NULL);
  entry->portal = g_strdup ("https://opendata.binhdinh.gov.vn");
  entry->user = g_strdup ("sotc_nguyenvana");
  entry->dataset = g_strdup (dataset);
  entry->resource = g_strdup ("8f14e45f-ceea-467f-a0e6-5d6d0e3a0b1c");
  entry->period = g_strdup (period);
  entry->file_name = g_strdup ("Danh sách trường học Q3.csv");
  entry->size = 123456;
  entry->sha256 = g_strdup ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  entry->rows = 1520;
  entry->errors = 0;
  entry->warnings = 2;
  entry->outcome = outcome;
  entry->message = g_strdup ("Dòng 1\nDòng 2 \"trích\"");
  return entry;
}

static void
test_append_read_back (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHistoryEntry) entry = make_entry ("truong-hoc", "2026-Q3",
                                                 ODS_HISTORY_OUTCOME_CONFIRMED);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *time = NULL;
  OdsHistoryEntry *back;
  GStatBuf st;

  ods_history_entry_add_error_count (entry, "type-error", 3);
  ods_history_entry_add_error_count (entry, "missing-cell", 1);
  ods_history_entry_add_error_count (entry, "type-error", 2);
  entry->receipt_url = g_strdup ("https://opendata.binhdinh.gov.vn/dataset/truong-hoc/resource/8f14");

  g_assert_true (ods_history_append (f->history, entry, &error));
  g_assert_no_error (error);

  /* One line, ending in a newline, private to the user. */
  g_file_get_contents (f->path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  /* The message's own newline is escaped: the entry is exactly one line. */
  g_assert_true (strchr (contents, '\n') == contents + strlen (contents) - 1);
  g_assert_nonnull (strstr (contents, "\"outcome\":\"confirmed\""));
  g_assert_nonnull (strstr (contents, "\"time\":\"2026-10-15T03:04:05Z\""));
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  all = ods_history_query (f->history, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  back = g_ptr_array_index (all, 0);
  time = g_date_time_format_iso8601 (back->time);
  g_assert_cmpstr (time, ==, "2026-10-15T03:04:05Z");
  g_assert_cmpstr (back->portal, ==, entry->portal);
  g_assert_cmpstr (back->user, ==, entry->user);
  g_assert_cmpstr (back->dataset, ==, "truong-hoc");
  g_assert_cmpstr (back->resource, ==, entry->resource);
  g_assert_cmpstr (back->period, ==, "2026-Q3");
  g_assert_cmpstr (back->file_name, ==, "Danh sách trường học Q3.csv");
  g_assert_cmpint (back->size, ==, 123456);
  g_assert_cmpstr (back->sha256, ==, entry->sha256);
  g_assert_cmpint (back->rows, ==, 1520);
  g_assert_cmpint (back->errors, ==, 0);
  g_assert_cmpint (back->warnings, ==, 2);
  g_assert_cmpint (back->outcome, ==, ODS_HISTORY_OUTCOME_CONFIRMED);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (back->error_counts, "type-error")),
                    ==, 5);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (back->error_counts, "missing-cell")),
                    ==, 1);
  g_assert_cmpstr (back->receipt_url, ==, entry->receipt_url);
  g_assert_cmpstr (back->message, ==, entry->message);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ods_history_query (f->history, NULL, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  static const struct { const char *dataset, *period; OdsHistoryOutcome outcome; } rows[] = {
    { "truong-hoc", "2026-Q2", ODS_HISTORY_OUTCOME_CONFIRMED },
    { "truong-hoc", "2026-Q3", ODS_HISTORY_OUTCOME_INVALID },
    { "truong-hoc", "2026-Q3", ODS_HISTORY_OUTCOME_VALIDATED },
    { "truong-hoc", "2026-Q3", ODS_HISTORY_OUTCOME_FAILED },
    { "truong-hoc", "2026-Q3", ODS_HISTORY_OUTCOME_UPLOADED },
    { "benh-vien", "2026-Q3", ODS_HISTORY_OUTCOME_CANCELLED },
    { "benh-vien", NULL, ODS_HISTORY_OUTCOME_VALIDATED },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) q3 = NULL;
  g_autoptr(GPtrArray) schools_q3 = NULL;
  g_autoptr(GPtrArray) done = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(OdsHistoryEntry) entry = make_entry (rows[i].dataset, rows[i].period,
                                                     rows[i].outcome);

      g_assert_true (ods_history_append (f->history, entry, &error));
      g_assert_no_error (error);
    }

  q3 = ods_history_query (f->history, "2026-Q3", NULL, 0, &error);
  g_assert_cmpuint (q3->len, ==, 5);
  schools_q3 = ods_history_query (f->history, "2026-Q3", "truong-hoc", 0, &error);
  g_assert_cmpuint (schools_q3->len, ==, 4);
  /* Oldest first. */
  g_assert_cmpint (((OdsHistoryEntry *) schools_q3->pdata[0])->outcome, ==,
                   ODS_HISTORY_OUTCOME_INVALID);
  g_assert_cmpint (((OdsHistoryEntry *) schools_q3->pdata[3])->outcome, ==,
                   ODS_HISTORY_OUTCOME_UPLOADED);
  done = ods_history_query (f->history, NULL, NULL,
                            ODS_HISTORY_OUTCOME_MASK (ODS_HISTORY_OUTCOME_UPLOADED) |
                            ODS_HISTORY_OUTCOME_MASK (ODS_HISTORY_OUTCOME_CONFIRMED), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (done->len, ==, 2);
}

/* A line cut by a crash, and lines edited by hand, are skipped with a warning;
 * the next append starts on a new line so nothing else is lost. */
static void
test_corrupt_lines (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHistoryEntry) first = make_entry ("a", "2026-Q3", ODS_HISTORY_OUTCOME_UPLOADED);
  g_autoptr(OdsHistoryEntry) last = make_entry ("b", "2026-Q3", ODS_HISTORY_OUTCOME_UPLOADED);
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;

  g_assert_true (ods_history_append (f->history, first, &error));
  g_file_get_contents (f->path, &contents, NULL, &error);
  g_assert_no_error (error);
  /* A hand-edited line, a valid object with an unknown outcome, then half a line. */
  damaged = g_strconcat (contents, "this is not json\n",
                         "{\"v\":1,\"time\":\"2026-10-15T03:04:05Z\",\"outcome\":\"eaten\"}\n",
                         "{\"v\":1,\"time\":\"2026-10-15T03:0", NULL);
  g_file_set_contents (f->path, damaged, -1, &error);
  g_assert_no_error (error);

  g_assert_true (ods_history_append (f->history, last, &error));
  g_assert_no_error (error);

  g_test_expect_message ("ods-history", G_LOG_LEVEL_WARNING, "*:2: skipping a damaged*");
  g_test_expect_message ("ods-history", G_LOG_LEVEL_WARNING, "*:3: skipping a damaged*");
  g_test_expect_message ("ods-history", G_LOG_LEVEL_WARNING, "*:4: skipping a damaged*");
  all = ods_history_query (f->history, NULL, NULL, 0, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((OdsHistoryEntry *) all->pdata[0])->dataset, ==, "a");
  g_assert_cmpstr (((OdsHistoryEntry *) all->pdata[1])->dataset, ==, "b");
}

typedef struct
{
  OdsHistory *history;
  const char *dataset;
} ThreadData;

#define N_PER_THREAD 200

static gpointer
append_many (gpointer user_data)
{
  ThreadData *td = user_data;
  /* Its own object on the same file, like a second process would have. */
  g_autoptr(OdsHistory) history = ods_history_new (ods_history_get_path (td->history));

  for (int i = 0; i < N_PER_THREAD; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsHistoryEntry) entry = make_entry (td->dataset, "2026-Q3",
                                                     ODS_HISTORY_OUTCOME_VALIDATED);

      entry->rows = i;
      /* Long enough that a torn write would show. */
      g_free (entry->message);
      entry->message = g_strnfill (3000, td->dataset[0]);
      if (!ods_history_append (history, entry, &error))
        g_error ("append: %s", error->message);
    }
  return NULL;
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  ThreadData a = { f->history, "x" };
  ThreadData b = { f->history, "y" };
  GThread *ta, *tb;
  int next_x = 0, next_y = 0;

  ta = g_thread_new ("append-x", append_many, &a);
  tb = g_thread_new ("append-y", append_many, &b);
  g_thread_join (ta);
  g_thread_join (tb);

  /* No warning: every line is intact; each thread's lines are in its order. */
  all = ods_history_query (f->history, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2 * N_PER_THREAD);
  for (guint i = 0; i < all->len; i++)
    {
      OdsHistoryEntry *entry = all->pdata[i];
      int *next = g_str_equal (entry->dataset, "x") ? &next_x : &next_y;

      g_assert_cmpint (entry->rows, ==, (*next)++);
      g_assert_cmpuint (strlen (entry->message), ==, 3000);
      g_assert_cmpint (entry->message[0], ==, entry->dataset[0]);
      g_assert_cmpint (entry->message[2999], ==, entry->dataset[0]);
    }
  g_assert_cmpint (next_x, ==, N_PER_THREAD);
  g_assert_cmpint (next_y, ==, N_PER_THREAD);
}

static void
on_async_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The GUI's way: append and query from worker threads, results on the main loop. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) appended = NULL;
  g_autoptr(GAsyncResult) queried = NULL;
  g_autoptr(GPtrArray) found = NULL;
  OdsHistoryEntry *entry = make_entry ("async", "2026-Q4", ODS_HISTORY_OUTCOME_FAILED);

  ods_history_append_async (f->history, entry, NULL, on_async_done, &appended);
  /* The entry is copied: freeing it now is fine. */
  ods_history_entry_free (entry);
  g_assert_true (ods_history_append_finish (f->history, wait_for (&appended), &error));
  g_assert_no_error (error);

  ods_history_query_async (f->history, "2026-Q4", NULL, 0, NULL, on_async_done, &queried);
  found = ods_history_query_finish (f->history, wait_for (&queried), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((OdsHistoryEntry *) found->pdata[0])->dataset, ==, "async");
}

static void
test_no_credentials (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "https://user:s3cret@portal.example/dataset/x", "https://portal.example/dataset/x" },
    { "https://portal.example/d/x?token=abc&format=csv#top", "https://portal.example/d/x?format=csv#top" },
    { "https://portal.example/d?API_KEY=abc", "https://portal.example/d" },
    { "https://s3.example/f.csv?X-Amz-Signature=1&X-Amz-Credential=2&v=3", "https://s3.example/f.csv?v=3" },
    { "https://portal.example/user@host", "https://portal.example/user@host" },
    { "https://portal.example", "https://portal.example" },
    { "https://a@b:c@portal.example/x", "https://portal.example/x" },
  };
  g_autoptr(OdsHistoryEntry) entry = make_entry ("a", NULL, ODS_HISTORY_OUTCOME_UPLOADED);
  g_autofree char *json = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = ods_history_redact_url (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  entry->portal = (g_free (entry->portal), g_strdup ("https://admin:hunter2@portal.example"));
  entry->receipt_url = g_strdup ("https://portal.example/r/1?apikey=hunter2");
  json = ods_history_entry_to_json (entry);
  g_assert_null (strstr (json, "hunter2"));
  g_assert_null (strstr (json, "\"period\""));  /* unknown fields are left out */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/append-read-back", Fixture, NULL,
              fixture_set_up, test_append_read_back, fixture_tear_down);
  g_test_add ("/history/missing-file", Fixture, NULL,
              fixture_set_up, test_missing_file, fixture_tear_down);
  g_test_add ("/history/query", Fixture, NULL,
              fixture_set_up, test_query, fixture_tear_down);
  g_test_add ("/history/corrupt-lines", Fixture, NULL,
              fixture_set_up, test_corrupt_lines, fixture_tear_down);
  g_test_add ("/history/concurrent", Fixture, NULL,
              fixture_set_up, test_concurrent, fixture_tear_down);
  g_test_add ("/history/async", Fixture, NULL,
              fixture_set_up, test_async, fixture_tear_down);
  g_test_add_func ("/history/no-credentials", test_no_credentials);

  return g_test_run ();
}
