#define G_LOG_DOMAIN "ods-wizard"

#include "config.h"

#include <adwaita.h>

#include "ods-wizard.h"
#include "ods-i18n.h"

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
};

G_DEFINE_FINAL_TYPE (OdsWizard, ods_wizard, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

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

static gboolean
step_is_complete (OdsWizard     *self,
                  OdsWizardStep  step)
{
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
                                 step > ODS_WIZARD_STEP_DATASET && step < ODS_WIZARD_STEP_UPLOAD);

  switch (step)
    {
    case ODS_WIZARD_STEP_DETAILS:
      next = _("_Upload");
      break;
    case ODS_WIZARD_STEP_UPLOAD:
      next = NULL;
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
                                 step != ODS_WIZARD_STEP_UPLOAD && step_is_complete (self, step));

  /* TRANSLATORS: "Step 2 of 6: File" */
  label = g_strdup_printf (_("Step %u of %u: %s"), step + 1, (guint) ODS_WIZARD_N_STEPS, _(steps[step].title));
  gtk_label_set_text (self->step_label, label);
  gtk_progress_bar_set_fraction (self->step_bar, (double) step / (ODS_WIZARD_N_STEPS - 1));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  if (self->step > ODS_WIZARD_STEP_DATASET && self->step < ODS_WIZARD_STEP_UPLOAD)
    ods_wizard_set_step (self, self->step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsWizard *self = ODS_WIZARD (widget);

  if (self->step == ODS_WIZARD_STEP_UPLOAD || !step_is_complete (self, self->step))
    return;

  if (self->step == ODS_WIZARD_STEP_CONFIRMATION)
    g_signal_emit (self, signals[FINISHED], 0);
  else
    ods_wizard_set_step (self, self->step + 1);
}

static void
ods_wizard_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_WIZARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_wizard_parent_class)->dispose (object);
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

  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);

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
