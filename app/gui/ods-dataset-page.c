#define G_LOG_DOMAIN "ods-dataset-page"

#include "config.h"

#include <adwaita.h>

#include "ods-dataset-page.h"
#include "ods-i18n.h"

struct _OdsDatasetPage
{
  GtkWidget         parent_instance;

  GtkLabel         *dataset_status;
  AdwComboRow      *dataset_row;
  AdwComboRow      *resource_row;
  GtkCheckButton   *new_check;
  GtkCheckButton   *replace_check;
  GtkCheckButton   *link_check;
  AdwEntryRow      *link_row;
  GtkLabel         *link_status;
  AdwActionRow     *new_row;

  OdsPortalAccount *account;
  char             *period;
  char             *wanted_dataset;     /* name to preselect once listed */
  char             *wanted_resource_id; /* resource to preselect once read */
  GPtrArray        *packages;           /* OdsCkanPackage, the choices */
  OdsCkanPackage   *package;            /* package_show of the chosen one */
  GPtrArray        *resources;          /* OdsCkanResource, replace choices */
  gboolean          link_checked;
  gboolean          complete;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (OdsDatasetPage, ods_dataset_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PACKAGE,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  TARGET_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
package_title (OdsCkanPackage *package)
{
  return package != NULL ? ods_ckan_package_get_display_name (package) : "";
}

static gboolean
compute_complete (OdsDatasetPage *self)
{
  if (self->package == NULL)
    return FALSE;
  switch (ods_dataset_page_get_mode (self))
    {
    case ODS_UPLOAD_MODE_REPLACE:
      return ods_dataset_page_get_resource (self) != NULL;
    case ODS_UPLOAD_MODE_LINK:
      return self->link_checked;
    case ODS_UPLOAD_MODE_NEW:
    default:
      return TRUE;
    }
}

/* What may be done, and whether Next may leave the step. */
static void
update_state (OdsDatasetPage *self)
{
  gboolean complete = compute_complete (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.probe",
                                 self->account != NULL &&
                                 gtk_check_button_get_active (self->link_check) &&
                                 g_str_has_prefix (gtk_editable_get_text (GTK_EDITABLE (self->link_row)), "http"));
  if (complete == self->complete)
    return;
  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
set_package (OdsDatasetPage *self,
             OdsCkanPackage *package)
{
  if (g_set_object (&self->package, package))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE]);
  update_state (self);
}

static void
set_status (OdsDatasetPage *self,
            const char     *text)
{
  gtk_label_set_text (self->dataset_status, text);
}

static void
fill_resources (OdsDatasetPage *self)
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
      if (g_strcmp0 (ods_ckan_resource_get_id (resource), self->wanted_resource_id) == 0)
        selected = self->resources->len;
      g_ptr_array_add (self->resources, g_object_ref (resource));
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : ods_ckan_resource_get_id (resource));
    }
  adw_combo_row_set_model (self->resource_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->resource_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->replace_check), self->resources->len > 0);
  /* AdwComboRow makes itself sensitive when it gets a model with items: it
   * is only while "Replace" is chosen. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->resource_row),
                            ods_dataset_page_get_mode (self) == ODS_UPLOAD_MODE_REPLACE);
}

static void
package_shown (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsDatasetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) package =
    ods_portal_client_package_show_finish (ODS_PORTAL_CLIENT (source), result, &error);
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;

  if (self->dataset_status == NULL)
    return;
  if (package == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }

  g_set_object (&self->package, package);
  fill_resources (self);

  period = ods_upload_period_label (self->period != NULL ? self->period : "");
  /* TRANSLATORS: "A new resource for Q3/2026" */
  title = g_strdup_printf (_("A ne_w resource for %s"), period);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_row), title);
  /* TRANSLATORS: dataset title, then the period */
  status = g_strdup_printf (_("“%s”, period %s. Choose what to send, then press Next."),
                            package_title (package), period);
  set_status (self, status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PACKAGE]);
  update_state (self);
}

