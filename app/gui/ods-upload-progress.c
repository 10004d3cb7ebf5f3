#define G_LOG_DOMAIN "ods-upload-progress"

#include "config.h"

#include "ods-upload-progress.h"
#include "ods-i18n.h"

struct _OdsUploadProgress
{
  GtkWidget       parent_instance;

  GtkLabel       *title_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *detail_label;
  GtkLabel       *retry_label;
};

G_DEFINE_FINAL_TYPE (OdsUploadProgress, ods_upload_progress, GTK_TYPE_WIDGET)

enum {
  CANCEL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * ods_format_time_left:
 * @seconds: the estimate
 *
 * Returns: (transfer full): "about 5 seconds left", "about 3 minutes left"…
 *   rounded up, so that the estimate is not too hopeful
 */
char *
ods_format_time_left (guint64 seconds)
{
  if (seconds < 60)
    {
      guint n = MAX (1, (guint) seconds);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u second left", "about %u seconds left", n), n);
    }

  if (seconds < 3600)
    {
      guint n = (guint) ((seconds + 59) / 60);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u minute left", "about %u minutes left", n), n);
    }

  {
    guint n = (guint) ((seconds + 3599) / 3600);

    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u hour left", "about %u hours left", n), n);
  }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[CANCEL_REQUESTED], 0);
}

static void
ods_upload_progress_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_UPLOAD_PROGRESS);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_upload_progress_parent_class)->dispose (object);
}

static void
ods_upload_progress_class_init (OdsUploadProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_upload_progress_dispose;

  /**
   * OdsUploadProgress::cancel-requested:
   *
   * The officer pressed Cancel (or Escape): cancel the upload's GCancellable.
   */
  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-upload-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsUploadProgress, title_label);
  gtk_widget_class_bind_template_child (widget_class, OdsUploadProgress, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OdsUploadProgress, detail_label);
  gtk_widget_class_bind_template_child (widget_class, OdsUploadProgress, retry_label);

  gtk_widget_class_install_action (widget_class, "upload.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "upload.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_upload_progress_init (OdsUploadProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ods_upload_progress_update (self, 0, 0, 0);
}

GtkWidget *
ods_upload_progress_new (void)
{
  return g_object_new (ODS_TYPE_UPLOAD_PROGRESS, NULL);
}

void
ods_upload_progress_set_file_name (OdsUploadProgress *self,
                                   const char        *display_name)
{
  g_autofree char *title = NULL;

  g_return_if_fail (ODS_IS_UPLOAD_PROGRESS (self));

  if (display_name == NULL)
    {
      gtk_label_set_text (self->title_label, _("Uploading"));
      return;
    }

  /* TRANSLATORS: %s is a file name */
  title = g_strdup_printf (_("Uploading “%s”"), display_name);
  gtk_label_set_text (self->title_label, title);
}

/**
 * ods_upload_progress_update:
 * @sent: bytes sent so far
 * @total: bytes to send, 0 when not known yet
 * @bytes_per_second: the recent rate, or 0 when not known yet
 *
 * Shows "3.2 MB of 10.0 MB · 1.1 MB/s · about 7 seconds left" and hides a
 * retry notice: bytes moving again means the retry worked.
 */
void
ods_upload_progress_update (OdsUploadProgress *self,
                            guint64            sent,
                            guint64            total,
                            double             bytes_per_second)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *sent_text = NULL;
  g_autofree char *total_text = NULL;

  g_return_if_fail (ODS_IS_UPLOAD_PROGRESS (self));

  if (total == 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_label_set_text (self->detail_label, _("Preparing the upload…"));
      return;
    }

  sent = MIN (sent, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) sent / (double) total);

  sent_text = ods_format_size (sent);
  total_text = ods_format_size (total);
  /* TRANSLATORS: bytes sent of the file's size, e.g. "3.2 MB of 10.0 MB" */
  g_string_append_printf (detail, _("%s of %s"), sent_text, total_text);

  if (bytes_per_second >= 1)
    {
      g_autofree char *rate = ods_format_size ((guint64) bytes_per_second);
      g_autofree char *left = ods_format_time_left ((guint64) ((double) (total - sent) / bytes_per_second + 0.999));

      g_string_append (detail, " · ");
      /* TRANSLATORS: an upload speed, e.g. "1.1 MB/s" */
      g_string_append_printf (detail, _("%s/s"), rate);
      if (sent < total)
        {
          g_string_append (detail, " · ");
          g_string_append (detail, left);
        }
    }

  gtk_label_set_text (self->detail_label, detail->str);

  if (bytes_per_second >= 1)
    gtk_widget_set_visible (GTK_WIDGET (self->retry_label), FALSE);
}

/**
 * ods_upload_progress_set_retry:
 * @attempt: the attempt about to start (2 for the first retry), or 0 to hide
 *   the notice
 * @max_attempts: how many attempts are made at most
 * @seconds: the wait before it
 *
 * An automatic retry after a network failure, shown as such so the officer
 * knows the upload has not failed (yet).
 */
void
ods_upload_progress_set_retry (OdsUploadProgress *self,
                               guint              attempt,
                               guint              max_attempts,
                               guint              seconds)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ODS_IS_UPLOAD_PROGRESS (self));

  if (attempt == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->retry_label), FALSE);
      return;
    }

  /* TRANSLATORS: "attempt 2 of 5 in 10 seconds"; the plural is for the seconds */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The connection was interrupted. Trying again (attempt %u of %u) in %u second…",
                                       "The connection was interrupted. Trying again (attempt %u of %u) in %u seconds…",
                                       seconds),
                          attempt, max_attempts, seconds);
  gtk_label_set_text (self->retry_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_label), TRUE);
}
