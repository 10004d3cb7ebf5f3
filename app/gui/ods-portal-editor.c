#define G_LOG_DOMAIN "ods-portal-editor"

#include "config.h"

#include "ods-portal-editor.h"
#include "ods-i18n.h"

struct _OdsPortalEditor
{
  AdwWindow             parent_instance;

  GSettings            *settings;
  char                 *original_url;   /* NULL when adding */
  char                 *ca_file;
  GtkFileChooserNative *chooser;

  GtkEditable          *name_entry;
  GtkEditable          *url_entry;
  AdwActionRow         *ca_row;
  GtkSwitch            *insecure_switch;
  GtkLabel             *error_label;
};

G_DEFINE_FINAL_TYPE (OdsPortalEditor, ods_portal_editor, ADW_TYPE_WINDOW)

static char *
dup_trimmed (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
set_error (OdsPortalEditor *self,
           const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_actions (OdsPortalEditor *self)
{
  g_autofree char *name = dup_trimmed (self->name_entry);
  g_autofree char *url = dup_trimmed (self->url_entry);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", *name != '\0' && *url != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.clear-ca", self->ca_file != NULL);
}

static void
update_ca (OdsPortalEditor *self)
{
  if (self->ca_file == NULL)
    {
      adw_action_row_set_subtitle (self->ca_row, _("The system’s certificates"));
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (self->ca_file, -1);

      adw_action_row_set_subtitle (self->ca_row, escaped);
    }

  update_actions (self);
}

static void
on_field_changed (OdsPortalEditor *self)
{
  set_error (self, NULL);
  update_actions (self);
}

static void
on_entry_activate (OdsPortalEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsPortalEditor *self = ODS_PORTAL_EDITOR (widget);
  g_autofree char *name = dup_trimmed (self->name_entry);
  g_autofree char *url = dup_trimmed (self->url_entry);
  gboolean insecure = gtk_switch_get_active (self->insecure_switch);

  if (*name == '\0' || *url == '\0')
    return;

  switch (ods_portal_address_check (url))
    {
    case ODS_PORTAL_ADDRESS_INVALID:
      {
        /* TRANSLATORS: %s is what the user typed as the portal's address */
        g_autofree char *message = g_strdup_printf (_("“%s” is not a web address. Type the portal’s address "
                                                      "as it appears in your browser, starting with https://."),
                                                    url);
        set_error (self, message);
        gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
        return;
      }

    case ODS_PORTAL_ADDRESS_INSECURE:
      set_error (self, _("Only a test portal on this computer may use plain http://, because passwords "
                         "and tokens would travel unprotected. Type the portal’s https:// address."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
      return;

    case ODS_PORTAL_ADDRESS_LOOPBACK_HTTP:
      if (!insecure)
        {
          set_error (self, _("This address uses plain http://. If it is a test portal on this computer, "
                             "turn on “Allow plain HTTP”; otherwise type its https:// address."));
          gtk_widget_grab_focus (GTK_WIDGET (self->insecure_switch));
          return;
        }
      break;

    case ODS_PORTAL_ADDRESS_OK:
    default:
      break;
    }

  if (!ods_portal_choices_store (self->settings, self->original_url, name, url, self->ca_file, insecure))
    {
      set_error (self, _("This portal is already in the list. Edit that entry instead."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_chooser_response (OdsPortalEditor      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          g_free (self->ca_file);
          self->ca_file = path;
          update_ca (self);
        }
    }

  g_clear_object (&self->chooser);
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  OdsPortalEditor *self = ODS_PORTAL_EDITOR (widget);
  g_autoptr(GtkFileFilter) certificates = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (certificates, _("Certificates (.pem, .crt)"));
  gtk_file_filter_add_pattern (certificates, "*.pem");
  gtk_file_filter_add_pattern (certificates, "*.crt");
  gtk_file_filter_add_pattern (certificates, "*.PEM");
  gtk_file_filter_add_pattern (certificates, "*.CRT");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a Certificate Authority File"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), certificates);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_ca_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OdsPortalEditor *self = ODS_PORTAL_EDITOR (widget);

  g_clear_pointer (&self->ca_file, g_free);
  update_ca (self);
}

static void
ods_portal_editor_dispose (GObject *object)
{
  OdsPortalEditor *self = (OdsPortalEditor *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_PORTAL_EDITOR);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ods_portal_editor_parent_class)->dispose (object);
}

static void
ods_portal_editor_finalize (GObject *object)
{
  OdsPortalEditor *self = (OdsPortalEditor *) object;

  g_clear_pointer (&self->original_url, g_free);
  g_clear_pointer (&self->ca_file, g_free);

  G_OBJECT_CLASS (ods_portal_editor_parent_class)->finalize (object);
}

static void
ods_portal_editor_class_init (OdsPortalEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_portal_editor_dispose;
  object_class->finalize = ods_portal_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-portal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsPortalEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsPortalEditor, url_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsPortalEditor, ca_row);
  gtk_widget_class_bind_template_child (widget_class, OdsPortalEditor, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, OdsPortalEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "editor.clear-ca", NULL, clear_ca_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
ods_portal_editor_init (OdsPortalEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * ods_portal_editor_new:
 * @settings: the application settings, whose "portals" key is edited
 * @choice: (nullable): the stored portal to edit, or %NULL to add one
 *
 * Saving writes the portal into @settings and closes the window; Cancel and
 * Escape close it without saving.
 */
GtkWidget *
ods_portal_editor_new (GtkWindow             *transient_for,
                       GSettings             *settings,
                       const OdsPortalChoice *choice)
{
  OdsPortalEditor *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ODS_TYPE_PORTAL_EDITOR,
                       "transient-for", transient_for,
                       "title", choice != NULL ? _("Edit Portal") : _("Add Portal"),
                       NULL);
  self->settings = g_object_ref (settings);

  if (choice != NULL)
    {
      self->original_url = g_strdup (choice->url);
      gtk_editable_set_text (self->name_entry, choice->name);
      gtk_editable_set_text (self->url_entry, choice->url);
      if (choice->ca_file != NULL && *choice->ca_file != '\0')
        self->ca_file = g_strdup (choice->ca_file);
      gtk_switch_set_active (self->insecure_switch, choice->allow_insecure);
    }

  update_ca (self);
  set_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));

  return GTK_WIDGET (self);
}
