/* ods-upload-job.h: one submission to the portal, sent safely and confirmed.
 *
 * Modes: a new resource for the reporting period, the file of an existing
 * resource replaced with resource_patch (never resource_update), or a link
 * to the unit's own data service. Transient failures are retried with
 * backoff; before a create is sent again the dataset is searched for this
 * submission_id, so one submission never makes two resources. The result is
 * "confirmed" only when resource_show, the downloaded file's SHA-256 and
 * (when the portal runs ckanext-validation) its validation all agree.
 */
#pragma once

#include "ods-portal-client.h"
#include "ods-report.h"
#include "ods-schema.h"

G_BEGIN_DECLS

typedef enum
{
  ODS_UPLOAD_MODE_NEW,
  ODS_UPLOAD_MODE_REPLACE,
  ODS_UPLOAD_MODE_LINK,
} OdsUploadMode;

typedef enum
{
  ODS_UPLOAD_STAGE_IDLE,
  ODS_UPLOAD_STAGE_CHECKING,          /* size, portal, dataset, earlier attempts */
  ODS_UPLOAD_STAGE_SENDING,
  ODS_UPLOAD_STAGE_WAITING_RETRY,
  ODS_UPLOAD_STAGE_CONFIRMING,        /* resource_show, download, SHA-256 */
  ODS_UPLOAD_STAGE_PORTAL_VALIDATION, /* waiting for ckanext-validation */
  ODS_UPLOAD_STAGE_DONE,
  ODS_UPLOAD_STAGE_FAILED,
} OdsUploadStage;

typedef struct
{
  gboolean                 confirmed;
  GStrv                    problems;          /* why not confirmed, translated; empty when confirmed */
  char                    *dataset_id;
  char                    *dataset_title;
  char                    *resource_id;
  char                    *resource_name;
  char                    *resource_url;
  char                    *submission_id;
  char                    *period;
  char                    *format;
  char                    *sha256;            /* of the local file; NULL in link mode */
  char                    *portal_sha256;     /* of the file downloaded back */
  gint64                   size;              /* as the portal reports it, or -1 */
  GDateTime               *last_modified;     /* UTC, from resource_show */
  guint                    attempts;          /* sends, retries included */
  gboolean                 reused;            /* an earlier attempt had already created it */
  gboolean                 portal_validates;  /* the portal runs ckanext-validation */
  OdsCkanValidationStatus  validation;
  char                    *validation_report; /* JSON text, when the portal gave one */
} OdsUploadReceipt;

void      ods_upload_receipt_free    (OdsUploadReceipt *receipt);
/* A JSON object for `submit --json` and the history. */
JsonNode *ods_upload_receipt_to_json (const OdsUploadReceipt *receipt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsUploadReceipt, ods_upload_receipt_free)

#define ODS_TYPE_UPLOAD_JOB (ods_upload_job_get_type ())
G_DECLARE_FINAL_TYPE (OdsUploadJob, ods_upload_job, ODS, UPLOAD_JOB, GObject)

OdsUploadJob   *ods_upload_job_new               (OdsPortalClient *client,
                                                  OdsUploadMode    mode,
                                                  const char      *dataset_id);
/* The validated file and its SHA-256 (hex; %NULL: computed here, in a thread). */
void            ods_upload_job_set_file          (OdsUploadJob    *self,
                                                  GFile           *file,
                                                  const char      *sha256);
/* "2026-Q3" (sent as the resource's `period`; the name shows "Q3/2026"). */
void            ods_upload_job_set_period        (OdsUploadJob    *self,
                                                  const char      *period);
/* The resource to replace (REPLACE mode; in LINK mode, the link to re-point). */
void            ods_upload_job_set_resource_id   (OdsUploadJob    *self,
                                                  const char      *resource_id);
void            ods_upload_job_set_link_url      (OdsUploadJob    *self,
                                                  const char      *url);
/* Optional: the resource name (default "<dataset title> – Q3/2026") and format
 * (default from the file name or the link's content type). */
void            ods_upload_job_set_name          (OdsUploadJob    *self,
                                                  const char      *name);
/* Optional: the resource's description (%NULL: none sent, kept on replace). */
void            ods_upload_job_set_description   (OdsUploadJob    *self,
                                                  const char      *description);
void            ods_upload_job_set_format        (OdsUploadJob    *self,
                                                  const char      *format);
/* A UUID chosen once per submission; set it to resume one. Default: random. */
void            ods_upload_job_set_submission_id (OdsUploadJob    *self,
                                                  const char      *submission_id);
const char     *ods_upload_job_get_submission_id (OdsUploadJob    *self);
/* The portal's upload limit (default 10 MB, CKAN's default). */
void            ods_upload_job_set_max_bytes     (OdsUploadJob    *self,
                                                  guint64          max_bytes);
/* At most @tries attempts in all (default 4): each transient failure of any
 * step waits, then looks for the submission and sends again if it is not
 * there. The first wait is @first_delay_ms (default 2000), doubling each time. */
void            ods_upload_job_set_retry         (OdsUploadJob    *self,
                                                  guint            tries,
                                                  guint            first_delay_ms);
/* How long to wait for ckanext-validation (default 300 s), polling every @interval_ms. */
void            ods_upload_job_set_validation_wait (OdsUploadJob  *self,
                                                    guint          timeout_seconds,
                                                    guint          interval_ms);
OdsUploadStage  ods_upload_job_get_stage         (OdsUploadJob    *self);
/* LINK mode: the Table Schema a CSV answer is checked against before anything
 * is published (%NULL, the default: the one the portal keeps for the dataset). */
void            ods_upload_job_set_schema        (OdsUploadJob    *self,
                                                  OdsSchema       *schema);
/* LINK mode: the check of the service's CSV answer (borrowed; %NULL when not
 * checked). When the data has errors the job fails with
 * ODS_PORTAL_ERROR_INVALID_DATA and this holds all of them. */
OdsReport      *ods_upload_job_get_report        (OdsUploadJob    *self);

void              ods_upload_job_run_async  (OdsUploadJob        *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The receipt once a resource holds the submission (look at ->confirmed),
 * or %NULL with an ODS_PORTAL_ERROR (or G_IO_ERROR_CANCELLED). */
OdsUploadReceipt *ods_upload_job_run_finish (OdsUploadJob        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* "2026-Q3" -> "Q3/2026"; anything else unchanged. */
char           *ods_upload_period_label    (const char *period);

G_END_DECLS
