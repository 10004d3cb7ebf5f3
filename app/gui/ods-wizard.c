#define G_LOG_DOMAIN "ods-wizard"

#include "config.h"

#include <adwaita.h>

#include "ods-wizard.h"
#include "ods-check-page.h"
#include "ods-dataset-page.h"
#include "ods-i18n.h"
#include "ods-receipt-page.h"
#include "ods-submission.h"
#include "ods-window.h"

#define TRIES 4
#define FIRST_RETRY_DELAY_MS 2000

struct _OdsWizard
{
  GtkWidget          parent_instance;

  OdsWizardStep      step;
  gboolean           complete[ODS_WIZARD_N_STEPS];

  GtkLabel          *step_label;
  GtkProgressBar    *step_bar;
  GtkStack          *stack;
  OdsDatasetPage    *dataset_page;
  OdsFilePicker     *file_picker;
  OdsCheckPage      *check_page;
  OdsDetailsForm    *details_form;
  OdsUploadProgress *upload_progress;
  GtkLabel          *upload_status;
  OdsReceiptPage    *receipt_page;
  GtkButton         *next_button;

  /* The submission (NULL account: the wizard only navigates) */
  OdsPortalAccount  *account;
  char              *period;
  char              *submission_id;      /* reused when resuming */
  gboolean           resuming;
  OdsHistoryEntry   *entry;
  OdsHistory        *history;

  OdsUploadJob      *job;
  GCancellable      *upload_cancellable;
  gboolean           uploading;
  gboolean           upload_failed;
  OdsUploadReceipt  *receipt;
};

G_DEFINE_FINAL_TYPE (OdsWizard, ods_wizard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

enum {
  FINISHED,
  SUBMITTED,
  N_SIGNALS
};

static void start_upload (OdsWizard *self);
static void save_state (OdsWizard *self);
static void clear_state (void);

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char *name;    /* page in the stack */
  const char *title;   /* N_() */
} steps[ODS_WIZARD_N_STEPS] = {
  { "dataset", N_("Dataset") },
  { "file", N_("File") },
  { "check", N_("Check") },
  { "details", N_("Details") },
  { "upload", N_("Upload") },
  { "confirmation", N_("Confirmation") },
};

/* What the steps hold */

static OdsCkanPackage *
get_package (OdsWizard *self)
{
  return ods_dataset_page_get_package (self->dataset_page);
}

static OdsUploadMode
get_mode (OdsWizard *self)
{
  return ods_dataset_page_get_mode (self->dataset_page);
}

static OdsCkanResource *
get_chosen_resource (OdsWizard *self)
{
  return ods_dataset_page_get_resource (self->dataset_page);
}

static const char *
get_link_url (OdsWizard *self)
{
  return ods_dataset_page_get_link_url (self->dataset_page);
}

static OdsReport *
get_report (OdsWizard *self)
{
  return ods_check_page_get_report (self->check_page);
}

static GFile *
get_checked_file (OdsWizard *self)
{
  return ods_check_page_get_file (self->check_page);
}

static gboolean
is_checking (OdsWizard *self)
{
  return ods_check_page_get_checking (self->check_page);
}

static gboolean
step_is_complete (OdsWizard     *self,
                  OdsWizardStep  step)
{
  if (step == ODS_WIZARD_STEP_DATASET && self->account != NULL &&
      !ods_dataset_page_get_complete (self->dataset_page))
    return FALSE;

  if (step == ODS_WIZARD_STEP_FILE && ods_file_picker_get_file (self->file_picker) == NULL)
    return FALSE;

  if (step == ODS_WIZARD_STEP_DETAILS && !ods_details_form_get_complete (self->details_form))
    return FALSE;

  return self->complete[step];
}

