#define G_LOG_DOMAIN "ods-upload-job"

#include "ods-upload-job.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"
#include "ods-sha256.h"
#include "ods-json-table.h"
#include "ods-validation.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_MAX_BYTES (10 * 1024 * 1024)
#define DEFAULT_TRIES 4
#define DEFAULT_FIRST_DELAY_MS 2000
#define DEFAULT_VALIDATION_TIMEOUT_S 300
#define DEFAULT_POLL_MS 2000
#define PROGRESS_INTERVAL_US (100 * 1000)
/* What a linked data service may answer, at most, to be checked. */
#define LINK_MAX_BYTES (100 * 1024 * 1024)

struct _OdsUploadJob
{
  GObject           parent_instance;

  OdsPortalClient  *client;
  OdsUploadMode     mode;
  char             *dataset_id;
  GFile            *file;
  char             *sha256;
  char             *period;
  char             *resource_id;
  char             *link_url;
  char             *name;
  char             *description;
  char             *format;
  char             *submission_id;
  guint64           max_bytes;
  guint             tries;
  guint             first_delay_ms;
  guint             validation_timeout_s;
  guint             poll_ms;
  OdsSchema        *schema;

  OdsUploadStage    stage;
  OdsReport        *report;      /* of the linked data, when checked */

  /* While running */
  GTask            *task;
  goffset           file_size;
  OdsCkanStatus    *status;
  OdsCkanPackage   *package;
  OdsCkanResource  *resource;
  OdsUploadReceipt *receipt;
  GPtrArray        *problems;
  guint             attempt;     /* sends */
  guint             retries;     /* waits after a transient failure, any step */
  guint             delay_ms;
  guint             retry_source;
  GSource          *cancel_source;
  gint64            poll_deadline;
  gint64            progress_start;
  gint64            progress_last;
  guint64           progress_last_bytes;
  double            rate;
  gboolean          link_is_csv;
  gboolean          link_is_json;
  gboolean          link_checked;
  GFile            *link_copy;   /* the linked data while it is checked */
};

G_DEFINE_FINAL_TYPE (OdsUploadJob, ods_upload_job, G_TYPE_OBJECT)

enum { PROP_0, PROP_STAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_PROGRESS, SIGNAL_RETRY, N_SIGNALS };
static guint signals[N_SIGNALS];

static void send_step (OdsUploadJob *self);
static void check_link_data (OdsUploadJob *self);
static void check_dataset (OdsUploadJob *self);
static void confirm (OdsUploadJob *self);

/* ---- receipt --------------------------------------------------------- */

void
ods_upload_receipt_free (OdsUploadReceipt *r)
{
  if (r == NULL)
    return;
  g_strfreev (r->problems);
  g_free (r->dataset_id);
  g_free (r->dataset_title);
  g_free (r->resource_id);
  g_free (r->resource_name);
  g_free (r->resource_url);
  g_free (r->submission_id);
  g_free (r->period);
  g_free (r->format);
  g_free (r->sha256);
  g_free (r->portal_sha256);
  g_clear_pointer (&r->last_modified, g_date_time_unref);
  g_free (r->validation_report);
  g_free (r);
}

static const char *
validation_name (OdsCkanValidationStatus status)
{
  switch (status)
    {
    case ODS_CKAN_VALIDATION_CREATED: return "created";
    case ODS_CKAN_VALIDATION_RUNNING: return "running";
    case ODS_CKAN_VALIDATION_SUCCESS: return "success";
    case ODS_CKAN_VALIDATION_FAILURE: return "failure";
    case ODS_CKAN_VALIDATION_ERROR: return "error";
    case ODS_CKAN_VALIDATION_UNKNOWN:
    default: return NULL;
    }
}

JsonNode *
ods_upload_receipt_to_json (const OdsUploadReceipt *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

#define STR(key, value) \
  G_STMT_START { \
    json_builder_set_member_name (b, key); \
    if ((value) != NULL) json_builder_add_string_value (b, value); \
    else json_builder_add_null_value (b); \
  } G_STMT_END

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "confirmed");
  json_builder_add_boolean_value (b, r->confirmed);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (gsize i = 0; r->problems != NULL && r->problems[i] != NULL; i++)
    json_builder_add_string_value (b, r->problems[i]);
  json_builder_end_array (b);
  STR ("dataset_id", r->dataset_id);
  STR ("dataset_title", r->dataset_title);
  STR ("resource_id", r->resource_id);
  STR ("resource_name", r->resource_name);
  STR ("resource_url", r->resource_url);
  STR ("submission_id", r->submission_id);
  STR ("period", r->period);
  STR ("format", r->format);
  STR ("sha256", r->sha256);
  STR ("portal_sha256", r->portal_sha256);
  json_builder_set_member_name (b, "size");
  if (r->size >= 0)
    json_builder_add_int_value (b, r->size);
  else
    json_builder_add_null_value (b);
  {
    g_autofree char *lm = r->last_modified ? g_date_time_format_iso8601 (r->last_modified) : NULL;

    STR ("last_modified", lm);
  }
  json_builder_set_member_name (b, "attempts");
  json_builder_add_int_value (b, r->attempts);
  json_builder_set_member_name (b, "reused_earlier_attempt");
  json_builder_add_boolean_value (b, r->reused);
  STR ("portal_validation", r->portal_validates ? validation_name (r->validation) : NULL);
  json_builder_end_object (b);