static void
show_package (OdsDatasetPage *self,
              const char     *id)
{
  set_package (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_status (self, _("Reading the dataset from the portal…"));
  ods_portal_client_package_show_async (ods_portal_account_get_client (self->account), id,
                                        self->cancellable, package_shown, g_object_ref (self));
}

static void
on_dataset_selected (OdsDatasetPage *self)
{
  OdsCkanPackage *chosen;
  guint i;

  if (self->account == NULL || self->packages == NULL)
    return;
  i = adw_combo_row_get_selected (self->dataset_row);
  if (i == GTK_INVALID_LIST_POSITION || i >= self->packages->len)
    return;
  chosen = g_ptr_array_index (self->packages, i);
  if (self->package != NULL &&
      g_strcmp0 (ods_ckan_package_get_id (self->package), ods_ckan_package_get_id (chosen)) == 0)
    return;
  show_package (self, ods_ckan_package_get_id (chosen));
}

static void
set_packages (OdsDatasetPage *self,
              GPtrArray      *packages)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

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
  g_autoptr(OdsDatasetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packages =
    ods_portal_client_package_search_finish (ODS_PORTAL_CLIENT (source), result, &error);

  if (self->dataset_status == NULL)
    return;
  if (packages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message);
      return;
    }
  if (packages->len == 0)
    {
      set_status (self, _("This account has no datasets on the portal. Ask the portal’s "
                          "administrator to add you to your unit’s organization."));
      return;
    }
  set_status (self, _("Choose the dataset and whether the file is a new resource for the period or "
                      "replaces an existing one."));
  set_packages (self, packages);
}

static void
on_target_changed (OdsDatasetPage *self)
{
  OdsUploadMode mode = ods_dataset_page_get_mode (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->resource_row), mode == ODS_UPLOAD_MODE_REPLACE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_row), mode == ODS_UPLOAD_MODE_LINK);
  update_state (self);
  g_signal_emit (self, signals[TARGET_CHANGED], 0);
}

static void
on_link_changed (OdsDatasetPage *self)
{
  self->link_checked = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->link_status), FALSE);
  update_state (self);
}

static void
url_probed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(OdsDatasetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsLinkProbe) probe = ods_portal_client_probe_url_finish (ODS_PORTAL_CLIENT (source), result, &error);
  g_autofree char *text = NULL;

  if (self->dataset_status == NULL)
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
  update_state (self);
}

static void
probe_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  OdsDatasetPage *self = ODS_DATASET_PAGE (widget);

  gtk_label_set_text (self->link_status, _("Checking the address…"));
  gtk_widget_set_visible (GTK_WIDGET (self->link_status), TRUE);
  ods_portal_client_probe_url_async (ods_portal_account_get_client (self->account),
                                     gtk_editable_get_text (GTK_EDITABLE (self->link_row)),
                                     self->cancellable, url_probed, g_object_ref (self));
}

static void
ods_dataset_page_dispose (GObject *object)
{
  OdsDatasetPage *self = ODS_DATASET_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->package);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  g_clear_pointer (&self->resources, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_DATASET_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_dataset_page_parent_class)->dispose (object);
}

static void
ods_dataset_page_finalize (GObject *object)
{
  OdsDatasetPage *self = ODS_DATASET_PAGE (object);

  g_free (self->period);
  g_free (self->wanted_dataset);
  g_free (self->wanted_resource_id);

  G_OBJECT_CLASS (ods_dataset_page_parent_class)->finalize (object);
}

