/* ods-wizard.h: the submission, one step after the other.
 *
 * Dataset → file → check → details → upload → confirmation, with Back
 * always possible until the upload starts. Each step is its own widget
 * (OdsDatasetPage, OdsFilePicker, OdsCheckPage, OdsDetailsForm,
 * OdsUploadProgress, OdsReceiptPage); the wizard keeps the navigation, the
 * submission's state (history entry, submission id, upload job, receipt)
 * and the interrupted submission that is offered again on the next start.
 * Without an account it only navigates: ods_wizard_set_step_complete()
 * and ods_wizard_set_step_child() then decide what the steps hold.
 */
#pragma once

#include <gtk/gtk.h>

#include "ods-ckan-package.h"
#include "ods-details-form.h"
#include "ods-file-picker.h"
#include "ods-portal-account.h"
#include "ods-upload-progress.h"
#include "ods-report.h"
#include "ods-submission.h"
#include "ods-upload-job.h"

G_BEGIN_DECLS

typedef enum
{
  ODS_WIZARD_STEP_DATASET,
  ODS_WIZARD_STEP_FILE,
  ODS_WIZARD_STEP_CHECK,
  ODS_WIZARD_STEP_DETAILS,
  ODS_WIZARD_STEP_UPLOAD,
  ODS_WIZARD_STEP_CONFIRMATION,
  ODS_WIZARD_N_STEPS
} OdsWizardStep;

#define ODS_TYPE_WIZARD (ods_wizard_get_type ())

G_DECLARE_FINAL_TYPE (OdsWizard, ods_wizard, ODS, WIZARD, GtkWidget)

GtkWidget         *ods_wizard_new                (void);
OdsWizardStep      ods_wizard_get_step           (OdsWizard     *self);
void               ods_wizard_set_step           (OdsWizard     *self,
                                                  OdsWizardStep  step);
void               ods_wizard_set_step_complete  (OdsWizard     *self,
                                                  OdsWizardStep  step,
                                                  gboolean       complete);
void               ods_wizard_set_step_child     (OdsWizard     *self,
                                                  OdsWizardStep  step,
                                                  GtkWidget     *child);
OdsFilePicker     *ods_wizard_get_file_picker    (OdsWizard     *self);
OdsUploadProgress *ods_wizard_get_upload_progress (OdsWizard    *self);
OdsDetailsForm    *ods_wizard_get_details_form   (OdsWizard     *self);
/* Starts a submission of @package (nullable: the officer picks one) for
 * @period ("2026-Q3") with @account; called by ods_window_start_submission(). */
void               ods_wizard_begin              (OdsWizard                *self,
                                                  OdsPortalAccount         *account,
                                                  OdsCkanPackage           *package,
                                                  const char               *period);
void               ods_wizard_resume             (OdsWizard                *self,
                                                  OdsPortalAccount         *account,
                                                  const OdsSubmissionState *state);
gboolean           ods_wizard_offer_resume       (OdsWizard                *self,
                                                  OdsPortalAccount         *account);
const OdsUploadReceipt *ods_wizard_get_receipt   (OdsWizard                *self);
OdsReport         *ods_wizard_get_report         (OdsWizard                *self);

G_END_DECLS