#undef STR
  return json_builder_get_root (b);
}

char *
ods_upload_period_label (const char *period)
{
  int year, quarter;
  char tail;

  if (period != NULL && sscanf (period, "%4d-Q%1d%c", &year, &quarter, &tail) == 2 &&
      quarter >= 1 && quarter <= 4)
    return g_strdup_printf ("Q%d/%d", quarter, year);
  return g_strdup (period);
}

/* ---- object ---------------------------------------------------------- */

static void
set_stage (OdsUploadJob   *self,
           OdsUploadStage  stage)
{
  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

static void
clear_run_state (OdsUploadJob *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  g_clear_pointer (&self->status, ods_ckan_status_free);
  g_clear_object (&self->package);
  g_clear_object (&self->resource);
  g_clear_pointer (&self->receipt, ods_upload_receipt_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (self->link_copy != NULL)
    {
      g_file_delete (self->link_copy, NULL, NULL);
      g_clear_object (&self->link_copy);
    }
}

static void
ods_upload_job_dispose (GObject *object)
{
  OdsUploadJob *self = ODS_UPLOAD_JOB (object);

  clear_run_state (self);
  g_clear_object (&self->task);
  g_clear_object (&self->client);
  g_clear_object (&self->file);
  g_clear_object (&self->schema);
  g_clear_object (&self->report);
  G_OBJECT_CLASS (ods_upload_job_parent_class)->dispose (object);
}

static void
ods_upload_job_finalize (GObject *object)
{
  OdsUploadJob *self = ODS_UPLOAD_JOB (object);

  g_free (self->dataset_id);
  g_free (self->sha256);
  g_free (self->period);
  g_free (self->resource_id);
  g_free (self->link_url);
  g_free (self->name);
  g_free (self->description);
  g_free (self->format);
  g_free (self->submission_id);
  G_OBJECT_CLASS (ods_upload_job_parent_class)->finalize (object);
}

static void
ods_upload_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OdsUploadJob *self = ODS_UPLOAD_JOB (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_upload_job_class_init (OdsUploadJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_upload_job_dispose;
  object_class->finalize = ods_upload_job_finalize;
  object_class->get_property = ods_upload_job_get_property;

  /* An OdsUploadStage. */
  properties[PROP_STAGE] = g_param_spec_int ("stage", NULL, NULL,
                                             ODS_UPLOAD_STAGE_IDLE, ODS_UPLOAD_STAGE_FAILED,
                                             ODS_UPLOAD_STAGE_IDLE,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                             G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsUploadJob::progress:
   * @done: bytes of the request body sent in this attempt
   * @total: bytes of the whole request body
   * @rate: bytes per second (smoothed)
   * @eta: seconds left, or -1 when unknown
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                           G_TYPE_UINT64, G_TYPE_UINT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * OdsUploadJob::retry:
   * @attempt: the attempt about to be made (2 for the first retry)
   * @delay_ms: the wait before it
   * @reason: the translated error that caused it
   */
  signals[SIGNAL_RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
}

static void
ods_upload_job_init (OdsUploadJob *self)
{
  self->max_bytes = DEFAULT_MAX_BYTES;
  self->tries = DEFAULT_TRIES;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->validation_timeout_s = DEFAULT_VALIDATION_TIMEOUT_S;
  self->poll_ms = DEFAULT_POLL_MS;
  self->submission_id = g_uuid_string_random ();
}

OdsUploadJob *
ods_upload_job_new (OdsPortalClient *client,
                    OdsUploadMode    mode,
                    const char      *dataset_id)
{
  OdsUploadJob *self;

  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (client), NULL);
  g_return_val_if_fail (dataset_id != NULL, NULL);

  self = g_object_new (ODS_TYPE_UPLOAD_JOB, NULL);
  self->client = g_object_ref (client);
  self->mode = mode;
  self->dataset_id = g_strdup (dataset_id);
  return self;
}

void
ods_upload_job_set_file (OdsUploadJob *self,
                         GFile        *file,
                         const char   *sha256)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  g_set_object (&self->file, file);
  g_free (self->sha256);
  self->sha256 = g_ascii_strdown (sha256 ? sha256 : "", -1);
  if (*self->sha256 == '\0')
    g_clear_pointer (&self->sha256, g_free);
}

#define STRING_SETTER(field) \
  void \
  ods_upload_job_set_##field (OdsUploadJob *self, const char *value) \
  { \
    g_return_if_fail (ODS_IS_UPLOAD_JOB (self)); \
    g_free (self->field); \
    self->field = g_strdup (value); \
  }

STRING_SETTER (period)
STRING_SETTER (resource_id)
STRING_SETTER (link_url)
STRING_SETTER (name)
STRING_SETTER (description)
STRING_SETTER (format)

#undef STRING_SETTER

void
ods_upload_job_set_submission_id (OdsUploadJob *self,
                                  const char   *submission_id)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  g_free (self->submission_id);
  self->submission_id = submission_id ? g_strdup (submission_id) : g_uuid_string_random ();
}

const char *
ods_upload_job_get_submission_id (OdsUploadJob *self)
{
  g_return_val_if_fail (ODS_IS_UPLOAD_JOB (self), NULL);
  return self->submission_id;
}

void
ods_upload_job_set_max_bytes (OdsUploadJob *self,
                              guint64       max_bytes)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  self->max_bytes = max_bytes > 0 ? max_bytes : DEFAULT_MAX_BYTES;
}

void
ods_upload_job_set_retry (OdsUploadJob *self,
                          guint         tries,
                          guint         first_delay_ms)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  self->tries = MAX (tries, 1);
  self->first_delay_ms = first_delay_ms;
}

