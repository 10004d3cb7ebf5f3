/* OdsUploadJob against the stand-in CKAN portal: safe retry, one resource per
 * submission, confirmation, and every way an upload can be refused. */
#include "ods-i18n.h"
#include "ods-portal-error.h"
#include "ods-sha256.h"
#include "ods-upload-job.h"

#include "portal-fixture.h"
#include "link-server.h"

#define DATASET "thu-chi-ngan-sach"
#define Q3_RESOURCE "b81ee5b0-fc2d-4c95-9bc9-549ae0f00ff3"

typedef struct
{
  TestPortal      *portal;
  OdsPortalClient *client;
  OdsPortalClient *admin;
  char            *path;
  GFile           *file;
  char             sha256[ODS_SHA256_HEX_LEN + 1];
  gsize            size;
} Fixture;

/* A file that matches the dataset's Table Schema, about @rows lines. */
static void
write_file (Fixture    *f,
            guint       rows,
            gboolean    valid)
{
  /* The stand-in portal's validation checks the header against the schema. */
  g_autoptr(GString) csv = g_string_new (valid ? "quy,chi_tieu,du_toan,thuc_hien\n"
                                               : "quy,chi_tieu,du_toan,thuc_hien_sai\n");
  g_autoptr(OdsSha256) hash = ods_sha256_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "2026-Q4,Chỉ tiêu số %u,%u,%u.5\n", i, 1000 + i, valid ? i : 0);
  if (!valid)
    g_string_append (csv, "2026-Q4,Chi sai,-5,abc\n");
  if (f->path != NULL)
    g_unlink (f->path);
  g_clear_pointer (&f->path, g_free);
  {
    int fd = g_file_open_tmp ("thu_chi_2026_q4-XXXXXX.csv", &f->path, &error);

    g_assert_no_error (error);
    close (fd);
  }
  g_file_set_contents (f->path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  ods_sha256_update (hash, csv->str, csv->len);
  ods_sha256_finish_hex (hash, f->sha256);
  f->size = csv->len;
  g_clear_object (&f->file);
  f->file = g_file_new_for_path (f->path);
}

static OdsPortalClient *
client_with (TestPortal *portal,
             const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = test_portal_token (user);
  OdsPortalClient *client = ods_portal_client_new (portal->url, FALSE, NULL, &error);

  g_assert_no_error (error);
  ods_portal_client_set_token (client, token);
  return client;
}

static void
fixture_setup_with (Fixture            *f,
                    const char * const *args)
{
  f->portal = test_portal_start (args);
  f->client = client_with (f->portal, "officer-stc");
  f->admin = client_with (f->portal, "admin");
  write_file (f, 200, TRUE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, data);
}

static void
fixture_setup_with_drop (Fixture       *f,
                         gconstpointer  data)
{
  fixture_setup_with (f, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->admin);
  g_clear_object (&f->file);
  if (f->path)
    g_unlink (f->path);
  g_free (f->path);
  test_portal_stop (f->portal);
}

typedef struct
{
  guint64 done;
  guint64 total;
  guint   events;
  guint   retries;
  guint64 cancel_at;
  GCancellable *cancellable;
} Watch;

static GThread *main_thread;

static void
on_progress (OdsUploadJob *job,
             guint64       done,
             guint64       total,
             double        rate,
             double        eta,
             Watch        *w)
{
  /* The upload is sent from a worker thread; progress comes to the main one. */
  g_assert_true (g_thread_self () == main_thread);
  w->done = done;
  w->total = total;
  w->events++;
  g_assert_cmpfloat (rate, >=, 0);
  if (w->cancel_at > 0 && done >= w->cancel_at)
    g_cancellable_cancel (w->cancellable);
}

static void
on_retry (OdsUploadJob *job,
          guint         attempt,
          guint         delay_ms,
          const char   *reason,
          Watch        *w)
{
  w->retries++;
  g_assert_cmpuint (attempt, ==, w->retries + 1);
  g_assert_nonnull (reason);
}

