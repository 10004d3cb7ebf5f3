#define G_LOG_DOMAIN "ods-wizard"

#include "config.h"

#include <adwaita.h>

#include "ods-wizard.h"
#include "ods-i18n.h"
#include "ods-preview-model.h"
#include "ods-preview-row.h"
#include "ods-submission.h"
#include "ods-validation.h"
#include "ods-window.h"
#include "ods-xlsx-validation.h"

#define TRIES 4
#define FIRST_RETRY_DELAY_MS 2000
/* At most this many errors of one type are listed (all are counted). */
#define MAX_LISTED_PER_TYPE 200
#define CHECK_PROGRESS_INTERVAL_MS 100

/* What the validating thread reports, read by the main thread's timer. */
typedef struct
{
  GMutex  lock;
  guint64 bytes_done;
  guint64 bytes_total;
  guint64 rows;
} CheckProgress;

struct _OdsWizard
{
  GtkWidget          parent_instance;

  OdsWizardStep      step;
  gboolean           complete[ODS_WIZARD_N_STEPS];

  GtkLabel          *step_label;
  GtkProgressBar    *step_bar;
  GtkStack          *stack;
  OdsFilePicker     *file_picker;
  OdsUploadProgress *upload_progress;
  OdsDetailsForm    *details_form;
  GtkButton         *next_button;

  /* Dataset step */
  GtkLabel          *dataset_status;
  AdwComboRow       *dataset_row;
  AdwComboRow       *resource_row;
  GtkCheckButton    *new_check;
  GtkCheckButton    *replace_check;
  GtkCheckButton    *link_check;
  AdwEntryRow       *link_row;
  GtkLabel          *link_status;
  AdwActionRow      *new_row;

  /* Check step */
  GtkLabel          *check_title;
  GtkWidget         *check_progress_box;
  GtkProgressBar    *check_progress;
  GtkLabel          *check_summary;
  GtkLabel          *schema_label;
  GtkWidget         *errors_scroll;
  GtkListBox        *errors_list;
  GtkColumnView     *preview_view;

  /* Upload and confirmation */
  GtkLabel          *upload_status;
  GtkLabel          *receipt_title;
  GtkLabel          *receipt_problems;
  AdwActionRow      *verified_resource_row;
  AdwActionRow      *verified_size_row;
  AdwActionRow      *verified_validation_row;
  AdwActionRow      *receipt_status_row;
  AdwActionRow      *receipt_resource_row;
  AdwActionRow      *receipt_sha256_row;
  AdwActionRow      *receipt_submission_row;

  /* The submission (NULL account: the wizard only navigates) */
  OdsPortalAccount  *account;
  char              *period;
  char              *wanted_dataset;     /* name to preselect once listed */
  GPtrArray         *packages;           /* OdsCkanPackage, the choices */
  OdsCkanPackage    *package;            /* package_show of the chosen one */
  GPtrArray         *resources;          /* OdsCkanResource, replace choices */
  char              *resume_resource_id;
  char              *submission_id;      /* reused when resuming */
  gboolean           link_checked;
  gboolean           resuming;
  GCancellable      *dataset_cancellable;

  OdsSchema         *schema;
  char              *schema_note;
  gboolean           schema_inferred;
  GFile             *checked_file;
  OdsReport         *report;
  OdsPreviewModel   *preview;
  GtkSingleSelection *preview_selection;
  GCancellable      *check_cancellable;
  CheckProgress     *check_progress_data;
  guint              check_timer;
  gboolean           checking;
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

static void start_check (OdsWizard *self);
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

static OdsUploadMode
get_mode (OdsWizard *self)
{
  if (gtk_check_button_get_active (self->link_check))
    return ODS_UPLOAD_MODE_LINK;
  if (gtk_check_button_get_active (self->replace_check))
    return ODS_UPLOAD_MODE_REPLACE;
  return ODS_UPLOAD_MODE_NEW;
}

static OdsCkanResource *
get_chosen_resource (OdsWizard *self)
{
  guint i = adw_combo_row_get_selected (self->resource_row);

  if (self->resources == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->resources->len)
    return NULL;
  return g_ptr_array_index (self->resources, i);
}

static gboolean
dataset_step_complete (OdsWizard *self)
{
  if (self->account == NULL)
    return TRUE;
  if (self->package == NULL)
    return FALSE;
  switch (get_mode (self))
    {
    case ODS_UPLOAD_MODE_REPLACE:
      return get_chosen_resource (self) != NULL;
    case ODS_UPLOAD_MODE_LINK:
      return self->link_checked;
    case ODS_UPLOAD_MODE_NEW:
    default:
      return TRUE;
    }
}

static gboolean
step_is_complete (OdsWizard     *self,
                  OdsWizardStep  step)
{
  if (step == ODS_WIZARD_STEP_DATASET && !dataset_step_complete (self))
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
                                  !self->checking) ||
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.cancel-check", self->checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.check-again",
                                 self->account != NULL && !self->checking &&
                                 ods_file_picker_get_file (self->file_picker) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.export-errors",
                                 !self->checking && self->report != NULL && !ods_report_get_valid (self->report));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.probe",
                                 self->account != NULL &&
                                 gtk_check_button_get_active (self->link_check) &&
                                 g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (self->link_row)), "http"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.open-resource",
                                 self->receipt != NULL && self->receipt->resource_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.export-receipt", self->receipt != NULL);

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
set_dataset_status (OdsWizard  *self,
                    const char *text)
{
  gtk_label_set_text (self->dataset_status, text);
}