void
ods_upload_job_set_validation_wait (OdsUploadJob *self,
                                    guint         timeout_seconds,
                                    guint         interval_ms)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  self->validation_timeout_s = timeout_seconds;
  self->poll_ms = MAX (interval_ms, 10);
}

OdsUploadStage
ods_upload_job_get_stage (OdsUploadJob *self)
{
  g_return_val_if_fail (ODS_IS_UPLOAD_JOB (self), ODS_UPLOAD_STAGE_IDLE);
  return self->stage;
}

/* ---- ending ---------------------------------------------------------- */

static void
fail (OdsUploadJob *self,
      GError       *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  set_stage (self, ODS_UPLOAD_STAGE_FAILED);
  clear_run_state (self);
  g_task_return_error (task, error);
}

static void
finish_with_receipt (OdsUploadJob *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  OdsUploadReceipt *receipt = g_steal_pointer (&self->receipt);

  g_ptr_array_add (self->problems, NULL);
  receipt->problems = (GStrv) g_ptr_array_free (g_steal_pointer (&self->problems), FALSE);
  receipt->confirmed = receipt->problems[0] == NULL;
  set_stage (self, ODS_UPLOAD_STAGE_DONE);
  clear_run_state (self);
  g_task_return_pointer (task, receipt, (GDestroyNotify) ods_upload_receipt_free);
}

static void
problem (OdsUploadJob *self,
         char         *text)
{
  g_ptr_array_add (self->problems, text);
}

static gboolean
cancelled (OdsUploadJob *self)
{
  g_autoptr(GError) error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (self->task), &error))
    {
      fail (self, g_steal_pointer (&error));
      return TRUE;
    }
  return FALSE;
}

/* ---- retry ----------------------------------------------------------- */

static gboolean
on_cancelled_while_waiting (GCancellable *cancellable,
                            gpointer      user_data)
{
  OdsUploadJob *self = user_data;

  cancelled (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  OdsUploadJob *self = user_data;

  self->retry_source = 0;
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  /* Look again before sending: the last attempt may have arrived after all. */
  check_dataset (self);
  return G_SOURCE_REMOVE;
}

/* Retries a transient failure, or fails. */
static void
retry_or_fail (OdsUploadJob *self,
               GError       *error)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  /* @tries bounds the whole job: every retry, whatever step failed, counts. */
  if (!ods_portal_error_is_transient (error) || self->retries + 1 >= self->tries)
    {
      fail (self, error);
      return;
    }
  self->retries++;

  self->delay_ms = self->delay_ms == 0 ? self->first_delay_ms : self->delay_ms * 2;
  g_debug ("attempt %u failed (%s); retrying in %u ms", self->attempt, error->message, self->delay_ms);
  set_stage (self, ODS_UPLOAD_STAGE_WAITING_RETRY);
  g_signal_emit (self, signals[SIGNAL_RETRY], 0, self->retries + 1, self->delay_ms,
                 ods_portal_error_get_summary (error));
  g_error_free (error);

  self->retry_source = g_timeout_add (self->delay_ms, on_retry_timeout, self);
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, (GSourceFunc) on_cancelled_while_waiting, self, NULL);
      g_source_attach (self->cancel_source, NULL);
    }
}

/* ---- progress -------------------------------------------------------- */

static void
on_send_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  OdsUploadJob *self = user_data;
  gint64 now = g_get_monotonic_time ();
  double eta = -1;

  if (done < self->progress_last_bytes || self->progress_start == 0)
    {
      /* A new attempt or a restarted request. */
      self->progress_start = now;
      self->progress_last = now;
      self->progress_last_bytes = 0;
      self->rate = 0;
    }
  if (now - self->progress_last < PROGRESS_INTERVAL_US && done < total)
    return;

  if (now > self->progress_last)
    {
      double instant = (double) (done - self->progress_last_bytes) * G_USEC_PER_SEC /
                       (double) (now - self->progress_last);

      self->rate = self->rate == 0 ? instant : 0.7 * self->rate + 0.3 * instant;
    }
  self->progress_last = now;
  self->progress_last_bytes = done;
  if (self->rate > 0)
    eta = (double) (total - done) / self->rate;
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, done, total, self->rate, eta);
}

/* ---- confirmation ---------------------------------------------------- */

static void poll_validation (OdsUploadJob *self);

static gboolean
on_poll_timeout (gpointer user_data)
{
  OdsUploadJob *self = user_data;

  self->retry_source = 0;
  poll_validation (self);
  return G_SOURCE_REMOVE;
}