static OdsUploadJob *
new_job (Fixture       *f,
         OdsUploadMode  mode)
{
  OdsUploadJob *job = ods_upload_job_new (f->client, mode, DATASET);

  ods_upload_job_set_file (job, f->file, f->sha256);
  ods_upload_job_set_period (job, "2026-Q4");
  ods_upload_job_set_retry (job, 4, 20);
  ods_upload_job_set_validation_wait (job, 10, 20);
  return job;
}

static OdsUploadReceipt *
run (OdsUploadJob *job,
     Watch        *w,
     GCancellable *cancellable,
     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (w != NULL)
    {
      g_signal_connect (job, "progress", G_CALLBACK (on_progress), w);
      g_signal_connect (job, "retry", G_CALLBACK (on_retry), w);
    }
  ods_upload_job_run_async (job, cancellable, test_on_result, &result);
  test_wait (&result);
  return ods_upload_job_run_finish (job, result, error);
}

/* Resources of the dataset carrying @submission_id, as the administrator sees them. */
static guint
count_submission (Fixture    *f,
                  const char *submission_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = NULL;
  GPtrArray *resources;
  guint n = 0;

  ods_portal_client_package_show_async (f->admin, DATASET, NULL, test_on_result, &result);
  test_wait (&result);
  pkg = ods_portal_client_package_show_finish (f->admin, result, &error);
  g_assert_no_error (error);
  resources = ods_ckan_package_get_resources (pkg);
  for (guint i = 0; i < resources->len; i++)
    if (g_strcmp0 (ods_ckan_resource_get_submission_id (g_ptr_array_index (resources, i)), submission_id) == 0)
      n++;
  return n;
}

static guint
count_resources (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = NULL;

  ods_portal_client_package_show_async (f->admin, DATASET, NULL, test_on_result, &result);
  test_wait (&result);
  pkg = ods_portal_client_package_show_finish (f->admin, result, &error);
  g_assert_no_error (error);
  return ods_ckan_package_get_resources (pkg)->len;
}

static void
test_new_confirmed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  Watch w = { 0 };
  guint before = count_resources (f);

  r = run (job, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpstr (r->problems[0], ==, NULL);
  g_assert_cmpstr (r->resource_name, ==, "Thu chi ngân sách tỉnh theo quý – Q4/2026");
  g_assert_cmpstr (r->period, ==, "2026-Q4");
  g_assert_cmpstr (r->format, ==, "CSV");
  g_assert_cmpstr (r->sha256, ==, f->sha256);
  g_assert_cmpstr (r->portal_sha256, ==, f->sha256);
  g_assert_cmpint (r->size, ==, f->size);
  g_assert_nonnull (r->last_modified);
  g_assert_cmpuint (r->attempts, ==, 1);
  g_assert_false (r->reused);
  g_assert_true (r->portal_validates);
  g_assert_cmpint (r->validation, ==, ODS_CKAN_VALIDATION_SUCCESS);
  g_assert_cmpint (ods_upload_job_get_stage (job), ==, ODS_UPLOAD_STAGE_DONE);

  /* Progress ended at the whole body. */
  g_assert_cmpuint (w.events, >, 0);
  g_assert_cmpuint (w.done, ==, w.total);
  g_assert_cmpuint (w.total, >, f->size);
  g_assert_cmpuint (w.retries, ==, 0);

  g_assert_cmpuint (count_resources (f), ==, before + 1);
  g_assert_cmpuint (count_submission (f, r->submission_id), ==, 1);

  json = ods_upload_receipt_to_json (r);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"confirmed\":true"));
  g_assert_nonnull (strstr (text, "\"portal_validation\":\"success\""));
}

/* The connection drops after N % of the upload, once: the retry looks for the
 * submission first, finds nothing, sends again, and there is one resource. */
/* A portal without ckanext-validation: confirmed by resource_show and the
 * SHA-256 alone, no validation polled. */