static void
update_actions (OdsWizard *self)
{
  OdsWizardStep step = self->step;
  g_autofree char *label = NULL;
  const char *next = NULL;

  /* Back is possible until the upload starts. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back",
                                 (step > ODS_WIZARD_STEP_DATASET && step < ODS_WIZARD_STEP_UPLOAD &&
                                  !is_checking (self)) ||
                                 (step == ODS_WIZARD_STEP_UPLOAD && self->upload_failed));

  switch (step)
    {
    case ODS_WIZARD_STEP_DETAILS:
      next = _("_Upload");
      break;
    case ODS_WIZARD_STEP_UPLOAD:
      next = self->upload_failed ? _("_Try Again") : NULL;
      break;
    case ODS_WIZARD_STEP_CONFIRMATION:
      next = _("_Done");
      break;
    case ODS_WIZARD_STEP_DATASET:
    case ODS_WIZARD_STEP_FILE:
    case ODS_WIZARD_STEP_CHECK:
    case ODS_WIZARD_N_STEPS:
    default:
      next = _("_Next");
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->next_button), next != NULL);
  if (next != NULL)
    gtk_button_set_label (self->next_button, next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 step == ODS_WIZARD_STEP_UPLOAD ? self->upload_failed
                                                                : step_is_complete (self, step));
  /* F5 and Ctrl+E anywhere in the wizard, while the check is shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.check-again", step == ODS_WIZARD_STEP_CHECK);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.export-errors", step == ODS_WIZARD_STEP_CHECK);

  /* TRANSLATORS: "Step 2 of 6: File" */
  label = g_strdup_printf (_("Step %u of %u: %s"), step + 1, (guint) ODS_WIZARD_N_STEPS, _(steps[step].title));
  gtk_label_set_text (self->step_label, label);
  gtk_progress_bar_set_fraction (self->step_bar, (double) step / (ODS_WIZARD_N_STEPS - 1));
}

/* Helpers */

static OdsWindow *
get_window (OdsWizard *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ODS_TYPE_WINDOW);

  return window != NULL ? ODS_WINDOW (window) : NULL;
}

static void
toast (OdsWizard  *self,
       const char *text)
{
  OdsWindow *window = get_window (self);

  if (window != NULL)
    ods_window_add_toast (window, text);
}

static const char *
package_title (OdsCkanPackage *package)
{
  return package != NULL ? ods_ckan_package_get_display_name (package) : "";
}

static char *
period_label (OdsWizard *self)
{
  return ods_upload_period_label (self->period != NULL ? self->period : "");
}

static OdsHistory *
get_history (OdsWizard *self)
{
  if (self->history == NULL)
    self->history = ods_history_new (NULL);
  return self->history;
}

static void
history_appended (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ods_history_append_finish (ODS_HISTORY (source), result, &error))
    g_warning ("Could not add to the history: %s", error->message);
}

static void
append_history (OdsWizard *self)
{
  if (self->entry != NULL)
    ods_history_append_async (get_history (self), self->entry, NULL, history_appended, NULL);
}

/* Dataset step */

static void
reset_check (OdsWizard *self,
             gboolean   forget_schema)
{
  ods_check_page_reset (self->check_page, forget_schema);
  g_clear_pointer (&self->entry, ods_history_entry_free);
  self->complete[ODS_WIZARD_STEP_CHECK] = self->account == NULL && self->complete[ODS_WIZARD_STEP_CHECK];
}

static void resume_when_ready (OdsWizard *self);

/* Another dataset: its schema is read anew. */
static void
on_package_changed (OdsWizard *self)
{
  if (self->account == NULL)
    return;
  reset_check (self, TRUE);
  if (self->resuming && get_package (self) != NULL)
    resume_when_ready (self);
  update_actions (self);
}

static void
on_target_changed (OdsWizard *self)
{
  /* The schema may be that of the resource replaced. */
  if (self->account != NULL && get_report (self) != NULL && get_mode (self) != ODS_UPLOAD_MODE_LINK)
    reset_check (self, TRUE);
  update_actions (self);
}

/* Check step */

static void
start_check (OdsWizard *self)
{
  GFile *file = ods_file_picker_get_file (self->file_picker);
  OdsCkanResource *resource;

  if (self->account == NULL || get_package (self) == NULL || file == NULL)
    return;
  resource = get_mode (self) == ODS_UPLOAD_MODE_REPLACE ? get_chosen_resource (self) : NULL;
  ods_check_page_start (self->check_page, self->account, get_package (self), self->period,
                        resource != NULL ? ods_ckan_resource_get_id (resource) : NULL, file);
}

static void
on_checking_changed (OdsWizard *self)
{
  /* A new check: what the last one found no longer holds. */
  if (self->account != NULL && is_checking (self))
    {
      g_clear_pointer (&self->entry, ods_history_entry_free);
      self->complete[ODS_WIZARD_STEP_CHECK] = FALSE;
    }
  update_actions (self);
}