static void
on_validation_show (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanValidation) v =
    ods_portal_client_resource_validation_show_finish (self->client, result, &error);

  if (v == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                    !(g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND) ||
                      ods_portal_error_is_transient (error))))
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  if (v != NULL)
    {
      self->receipt->validation = v->status;
      g_free (self->receipt->validation_report);
      self->receipt->validation_report = g_strdup (v->report);
    }

  if (v != NULL && ods_ckan_validation_is_final (v))
    {
      if (v->status == ODS_CKAN_VALIDATION_FAILURE)
        problem (self, g_strdup (_("The portal’s own validation found errors in the file. "
                                   "Open the validation report on the portal, correct the data "
                                   "and send it again.")));
      else if (v->status == ODS_CKAN_VALIDATION_ERROR)
        problem (self, g_strdup (_("The portal’s own validation could not run. Tell the portal "
                                   "administrator; the file itself was received.")));
      finish_with_receipt (self);
      return;
    }

  if (g_get_monotonic_time () >= self->poll_deadline)
    {
      problem (self, g_strdup (_("The portal’s own validation did not finish in time. Check the "
                                 "resource on the portal later.")));
      finish_with_receipt (self);
      return;
    }
  self->retry_source = g_timeout_add (self->poll_ms, on_poll_timeout, self);
}

static void
poll_validation (OdsUploadJob *self)
{
  if (cancelled (self))
    return;
  ods_portal_client_resource_validation_show_async (self->client, self->receipt->resource_id,
                                                    g_task_get_cancellable (self->task),
                                                    on_validation_show, g_object_ref (self));
}

static void
after_checks (OdsUploadJob *self)
{
  if (self->receipt->portal_validates && self->mode != ODS_UPLOAD_MODE_LINK)
    {
      set_stage (self, ODS_UPLOAD_STAGE_PORTAL_VALIDATION);
      self->poll_deadline = g_get_monotonic_time () + (gint64) self->validation_timeout_s * G_USEC_PER_SEC;
      poll_validation (self);
      return;
    }
  finish_with_receipt (self);
}

static void
on_downloaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  goffset size = 0;
  g_autofree char *hex = ods_portal_client_download_finish (self->client, result, &size, &error);

  if (hex == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fail (self, g_steal_pointer (&error));
          return;
        }
      problem (self, g_strdup_printf (_("The file could not be downloaded back from the portal "
                                        "to check it: %s"), ods_portal_error_get_summary (error)));
      after_checks (self);
      return;
    }
  self->receipt->portal_sha256 = g_strdup (hex);
  if (g_strcmp0 (hex, self->sha256) != 0)
    problem (self, g_strdup (_("The file the portal holds is not the file that was sent (its "
                               "SHA-256 differs). Send the file again.")));
  after_checks (self);
}

static void
on_confirm_resource (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanResource) res = ods_portal_client_resource_show_finish (self->client, result, &error);
  OdsUploadReceipt *r = self->receipt;

  if (res == NULL)
    {
      /* A blip after the send: looking again finds the submission and confirms it. */
      retry_or_fail (self, g_steal_pointer (&error));
      return;
    }

  g_free (r->resource_name);
  r->resource_name = g_strdup (ods_ckan_resource_get_name (res));
  g_free (r->resource_url);
  r->resource_url = g_strdup (ods_ckan_resource_get_url (res));
  r->size = ods_ckan_resource_get_size (res);
  g_clear_pointer (&r->last_modified, g_date_time_unref);
  if (ods_ckan_resource_get_last_modified (res) != NULL)
    r->last_modified = g_date_time_ref (ods_ckan_resource_get_last_modified (res));

  if (g_strcmp0 (ods_ckan_resource_get_submission_id (res), self->submission_id) != 0)
    problem (self, g_strdup (_("The portal did not keep this submission’s identifier on the "
                               "resource.")));
  if (self->period != NULL && g_strcmp0 (ods_ckan_resource_get_period (res), self->period) != 0)
    problem (self, g_strdup (_("The portal did not keep the reporting period on the resource.")));

  if (self->mode == ODS_UPLOAD_MODE_LINK)
    {
      if (g_strcmp0 (ods_ckan_resource_get_url (res), self->link_url) != 0)
        problem (self, g_strdup (_("The resource on the portal does not point to the unit’s "
                                   "data address.")));
      after_checks (self);
      return;
    }

  if (!ods_ckan_resource_is_upload (res) || r->resource_url == NULL || *r->resource_url == '\0')
    problem (self, g_strdup (_("The resource on the portal does not hold an uploaded file.")));
  if (g_strcmp0 (ods_ckan_resource_get_sha256 (res), self->sha256) != 0)
    problem (self, g_strdup (_("The portal did not keep the file’s SHA-256 on the resource.")));
  if (r->size >= 0 && r->size != self->file_size)
    {
      g_autofree char *reported = g_strdup_printf ("%" G_GINT64_FORMAT, r->size);
      g_autofree char *actual = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) self->file_size);

      /* TRANSLATORS: both %s are numbers of bytes */
      problem (self, g_strdup_printf (_("The portal reports %s bytes, but the file has %s bytes."),
                                      reported, actual));
    }

  /* Download it back and compare (hashed as it arrives, not stored). */
  ods_portal_client_download_async (self->client, ods_ckan_resource_get_url (res), NULL,
                                    g_task_get_cancellable (self->task), on_downloaded,
                                    g_object_ref (self));
}

