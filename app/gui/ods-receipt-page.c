#define G_LOG_DOMAIN "ods-receipt-page"

#include "config.h"

#include <adwaita.h>

#include "ods-save-dialog.h"
#include "ods-i18n.h"
#include "ods-period.h"
#include "ods-receipt-page.h"
#include "ods-window.h"

struct _OdsReceiptPage
{
  GtkWidget     parent_instance;

  GtkLabel     *receipt_title;
  GtkLabel     *receipt_problems;
  AdwActionRow *verified_resource_row;
  AdwActionRow *verified_size_row;
  AdwActionRow *verified_validation_row;
  AdwActionRow *receipt_status_row;
  AdwActionRow *receipt_resource_row;
  AdwActionRow *receipt_sha256_row;
  AdwActionRow *receipt_received_row;
  AdwActionRow *receipt_submission_row;

  JsonNode     *receipt;   /* what Export Receipt writes */
  char         *page_url;  /* the resource's page on the portal */
  char         *file_name; /* suggested for the export */
};

G_DEFINE_FINAL_TYPE (OdsReceiptPage, ods_receipt_page, GTK_TYPE_WIDGET)

static void
update_actions (OdsReceiptPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.open-resource", self->page_url != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "receipt.export", self->receipt != NULL);
}

static void
toast (OdsReceiptPage *self,
       const char     *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ODS_TYPE_WINDOW);

  if (window != NULL)
    ods_window_add_toast (ODS_WINDOW (window), text);
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

static void
show_receipt (OdsReceiptPage         *self,
              const OdsUploadReceipt *r)
{
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
      g_autofree char *size = r->size >= 0 ? ods_format_size (r->size) : g_strdup ("—");

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
  adw_action_row_set_subtitle (self->receipt_resource_row, self->page_url != NULL ? self->page_url : "—");
  adw_action_row_set_subtitle (self->receipt_sha256_row, r->sha256 != NULL ? r->sha256 : "—");
  adw_action_row_set_subtitle (self->receipt_submission_row, r->submission_id);
  if (r->last_modified != NULL)
    {
      /* Vietnam's time, as the history and the deadline. */
      g_autoptr(GDateTime) local = g_date_time_to_timezone (r->last_modified, ods_period_get_timezone ());
      g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M:%S");

      adw_action_row_set_subtitle (self->receipt_received_row, when);
    }
  else
    adw_action_row_set_subtitle (self->receipt_received_row, "—");
}

static void
open_resource_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsReceiptPage *self = ODS_RECEIPT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->page_url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->page_url, GDK_CURRENT_TIME);
}

static void
receipt_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsReceiptPage) self = user_data;
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
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    OdsReceiptPage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->receipt != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length;
      char *text;

      json_generator_set_root (gen, self->receipt);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, &length);
      bytes = g_bytes_new_take (text, length);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                           receipt_saved, g_object_ref (self));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsReceiptPage *self = ODS_RECEIPT_PAGE (widget);
  GtkFileChooserNative *dialog;

  if (self->receipt == NULL)
    return;
  dialog = ods_save_dialog_new (widget, _("Export Receipt"), self->file_name,
                                /* TRANSLATORS: a kind of file in the save dialog */
                                _("Receipts (JSON)"), "json");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
ods_receipt_page_dispose (GObject *object)
{
  OdsReceiptPage *self = ODS_RECEIPT_PAGE (object);
  GtkWidget *child;

  g_clear_pointer (&self->receipt, json_node_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_RECEIPT_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_receipt_page_parent_class)->dispose (object);
}

static void
ods_receipt_page_finalize (GObject *object)
{
  OdsReceiptPage *self = ODS_RECEIPT_PAGE (object);

  g_free (self->page_url);
  g_free (self->file_name);

  G_OBJECT_CLASS (ods_receipt_page_parent_class)->finalize (object);
}

static void
ods_receipt_page_class_init (OdsReceiptPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_receipt_page_dispose;
  object_class->finalize = ods_receipt_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-receipt-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_title);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_problems);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, verified_resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, verified_size_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, verified_validation_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_status_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_resource_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_sha256_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_received_row);
  gtk_widget_class_bind_template_child (widget_class, OdsReceiptPage, receipt_submission_row);

  gtk_widget_class_install_action (widget_class, "receipt.open-resource", NULL, open_resource_action);
  gtk_widget_class_install_action (widget_class, "receipt.export", NULL, export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_receipt_page_init (OdsReceiptPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
ods_receipt_page_new (void)
{
  return g_object_new (ODS_TYPE_RECEIPT_PAGE, NULL);
}

/**
 * ods_receipt_page_set_receipt:
 * @receipt: (nullable): the upload's receipt; %NULL clears the page
 * @page_url: (nullable): the resource's page on the portal
 * @file_name: (nullable): the name suggested when the receipt is exported
 *
 * Shows @receipt (a copy is kept for Export Receipt).
 */
void
ods_receipt_page_set_receipt (OdsReceiptPage         *self,
                              const OdsUploadReceipt *receipt,
                              const char             *page_url,
                              const char             *file_name)
{
  g_return_if_fail (ODS_IS_RECEIPT_PAGE (self));

  g_clear_pointer (&self->receipt, json_node_unref);
  g_free (self->page_url);
  self->page_url = g_strdup (page_url);
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  if (receipt != NULL)
    {
      self->receipt = ods_upload_receipt_to_json (receipt);
      show_receipt (self, receipt);
    }
  update_actions (self);
}