static void
on_checked (OdsWizard *self,
            OdsReport *report)
{
  if (self->account == NULL)
    return;
  self->complete[ODS_WIZARD_STEP_CHECK] = ods_report_get_valid (report);

  g_clear_pointer (&self->entry, ods_history_entry_free);
  self->entry = ods_submission_history_entry_new (ods_portal_account_get_settings (self->account),
                                                  self->account,
                                                  ods_ckan_package_get_name (get_package (self)),
                                                  self->period, get_checked_file (self), report);
  append_history (self);
  save_state (self);
  update_actions (self);
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->check_page), "check.again", NULL);
}

static void
export_errors_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->check_page), "check.export-errors", NULL);
}

/* Details step */

static void
fill_details (OdsWizard *self)
{
  g_autofree char *period = period_label (self);
  g_autofree char *default_name = NULL;
  g_autofree char *name = ods_details_form_dup_name (self->details_form);
  g_autofree char *target = NULL;
  g_autofree char *file_text = NULL;
  OdsCkanResource *resource = get_chosen_resource (self);
  OdsReport *report = get_report (self);

  /* TRANSLATORS: the resource's suggested name: dataset title – Q3/2026 */
  default_name = g_strdup_printf (_("%s – %s"), package_title (get_package (self)), period);
  if (name == NULL || *name == '\0')
    ods_details_form_set_name (self->details_form, default_name);

  switch (get_mode (self))
    {
    case ODS_UPLOAD_MODE_REPLACE:
      /* TRANSLATORS: %s is the resource's name */
      target = g_strdup_printf (_("Replaces the file of “%s”"),
                                resource != NULL ? ods_ckan_resource_get_name (resource) : "");
      break;
    case ODS_UPLOAD_MODE_LINK:
      /* TRANSLATORS: %s is an address */
      target = g_strdup_printf (_("A link to %s"), get_link_url (self));
      break;
    case ODS_UPLOAD_MODE_NEW:
    default:
      target = g_strdup (_("A new resource"));
      break;
    }

  if (get_mode (self) != ODS_UPLOAD_MODE_LINK && report != NULL)
    {
      g_autofree char *base = g_file_get_basename (get_checked_file (self));
      g_autofree char *size = ods_format_size (ods_report_get_bytes (report));

      /* TRANSLATORS: file name, size, SHA-256 */
      file_text = g_strdup_printf (_("%s (%s)\nSHA-256 %s"), base, size, ods_report_get_sha256 (report));
    }
  ods_details_form_set_summary (self->details_form, package_title (get_package (self)), target, period, file_text);
}

/* Upload step */

static void
on_job_progress (OdsUploadJob *job,
                 guint64       done,
                 guint64       total,
                 double        rate,
                 double        eta,
                 OdsWizard    *self)
{
  ods_upload_progress_set_retry (self->upload_progress, 0, 0, 0);
  ods_upload_progress_update (self->upload_progress, done, total, rate);
}

static void
on_job_retry (OdsUploadJob *job,
              guint         attempt,
              guint         delay_ms,
              const char   *reason,
              OdsWizard    *self)
{
  ods_upload_progress_set_retry (self->upload_progress, attempt, TRIES, (delay_ms + 999) / 1000);
}

/* Confirmation */

/* The resource's page on the portal (CKAN: dataset/ID/resource/ID), not
 * its download. */
static char *
resource_page_url (OdsWizard *self)
{
  g_autofree char *path = NULL;

  if (self->receipt == NULL || self->account == NULL || self->receipt->resource_id == NULL ||
      self->receipt->dataset_id == NULL)
    return NULL;
  path = g_strdup_printf ("dataset/%s/resource/%s", self->receipt->dataset_id, self->receipt->resource_id);
  return ods_portal_client_build_url (ods_portal_account_get_client (self->account), path);
}

static void
show_receipt (OdsWizard *self)
{
  g_autofree char *page = resource_page_url (self);
  /* TRANSLATORS: the receipt's suggested file name: dataset, period */
  g_autofree char *name = g_strdup_printf (_("receipt-%s-%s.json"), ods_ckan_package_get_name (get_package (self)),
                                           self->period != NULL ? self->period : "");

  ods_receipt_page_set_receipt (self->receipt_page, self->receipt, page, name);
}

/* Upload step, continued */