static void
confirm (OdsUploadJob *self)
{
  OdsUploadReceipt *r = self->receipt;

  if (cancelled (self))
    return;
  set_stage (self, ODS_UPLOAD_STAGE_CONFIRMING);
  g_free (r->resource_id);
  r->resource_id = g_strdup (ods_ckan_resource_get_id (self->resource));
  ods_portal_client_resource_show_async (self->client, r->resource_id, g_task_get_cancellable (self->task),
                                         on_confirm_resource, g_object_ref (self));
}

/* ---- sending --------------------------------------------------------- */

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  OdsCkanResource *res;

  if (self->resource_id != NULL)
    res = ods_portal_client_resource_patch_finish (self->client, result, &error);
  else
    res = ods_portal_client_resource_create_finish (self->client, result, &error);

  if (res == NULL)
    {
      retry_or_fail (self, g_steal_pointer (&error));
      return;
    }
  g_clear_object (&self->resource);
  self->resource = res;
  confirm (self);
}

static const char *
format_for_file (OdsUploadJob *self)
{
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;

  if (self->format != NULL)
    return self->format;
  name = g_file_get_basename (self->file);
  base = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (base, ".csv"))
    return "CSV";
  if (g_str_has_suffix (base, ".xlsx"))
    return "XLSX";
  if (g_str_has_suffix (base, ".xls"))
    return "XLS";
  if (g_str_has_suffix (base, ".json"))
    return "JSON";
  if (g_str_has_suffix (base, ".ods"))
    return "ODS";
  return "CSV";
}

static const char *
content_type_for_format (const char *format)
{
  if (g_ascii_strcasecmp (format, "CSV") == 0)
    return "text/csv";
  if (g_ascii_strcasecmp (format, "XLSX") == 0)
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (g_ascii_strcasecmp (format, "JSON") == 0)
    return "application/json";
  return "application/octet-stream";
}

static void
send_step (OdsUploadJob *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *label = ods_upload_period_label (self->period);
  g_autofree char *name = NULL;
  const char *format = self->receipt->format;

  if (cancelled (self))
    return;

  self->attempt++;
  self->receipt->attempts = self->attempt;
  self->progress_start = 0;
  set_stage (self, ODS_UPLOAD_STAGE_SENDING);

  if (self->resource_id != NULL)
    {
      g_ptr_array_add (fields, "id");
      g_ptr_array_add (fields, self->resource_id);
      if (self->name != NULL)
        {
          g_ptr_array_add (fields, "name");
          g_ptr_array_add (fields, self->name);
        }
    }
  else
    {
      if (self->name != NULL)
        name = g_strdup (self->name);
      else if (label != NULL)
        /* TRANSLATORS: a resource name on the portal: dataset title – period ("Q3/2026") */
        name = g_strdup_printf (_("%s – %s"), ods_ckan_package_get_display_name (self->package), label);
      else
        name = g_strdup (ods_ckan_package_get_display_name (self->package));
      g_ptr_array_add (fields, "package_id");
      g_ptr_array_add (fields, (char *) ods_ckan_package_get_id (self->package));
      g_ptr_array_add (fields, "name");
      g_ptr_array_add (fields, name);
    }
  if (self->description != NULL)
    {
      g_ptr_array_add (fields, "description");
      g_ptr_array_add (fields, self->description);
    }
  g_ptr_array_add (fields, "format");
  g_ptr_array_add (fields, (char *) format);
  if (self->period != NULL)
    {
      g_ptr_array_add (fields, "period");
      g_ptr_array_add (fields, self->period);
    }
  g_ptr_array_add (fields, "submission_id");
  g_ptr_array_add (fields, self->submission_id);
  if (self->mode == ODS_UPLOAD_MODE_LINK)
    {
      g_ptr_array_add (fields, "url");
      g_ptr_array_add (fields, self->link_url);
    }
  else
    {
      g_ptr_array_add (fields, "sha256");
      g_ptr_array_add (fields, self->sha256);
    }
  g_ptr_array_add (fields, NULL);

  if (self->resource_id != NULL)
    ods_portal_client_resource_patch_async (self->client, (const char * const *) fields->pdata,
                                            self->mode == ODS_UPLOAD_MODE_LINK ? NULL : self->file, content_type_for_format (format),
                                            on_send_progress, self, cancellable, on_sent,
                                            g_object_ref (self));
  else
    ods_portal_client_resource_create_async (self->client, (const char * const *) fields->pdata,
                                             self->mode == ODS_UPLOAD_MODE_LINK ? NULL : self->file,
                                             content_type_for_format (format),
                                             on_send_progress, self, cancellable, on_sent,
                                             g_object_ref (self));
}

/* ---- checking -------------------------------------------------------- */

/* ---- checking the linked data -------------------------------------- */

/* @report: %NULL with @error unset: JSON that is not a table (only its
 * shape was checked). */