static void
reset_check (OdsWizard *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  GtkWidget *child;

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->checked_file);
  g_clear_pointer (&self->entry, ods_history_entry_free);
  gtk_column_view_set_model (self->preview_view, NULL);
  g_clear_object (&self->preview_selection);
  g_clear_object (&self->preview);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->preview_view, column);
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->errors_list))) != NULL)
    gtk_list_box_remove (self->errors_list, child);
  gtk_widget_set_visible (self->errors_scroll, FALSE);
  gtk_label_set_text (self->check_title, "");
  gtk_label_set_text (self->check_summary, "");
  self->complete[ODS_WIZARD_STEP_CHECK] = self->account == NULL && self->complete[ODS_WIZARD_STEP_CHECK];
}

static void
fill_resources (OdsWizard *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;
  GPtrArray *all = self->package != NULL ? ods_ckan_package_get_resources (self->package) : NULL;

  g_clear_pointer (&self->resources, g_ptr_array_unref);
  self->resources = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      OdsCkanResource *resource = g_ptr_array_index (all, i);
      const char *name = ods_ckan_resource_get_name (resource);

      if (!ods_ckan_resource_is_upload (resource))
        continue;
      if (g_strcmp0 (ods_ckan_resource_get_id (resource), self->resume_resource_id) == 0)
        selected = self->resources->len;
      g_ptr_array_add (self->resources, g_object_ref (resource));
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : ods_ckan_resource_get_id (resource));
    }
  adw_combo_row_set_model (self->resource_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->resource_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_check), self->resources->len > 0);
}

static void resume_when_ready (OdsWizard *self);

static void
package_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) package =
    ods_portal_client_package_show_finish (ODS_PORTAL_CLIENT (source), result, &error);

  if (self->stack == NULL)
    return;
  if (package == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_dataset_status (self, error->message);
      return;
    }

  g_set_object (&self->package, package);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->schema_note, g_free);
  fill_resources (self);
  if (self->resuming)
    resume_when_ready (self);
  {
    g_autofree char *period = period_label (self);
    /* TRANSLATORS: "A new resource for Q3/2026" */
    g_autofree char *title = g_strdup_printf (_("A ne_w resource for %s"), period);
    g_autofree char *status = NULL;

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_row), title);
    /* TRANSLATORS: dataset title, then the period */
    status = g_strdup_printf (_("“%s”, period %s. Choose what to send, then press Next."),
                              package_title (package), period);
    set_dataset_status (self, status);
  }
  update_actions (self);
}

static void
show_package (OdsWizard  *self,
              const char *id)
{
  g_clear_object (&self->package);
  g_cancellable_cancel (self->dataset_cancellable);
  g_clear_object (&self->dataset_cancellable);
  self->dataset_cancellable = g_cancellable_new ();
  set_dataset_status (self, _("Reading the dataset from the portal…"));
  ods_portal_client_package_show_async (ods_portal_account_get_client (self->account), id,
                                        self->dataset_cancellable, package_shown, g_object_ref (self));
  update_actions (self);
}

static void
on_dataset_selected (OdsWizard *self)
{
  guint i;

  if (self->account == NULL || self->packages == NULL)
    return;
  i = adw_combo_row_get_selected (self->dataset_row);
  if (i == GTK_INVALID_LIST_POSITION || i >= self->packages->len)
    return;
  if (self->package != NULL &&
      g_strcmp0 (ods_ckan_package_get_id (self->package),
                 ods_ckan_package_get_id (g_ptr_array_index (self->packages, i))) == 0)
    return;
  reset_check (self);
  show_package (self, ods_ckan_package_get_id (g_ptr_array_index (self->packages, i)));
}

static void
set_packages (OdsWizard *self,
              GPtrArray *packages)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->packages, g_ptr_array_unref);
  self->packages = g_ptr_array_ref (packages);
  for (guint i = 0; i < packages->len; i++)
    {
      OdsCkanPackage *package = g_ptr_array_index (packages, i);

      gtk_string_list_append (titles, package_title (package));
      if (self->wanted_dataset != NULL &&
          (g_strcmp0 (ods_ckan_package_get_name (package), self->wanted_dataset) == 0 ||
           g_strcmp0 (ods_ckan_package_get_id (package), self->wanted_dataset) == 0))
        selected = i;
    }
  /* Keep the selection handler quiet while the model changes. */
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  adw_combo_row_set_model (self->dataset_row, G_LIST_MODEL (titles));
  self->packages = g_ptr_array_ref (packages);
  if (selected == GTK_INVALID_LIST_POSITION && packages->len > 0 && self->wanted_dataset == NULL)
    selected = 0;
  if (selected != GTK_INVALID_LIST_POSITION)
    {
      adw_combo_row_set_selected (self->dataset_row, selected);
      on_dataset_selected (self);
    }
}

static void
packages_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packages =
    ods_portal_client_package_search_finish (ODS_PORTAL_CLIENT (source), result, &error);

  if (self->stack == NULL)
    return;
  if (packages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_dataset_status (self, error->message);
      return;
    }
  if (packages->len == 0)
    {
      set_dataset_status (self, _("This account has no datasets on the portal. Ask the portal’s "
                                  "administrator to add you to your unit’s organization."));
      return;
    }
  set_dataset_status (self, _("Choose the dataset and whether the file is a new resource for the period or "
                              "replaces an existing one."));
  set_packages (self, packages);
}

static void
on_target_changed (OdsWizard *self)
{
  OdsUploadMode mode = get_mode (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->resource_row), mode == ODS_UPLOAD_MODE_REPLACE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_row), mode == ODS_UPLOAD_MODE_LINK);
  /* The schema may be that of the resource replaced. */
  if (self->account != NULL && self->report != NULL && mode != ODS_UPLOAD_MODE_LINK)
    {
      g_clear_object (&self->schema);
      reset_check (self);
    }
  update_actions (self);
}

