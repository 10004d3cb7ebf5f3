/* ods-submission.h: what the CLI and the desktop wizard share about one
 * submission: its history entries and the small state file that lets an
 * interrupted submission be offered again on the next start. */
#pragma once

#include <gio/gio.h>

#include "ods-history.h"
#include "ods-portal-account.h"
#include "ods-report.h"
#include "ods-upload-job.h"

G_BEGIN_DECLS

/* The "validated"/"invalid" entry for @report of @file. */
OdsHistoryEntry *ods_submission_history_entry_new (const OdsPortalSettings *settings,
                                                   OdsPortalAccount        *account,
                                                   const char              *dataset,
                                                   const char              *period,
                                                   GFile                   *file,
                                                   OdsReport               *report);
/* Turns @entry into what the upload ended in: confirmed/uploaded from
 * @receipt, else cancelled or failed from @error. */
void             ods_submission_history_entry_set_result (OdsHistoryEntry        *entry,
                                                          const OdsUploadReceipt *receipt,
                                                          const GError           *error);

/**
 * OdsSubmissionState:
 *
 * An unfinished submission, kept in
 * g_get_user_state_dir()/opendata-submit/submission.json. Never a token.
 */
typedef struct
{
  char          *portal;
  char          *dataset;
  char          *dataset_title;
  char          *period;
  OdsUploadMode  mode;
  char          *resource_id;    /* REPLACE */
  char          *link_url;       /* LINK */
  char          *file_path;
  char          *sha256;
  char          *submission_id;
  int            step;           /* the wizard's step when saved */
} OdsSubmissionState;

OdsSubmissionState *ods_submission_state_new   (void);
void                ods_submission_state_free  (OdsSubmissionState        *state);
char               *ods_submission_state_path  (void);
/* %NULL with no error when there is nothing to resume. */
OdsSubmissionState *ods_submission_state_load  (GError                   **error);
gboolean            ods_submission_state_save  (const OdsSubmissionState  *state,
                                                GError                   **error);
void                ods_submission_state_clear (void);
/* "“Dân số” for Q3/2026, file dan-so.csv" (translated). */
char               *ods_submission_state_describe (const OdsSubmissionState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsSubmissionState, ods_submission_state_free)

G_END_DECLS