static void
upload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  OdsUploadReceipt *receipt = ods_upload_job_run_finish (ODS_UPLOAD_JOB (source), result, &error);

  /* The window was closed mid-way: the state file stays, so the next start
   * offers to continue (with the same submission id). */
  if (self->stack == NULL)
    {
      g_clear_pointer (&receipt, ods_upload_receipt_free);
      return;
    }
  self->uploading = FALSE;
  if (self->entry == NULL)
    self->entry = ods_history_entry_new ();
  ods_submission_history_entry_set_result (self->entry, receipt, error);
  append_history (self);

  if (receipt == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The officer's choice, not a failure: back to the details. */
          clear_state ();
          g_clear_pointer (&self->submission_id, g_free);
          ods_wizard_set_step (self, ODS_WIZARD_STEP_DETAILS);
          toast (self, _("The upload was cancelled."));
        }
      else
        {
          /* TRANSLATORS: %s says why the upload failed */
          g_autofree char *text = g_strdup_printf (_("The upload failed: %s Press Try Again to continue it "
                                                     "(nothing is sent twice), or Back to change the details."),
                                                   error->message);

          self->upload_failed = TRUE;
          gtk_label_set_text (self->upload_status, text);
          gtk_widget_set_visible (GTK_WIDGET (self->upload_status), TRUE);
          update_actions (self);
        }
      return;
    }

  g_clear_pointer (&self->receipt, ods_upload_receipt_free);
  self->receipt = receipt;
  clear_state ();
  show_receipt (self);
  ods_wizard_set_step (self, ODS_WIZARD_STEP_CONFIRMATION);
  g_signal_emit (self, signals[SUBMITTED], 0, ods_ckan_package_get_name (get_package (self)), self->period,
                 receipt->confirmed);
}

static void
start_upload (OdsWizard *self)
{
  OdsUploadMode mode = get_mode (self);
  OdsCkanResource *resource = get_chosen_resource (self);
  g_autofree char *name = ods_details_form_dup_name (self->details_form);
  g_autofree char *description = ods_details_form_dup_description (self->details_form);

  if (self->account == NULL || get_package (self) == NULL || self->uploading)
    return;
  if (mode != ODS_UPLOAD_MODE_LINK && (get_report (self) == NULL || !ods_report_get_valid (get_report (self))))
    return;

  g_clear_object (&self->job);
  self->job = ods_upload_job_new (ods_portal_account_get_client (self->account), mode,
                                  ods_ckan_package_get_id (get_package (self)));
  if (mode == ODS_UPLOAD_MODE_LINK)
    ods_upload_job_set_link_url (self->job, get_link_url (self));
  else
    ods_upload_job_set_file (self->job, get_checked_file (self), ods_report_get_sha256 (get_report (self)));
  ods_upload_job_set_period (self->job, self->period);
  if (mode == ODS_UPLOAD_MODE_REPLACE && resource != NULL)
    ods_upload_job_set_resource_id (self->job, ods_ckan_resource_get_id (resource));
  ods_upload_job_set_name (self->job, name);
  ods_upload_job_set_description (self->job, description != NULL && *description != '\0' ? description : NULL);
  ods_upload_job_set_max_bytes (self->job,
                                ods_portal_settings_get_max_upload_bytes (ods_portal_account_get_settings (self->account)));
  ods_upload_job_set_retry (self->job, TRIES, FIRST_RETRY_DELAY_MS);
  /* The same submission id on a retry or a resumed submission: the job
   * finds the resource an earlier attempt created instead of adding one. */
  if (self->submission_id != NULL)
    ods_upload_job_set_submission_id (self->job, self->submission_id);
  else
    self->submission_id = g_strdup (ods_upload_job_get_submission_id (self->job));
  g_signal_connect_object (self->job, "progress", G_CALLBACK (on_job_progress), self, 0);
  g_signal_connect_object (self->job, "retry", G_CALLBACK (on_job_retry), self, 0);

  if (self->entry == NULL)
    self->entry = ods_history_entry_new ();
  if (mode == ODS_UPLOAD_MODE_LINK)
    {
      ods_upload_progress_set_file_name (self->upload_progress, get_link_url (self));
      g_free (self->entry->dataset);
      self->entry->dataset = g_strdup (ods_ckan_package_get_name (get_package (self)));
      g_free (self->entry->period);
      self->entry->period = g_strdup (self->period);
    }
  else
    {
      g_autofree char *base = g_file_get_basename (get_checked_file (self));

      ods_upload_progress_set_file_name (self->upload_progress, base);
    }
  ods_upload_progress_set_retry (self->upload_progress, 0, 0, 0);
  ods_upload_progress_update (self->upload_progress, 0, 0, 0);

  self->upload_failed = FALSE;
  self->uploading = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->upload_status), FALSE);
  g_clear_object (&self->upload_cancellable);
  self->upload_cancellable = g_cancellable_new ();
  save_state (self);
  update_actions (self);
  ods_upload_job_run_async (self->job, self->upload_cancellable, upload_done, g_object_ref (self));
}