static void
link_data_checked (OdsUploadJob *self,
                   OdsReport    *report,
                   GError       *error)
{
  guint64 n;
  GPtrArray *errors;
  g_autofree char *msg = NULL;
  g_autofree char *count = NULL;

  if (self->link_copy != NULL)
    {
      g_file_delete (self->link_copy, NULL, NULL);
      g_clear_object (&self->link_copy);
    }
  if (self->task == NULL)
    return;
  if (report == NULL && error == NULL)
    {
      self->link_checked = TRUE;
      send_step (self);
      return;
    }
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, g_error_copy (error));
      else
        {
          msg = g_strdup_printf (_("The data from the unit’s data address “%s” could not be "
                                   "checked. Check the data service, then try again."),
                                 self->link_url);
          fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_INVALID_DATA, 0, msg, error->message));
        }
      return;
    }
  ods_report_set_subject (report, ODS_REPORT_SUBJECT_SERVICE_DATA);
  g_set_object (&self->report, report);
  if (ods_report_get_valid (report))
    {
      self->link_checked = TRUE;
      send_step (self);
      return;
    }

  n = ods_report_get_n_errors (report);
  errors = ods_report_get_errors (report);
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* TRANSLATORS: %s: the address; %s: a number of errors; last %s: the first error */
                                      "The data the unit’s data service “%s” returns does not match the "
                                      "dataset’s Table Schema: %s error. First error: %s Ask the unit’s IT "
                                      "staff to correct the service; nothing was published.",
                                      "The data the unit’s data service “%s” returns does not match the "
                                      "dataset’s Table Schema: %s errors. First error: %s Ask the unit’s IT "
                                      "staff to correct the service; nothing was published.",
                                      n),
                         self->link_url, count,
                         errors != NULL && errors->len > 0
                         ? ((OdsReportError *) g_ptr_array_index (errors, 0))->message : "");
  fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_INVALID_DATA, 0, msg, NULL));
}

static void
on_link_validated (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file_finish (result, &error);

  if (report == NULL && error == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "no report");
  link_data_checked (self, report, error);
}

static void
on_json_validated (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  link_data_checked (self, report, error);
}

static void
validate_json_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OdsUploadJob *self = source;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *path = g_file_get_path (self->link_copy);
  GError *error = NULL;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, ods_json_table_validate (json_parser_get_root (parser), task_data),
                         g_object_unref);
}

static void
on_link_fetched (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  const char *text;

  if (!ods_portal_client_fetch_link_finish (self->client, result, NULL, &error))
    {
      g_autofree char *msg = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fail (self, g_steal_pointer (&error));
          return;
        }
      if (g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE))
        msg = g_strdup_printf (_("The unit’s data address “%s” returns more than 100 MB, too much "
                                 "to check. Ask the unit’s IT staff for an address that returns one "
                                 "period’s data."), self->link_url);
      else
        msg = g_strdup_printf (_("The data from the unit’s data address “%s” could not be read in "
                                 "full. Check that the service is running, then try again."),
                               self->link_url);
      fail (self, ods_portal_error_new (error->domain == ODS_PORTAL_ERROR ? error->code
                                                                         : ODS_PORTAL_ERROR_NETWORK,
                                        0, msg, error->message));
      return;
    }

  if (self->schema != NULL)
    schema = g_object_ref (self->schema);
  else if ((text = ods_ckan_package_find_schema (self->package, self->resource_id)) != NULL)
    {
      schema = ods_schema_new_from_string (text, -1, &error);
      if (schema == NULL)
        {
          g_autofree char *msg = g_strdup_printf (
            _("The dataset’s Table Schema on the portal cannot be read, so the linked data cannot be "
              "checked. Ask the portal’s administrator to correct it (%s)."), error->message);

          fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_RESPONSE, 0, msg, NULL));
          return;
        }
    }
  /* Without a schema the table's structure is still checked. */
  if (self->link_is_json)
    {
      g_autoptr(GTask) json = g_task_new (self, g_task_get_cancellable (self->task), on_json_validated,
                                          g_object_ref (self));

      GDestroyNotify unref = schema != NULL ? g_object_unref : NULL;

      g_task_set_task_data (json, g_steal_pointer (&schema), unref);
      g_task_run_in_thread (json, validate_json_thread);
      return;
    }
  ods_validate_file_async (self->link_copy, schema, NULL, NULL, NULL, g_task_get_cancellable (self->task),
                           on_link_validated, g_object_ref (self));
}

static void
check_link_data (OdsUploadJob *self)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (cancelled (self))
    return;
  g_clear_object (&self->report);
  self->link_copy = g_file_new_tmp (self->link_is_json ? "ods-link-XXXXXX.json" : "ods-link-XXXXXX.csv",
                                    &stream, &error);
  if (self->link_copy == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
  ods_portal_client_fetch_link_async (self->client, self->link_url, self->link_copy, LINK_MAX_BYTES,
                                      g_task_get_cancellable (self->task), on_link_fetched,
                                      g_object_ref (self));
}