static void
test_no_validation_plugin (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;

  test_portal_reset_stats (f->portal);
  r = run (job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_false (r->portal_validates);
  g_assert_cmpstr (r->portal_sha256, ==, f->sha256);
  g_assert_cmpint (test_portal_received (f->portal, "resource_validation_show"), ==, 0);
}

static void
test_drop_then_retry (Fixture       *f,
                      gconstpointer  data)
{
  int percent = GPOINTER_TO_INT (data);
  g_autofree char *rule = g_strdup_printf ("{\"kind\": \"drop\", \"action\": \"resource_create\", "
                                           "\"after_percent\": %d, \"times\": 1}", percent);
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };
  guint before = count_resources (f);

  write_file (f, 20000, TRUE);   /* ~600 kB, so that a percentage means something */
  job = new_job (f, ODS_UPLOAD_MODE_NEW);
  test_portal_fault (f->portal, rule);
  test_portal_reset_stats (f->portal);
  r = run (job, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpuint (r->attempts, ==, 2);
  g_assert_cmpuint (w.retries, ==, 1);
  g_assert_cmpstr (r->portal_sha256, ==, f->sha256);
  g_assert_cmpuint (count_submission (f, r->submission_id), ==, 1);
  g_assert_cmpuint (count_resources (f), ==, before + 1);
  /* Looked before each send. */
  g_assert_cmpint (test_portal_received (f->portal, "package_show"), >=, 2);
}

/* The portal created the resource but the answer was lost: the retry finds
 * it by submission_id and does not send again. */
static void
test_answer_lost (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };
  guint before = count_resources (f);

  test_portal_fault (f->portal, "{\"kind\": \"drop_response\", \"action\": \"resource_create\", \"times\": 1}");
  test_portal_reset_stats (f->portal);
  r = run (job, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_true (r->reused);
  g_assert_cmpuint (r->attempts, ==, 1);
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 1);
  g_assert_cmpuint (count_submission (f, r->submission_id), ==, 1);
  g_assert_cmpuint (count_resources (f), ==, before + 1);
}

static void
test_502_then_retry (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };

  test_portal_fault (f->portal, "{\"kind\": \"html502\", \"action\": \"resource_create\", \"times\": 2}");
  r = run (job, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpuint (r->attempts, ==, 3);
  g_assert_cmpuint (w.retries, ==, 2);
  g_assert_cmpuint (count_submission (f, r->submission_id), ==, 1);
}

static void
test_retries_exhausted (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };
  guint before = count_resources (f);

  ods_upload_job_set_retry (job, 2, 10);
  test_portal_fault (f->portal, "{\"kind\": \"html504\", \"action\": \"resource_create\", \"times\": -1}");
  r = run (job, &w, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Try again later"));
  g_assert_cmpuint (w.retries, ==, 1);
  g_assert_cmpint (ods_upload_job_get_stage (job), ==, ODS_UPLOAD_STAGE_FAILED);
  g_assert_cmpuint (count_resources (f), ==, before);
}

/* The portal keeps failing to answer package_show: the job gives up after its
 * tries instead of looping, and nothing is written. */
static void
test_check_keeps_failing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };
  guint before;

  ods_upload_job_set_retry (job, 3, 10);
  test_portal_fault (f->portal, "{\"kind\": \"html502\", \"action\": \"package_show\", \"times\": -1}");
  r = run (job, &w, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_SERVER);
  g_assert_cmpuint (w.retries, ==, 2);
  test_portal_fault (f->portal, "{\"clear\": true}");
  before = count_resources (f);
  g_assert_cmpuint (count_submission (f, ods_upload_job_get_submission_id (job)), ==, 0);
  g_assert_cmpuint (before, ==, 3);
}

/* The answer to the confirming resource_show is lost once: the job looks
 * again, finds its resource and confirms it without sending twice. */
static void
test_confirm_blip (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };

  test_portal_fault (f->portal, "{\"kind\": \"html504\", \"action\": \"resource_show\", \"times\": 1}");
  test_portal_reset_stats (f->portal);
  r = run (job, &w, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_true (r->reused);
  g_assert_cmpuint (w.retries, ==, 1);
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 1);
  g_assert_cmpuint (count_submission (f, r->submission_id), ==, 1);
}