static void
ods_dataset_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsDatasetPage *self = ODS_DATASET_PAGE (object);

  switch (prop_id)
    {
    case PROP_PACKAGE:
      g_value_set_object (value, self->package);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_dataset_page_class_init (OdsDatasetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_dataset_page_dispose;
  object_class->finalize = ods_dataset_page_finalize;
  object_class->get_property = ods_dataset_page_get_property;

  /**
   * OdsDatasetPage:package:
   *
   * The chosen dataset as the portal describes it (with its resources and
   * schema); %NULL until it is read.
   */
  properties[PROP_PACKAGE] =
    g_param_spec_object ("package", NULL, NULL, ODS_TYPE_CKAN_PACKAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * OdsDatasetPage:complete:
   *
   * Whether the dataset is read and the target chosen: a resource to
   * replace, or an address that answered with data.
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsDatasetPage::target-changed:
   *
   * Another target (new, replace, link) or resource to replace was chosen.
   */
  signals[TARGET_CHANGED] =
    g_signal_new ("target-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-dataset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, dataset_status);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, new_check);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, replace_check);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, link_check);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, link_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, link_status);
  gtk_widget_class_bind_template_child (widget_class, OdsDatasetPage, new_row);
  gtk_widget_class_bind_template_callback (widget_class, on_dataset_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_target_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_link_changed);

  gtk_widget_class_install_action (widget_class, "dataset.probe", NULL, probe_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_dataset_page_init (OdsDatasetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

GtkWidget *
ods_dataset_page_new (void)
{
  return g_object_new (ODS_TYPE_DATASET_PAGE, NULL);
}

/**
 * ods_dataset_page_begin:
 * @account: the signed-in account
 * @package: (nullable): the dataset, preselected (the list holds it alone)
 * @dataset: (nullable): without @package, the name or id of the dataset to
 *   select once the account's datasets are listed
 * @period: the reporting period, e.g. "2026-Q3"
 *
 * Starts over: a new resource for the period, no address.
 */
void
ods_dataset_page_begin (OdsDatasetPage   *self,
                        OdsPortalAccount *account,
                        OdsCkanPackage   *package,
                        const char       *dataset,
                        const char       *period)
{
  g_return_if_fail (ODS_IS_DATASET_PAGE (self));
  g_return_if_fail (ODS_IS_PORTAL_ACCOUNT (account));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->account, account);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  g_clear_pointer (&self->wanted_resource_id, g_free);
  g_free (self->period);
  self->period = g_strdup (period);
  g_free (self->wanted_dataset);
  self->wanted_dataset = g_strdup (package != NULL ? ods_ckan_package_get_name (package) : dataset);
  self->link_checked = FALSE;
  set_package (self, NULL);
  gtk_check_button_set_active (self->new_check, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), "");

  if (package != NULL)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (one, g_object_ref (package));
      gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_row), FALSE);
      set_packages (self, one);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->dataset_row), TRUE);
      adw_combo_row_set_model (self->dataset_row, NULL);
      set_status (self, _("Reading your datasets from the portal…"));
      ods_portal_client_package_search_async (ods_portal_account_get_client (account), NULL,
                                              self->cancellable, packages_listed, g_object_ref (self));
    }
  update_state (self);
}

/**
 * ods_dataset_page_set_target:
 * @resource_id: (nullable): with %ODS_UPLOAD_MODE_REPLACE, the resource to
 *   select once the dataset is read
 * @link_url: (nullable): with %ODS_UPLOAD_MODE_LINK, the address (to be
 *   probed again)
 *
 * Chooses the target, as an interrupted submission had it.
 */
void
ods_dataset_page_set_target (OdsDatasetPage *self,
                             OdsUploadMode   mode,
                             const char     *resource_id,
                             const char     *link_url)
{
  g_return_if_fail (ODS_IS_DATASET_PAGE (self));

  g_free (self->wanted_resource_id);
  self->wanted_resource_id = g_strdup (resource_id);
  if (mode == ODS_UPLOAD_MODE_REPLACE)
    gtk_check_button_set_active (self->replace_check, TRUE);
  else if (mode == ODS_UPLOAD_MODE_LINK)
    {
      gtk_check_button_set_active (self->link_check, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->link_row), link_url != NULL ? link_url : "");
    }
  else
    gtk_check_button_set_active (self->new_check, TRUE);
}

/**
 * ods_dataset_page_get_package:
 *
 * Returns: (nullable) (transfer none): the chosen dataset, once read
 */
OdsCkanPackage *
ods_dataset_page_get_package (OdsDatasetPage *self)
{
  g_return_val_if_fail (ODS_IS_DATASET_PAGE (self), NULL);

  return self->package;
}

OdsUploadMode
ods_dataset_page_get_mode (OdsDatasetPage *self)
{
  g_return_val_if_fail (ODS_IS_DATASET_PAGE (self), ODS_UPLOAD_MODE_NEW);

  if (gtk_check_button_get_active (self->link_check))
    return ODS_UPLOAD_MODE_LINK;
  if (gtk_check_button_get_active (self->replace_check))
    return ODS_UPLOAD_MODE_REPLACE;
  return ODS_UPLOAD_MODE_NEW;
}

/**
 * ods_dataset_page_get_resource:
 *
 * Returns: (nullable) (transfer none): the resource chosen in "Resource to
 *   replace" (whatever the target)
 */
OdsCkanResource *
ods_dataset_page_get_resource (OdsDatasetPage *self)
{
  guint i;

  g_return_val_if_fail (ODS_IS_DATASET_PAGE (self), NULL);

  i = adw_combo_row_get_selected (self->resource_row);
  if (self->resources == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->resources->len)
    return NULL;
  return g_ptr_array_index (self->resources, i);
}

const char *
ods_dataset_page_get_link_url (OdsDatasetPage *self)
{
  g_return_val_if_fail (ODS_IS_DATASET_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->link_row));
}

gboolean
ods_dataset_page_get_complete (OdsDatasetPage *self)
{
  g_return_val_if_fail (ODS_IS_DATASET_PAGE (self), FALSE);

  return self->complete;
}