static void
on_link_changed (OdsWizard *self)
{
  self->link_checked = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->link_status), FALSE);
  update_actions (self);
}

static void
url_probed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsLinkProbe) probe = ods_portal_client_probe_url_finish (ODS_PORTAL_CLIENT (source), result, &error);
  g_autofree char *text = NULL;

  if (self->stack == NULL)
    return;
  if (probe == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s says why the address did not answer */
      text = g_strdup_printf (_("The address does not answer: %s Check it, or ask your unit’s IT staff."),
                              error->message);
    }
  else if (probe->status >= 200 && probe->status < 300 &&
           g_strcmp0 (probe->content_type, "text/html") == 0)
    text = g_strdup (_("The address answers with a web page, not data. Give the address of the data "
                       "itself (for example a CSV or JSON file), or ask your unit’s IT staff for it."));
  else if (probe->status >= 200 && probe->status < 300)
    {
      self->link_checked = TRUE;
      /* TRANSLATORS: %s is a content type such as text/csv */
      text = g_strdup_printf (_("The address answers with data (%s). Press Next."),
                              probe->content_type != NULL ? probe->content_type : "?");
    }
  else
    /* TRANSLATORS: %u is an HTTP status such as 404 */
    text = g_strdup_printf (_("The address answers with error %u. Check it, or ask your unit’s IT staff."),
                            probe->status);

  gtk_label_set_text (self->link_status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->link_status), TRUE);
  update_actions (self);
}

static void
probe_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  gtk_label_set_text (self->link_status, _("Checking the address…"));
  gtk_widget_set_visible (GTK_WIDGET (self->link_status), TRUE);
  ods_portal_client_probe_url_async (ods_portal_account_get_client (self->account),
                                     gtk_editable_get_text (GTK_EDITABLE (self->link_row)),
                                     self->dataset_cancellable, url_probed, g_object_ref (self));
}

/* Check step */

static gboolean
check_progress_tick (gpointer data)
{
  OdsWizard *self = data;
  CheckProgress *p = self->check_progress_data;
  guint64 done, total, rows;
  g_autofree char *text = NULL;

  g_mutex_lock (&p->lock);
  done = p->bytes_done;
  total = p->bytes_total;
  rows = p->rows;
  g_mutex_unlock (&p->lock);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->check_progress, MIN (1.0, (double) done / total));
  else
    gtk_progress_bar_pulse (self->check_progress);
  /* TRANSLATORS: rows read so far */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu row read",
                                       "%lu rows read", (gulong) rows), (gulong) rows);
  gtk_progress_bar_set_text (self->check_progress, text);
  return G_SOURCE_CONTINUE;
}

/* From the validating thread. */
static void
check_progress_cb (guint64  bytes_done,
                   guint64  bytes_total,
                   guint64  rows,
                   gpointer user_data)
{
  CheckProgress *p = user_data;

  g_mutex_lock (&p->lock);
  p->bytes_done = bytes_done;
  p->bytes_total = bytes_total;
  p->rows = rows;
  g_mutex_unlock (&p->lock);
}

static void
check_progress_free (gpointer data)
{
  CheckProgress *p = data;

  g_mutex_clear (&p->lock);
}

static void
check_progress_release (CheckProgress *p)
{
  g_rc_box_release_full (p, check_progress_free);
}

static void
stop_check_timer (OdsWizard *self)
{
  g_clear_handle_id (&self->check_timer, g_source_remove);
  gtk_widget_set_visible (self->check_progress_box, FALSE);
}

static void
jump_to (OdsWizard *self,
         guint64    row_number)
{
  gint64 position;
  GtkWidget *child;

  if (self->preview == NULL)
    return;
  position = ods_preview_model_find_row (self->preview, row_number);
  if (position < 0)
    {
      toast (self, _("That row is still being read. Try again in a moment."));
      return;
    }
  gtk_single_selection_set_selected (self->preview_selection, position);
  /* GTK 4.8 has no gtk_column_view_scroll_to(): its list scrolls itself. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", (guint) position);
        break;
      }
}

static void
on_error_row_activated (AdwActionRow *row,
                        OdsWizard    *self)
{
  guint64 *row_number = g_object_get_data (G_OBJECT (row), "ods-row-number");

  if (row_number != NULL)
    jump_to (self, *row_number);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           OdsWizard                *self)
{
  OdsPreviewRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  int field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "ods-field"));

  if (field == 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, ods_preview_row_get_row_number (row));

      gtk_label_set_text (GTK_LABEL (label), number);
      gtk_widget_add_css_class (label, "dim-label");
      return;
    }

  gtk_label_set_text (GTK_LABEL (label), ods_preview_row_get_cell (row, field - 1));
  if (self->preview != NULL &&
      ods_preview_model_is_error_cell (self->preview, ods_preview_row_get_row_number (row), field))
    {
      /* Not by colour alone: bold, and said to screen readers. */
      gtk_widget_add_css_class (label, "error-cell");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("This cell has an error"), -1);
    }
  else
    {
      gtk_widget_remove_css_class (label, "error-cell");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void show_summary (OdsWizard *self);

static void
add_preview_column (OdsWizard  *self,
                    const char *title,
                    int         field)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "ods-field", GINT_TO_POINTER (field));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->preview_view, column);
}

static void
ensure_preview_columns (OdsWizard *self)
{
  const char * const *header;

  if (self->preview == NULL || g_list_model_get_n_items (gtk_column_view_get_columns (self->preview_view)) > 0)
    return;
  header = ods_preview_model_get_header (self->preview);
  if (header == NULL)
    return;

  /* TRANSLATORS: the column of row numbers in the preview */
  add_preview_column (self, _("Row"), 0);
  for (guint i = 0; header[i] != NULL; i++)
    add_preview_column (self, header[i], i + 1);
  /* The summary counts the columns too. */
  if (self->report != NULL)
    show_summary (self);
}