static void
test_proxy_413 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  guint before = count_resources (f);

  test_portal_fault (f->portal, "{\"kind\": \"html413\", \"action\": \"resource_create\", \"times\": 1}");
  r = run (job, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large for the portal"));
  g_assert_cmpuint (count_resources (f), ==, before);
}

static void
test_too_large_local (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;

  ods_upload_job_set_max_bytes (job, 100);
  test_portal_reset_stats (f->portal);
  r = run (job, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large for the portal"));
  /* Nothing was sent. */
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 0);
}

static void
test_too_large_portal_409 (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  guint before = count_resources (f);

  write_file (f, 45000, TRUE);   /* > 1 MB: over the portal's limit */
  job = new_job (f, ODS_UPLOAD_MODE_NEW);
  ods_upload_job_set_max_bytes (job, 100 * 1024 * 1024);
  r = run (job, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (ods_portal_error_get_fields (error));
  g_assert_cmpuint (count_resources (f), ==, before);
}

static void
test_token_revoked (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_NEW);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  Watch w = { 0 };
  guint before = count_resources (f);

  test_portal_fault (f->portal, "{\"kind\": \"revoke\", \"action\": \"resource_create\", \"times\": 1}");
  r = run (job, &w, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "token is invalid or expired"));
  g_assert_cmpuint (w.retries, ==, 0);
  /* Nothing half-written. */
  g_assert_cmpuint (count_resources (f), ==, before);
  g_assert_cmpuint (count_submission (f, ods_upload_job_get_submission_id (job)), ==, 0);
}

static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_REPLACE);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanResource) res = NULL;
  guint before = count_resources (f);

  ods_upload_job_set_resource_id (job, Q3_RESOURCE);
  ods_upload_job_set_period (job, "2026-Q3");
  test_portal_reset_stats (f->portal);
  r = run (job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpstr (r->resource_id, ==, Q3_RESOURCE);
  g_assert_cmpstr (r->portal_sha256, ==, f->sha256);
  g_assert_cmpuint (count_resources (f), ==, before);
  g_assert_cmpint (test_portal_received (f->portal, "resource_update"), ==, 0);
  g_assert_cmpint (test_portal_received (f->portal, "resource_patch"), ==, 1);

  /* resource_patch kept the fields it was not given (the schema, the name). */
  ods_portal_client_resource_show_async (f->admin, Q3_RESOURCE, NULL, test_on_result, &result);
  test_wait (&result);
  res = ods_portal_client_resource_show_finish (f->admin, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_resource_get_name (res), ==, "Thu chi ngân sách – Q3/2026");
  g_assert_nonnull (ods_ckan_resource_get_schema (res));
  g_assert_cmpstr (ods_ckan_resource_get_sha256 (res), ==, f->sha256);
}

static void
test_replace_missing (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = new_job (f, ODS_UPLOAD_MODE_REPLACE);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;

  ods_upload_job_set_resource_id (job, "00000000-0000-0000-0000-000000000000");
  r = run (job, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND);
}

static void
test_portal_validation_failure (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;

  write_file (f, 10, FALSE);
  job = new_job (f, ODS_UPLOAD_MODE_REPLACE);
  ods_upload_job_set_resource_id (job, Q3_RESOURCE);
  r = run (job, NULL, NULL, &error);
  g_assert_no_error (error);
  /* The file arrived intact, but the portal's validation rejects it. */
  g_assert_cmpstr (r->portal_sha256, ==, f->sha256);
  g_assert_cmpint (r->validation, ==, ODS_CKAN_VALIDATION_FAILURE);
  g_assert_false (r->confirmed);
  g_assert_nonnull (r->problems[0]);
  g_assert_nonnull (strstr (r->problems[0], "validation found errors"));
}