static void
on_upload_cancel_requested (OdsWizard *self)
{
  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
}


/* The unfinished submission */

/* States are written one after the other, in the order saved or cleared. */
static GMutex state_lock;

static void
save_state_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&state_lock);
  if (!ods_submission_state_save (task_data, &error))
    g_warning ("Could not keep the unfinished submission: %s", error->message);
  g_mutex_unlock (&state_lock);
  g_task_return_boolean (task, TRUE);
}

static void
clear_state_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_mutex_lock (&state_lock);
  ods_submission_state_clear ();
  g_mutex_unlock (&state_lock);
  g_task_return_boolean (task, TRUE);
}

static void
clear_state (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_run_in_thread (task, clear_state_thread);
}

static void
save_state (OdsWizard *self)
{
  g_autoptr(OdsSubmissionState) state = ods_submission_state_new ();
  g_autoptr(GTask) task = NULL;
  OdsCkanResource *resource = get_chosen_resource (self);

  if (self->account == NULL || get_package (self) == NULL)
    return;
  state->portal = g_strdup (ods_portal_account_get_settings (self->account)->url);
  state->dataset = g_strdup (ods_ckan_package_get_name (get_package (self)));
  state->dataset_title = g_strdup (package_title (get_package (self)));
  state->period = g_strdup (self->period);
  state->mode = get_mode (self);
  if (state->mode == ODS_UPLOAD_MODE_REPLACE && resource != NULL)
    state->resource_id = g_strdup (ods_ckan_resource_get_id (resource));
  if (state->mode == ODS_UPLOAD_MODE_LINK)
    state->link_url = g_strdup (get_link_url (self));
  if (get_checked_file (self) != NULL)
    state->file_path = g_file_get_path (get_checked_file (self));
  if (get_report (self) != NULL)
    state->sha256 = g_strdup (ods_report_get_sha256 (get_report (self)));
  /* Chosen before the upload starts, so that resuming reuses it. */
  if (self->submission_id == NULL)
    self->submission_id = g_uuid_string_random ();
  state->submission_id = g_strdup (self->submission_id);
  state->step = self->step;
  /* Written with fsync(): in a thread, not in the main loop. */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_steal_pointer (&state), (GDestroyNotify) ods_submission_state_free);
  g_task_run_in_thread (task, save_state_thread);
}

