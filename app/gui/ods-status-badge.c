#define G_LOG_DOMAIN "ods-status-badge"

#include "config.h"

#include "ods-status-badge.h"
#include "ods-i18n.h"

struct _OdsStatusBadge
{
  GtkWidget  parent_instance;

  OdsStatus  status;
  guint      days;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (OdsStatusBadge, ods_status_badge, GTK_TYPE_WIDGET)

/* Style class per status: colours come from the theme's named colours. */
static const char * const status_classes[] = {
  "not-required", "due", "overdue", "on-time", "late", "connected-api",
};

/**
 * ods_status_describe:
 * @days: see #OdsStatus
 *
 * Returns: (transfer full): the status in words, e.g. "Due in 3 days"
 */
char *
ods_status_describe (OdsStatus status,
                     guint     days)
{
  switch (status)
    {
    case ODS_STATUS_DUE:
      if (days == 0)
        return g_strdup (_("Due today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %u day", "Due in %u days", days), days);

    case ODS_STATUS_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %u day", "Overdue by %u days", days),
                              MAX (days, 1));

    case ODS_STATUS_ON_TIME:
      return g_strdup (_("Submitted on time"));

    case ODS_STATUS_LATE:
      if (days == 0)
        return g_strdup (_("Submitted late"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Submitted %u day late", "Submitted %u days late",
                                           days), days);

    case ODS_STATUS_CONNECTED_API:
      return g_strdup (_("Connected by API"));

    case ODS_STATUS_NOT_REQUIRED:
    default:
      return g_strdup (_("Not required"));
    }
}

static void
ods_status_badge_dispose (GObject *object)
{
  OdsStatusBadge *self = (OdsStatusBadge *) object;

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (ods_status_badge_parent_class)->dispose (object);
}

static void
ods_status_badge_class_init (OdsStatusBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_status_badge_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ods-status-badge");
}

static void
ods_status_badge_init (OdsStatusBadge *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  ods_status_badge_set (self, ODS_STATUS_NOT_REQUIRED, 0);
}

GtkWidget *
ods_status_badge_new (void)
{
  return g_object_new (ODS_TYPE_STATUS_BADGE, NULL);
}

void
ods_status_badge_set (OdsStatusBadge *self,
                      OdsStatus       status,
                      guint           days)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ODS_IS_STATUS_BADGE (self));
  g_return_if_fail (status <= ODS_STATUS_CONNECTED_API);

  gtk_widget_remove_css_class (GTK_WIDGET (self), status_classes[self->status]);
  self->status = status;
  self->days = days;
  gtk_widget_add_css_class (GTK_WIDGET (self), status_classes[status]);

  text = ods_status_describe (status, days);
  gtk_label_set_text (GTK_LABEL (self->label), text);
}

OdsStatus
ods_status_badge_get_status (OdsStatusBadge *self)
{
  g_return_val_if_fail (ODS_IS_STATUS_BADGE (self), ODS_STATUS_NOT_REQUIRED);

  return self->status;
}

const char *
ods_status_badge_get_text (OdsStatusBadge *self)
{
  g_return_val_if_fail (ODS_IS_STATUS_BADGE (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->label));
}