static void
preview_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A file validation could not read says so in the check's summary. */
  if (!ods_preview_model_load_finish (ODS_PREVIEW_MODEL (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Preview: %s", error->message);
}

static void
start_preview (OdsWizard *self,
               GFile     *file)
{
  self->preview = ods_preview_model_new ();
  self->preview_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->preview)));
  gtk_single_selection_set_autoselect (self->preview_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->preview_selection, TRUE);
  g_signal_connect_object (self->preview, "header-ready", G_CALLBACK (ensure_preview_columns), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (self->preview_selection));
  ods_preview_model_load_async (self->preview, file, NULL, 0, self->check_cancellable, preview_loaded, NULL);
}

static char *
describe_error_place (const OdsReportError *e)
{
  g_autofree char *letters = NULL;

  if (e->row_number == 0)
    return g_strdup ("");
  if (e->field_number == 0)
    /* TRANSLATORS: a row of the file */
    return g_strdup_printf (_("Row %lu"), (gulong) e->row_number);

  letters = ods_column_letters (e->column_number > 0 ? e->column_number : e->field_number);
  if (e->field_name == NULL || *e->field_name == '\0')
    /* TRANSLATORS: row number, column letter */
    return g_strdup_printf (_("Row %lu, column %s"), (gulong) e->row_number, letters);
  /* TRANSLATORS: row number, column letter, column name */
  return g_strdup_printf (_("Row %lu, column %s (%s)"), (gulong) e->row_number, letters, e->field_name);
}

/* The rows of one type's errors, made when it is first expanded (up to
 * 200 rows a type: not all at once when the check ends). */
static void
fill_error_type (AdwExpanderRow *expander,
                 GParamSpec     *pspec,
                 OdsWizard      *self)
{
  int type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "ods-error-type"));
  GPtrArray *errors;
  guint64 n;
  guint listed = 0;

  if (!adw_expander_row_get_expanded (expander) || self->report == NULL ||
      g_object_get_data (G_OBJECT (expander), "ods-filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "ods-filled", GINT_TO_POINTER (TRUE));

  errors = ods_report_get_errors (self->report);
  n = ods_report_get_n_errors_of_type (self->report, type);
  for (guint i = 0; i < errors->len && listed < MAX_LISTED_PER_TYPE; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);
      GtkWidget *row;
      g_autofree char *message = NULL;
      g_autofree char *place = NULL;
      g_autofree char *escaped = NULL;

      if ((int) e->type != type)
        continue;
      listed++;
      row = adw_action_row_new ();
      message = g_markup_escape_text (e->message != NULL ? e->message : "", -1);
      place = describe_error_place (e);
      escaped = g_markup_escape_text (place, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (e->row_number > 1)
        {
          guint64 *row_number = g_new (guint64, 1);
          GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

          *row_number = e->row_number;
          g_object_set_data_full (G_OBJECT (row), "ods-row-number", row_number, g_free);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show this row in the preview"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          g_signal_connect_object (row, "activated", G_CALLBACK (on_error_row_activated), self, 0);
        }
      adw_expander_row_add_row (expander, row);
    }
  if (n > listed)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *text =
        /* TRANSLATORS: errors of this type not listed here */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "…and %lu more: Export Errors to Excel lists every error that was recorded.",
                                      "…and %lu more: Export Errors to Excel lists every error that was recorded.",
                                      (gulong) (n - listed)), (gulong) (n - listed));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (more), 0);
      adw_expander_row_add_row (expander, more);
    }
}

static void
show_errors (OdsWizard *self)
{
  gboolean first = TRUE;

  for (int type = 0; type < ODS_REPORT_N_ERROR_TYPES; type++)
    {
      guint64 n = ods_report_get_n_errors_of_type (self->report, type);
      GtkWidget *expander;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (n == 0)
        continue;

      expander = adw_expander_row_new ();
      title = g_markup_escape_text (ods_report_error_type_get_title (type), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu error",
                                               "%lu errors", (gulong) n), (gulong) n);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      gtk_widget_set_name (expander, ods_report_error_type_to_string (type));
      g_object_set_data (G_OBJECT (expander), "ods-error-type", GINT_TO_POINTER (type));
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (fill_error_type), self, 0);
      /* The first type open, the others on demand. */
      if (first)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      first = FALSE;
      gtk_list_box_append (self->errors_list, expander);
    }
  gtk_widget_set_visible (self->errors_scroll, TRUE);
}

static void
show_summary (OdsWizard *self)
{
  GString *text = g_string_new (NULL);
  guint64 rows = ods_report_get_n_rows (self->report);
  const char * const *header = self->preview != NULL ? ods_preview_model_get_header (self->preview) : NULL;
  guint columns = header != NULL ? g_strv_length ((char **) header) : 0;
  const char *encoding = ods_report_get_encoding (self->report);
  const char *delimiter = ods_report_get_delimiter (self->report);
  g_autofree char *size = g_format_size (ods_report_get_bytes (self->report));

  if (ods_report_get_valid (self->report))
    gtk_label_set_text (self->check_title, _("No errors: the file can be sent."));
  else
    {
      guint64 n = ods_report_get_n_errors (self->report);
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%lu error: correct the file, save it, then press Check Again.",
                                      "%lu errors: correct the file, save it, then press Check Again.",
                                      (gulong) n), (gulong) n);
      gtk_label_set_text (self->check_title, title);
    }

  /* TRANSLATORS: data rows, columns, file size */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%lu row", "%lu rows",
                                             (gulong) rows), (gulong) rows);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", columns), columns);
  g_string_append_printf (text, " · %s", size);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") != 0)
    {
      g_string_append (text, "\n");
      /* TRANSLATORS: %s is an encoding such as windows-1258 or tcvn3 */
      g_string_append_printf (text, _("Converted from the %s encoding to Unicode."), encoding);
    }
  if (delimiter != NULL)
    {
      g_string_append (text, "\n");
      /* TRANSLATORS: %s is the separator: a comma, a semicolon, tab… */
      g_string_append_printf (text, _("Cells separated by “%s”."),
                              g_str_equal (delimiter, "\t") ? _("tab") : delimiter);
    }
  gtk_label_set_text (self->check_summary, text->str);
  g_string_free (text, TRUE);
}