static void
on_package (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  OdsCkanPackage *pkg = ods_portal_client_package_show_finish (self->client, result, &error);
  OdsCkanResource *found;

  if (pkg == NULL)
    {
      retry_or_fail (self, g_steal_pointer (&error));
      return;
    }
  g_clear_object (&self->package);
  self->package = pkg;
  g_free (self->receipt->dataset_id);
  self->receipt->dataset_id = g_strdup (ods_ckan_package_get_id (pkg));
  g_free (self->receipt->dataset_title);
  self->receipt->dataset_title = g_strdup (ods_ckan_package_get_display_name (pkg));

  if (self->resource_id != NULL)
    {
      found = ods_ckan_package_find_resource (pkg, self->resource_id);
      if (found == NULL)
        {
          g_autofree char *msg = g_strdup_printf (
            _("The dataset “%s” has no resource “%s” to replace. Refresh the list of datasets "
              "and choose the resource again."),
            ods_ckan_package_get_display_name (pkg), self->resource_id);

          fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_NOT_FOUND, 404, msg, NULL));
          return;
        }
      /* An earlier attempt whose answer was lost may already have replaced it. */
      if (self->attempt > 0 &&
          g_strcmp0 (ods_ckan_resource_get_submission_id (found), self->submission_id) == 0 &&
          (self->mode == ODS_UPLOAD_MODE_LINK
           ? g_strcmp0 (ods_ckan_resource_get_url (found), self->link_url) == 0
           : g_strcmp0 (ods_ckan_resource_get_sha256 (found), self->sha256) == 0))
        {
          self->receipt->reused = TRUE;
          g_set_object (&self->resource, found);
          confirm (self);
          return;
        }
    }
  else
    {
      /* Never two resources for one submission. */
      found = ods_ckan_package_find_submission (pkg, self->submission_id);
      if (found != NULL)
        {
          g_debug ("submission %s already on the portal as %s", self->submission_id,
                   ods_ckan_resource_get_id (found));
          self->receipt->reused = TRUE;
          g_set_object (&self->resource, found);
          confirm (self);
          return;
        }
    }
  if (self->mode == ODS_UPLOAD_MODE_LINK && (self->link_is_csv || self->link_is_json) &&
      !self->link_checked)
    {
      check_link_data (self);
      return;
    }
  send_step (self);
}

static void
check_dataset (OdsUploadJob *self)
{
  if (cancelled (self))
    return;
  set_stage (self, ODS_UPLOAD_STAGE_CHECKING);
  ods_portal_client_package_show_async (self->client, self->dataset_id, g_task_get_cancellable (self->task),
                                        on_package, g_object_ref (self));
}

static void
on_status (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;

  self->status = ods_portal_client_status_show_finish (self->client, result, &error);
  if (self->status == NULL)
    {
      fail (self, g_steal_pointer (&error));
      return;
    }
  self->receipt->portal_validates = self->status->has_validation;
  check_dataset (self);
}

static gboolean
link_path_has (const char *url,
               const char *suffix)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *path = uri ? g_ascii_strdown (g_uri_get_path (uri), -1) : NULL;

  return path != NULL && g_str_has_suffix (path, suffix);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdsUploadJob) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsLinkProbe) probe = ods_portal_client_probe_url_finish (self->client, result, &error);
  const char *ct;

  if (probe == NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("The unit’s data address “%s” cannot be reached. "
                                                "Check the address and that the service is "
                                                "running, then try again."), self->link_url);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, g_steal_pointer (&error));
      else
        fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_NETWORK, 0, msg, error->message));
      return;
    }
  if (probe->status != 200)
    {
      g_autofree char *msg = g_strdup_printf (_("The unit’s data address “%s” does not answer "
                                                "with data (HTTP %u). Check the address and that "
                                                "the service is running, then try again."),
                                              self->link_url, probe->status);

      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, probe->status, msg, NULL));
      return;
    }

  ct = probe->content_type ? probe->content_type : "";
  self->link_is_csv = g_str_equal (ct, "text/csv") || g_str_equal (ct, "application/csv") ||
                      ((*ct == '\0' || g_str_equal (ct, "text/plain") ||
                        g_str_equal (ct, "application/octet-stream")) && link_path_has (self->link_url, ".csv"));
  self->link_is_json = g_str_equal (ct, "application/json") || g_str_has_suffix (ct, "+json") ||
                       ((*ct == '\0' || g_str_equal (ct, "text/plain") ||
                         g_str_equal (ct, "application/octet-stream")) && link_path_has (self->link_url, ".json"));
  if (self->format != NULL)
    self->receipt->format = g_strdup (self->format);
  else if (g_str_equal (ct, "text/csv") || g_str_equal (ct, "application/csv"))
    self->receipt->format = g_strdup ("CSV");
  else if (g_str_equal (ct, "application/json") || g_str_has_suffix (ct, "+json"))
    self->receipt->format = g_strdup ("JSON");
  else if (strstr (ct, "spreadsheetml") != NULL)
    self->receipt->format = g_strdup ("XLSX");
  else if (g_str_equal (ct, "text/html"))
    {
      g_autofree char *msg = g_strdup_printf (_("The unit’s data address “%s” answers with a web "
                                                "page, not data. Give the address of the data "
                                                "itself (CSV or JSON)."), self->link_url);

      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, probe->status, msg, ct));
      return;
    }
  else
    self->receipt->format = g_strdup ("API");

  /* A first look at what the address returns. The full check against the
   * Table Schema belongs to the validator. */
  if (g_str_equal (self->receipt->format, "JSON") &&
      g_bytes_get_size (probe->sample) < 64 * 1024)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize len;
      const char *data = g_bytes_get_data (probe->sample, &len);

      if (len == 0 || !json_parser_load_from_data (parser, data, len, &error))
        {
          g_autofree char *msg = g_strdup_printf (_("The unit’s data address “%s” answers with "
                                                    "JSON that cannot be read. Check the data "
                                                    "service, then try again."), self->link_url);

          fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, probe->status, msg,
                                            error ? error->message : "empty answer"));
          return;
        }
    }
  else if (g_str_equal (self->receipt->format, "CSV") &&
           (g_bytes_get_size (probe->sample) == 0 ||
            memchr (g_bytes_get_data (probe->sample, NULL), '\n', g_bytes_get_size (probe->sample)) == NULL))
    {
      g_autofree char *msg = g_strdup_printf (_("The unit’s data address “%s” answers with an "
                                                "empty or incomplete CSV table. Check the data "
                                                "service, then try again."), self->link_url);

      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, probe->status, msg, NULL));
      return;
    }

  ods_portal_client_status_show_async (self->client, g_task_get_cancellable (self->task),
                                       on_status, g_object_ref (self));
}

