#define G_LOG_DOMAIN "ods-notice"

#include "config.h"

#include "ods-notice.h"

struct _OdsNotice
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkWidget   *box;
  GtkLabel    *title_label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (OdsNotice, ods_notice, GTK_TYPE_WIDGET)

enum {
  BUTTON_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const kind_classes[] = { "info", "warning", "error" };

static void
on_button_clicked (OdsNotice *self)
{
  g_signal_emit (self, signals[BUTTON_CLICKED], 0);
}

static void
ods_notice_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_NOTICE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_notice_parent_class)->dispose (object);
}

static void
ods_notice_class_init (OdsNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_notice_dispose;

  /**
   * OdsNotice::button-clicked:
   *
   * The notice's button was pressed.
   */
  signals[BUTTON_CLICKED] =
    g_signal_new ("button-clicked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsNotice, revealer);
  gtk_widget_class_bind_template_child (widget_class, OdsNotice, box);
  gtk_widget_class_bind_template_child (widget_class, OdsNotice, title_label);
  gtk_widget_class_bind_template_child (widget_class, OdsNotice, button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_notice_init (OdsNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ods_notice_new (void)
{
  return g_object_new (ODS_TYPE_NOTICE, NULL);
}

/**
 * ods_notice_show:
 * @title: the sentence to show
 * @button_label: (nullable): a mnemonic label for the button, or %NULL for none
 */
void
ods_notice_show (OdsNotice     *self,
                 OdsNoticeKind  kind,
                 const char    *title,
                 const char    *button_label)
{
  g_return_if_fail (ODS_IS_NOTICE (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (kind <= ODS_NOTICE_ERROR);

  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    gtk_widget_remove_css_class (self->box, kind_classes[i]);
  gtk_widget_add_css_class (self->box, kind_classes[kind]);

  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL);
  if (button_label != NULL)
    gtk_button_set_label (self->button, button_label);

  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
ods_notice_hide (OdsNotice *self)
{
  g_return_if_fail (ODS_IS_NOTICE (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
ods_notice_get_revealed (OdsNotice *self)
{
  g_return_val_if_fail (ODS_IS_NOTICE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
ods_notice_get_title (OdsNotice *self)
{
  g_return_val_if_fail (ODS_IS_NOTICE (self), NULL);

  return gtk_label_get_text (self->title_label);
}