/* The check ended without a report: stopped by the officer (said plainly,
 * not as a failure) or the file could not be read. */
static void
check_failed (OdsWizard    *self,
              const GError *error)
{
  if (self->stack == NULL)
    return; /* the window was closed */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->check_cancellable == NULL)
    return; /* replaced by a newer check, or the wizard went away */

  self->checking = FALSE;
  stop_check_timer (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->check_title, _("Checking was stopped. Press Check Again to check the file."));
  else
    gtk_label_set_text (self->check_title, error->message);
  update_actions (self);
}

static void
validated (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file_finish (result, &error);

  if (self->stack == NULL)
    return;
  if (report == NULL)
    {
      check_failed (self, error);
      return;
    }
  self->checking = FALSE;
  stop_check_timer (self);

  self->report = g_steal_pointer (&report);
  ods_report_sort_errors (self->report);
  if (self->preview != NULL)
    ods_preview_model_set_errors (self->preview, ods_report_get_errors (self->report));
  show_summary (self);
  show_errors (self);
  self->complete[ODS_WIZARD_STEP_CHECK] = ods_report_get_valid (self->report);

  g_clear_pointer (&self->entry, ods_history_entry_free);
  self->entry = ods_submission_history_entry_new (ods_portal_account_get_settings (self->account),
                                                  self->account,
                                                  ods_ckan_package_get_name (self->package),
                                                  self->period, self->checked_file, self->report);
  append_history (self);
  save_state (self);
  update_actions (self);
}

static void
run_validation (OdsWizard *self)
{
  OdsValidationOptions options = { 0 };

  if (self->check_cancellable == NULL || g_cancellable_is_cancelled (self->check_cancellable))
    return;
  ods_validate_file_async (self->checked_file, self->schema, &options, check_progress_cb,
                           self->check_progress_data, self->check_cancellable, validated, g_object_ref (self));
}

static void
inferred_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OdsValidationOptions options = { 0 };
  GError *error = NULL;
  OdsSchema *schema = ods_infer_file (task_data, &options, cancellable, &error);

  if (schema != NULL)
    g_task_return_pointer (task, schema, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
inferred (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  OdsWizard *self = ODS_WIZARD (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = g_task_propagate_pointer (G_TASK (result), &error);

  GFile *previous = g_task_get_task_data (G_TASK (result));

  /* A downloaded file of an earlier quarter is not kept. */
  if (g_object_get_data (G_OBJECT (previous), "ods-temporary") != NULL)
    g_file_delete (previous, NULL, NULL);
  if (schema == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_failed (self, error);
      return;
    }
  /* Without an inferred schema the structure is still checked. */
  g_set_object (&self->schema, schema);
  run_validation (self);
}

static void
infer_from (OdsWizard *self,
            GFile     *file)
{
  g_autoptr(GTask) task = g_task_new (self, self->check_cancellable, inferred, NULL);

  gtk_label_set_text (self->schema_label, self->schema_note);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, inferred_thread);
}

/* The upload of the latest earlier period, to infer the schema from. */
static OdsCkanResource *
find_previous_upload (OdsWizard *self)
{
  GPtrArray *all = ods_ckan_package_get_resources (self->package);
  OdsCkanResource *best = NULL;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      OdsCkanResource *r = g_ptr_array_index (all, i);
      const char *period = ods_ckan_resource_get_period (r);

      if (!ods_ckan_resource_is_upload (r) || ods_ckan_resource_get_url (r) == NULL || period == NULL ||
          self->period == NULL || strcmp (period, self->period) >= 0)
        continue;
      if (best == NULL || strcmp (period, ods_ckan_resource_get_period (best)) > 0)
        best = r;
    }
  return best;
}

static void
previous_downloaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GFile) destination = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = ods_portal_client_download_finish (ODS_PORTAL_CLIENT (source), result, NULL, &error);
  OdsWizard *self = g_object_get_data (G_OBJECT (destination), "ods-wizard");

  if (sha256 == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_file_delete (destination, NULL, NULL);
      check_failed (self, error);
      return;
    }
  if (sha256 == NULL)
    {
      /* Then from the file itself. */
      g_file_delete (destination, NULL, NULL);
      g_free (self->schema_note);
      self->schema_note = g_strdup (_("The portal keeps no Table Schema for this dataset: the column types "
                                      "were inferred from this file, so only values that disagree with "
                                      "the rest of their column are found. Ask the portal’s administrator "
                                      "to add a schema."));
      infer_from (self, self->checked_file);
      return;
    }
  infer_from (self, destination);
}