static void
data_service (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  static const char good[] = "[{\"quy\": \"2026-Q4\", \"chi_tieu\": \"Thu nội địa\", "
                             "\"du_toan\": 12500, \"thuc_hien\": 12000.5},"
                             " {\"quy\": \"2026-Q4\", \"chi_tieu\": \"Chi thường xuyên\", "
                             "\"du_toan\": 9000, \"thuc_hien\": null}]";
  /* Wrapped as many APIs do; a negative estimate and a text result. */
  static const char wrapped[] = "{\"success\": true, \"data\": ["
                                "{\"quy\": \"2026-Q4\", \"chi_tieu\": \"Thu nội địa\", "
                                "\"du_toan\": -1, \"thuc_hien\": \"nhiều\"}]}";
  /* JSON that is not a table: only its shape is checked. */
  static const char status[] = "{\"status\": \"ok\", \"rows\": 2}";
  static const char bad[] = "{\"quy\": \"2026-Q4\", ";

  soup_server_message_set_status (msg, 200, NULL);
  if (g_str_equal (path, "/good.json"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, good, sizeof good - 1);
  else if (g_str_equal (path, "/bad.json"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, bad, sizeof bad - 1);
  else if (g_str_equal (path, "/wrapped.json"))
    soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC,
                                      wrapped, sizeof wrapped - 1);
  else if (g_str_equal (path, "/status.json"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, status, sizeof status - 1);
  else
    soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_STATIC, "quy", 3);
}

/* A unit's own data service (JSON / CSV), here a server in this process. */
static void
test_link_data_service (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  static const struct { const char *path; gboolean ok; const char *format; int code; const char *words; } cases[] = {
    { "good.json", TRUE, "JSON", 0, NULL },
    { "status.json", TRUE, "JSON", 0, NULL },
    { "bad.json", FALSE, NULL, ODS_PORTAL_ERROR_BAD_REQUEST, "JSON that cannot be read" },
    { "cut.csv", FALSE, NULL, ODS_PORTAL_ERROR_BAD_REQUEST, "empty or incomplete CSV" },
    { "wrapped.json", FALSE, NULL, ODS_PORTAL_ERROR_INVALID_DATA,
      "does not match the dataset’s Table Schema: 2 errors. First error: Cell C2: -1 is less than the minimum 0." },
  };
  GSList *uris;

  soup_server_add_handler (server, NULL, data_service, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OdsUploadJob) job = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
      g_autofree char *url = g_strconcat (base, cases[i].path, NULL);
      g_autoptr(OdsUploadReceipt) r = NULL;
      g_autoptr(GError) run_error = NULL;

      ods_upload_job_set_link_url (job, url);
      r = run (job, NULL, NULL, &run_error);
      if (cases[i].ok)
        {
          g_assert_no_error (run_error);
          g_assert_true (r->confirmed);
          g_assert_cmpstr (r->format, ==, cases[i].format);
          /* A table is checked row by row; other JSON only for its shape. */
          if (g_str_equal (cases[i].path, "good.json"))
            g_assert_cmpuint (ods_report_get_n_rows (ods_upload_job_get_report (job)), ==, 2);
          else
            g_assert_null (ods_upload_job_get_report (job));
        }
      else
        {
          g_assert_null (r);
          g_assert_error (run_error, ODS_PORTAL_ERROR, cases[i].code);
          g_assert_nonnull (strstr (run_error->message, cases[i].words));
        }
    }
}

static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
  g_autoptr(OdsUploadJob) html = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  g_autoptr(OdsUploadReceipt) r2 = NULL;
  /* A CSV the "unit" serves: here one of the portal's own downloads. */
  g_autofree char *csv_url = g_strdup_printf ("%sdataset/00d71ec3-17ed-424b-a9c6-c40568b0fdc5/resource/"
                                              "2b7c3ce2-f633-421f-b396-2633a07845d4/download/thu_chi_2026_q1.csv",
                                              f->portal->url);
  g_autofree char *page_url = g_strdup_printf ("%suser/login", f->portal->url);
  guint before = count_resources (f);

  ods_upload_job_set_link_url (job, csv_url);
  ods_upload_job_set_period (job, "2026-Q4");
  r = run (job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpstr (r->format, ==, "CSV");
  g_assert_cmpstr (r->resource_url, ==, csv_url);
  g_assert_null (r->sha256);
  g_assert_cmpuint (count_resources (f), ==, before + 1);

  ods_upload_job_set_link_url (html, page_url);
  r2 = run (html, NULL, NULL, &error);
  g_assert_null (r2);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "web page, not data"));
}