static void
on_step_entered (OdsWizard *self)
{
  if (self->account == NULL)
    return;

  switch (self->step)
    {
    case ODS_WIZARD_STEP_CHECK:
      {
        GFile *file = ods_file_picker_get_file (self->file_picker);

        GFile *checked = get_checked_file (self);

        /* The same file again is not checked again: "Check Again" does. */
        if (!is_checking (self) && (checked == NULL || file == NULL || !g_file_equal (file, checked)))
          start_check (self);
      }
      break;
    case ODS_WIZARD_STEP_DETAILS:
      fill_details (self);
      break;
    case ODS_WIZARD_STEP_UPLOAD:
      start_upload (self);
      break;
    case ODS_WIZARD_STEP_DATASET:
    case ODS_WIZARD_STEP_FILE:
    case ODS_WIZARD_STEP_CONFIRMATION:
    case ODS_WIZARD_N_STEPS:
    default:
      break;
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  if (self->step == ODS_WIZARD_STEP_UPLOAD && self->upload_failed)
    {
      self->upload_failed = FALSE;
      ods_wizard_set_step (self, ODS_WIZARD_STEP_DETAILS);
      return;
    }
  if (self->step > ODS_WIZARD_STEP_DATASET && self->step < ODS_WIZARD_STEP_UPLOAD && !is_checking (self))
    {
      /* A link has no file to choose or check. */
      if (self->step == ODS_WIZARD_STEP_DETAILS && self->account != NULL &&
          get_mode (self) == ODS_UPLOAD_MODE_LINK)
        ods_wizard_set_step (self, ODS_WIZARD_STEP_DATASET);
      else
        ods_wizard_set_step (self, self->step - 1);
    }
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  if (self->step == ODS_WIZARD_STEP_UPLOAD)
    {
      if (self->upload_failed)
        start_upload (self);
      return;
    }
  if (!step_is_complete (self, self->step))
    return;

  if (self->step == ODS_WIZARD_STEP_CONFIRMATION)
    {
      /* Done: the next submission starts from a clean slate (same dataset). */
      if (self->account != NULL)
        {
          reset_check (self, FALSE);
          g_clear_pointer (&self->submission_id, g_free);
          g_clear_pointer (&self->receipt, ods_upload_receipt_free);
          ods_receipt_page_set_receipt (self->receipt_page, NULL, NULL, NULL);
          ods_file_picker_clear (self->file_picker);
          ods_details_form_set_name (self->details_form, NULL);
          ods_details_form_set_description (self->details_form, NULL);
        }
      g_signal_emit (self, signals[FINISHED], 0);
    }
  else if (self->step == ODS_WIZARD_STEP_DATASET && self->account != NULL &&
           get_mode (self) == ODS_UPLOAD_MODE_LINK)
    ods_wizard_set_step (self, ODS_WIZARD_STEP_DETAILS);
  else
    ods_wizard_set_step (self, self->step + 1);
}
static void
ods_wizard_dispose (GObject *object)
{
  OdsWizard *self = ODS_WIZARD (object);
  GtkWidget *child;

  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
  g_clear_object (&self->upload_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->job);
  g_clear_object (&self->history);
  g_clear_pointer (&self->entry, ods_history_entry_free);
  g_clear_pointer (&self->receipt, ods_upload_receipt_free);

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_WIZARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_wizard_parent_class)->dispose (object);
}

static void
ods_wizard_finalize (GObject *object)
{
  OdsWizard *self = ODS_WIZARD (object);

  g_free (self->period);
  g_free (self->submission_id);

  G_OBJECT_CLASS (ods_wizard_parent_class)->finalize (object);
}

static void
ods_wizard_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdsWizard *self = ODS_WIZARD (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, self->step);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_wizard_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OdsWizard *self = ODS_WIZARD (object);

  switch (prop_id)
    {
    case PROP_STEP:
      ods_wizard_set_step (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_wizard_class_init (OdsWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_wizard_dispose;
  object_class->finalize = ods_wizard_finalize;
  object_class->get_property = ods_wizard_get_property;
  object_class->set_property = ods_wizard_set_property;

  /**
   * OdsWizard:step:
   *
   * The #OdsWizardStep shown. The submission starts the upload when it
   * becomes %ODS_WIZARD_STEP_UPLOAD and moves on to the confirmation.
   */
  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, ODS_WIZARD_N_STEPS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsWizard::finished:
   *
   * "Done" was pressed on the confirmation.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * OdsWizard::submitted:
   * @dataset: the dataset's name
   * @period: e.g. "2026-Q3"
   * @confirmed: whether the portal confirmed the submission
   *
   * A submission reached the portal (the dashboard refreshes).
   */
  signals[SUBMITTED] =
    g_signal_new ("submitted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_BOOLEAN);

  g_type_ensure (ODS_TYPE_DATASET_PAGE);
  g_type_ensure (ODS_TYPE_FILE_PICKER);
  g_type_ensure (ODS_TYPE_CHECK_PAGE);
  g_type_ensure (ODS_TYPE_DETAILS_FORM);
  g_type_ensure (ODS_TYPE_UPLOAD_PROGRESS);
  g_type_ensure (ODS_TYPE_RECEIPT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, step_bar);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, dataset_page);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, file_picker);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, check_page);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, details_form);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, upload_progress);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, upload_status);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_page);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, next_button);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_callback (widget_class, on_package_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checking_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_checked);
  gtk_widget_class_bind_template_callback (widget_class, on_upload_cancel_requested);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "wizard.export-errors", NULL, export_errors_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "wizard.check-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "wizard.export-errors", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_wizard_init (OdsWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Until the submission says otherwise: the dataset step is complete, the
   * check is not (nothing has been checked), the file step is complete once
   * a file is chosen, the details once the resource has a name, and the
   * confirmation can be closed. */
  self->complete[ODS_WIZARD_STEP_DATASET] = TRUE;
  self->complete[ODS_WIZARD_STEP_FILE] = TRUE;
  self->complete[ODS_WIZARD_STEP_DETAILS] = TRUE;
  self->complete[ODS_WIZARD_STEP_CONFIRMATION] = TRUE;

  update_actions (self);
}