static void
start_check (OdsWizard *self)
{
  GFile *file = ods_file_picker_get_file (self->file_picker);
  const char *schema_text;
  OdsCkanResource *resource;

  if (self->account == NULL || self->package == NULL || file == NULL)
    return;

  reset_check (self);
  self->check_cancellable = g_cancellable_new ();
  self->checked_file = g_object_ref (file);
  self->checking = TRUE;
  self->complete[ODS_WIZARD_STEP_CHECK] = FALSE;
  if (self->check_progress_data == NULL)
    {
      self->check_progress_data = g_rc_box_new0 (CheckProgress);
      g_mutex_init (&self->check_progress_data->lock);
    }
  else
    check_progress_cb (0, 0, 0, self->check_progress_data);
  gtk_widget_set_visible (self->check_progress_box, TRUE);
  gtk_progress_bar_set_fraction (self->check_progress, 0);
  gtk_label_set_text (self->check_title, _("Checking every row of the file…"));
  self->check_timer = g_timeout_add (CHECK_PROGRESS_INTERVAL_MS, check_progress_tick, self);
  update_actions (self);

  start_preview (self, file);

  resource = get_mode (self) == ODS_UPLOAD_MODE_REPLACE ? get_chosen_resource (self) : NULL;
  schema_text = ods_ckan_package_find_schema (self->package,
                                              resource != NULL ? ods_ckan_resource_get_id (resource) : NULL);
  if (self->schema == NULL && schema_text != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->schema = ods_schema_new_from_string (schema_text, -1, &error);
      g_clear_pointer (&self->schema_note, g_free);
      if (self->schema == NULL)
        /* TRANSLATORS: %s says what is wrong with the schema */
        self->schema_note = g_strdup_printf (_("The portal’s Table Schema for this dataset cannot be used (%s): "
                                               "only the file’s structure is checked. Ask the portal’s "
                                               "administrator to correct it."), error->message);
      else
        self->schema_note = g_strdup (_("Checked against the Table Schema the portal keeps for this dataset."));
      self->schema_inferred = FALSE;
    }

  if (schema_text == NULL && (self->schema == NULL || self->schema_inferred))
    {
      OdsCkanResource *previous = find_previous_upload (self);

      g_clear_object (&self->schema);
      self->schema_inferred = TRUE;
      g_clear_pointer (&self->schema_note, g_free);
      if (previous != NULL)
        {
          g_autoptr(GFileIOStream) stream = NULL;
          g_autoptr(GError) error = NULL;
          GFile *destination = g_file_new_tmp ("opendata-submit-previous-XXXXXX.csv", &stream, &error);
          g_autofree char *period = ods_upload_period_label (ods_ckan_resource_get_period (previous));

          if (destination != NULL)
            {
              g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
              /* TRANSLATORS: %s is the earlier period, e.g. Q2/2026 */
              self->schema_note = g_strdup_printf (_("The portal keeps no Table Schema for this dataset: the "
                                                     "column types were inferred from the file of %s on the "
                                                     "portal. Ask the portal’s administrator to add a schema."),
                                                   period);
              gtk_label_set_text (self->schema_label, self->schema_note);
              g_object_set_data_full (G_OBJECT (destination), "ods-wizard", g_object_ref (self), g_object_unref);
              g_object_set_data (G_OBJECT (destination), "ods-temporary", GINT_TO_POINTER (TRUE));
              ods_portal_client_download_async (ods_portal_account_get_client (self->account),
                                                ods_ckan_resource_get_url (previous), destination,
                                                self->check_cancellable, previous_downloaded, destination);
              return;
            }
        }
      self->schema_note = g_strdup (_("The portal keeps no Table Schema for this dataset: the column types "
                                      "were inferred from this file, so only values that disagree with "
                                      "the rest of their column are found. Ask the portal’s administrator "
                                      "to add a schema."));
      infer_from (self, file);
      return;
    }

  gtk_label_set_text (self->schema_label, self->schema_note != NULL ? self->schema_note : "");
  run_validation (self);
}

static void
cancel_check_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
}

static void
check_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  start_check (ODS_WIZARD (widget));
}

static void
errors_exported (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ods_validation_report_write_xlsx_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The errors were saved to the Excel file."));
}

static void
on_export_errors_response (GtkNativeDialog *dialog,
                           int              response,
                           OdsWizard       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        ods_validation_report_write_xlsx_async (self->report, self->checked_file, path, NULL,
                                                errors_exported, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
export_errors_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->report == NULL || self->checked_file == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Errors to Excel"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  base = g_file_get_basename (self->checked_file);
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  /* TRANSLATORS: the Excel file's suggested name; %s is the data file's name */
  name = g_strdup_printf (_("%s-errors.xlsx"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_errors_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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

  /* TRANSLATORS: the resource's suggested name: dataset title – Q3/2026 */
  default_name = g_strdup_printf (_("%s – %s"), package_title (self->package), period);
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
      target = g_strdup_printf (_("A link to %s"), gtk_editable_get_text (GTK_EDITABLE (self->link_row)));
      break;
    case ODS_UPLOAD_MODE_NEW:
    default:
      target = g_strdup (_("A new resource"));
      break;
    }

  if (get_mode (self) != ODS_UPLOAD_MODE_LINK && self->report != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->checked_file);
      g_autofree char *size = g_format_size (ods_report_get_bytes (self->report));

      /* TRANSLATORS: file name, size, SHA-256 */
      file_text = g_strdup_printf (_("%s (%s)\nSHA-256 %s"), base, size, ods_report_get_sha256 (self->report));
    }
  ods_details_form_set_summary (self->details_form, package_title (self->package), target, period, file_text);
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

static void
set_row (AdwActionRow *row,
         const char   *text,
         gboolean      ok)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "—", -1);

  adw_action_row_set_subtitle (row, escaped);
  gtk_widget_remove_css_class (GTK_WIDGET (row), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (row), ok ? "success" : "error");
}