/* The CSV a linked service returns is checked against the dataset's Table
 * Schema before anything is published; the service never sees the token. */
static void
test_link_validates_data (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LinkServer) ls = link_server_start ();
  g_autofree char *valid_url = link_server_url (ls, "valid.csv");
  g_autofree char *invalid_url = link_server_url (ls, "invalid.csv");
  g_autoptr(OdsUploadJob) good = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
  g_autoptr(OdsUploadJob) bad = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
  g_autoptr(OdsUploadJob) own = ods_upload_job_new (f->client, ODS_UPLOAD_MODE_LINK, DATASET);
  g_autoptr(OdsUploadReceipt) r = NULL;
  g_autoptr(OdsUploadReceipt) r2 = NULL;
  g_autoptr(OdsUploadReceipt) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(OdsSchema) strict = NULL;
  OdsReport *report;
  GPtrArray *errors;
  guint before = count_resources (f);

  /* (a) valid: one link resource, checked first. */
  test_portal_reset_stats (f->portal);
  ods_upload_job_set_link_url (good, valid_url);
  ods_upload_job_set_period (good, "2026-Q4");
  r = run (good, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->confirmed);
  g_assert_cmpstr (r->resource_url, ==, valid_url);
  g_assert_cmpstr (r->format, ==, "CSV");
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 1);
  g_assert_cmpuint (count_resources (f), ==, before + 1);
  report = ods_upload_job_get_report (good);
  g_assert_nonnull (report);
  g_assert_true (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_rows (report), ==, 2);

  /* (b) invalid: a clear error, nothing created, every error in the report. */
  test_portal_reset_stats (f->portal);
  ods_upload_job_set_link_url (bad, invalid_url);
  ods_upload_job_set_period (bad, "2026-Q4");
  r2 = run (bad, NULL, NULL, &error2);
  g_assert_null (r2);
  g_assert_error (error2, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_INVALID_DATA);
  g_test_message ("%s", error2->message);
  g_assert_nonnull (strstr (error2->message, "does not match the dataset’s Table Schema: 4 errors."));
  g_assert_nonnull (strstr (error2->message, invalid_url));
  g_assert_nonnull (strstr (error2->message, "nothing was published"));
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 0);
  g_assert_cmpint (test_portal_received (f->portal, "resource_patch"), ==, 0);
  g_assert_cmpuint (count_resources (f), ==, before + 1);
  g_assert_cmpint (ods_upload_job_get_stage (bad), ==, ODS_UPLOAD_STAGE_FAILED);
  report = ods_upload_job_get_report (bad);
  g_assert_nonnull (report);
  g_assert_false (ods_report_get_valid (report));
  g_assert_cmpuint (ods_report_get_n_errors (report), ==, 4);
  errors = ods_report_get_errors (report);
  g_assert_cmpuint (errors->len, ==, 4);
  /* The first error's explanation is in the message. */
  g_assert_nonnull (strstr (error2->message, ((OdsReportError *) g_ptr_array_index (errors, 0))->message));
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_CONSTRAINT_ERROR), >=, 2);
  g_assert_cmpuint (ods_report_get_n_errors_of_type (report, ODS_REPORT_ERROR_TYPE_ERROR), ==, 1);

  /* A schema given by the caller wins over the portal's. */
  strict = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"quy\"}, {\"name\": \"chi_tieu\"},"
                                       " {\"name\": \"du_toan\", \"type\": \"number\","
                                       "  \"constraints\": {\"maximum\": 10000}},"
                                       " {\"name\": \"thuc_hien\", \"type\": \"number\"}]}", -1, &error);
  g_assert_no_error (error);
  test_portal_reset_stats (f->portal);
  ods_upload_job_set_link_url (own, valid_url);
  ods_upload_job_set_schema (own, strict);
  r3 = run (own, NULL, NULL, &error);
  g_assert_null (r3);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, ": 1 error."));
  g_assert_cmpint (test_portal_received (f->portal, "resource_create"), ==, 0);

  /* The service got the probes and downloads, never a credential. */
  g_assert_cmpint (g_atomic_int_get (&ls->requests), >=, 6);
  g_assert_cmpint (g_atomic_int_get (&ls->credentials), ==, 0);
}

