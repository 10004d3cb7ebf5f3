#define G_LOG_DOMAIN "ods-details-form"

#include "config.h"

#include <adwaita.h>

#include "ods-details-form.h"
#include "ods-i18n.h"

struct _OdsDetailsForm
{
  GtkWidget     parent_instance;

  gboolean      complete;

  GtkEditable  *name_entry;
  GtkTextView  *description_view;
  AdwActionRow *dataset_row;
  AdwActionRow *target_row;
  AdwActionRow *period_row;
  AdwActionRow *file_row;
};

G_DEFINE_FINAL_TYPE (OdsDetailsForm, ods_details_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_name_changed (OdsDetailsForm *self)
{
  g_autofree char *name = ods_details_form_dup_name (self);
  gboolean complete = *name != '\0';

  if (complete == self->complete)
    return;

  self->complete = complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  g_autofree char *escaped = NULL;

  /* The subtitle is markup; an unknown value is shown as a dash. */
  escaped = g_markup_escape_text (value != NULL && *value != '\0' ? value : "—", -1);
  adw_action_row_set_subtitle (row, escaped);
}

static void
ods_details_form_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_DETAILS_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_details_form_parent_class)->dispose (object);
}

static void
ods_details_form_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsDetailsForm *self = ODS_DETAILS_FORM (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_details_form_class_init (OdsDetailsFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_details_form_dispose;
  object_class->get_property = ods_details_form_get_property;

  /**
   * OdsDetailsForm:complete:
   *
   * Whether the resource has a name (the description is optional).
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-details-form.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, description_view);
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, target_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, period_row);
  gtk_widget_class_bind_template_child (widget_class, OdsDetailsForm, file_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_details_form_init (OdsDetailsForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ods_details_form_set_summary (self, NULL, NULL, NULL, NULL);
}

GtkWidget *
ods_details_form_new (void)
{
  return g_object_new (ODS_TYPE_DETAILS_FORM, NULL);
}

/**
 * ods_details_form_set_name:
 * @name: the suggested resource name, e.g. "Dân số — Quý 3/2026"
 */
void
ods_details_form_set_name (OdsDetailsForm *self,
                           const char     *name)
{
  g_return_if_fail (ODS_IS_DETAILS_FORM (self));

  gtk_editable_set_text (self->name_entry, name != NULL ? name : "");
}

/**
 * ods_details_form_dup_name:
 *
 * Returns: (transfer full): the resource name, trimmed
 */
char *
ods_details_form_dup_name (OdsDetailsForm *self)
{
  g_return_val_if_fail (ODS_IS_DETAILS_FORM (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
}

void
ods_details_form_set_description (OdsDetailsForm *self,
                                  const char     *description)
{
  g_return_if_fail (ODS_IS_DETAILS_FORM (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description != NULL ? description : "", -1);
}

/**
 * ods_details_form_dup_description:
 *
 * Returns: (transfer full): the description, trimmed (may be empty)
 */
char *
ods_details_form_dup_description (OdsDetailsForm *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (ODS_IS_DETAILS_FORM (self), NULL);

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/**
 * ods_details_form_set_summary:
 * @dataset: (nullable): the dataset's title
 * @resource: (nullable): "New resource" or the resource being replaced
 * @period: (nullable): e.g. "Quý 3/2026"
 * @file: (nullable): the file's name and size
 *
 * Fills "What will be sent".
 */
void
ods_details_form_set_summary (OdsDetailsForm *self,
                              const char     *dataset,
                              const char     *resource,
                              const char     *period,
                              const char     *file)
{
  g_return_if_fail (ODS_IS_DETAILS_FORM (self));

  set_row (self->dataset_row, dataset);
  set_row (self->target_row, resource);
  set_row (self->period_row, period);
  set_row (self->file_row, file);
}

gboolean
ods_details_form_get_complete (OdsDetailsForm *self)
{
  g_return_val_if_fail (ODS_IS_DETAILS_FORM (self), FALSE);

  return self->complete;
}