static const char *
validation_text (const OdsUploadReceipt *r)
{
  if (!r->portal_validates)
    return _("The portal does not check files itself.");
  switch (r->validation)
    {
    case ODS_CKAN_VALIDATION_SUCCESS:
      return _("Passed");
    case ODS_CKAN_VALIDATION_FAILURE:
      return _("Failed: the portal found errors in the data");
    case ODS_CKAN_VALIDATION_ERROR:
      return _("The portal’s check could not run");
    case ODS_CKAN_VALIDATION_CREATED:
    case ODS_CKAN_VALIDATION_RUNNING:
      return _("Still running on the portal");
    case ODS_CKAN_VALIDATION_UNKNOWN:
    default:
      return _("Unknown");
    }
}

static char *resource_page_url (OdsWizard *self);

static void
show_receipt (OdsWizard *self)
{
  const OdsUploadReceipt *r = self->receipt;
  gboolean matches = r->sha256 == NULL || g_strcmp0 (r->sha256, r->portal_sha256) == 0;
  g_autofree char *resource = NULL;
  g_autofree char *size_text = NULL;

  gtk_label_set_text (self->receipt_title, r->confirmed ? _("Submitted and confirmed")
                                                        : _("Sent, but not confirmed"));
  if (r->problems != NULL && r->problems[0] != NULL)
    {
      g_autofree char *problems = g_strjoinv ("\n", r->problems);

      gtk_label_set_text (self->receipt_problems, problems);
      gtk_widget_set_visible (GTK_WIDGET (self->receipt_problems), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->receipt_problems), FALSE);

  /* TRANSLATORS: resource name (resource id) */
  resource = g_strdup_printf (_("%s (%s)"), r->resource_name != NULL ? r->resource_name : "", r->resource_id);
  set_row (self->verified_resource_row, resource, r->resource_id != NULL);
  if (r->sha256 != NULL)
    {
      g_autofree char *size = r->size >= 0 ? g_format_size (r->size) : g_strdup ("—");

      /* TRANSLATORS: size, then whether the SHA-256 read back matches */
      size_text = g_strdup_printf (_("%s; SHA-256 %s"), size,
                                   matches ? _("matches the file sent") : _("does NOT match the file sent"));
    }
  else
    size_text = g_strdup (_("A link: nothing was uploaded"));
  set_row (self->verified_size_row, size_text, matches);
  set_row (self->verified_validation_row, validation_text (r),
           !r->portal_validates || r->validation == ODS_CKAN_VALIDATION_SUCCESS);

  set_row (self->receipt_status_row, r->confirmed ? _("Confirmed") : _("Not confirmed"), r->confirmed);
  {
    g_autofree char *page = resource_page_url (self);

    adw_action_row_set_subtitle (self->receipt_resource_row, page != NULL ? page : "—");
  }
  adw_action_row_set_subtitle (self->receipt_sha256_row, r->sha256 != NULL ? r->sha256 : "—");
  adw_action_row_set_subtitle (self->receipt_submission_row, r->submission_id);
}

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
  g_signal_emit (self, signals[SUBMITTED], 0, ods_ckan_package_get_name (self->package), self->period,
                 receipt->confirmed);
}

static void
start_upload (OdsWizard *self)
{
  OdsUploadMode mode = get_mode (self);
  OdsCkanResource *resource = get_chosen_resource (self);
  g_autofree char *name = ods_details_form_dup_name (self->details_form);
  g_autofree char *description = ods_details_form_dup_description (self->details_form);

  if (self->account == NULL || self->package == NULL || self->uploading)
    return;
  if (mode != ODS_UPLOAD_MODE_LINK && (self->report == NULL || !ods_report_get_valid (self->report)))
    return;

  g_clear_object (&self->job);
  self->job = ods_upload_job_new (ods_portal_account_get_client (self->account), mode,
                                  ods_ckan_package_get_id (self->package));
  if (mode == ODS_UPLOAD_MODE_LINK)
    ods_upload_job_set_link_url (self->job, gtk_editable_get_text (GTK_EDITABLE (self->link_row)));
  else
    ods_upload_job_set_file (self->job, self->checked_file, ods_report_get_sha256 (self->report));
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
      ods_upload_progress_set_file_name (self->upload_progress, gtk_editable_get_text (GTK_EDITABLE (self->link_row)));
      g_free (self->entry->dataset);
      self->entry->dataset = g_strdup (ods_ckan_package_get_name (self->package));
      g_free (self->entry->period);
      self->entry->period = g_strdup (self->period);
    }
  else
    {
      g_autofree char *base = g_file_get_basename (self->checked_file);

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
open_resource_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  g_autofree char *page = resource_page_url (self);

  if (page != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), page, GDK_CURRENT_TIME);
}

static void
receipt_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The receipt was saved."));
}

static void
on_export_receipt_response (GtkNativeDialog *dialog,
                            int              response,
                            OdsWizard       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->receipt != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(JsonNode) node = ods_upload_receipt_to_json (self->receipt);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      char *text;

      json_generator_set_root (gen, node);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, &length);
      bytes = g_bytes_new_take (text, length);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           receipt_saved, g_object_ref (self));
    }
  g_object_unref (dialog);
}