static void
test_cancel_then_resume (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(OdsUploadJob) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) r = NULL;
  g_autoptr(OdsUploadReceipt) again = NULL;
  Watch w = { .cancellable = cancellable, .cancel_at = 1 };

  write_file (f, 100000, TRUE);
  job = new_job (f, ODS_UPLOAD_MODE_NEW);
  r = run (job, &w, cancellable, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (ods_upload_job_get_stage (job), ==, ODS_UPLOAD_STAGE_FAILED);
  g_clear_error (&error);

  /* On loopback the body may have arrived before the cancel took effect;
   * running the same submission again never makes a second resource. */
  g_signal_handlers_disconnect_by_data (job, &w);
  again = run (job, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again->confirmed);
  g_assert_cmpuint (count_submission (f, again->submission_id), ==, 1);
}

static void
test_period_label (void)
{
  g_autofree char *a = ods_upload_period_label ("2026-Q3");
  g_autofree char *b = ods_upload_period_label ("2026");
  g_autofree char *c = ods_upload_period_label ("2026-Q5");

  g_assert_cmpstr (a, ==, "Q3/2026");
  g_assert_cmpstr (b, ==, "2026");
  g_assert_cmpstr (c, ==, "2026-Q5");
}

int
main (int argc, char **argv)
{
  static const char *small_limit[] = { "--max-resource-size-mb=1", NULL };
  static const char *no_validation[] = { "--no-validation", NULL };

  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(path, func, data) \
  g_test_add ("/upload/" path, Fixture, data, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/upload/period-label", test_period_label);
  ADD ("new-confirmed", test_new_confirmed, NULL);
  ADD ("no-validation-plugin", test_no_validation_plugin, no_validation);
  g_test_add ("/upload/drop-at-0-percent", Fixture, GINT_TO_POINTER (0), fixture_setup_with_drop,
              test_drop_then_retry, fixture_teardown);
  g_test_add ("/upload/drop-at-50-percent", Fixture, GINT_TO_POINTER (50), fixture_setup_with_drop,
              test_drop_then_retry, fixture_teardown);
  g_test_add ("/upload/drop-at-99-percent", Fixture, GINT_TO_POINTER (99), fixture_setup_with_drop,
              test_drop_then_retry, fixture_teardown);
  ADD ("answer-lost", test_answer_lost, NULL);
  ADD ("html502-then-retry", test_502_then_retry, NULL);
  ADD ("retries-exhausted", test_retries_exhausted, NULL);
  ADD ("check-keeps-failing", test_check_keeps_failing, NULL);
  ADD ("confirm-blip", test_confirm_blip, NULL);
  ADD ("proxy-html413", test_proxy_413, NULL);
  ADD ("too-large-local", test_too_large_local, NULL);
  ADD ("too-large-portal-409", test_too_large_portal_409, small_limit);
  ADD ("token-revoked", test_token_revoked, NULL);
  ADD ("replace", test_replace, NULL);
  ADD ("replace-missing", test_replace_missing, NULL);
  ADD ("portal-validation-failure", test_portal_validation_failure, NULL);
  ADD ("link", test_link, NULL);
  ADD ("link-data-service", test_link_data_service, NULL);
  ADD ("link-validates-data", test_link_validates_data, NULL);
  ADD ("cancel-then-resume", test_cancel_then_resume, NULL);

  return g_test_run ();
}