static void
hash_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  char *hex = ods_sha256_file (G_FILE (task_data), cancellable, &error);

  if (hex == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hex, g_free);
}

static void
on_hashed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OdsUploadJob *self = ODS_UPLOAD_JOB (source);
  GError *error = NULL;

  self->sha256 = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->sha256 == NULL)
    {
      fail (self, error);
      return;
    }
  self->receipt->sha256 = g_strdup (self->sha256);
  ods_portal_client_status_show_async (self->client, g_task_get_cancellable (self->task),
                                       on_status, g_object_ref (self));
}

void
ods_upload_job_run_async (OdsUploadJob        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, ods_upload_job_run_async);
  clear_run_state (self);
  self->attempt = 0;
  self->retries = 0;
  self->delay_ms = 0;
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->receipt = g_new0 (OdsUploadReceipt, 1);
  self->receipt->size = -1;
  self->receipt->submission_id = g_strdup (self->submission_id);
  self->receipt->period = g_strdup (self->period);
  self->link_is_csv = FALSE;
  self->link_is_json = FALSE;
  self->link_checked = FALSE;
  g_clear_object (&self->report);
  set_stage (self, ODS_UPLOAD_STAGE_CHECKING);

  if (self->mode == ODS_UPLOAD_MODE_REPLACE && self->resource_id == NULL)
    {
      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, 0,
                                        _("Choose the resource whose file is to be replaced."), NULL));
      return;
    }

  if (self->mode == ODS_UPLOAD_MODE_LINK)
    {
      if (self->link_url == NULL)
        {
          fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, 0,
                                            _("Give the address of the unit’s data service."), NULL));
          return;
        }
      ods_portal_client_probe_url_async (self->client, self->link_url, cancellable, on_probed,
                                         g_object_ref (self));
      return;
    }

  if (self->file == NULL)
    {
      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, 0,
                                        _("Choose the file to send."), NULL));
      return;
    }

  /* The size check comes before anything is sent. */
  {
    g_autoptr(GFileInfo) info = g_file_query_info (self->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, cancellable, &error);

    if (info == NULL)
      {
        fail (self, g_steal_pointer (&error));
        return;
      }
    self->file_size = g_file_info_get_size (info);
  }
  if ((guint64) self->file_size > self->max_bytes)
    {
      /* In the binary megabytes CKAN's ckan.max_resource_size counts in. */
      g_autofree char *size = g_strdup_printf ("%.1f MB", (double) self->file_size / (1024 * 1024));
      g_autofree char *limit = g_strdup_printf ("%.1f MB", (double) self->max_bytes / (1024 * 1024));
      g_autofree char *msg = g_strdup_printf (
        /* TRANSLATORS: first %s is the file's size, second the portal's limit, e.g. "12.3 MB" */
        _("The file is too large for the portal: %s, and the portal accepts at most %s. Ask the "
          "portal administrator to raise the limit, or split the data into smaller files."),
        size, limit);

      fail (self, ods_portal_error_new (ODS_PORTAL_ERROR_TOO_LARGE, 0, msg, NULL));
      return;
    }
  self->receipt->format = g_strdup (format_for_file (self));

  if (self->sha256 == NULL)
    {
      g_autoptr(GTask) hash = g_task_new (self, cancellable, on_hashed, NULL);

      g_task_set_task_data (hash, g_object_ref (self->file), g_object_unref);
      g_task_run_in_thread (hash, hash_thread);
      return;
    }
  self->receipt->sha256 = g_strdup (self->sha256);
  ods_portal_client_status_show_async (self->client, cancellable, on_status, g_object_ref (self));
}

OdsUploadReceipt *
ods_upload_job_run_finish (OdsUploadJob  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ods_upload_job_set_schema (OdsUploadJob *self,
                           OdsSchema    *schema)
{
  g_return_if_fail (ODS_IS_UPLOAD_JOB (self));
  g_set_object (&self->schema, schema);
}

OdsReport *
ods_upload_job_get_report (OdsUploadJob *self)
{
  g_return_val_if_fail (ODS_IS_UPLOAD_JOB (self), NULL);
  return self->report;
}