GtkWidget *
ods_wizard_new (void)
{
  return g_object_new (ODS_TYPE_WIZARD, NULL);
}

OdsWizardStep
ods_wizard_get_step (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), ODS_WIZARD_STEP_DATASET);

  return self->step;
}

void
ods_wizard_set_step (OdsWizard     *self,
                     OdsWizardStep  step)
{
  g_return_if_fail (ODS_IS_WIZARD (self));
  g_return_if_fail (step < ODS_WIZARD_N_STEPS);

  if (self->step == step)
    return;

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, steps[step].name);
  update_actions (self);
  on_step_entered (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/**
 * ods_wizard_set_step_complete:
 *
 * Whether Next may leave @step: e.g. the check is complete only when the
 * file has no errors left.
 */
void
ods_wizard_set_step_complete (OdsWizard     *self,
                              OdsWizardStep  step,
                              gboolean       complete)
{
  g_return_if_fail (ODS_IS_WIZARD (self));
  g_return_if_fail (step < ODS_WIZARD_N_STEPS);

  self->complete[step] = !!complete;
  update_actions (self);
}

/**
 * ods_wizard_set_step_child:
 * @child: the widget showing @step (the dataset list, the validation
 *   report, the details form, the receipt)
 */
void
ods_wizard_set_step_child (OdsWizard     *self,
                           OdsWizardStep  step,
                           GtkWidget     *child)
{
  GtkWidget *old;

  g_return_if_fail (ODS_IS_WIZARD (self));
  g_return_if_fail (step < ODS_WIZARD_N_STEPS);
  g_return_if_fail (GTK_IS_WIDGET (child));

  old = gtk_stack_get_child_by_name (self->stack, steps[step].name);
  if (old == child)
    return;
  if (old != NULL)
    gtk_stack_remove (self->stack, old);

  gtk_stack_add_named (self->stack, child, steps[step].name);
  if (self->step == step)
    gtk_stack_set_visible_child (self->stack, child);
}

OdsFilePicker *
ods_wizard_get_file_picker (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), NULL);

  return self->file_picker;
}

OdsUploadProgress *
ods_wizard_get_upload_progress (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), NULL);

  return self->upload_progress;
}

OdsDetailsForm *
ods_wizard_get_details_form (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), NULL);

  return self->details_form;
}
static void
begin (OdsWizard        *self,
       OdsPortalAccount *account,
       OdsCkanPackage   *package,
       const char       *dataset,
       const char       *period)
{
  if (self->uploading)
    {
      g_warning ("A submission is being uploaded; it must end before another begins");
      return;
    }

  reset_check (self, TRUE);
  g_set_object (&self->account, account);
  g_clear_object (&self->job);
  g_clear_pointer (&self->receipt, ods_upload_receipt_free);
  ods_receipt_page_set_receipt (self->receipt_page, NULL, NULL, NULL);
  g_clear_pointer (&self->submission_id, g_free);
  g_free (self->period);
  self->period = g_strdup (period);
  self->resuming = FALSE;
  self->upload_failed = FALSE;
  self->complete[ODS_WIZARD_STEP_CHECK] = FALSE;
  ods_details_form_set_name (self->details_form, NULL);
  ods_details_form_set_description (self->details_form, NULL);
  ods_file_picker_clear (self->file_picker);
  ods_wizard_set_step (self, ODS_WIZARD_STEP_DATASET);
  ods_dataset_page_begin (self->dataset_page, account, package, dataset, period);
  update_actions (self);
}

/**
 * ods_wizard_begin:
 * @account: the signed-in account
 * @package: (nullable): the dataset, preselected; %NULL: the officer picks
 *   one of the account's datasets
 * @period: the reporting period, e.g. "2026-Q3"
 *
 * Starts a new submission at the dataset step (the dashboard calls this
 * through ods_window_start_submission()).
 */
void
ods_wizard_begin (OdsWizard        *self,
                  OdsPortalAccount *account,
                  OdsCkanPackage   *package,
                  const char       *period)
{
  g_return_if_fail (ODS_IS_WIZARD (self));
  g_return_if_fail (ODS_IS_PORTAL_ACCOUNT (account));
  g_return_if_fail (package == NULL || ODS_IS_CKAN_PACKAGE (package));
  g_return_if_fail (period != NULL);

  begin (self, account, package, NULL, period);
}

