#define G_LOG_DOMAIN "ods-file-picker"

#include "config.h"

#include <adwaita.h>

#include "ods-file-picker.h"
#include "ods-i18n.h"

struct _OdsFilePicker
{
  GtkWidget             parent_instance;

  GFile                *file;
  GCancellable         *cancellable;   /* the size query of the chosen file */
  GtkFileChooserNative *chooser;

  GtkWidget            *status_page;
  GtkLabel             *file_label;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (OdsFilePicker, ods_file_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

enum {
  FILE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Table files the validator reads. Spreadsheets join once they are supported. */
static const char * const accepted_suffixes[] = { ".csv", ".tsv", ".tab", ".txt" };

/**
 * ods_file_picker_is_accepted:
 * @basename: a file name
 *
 * Returns: %TRUE if the name ends in a table type that can be submitted
 */
gboolean
ods_file_picker_is_accepted (const char *basename)
{
  g_autofree char *lower = NULL;

  if (basename == NULL)
    return FALSE;

  lower = g_utf8_strdown (basename, -1);
  for (guint i = 0; i < G_N_ELEMENTS (accepted_suffixes); i++)
    if (g_str_has_suffix (lower, accepted_suffixes[i]))
      return TRUE;

  return FALSE;
}

static void
set_error (OdsFilePicker *self,
           const char    *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_info_ready (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsFilePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, &error);
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info == NULL)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the system's reason, e.g. "Permission denied" */
      message = g_strdup_printf (_("The file cannot be read (%s). Check that it still exists and that "
                                   "you may open it, then choose it again."), error->message);
      set_error (self, message);
      gtk_widget_set_visible (GTK_WIDGET (self->file_label), FALSE);
      return;
    }

  size = ods_format_size (g_file_info_get_size (info));
  /* TRANSLATORS: the chosen file: its name, then its size such as "1.2 MB" */
  text = g_strdup_printf (_("%s (%s)"), g_file_info_get_display_name (info), size);
  gtk_label_set_text (self->file_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), TRUE);
}

/**
 * ods_file_picker_clear:
 *
 * Forgets the chosen file (a new submission begins).
 */
void
ods_file_picker_clear (OdsFilePicker *self)
{
  g_return_if_fail (ODS_IS_FILE_PICKER (self));

  g_cancellable_cancel (self->cancellable);
  set_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->file_label), FALSE);
  g_clear_object (&self->file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * ods_file_picker_set_file:
 * @file: the file dropped or chosen
 *
 * Returns: %TRUE if @file is of an accepted type; then ::file-chosen is
 *   emitted. Otherwise the error says which types are accepted.
 */
gboolean
ods_file_picker_set_file (OdsFilePicker *self,
                          GFile         *file)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (ODS_IS_FILE_PICKER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  if (!ods_file_picker_is_accepted (basename))
    {
      g_autofree char *display = g_filename_display_name (basename != NULL ? basename : "");
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("“%s” is not a table file. Choose a CSV or TSV file; from a "
                                   "spreadsheet, use “Save As” and pick CSV first."), display);
      set_error (self, message);
      return FALSE;
    }

  set_error (self, NULL);
  g_set_object (&self->file, file);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           on_info_ready, g_object_ref (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_signal_emit (self, signals[FILE_CHOSEN], 0, file);

  return TRUE;
}

static gboolean
on_drop (OdsFilePicker *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files != NULL && files->next != NULL)
        {
          g_slist_free (files);
          set_error (self, _("Drop one file at a time: each file is checked and submitted on its own."));
          return FALSE;
        }
      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      file = g_value_get_object (value);
    }

  return file != NULL && ods_file_picker_set_file (self, file);
}

static void
on_chooser_response (OdsFilePicker        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        ods_file_picker_set_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsFilePicker *self = ODS_FILE_PICKER (widget);
  g_autoptr(GtkFileFilter) tables = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (tables, _("Table files (CSV, TSV)"));
  for (guint i = 0; i < G_N_ELEMENTS (accepted_suffixes); i++)
    {
      g_autofree char *pattern = g_strconcat ("*", accepted_suffixes[i], NULL);
      g_autofree char *upper = g_ascii_strup (pattern, -1);

      gtk_file_filter_add_pattern (tables, pattern);
      gtk_file_filter_add_pattern (tables, upper);
    }
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose the File to Submit"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
ods_file_picker_dispose (GObject *object)
{
  OdsFilePicker *self = (OdsFilePicker *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_FILE_PICKER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_file_picker_parent_class)->dispose (object);
}

static void
ods_file_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OdsFilePicker *self = ODS_FILE_PICKER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_file_picker_class_init (OdsFilePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_file_picker_dispose;
  object_class->get_property = ods_file_picker_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsFilePicker::file-chosen:
   * @file: the table file to check and submit
   */
  signals[FILE_CHOSEN] =
    g_signal_new ("file-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-file-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsFilePicker, status_page);
  gtk_widget_class_bind_template_child (widget_class, OdsFilePicker, file_label);
  gtk_widget_class_bind_template_child (widget_class, OdsFilePicker, error_label);

  gtk_widget_class_install_action (widget_class, "picker.choose", NULL, choose_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "picker.choose", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ods-file-picker");
}

static void
ods_file_picker_init (OdsFilePicker *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
ods_file_picker_new (void)
{
  return g_object_new (ODS_TYPE_FILE_PICKER, NULL);
}

/**
 * ods_file_picker_get_file:
 *
 * Returns: (transfer none) (nullable): the chosen file
 */
GFile *
ods_file_picker_get_file (OdsFilePicker *self)
{
  g_return_val_if_fail (ODS_IS_FILE_PICKER (self), NULL);

  return self->file;
}