static void
export_receipt_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->receipt == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Receipt"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* TRANSLATORS: the receipt's suggested file name: dataset, period */
  name = g_strdup_printf (_("receipt-%s-%s.json"), ods_ckan_package_get_name (self->package),
                          self->period != NULL ? self->period : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_receipt_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
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

  if (self->account == NULL || self->package == NULL)
    return;
  state->portal = g_strdup (ods_portal_account_get_settings (self->account)->url);
  state->dataset = g_strdup (ods_ckan_package_get_name (self->package));
  state->dataset_title = g_strdup (package_title (self->package));
  state->period = g_strdup (self->period);
  state->mode = get_mode (self);
  if (state->mode == ODS_UPLOAD_MODE_REPLACE && resource != NULL)
    state->resource_id = g_strdup (ods_ckan_resource_get_id (resource));
  if (state->mode == ODS_UPLOAD_MODE_LINK)
    state->link_url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->link_row)));
  if (self->checked_file != NULL)
    state->file_path = g_file_get_path (self->checked_file);
  if (self->report != NULL)
    state->sha256 = g_strdup (ods_report_get_sha256 (self->report));
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

        /* The same file again is not checked again: "Check Again" does. */
        if (!self->checking && (self->checked_file == NULL || file == NULL || !g_file_equal (file, self->checked_file)))
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
  if (self->step > ODS_WIZARD_STEP_DATASET && self->step < ODS_WIZARD_STEP_UPLOAD && !self->checking)
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
          reset_check (self);
          g_clear_pointer (&self->submission_id, g_free);
          g_clear_pointer (&self->receipt, ods_upload_receipt_free);
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

  if (self->dataset_cancellable != NULL)
    g_cancellable_cancel (self->dataset_cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  if (self->upload_cancellable != NULL)
    g_cancellable_cancel (self->upload_cancellable);
  g_clear_handle_id (&self->check_timer, g_source_remove);
  if (self->preview_view != NULL)
    gtk_column_view_set_model (self->preview_view, NULL);
  g_clear_object (&self->preview_selection);
  g_clear_object (&self->preview);
  g_clear_object (&self->dataset_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->upload_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->package);
  g_clear_object (&self->schema);
  g_clear_object (&self->report);
  g_clear_object (&self->checked_file);
  g_clear_object (&self->job);
  g_clear_object (&self->history);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
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
  g_free (self->wanted_dataset);
  g_free (self->resume_resource_id);
  g_free (self->submission_id);
  g_free (self->schema_note);
  /* Here, not in dispose: a validating thread writes to it until its task,
   * which holds a reference to the wizard, completes. */
  g_clear_pointer (&self->check_progress_data, check_progress_release);

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

  g_type_ensure (ODS_TYPE_FILE_PICKER);
  g_type_ensure (ODS_TYPE_UPLOAD_PROGRESS);
  g_type_ensure (ODS_TYPE_DETAILS_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, step_label);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, step_bar);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, file_picker);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, upload_progress);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, details_form);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, next_button);
  gtk_widget_class_bind_template_callback (widget_class, update_actions);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, dataset_status);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, new_check);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, replace_check);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, link_check);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, link_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, link_status);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, new_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, check_title);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, check_progress_box);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, check_progress);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, check_summary);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, schema_label);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, errors_scroll);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, errors_list);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, preview_view);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, upload_status);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_title);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_problems);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, verified_resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, verified_size_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, verified_validation_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_status_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_sha256_row);
  gtk_widget_class_bind_template_child (widget_class, OdsWizard, receipt_submission_row);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_link_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_upload_cancel_requested);

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.probe", NULL, probe_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel-check", NULL, cancel_check_action);
  gtk_widget_class_install_action (widget_class, "wizard.check-again", NULL, check_again_action);
  gtk_widget_class_install_action (widget_class, "wizard.export-errors", NULL, export_errors_action);
  gtk_widget_class_install_action (widget_class, "wizard.open-resource", NULL, open_resource_action);
  gtk_widget_class_install_action (widget_class, "wizard.export-receipt", NULL, export_receipt_action);
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

  if (self->dataset_cancellable != NULL)
    g_cancellable_cancel (self->dataset_cancellable);
  g_clear_object (&self->dataset_cancellable);
  self->dataset_cancellable = g_cancellable_new ();
  reset_check (self);
  g_set_object (&self->account, account);
  g_clear_object (&self->package);
  g_clear_object (&self->schema);
  g_clear_object (&self->job);
  g_clear_pointer (&self->schema_note, g_free);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  g_clear_pointer (&self->receipt, ods_upload_receipt_free);
  g_clear_pointer (&self->submission_id, g_free);
  g_clear_pointer (&self->resume_resource_id, g_free);
  g_free (self->period);
  self->period = g_strdup (period);
  g_free (self->wanted_dataset);
  self->wanted_dataset = g_strdup (package != NULL ? ods_ckan_package_get_name (package) : dataset);
  self->link_checked = FALSE;
  self->resuming = FALSE;
  self->upload_failed = FALSE;
  self->complete[ODS_WIZARD_STEP_CHECK] = FALSE;
  gtk_check_button_set_active (self->new_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), "");
  ods_details_form_set_name (self->details_form, NULL);
  ods_details_form_set_description (self->details_form, NULL);
  ods_file_picker_clear (self->file_picker);
  ods_wizard_set_step (self, ODS_WIZARD_STEP_DATASET);

  if (package != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

      /* Preselected: the list holds it alone. */
      g_ptr_array_add (one, g_object_ref (package));
      gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_row), FALSE);
      set_packages (self, one);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_row), TRUE);
      adw_combo_row_set_model (self->dataset_row, NULL);
      set_dataset_status (self, _("Reading your datasets from the portal…"));
      ods_portal_client_package_search_async (ods_portal_account_get_client (account), NULL,
                                              self->dataset_cancellable, packages_listed, g_object_ref (self));
    }
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
  if (self->package == NULL || self->resources == NULL)
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
  self->resume_resource_id = g_strdup (state->resource_id);
  if (state->mode == ODS_UPLOAD_MODE_REPLACE)
    gtk_check_button_set_active (self->replace_check, TRUE);
  else if (state->mode == ODS_UPLOAD_MODE_LINK)
    {
      gtk_check_button_set_active (self->link_check, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->link_row), state->link_url != NULL ? state->link_url : "");
    }
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

  return self->report;
}