static void
resume_when_ready (OdsWizard *self)
{
  /* Once the dataset is read: on to the check, which validates the file again. */
  if (get_package (self) == NULL)
    return;
  self->resuming = FALSE;
  if (get_mode (self) == ODS_UPLOAD_MODE_LINK)
    {
      ods_wizard_set_step (self, ODS_WIZARD_STEP_DATASET);
      return;
    }
  if (ods_file_picker_get_file (self->file_picker) != NULL)
    ods_wizard_set_step (self, ODS_WIZARD_STEP_CHECK);
  else
    ods_wizard_set_step (self, ODS_WIZARD_STEP_FILE);
}

/**
 * ods_wizard_resume:
 * @state: what ods_submission_state_load() found
 *
 * Continues an interrupted submission: the dataset is read again, the file
 * checked again, and its upload reuses the submission id, so the portal
 * never gets a second resource for it.
 */
void
ods_wizard_resume (OdsWizard                *self,
                   OdsPortalAccount         *account,
                   const OdsSubmissionState *state)
{
  g_return_if_fail (ODS_IS_WIZARD (self));
  g_return_if_fail (ODS_IS_PORTAL_ACCOUNT (account));
  g_return_if_fail (state != NULL);

  begin (self, account, NULL, state->dataset, state->period != NULL ? state->period : "");
  self->submission_id = g_strdup (state->submission_id);
  ods_dataset_page_set_target (self->dataset_page, state->mode, state->resource_id, state->link_url);
  if (state->file_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (state->file_path);

      if (g_file_query_exists (file, NULL))
        ods_file_picker_set_file (self->file_picker, file);
    }
  self->resuming = TRUE;
}

static void
on_resume_answered (OdsWindow *window,
                    gboolean   resume,
                    OdsWizard *self)
{
  g_autoptr(OdsSubmissionState) state = NULL;
  OdsPortalAccount *account = g_object_get_data (G_OBJECT (self), "ods-resume-account");

  g_signal_handlers_disconnect_by_func (window, on_resume_answered, self);
  state = ods_submission_state_load (NULL);
  if (!resume || state == NULL || account == NULL)
    {
      clear_state ();
      g_object_set_data (G_OBJECT (self), "ods-resume-account", NULL);
      return;
    }
  ods_window_show_page (window, "submit");
  ods_wizard_resume (self, account, state);
  g_object_set_data (G_OBJECT (self), "ods-resume-account", NULL);
}

/**
 * ods_wizard_offer_resume:
 * @account: the account just signed in to
 *
 * If a submission to @account's portal was interrupted (the app was
 * closed mid-way), asks through ods_window_offer_resume() whether to
 * continue it. Call once after the first sign-in of a run.
 *
 * Returns: %TRUE if there was one to offer
 */
gboolean
ods_wizard_offer_resume (OdsWizard        *self,
                         OdsPortalAccount *account)
{
  g_autoptr(OdsSubmissionState) state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  OdsWindow *window;

  g_return_val_if_fail (ODS_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (ODS_IS_PORTAL_ACCOUNT (account), FALSE);

  window = get_window (self);
  state = ods_submission_state_load (&error);
  if (error != NULL)
    g_warning ("%s", error->message);
  if (state == NULL || window == NULL ||
      g_strcmp0 (state->portal, ods_portal_account_get_settings (account)->url) != 0)
    return FALSE;

  description = ods_submission_state_describe (state);
  g_object_set_data_full (G_OBJECT (self), "ods-resume-account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (window, "resume-answered", G_CALLBACK (on_resume_answered), self, 0);
  ods_window_offer_resume (window, description);
  return TRUE;
}

/**
 * ods_wizard_get_receipt:
 *
 * Returns: (nullable): the receipt of the last upload
 */
const OdsUploadReceipt *
ods_wizard_get_receipt (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), NULL);

  return self->receipt;
}

/**
 * ods_wizard_get_report:
 *
 * Returns: (nullable) (transfer none): the last validation's report
 */
OdsReport *
ods_wizard_get_report (OdsWizard *self)
{
  g_return_val_if_fail (ODS_IS_WIZARD (self), NULL);

  return get_report (self);
}
