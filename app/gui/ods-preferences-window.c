#define G_LOG_DOMAIN "ods-preferences-window"

#include "config.h"

#include "ods-preferences-window.h"
#include "ods-i18n.h"
#include "ods-portal-choices.h"
#include "ods-portal-editor.h"

struct _OdsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;

  AdwComboRow          *language_row;
  GtkAdjustment        *upload_limit_adjustment;
  GtkSwitch            *confirm_download_switch;
  GtkAdjustment        *deadline_days_adjustment;
  GtkSwitch            *first_day_switch;
  AdwActionRow         *holidays_row;
  AdwPreferencesGroup  *portals_group;
  GPtrArray            *portal_rows;
  GPtrArray            *portals;    /* OdsPortalChoice shown in portal_rows */
};

G_DEFINE_FINAL_TYPE (OdsPreferencesWindow, ods_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Position in the language list ↔ value of the "language" key. */
static const char * const languages[] = { "system", "vi", "en" };

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (code, languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (languages))
    return NULL;

  return g_variant_new_string (languages[selected]);
}

static void
update_holidays (OdsPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "extra-holidays-file");

  if (*path == '\0')
    {
      adw_action_row_set_subtitle (self->holidays_row, _("None: only the official public holidays are used"));
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (path, -1);

      /* AdwActionRow shows its subtitle as markup. */
      adw_action_row_set_subtitle (self->holidays_row, escaped);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-holidays", *path != '\0');
}

static void
on_chooser_response (OdsPreferencesWindow *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "extra-holidays-file", path);
    }

  g_clear_object (&self->chooser);
}

static void
choose_holidays_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) lists = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (lists, _("Holiday lists (.txt, .csv)"));
  gtk_file_filter_add_pattern (lists, "*.txt");
  gtk_file_filter_add_pattern (lists, "*.csv");
  gtk_file_filter_add_pattern (lists, "*.TXT");
  gtk_file_filter_add_pattern (lists, "*.CSV");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a File of Extra Holidays"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), lists);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
clear_holidays_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "extra-holidays-file");
}

static const OdsPortalChoice *
find_portal (OdsPreferencesWindow *self,
             const char           *url)
{
  for (guint i = 0; self->portals != NULL && i < self->portals->len; i++)
    {
      const OdsPortalChoice *choice = g_ptr_array_index (self->portals, i);

      if (!choice->preset && g_str_equal (choice->url, url))
        return choice;
    }

  return NULL;
}

static GtkWidget *
portal_button (const char *icon_name,
               const char *action_name,
               const char *url,
               const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", url);

  return button;
}

static void
load_portals (OdsPreferencesWindow *self)
{
  for (guint i = 0; i < self->portal_rows->len; i++)
    adw_preferences_group_remove (self->portals_group, g_ptr_array_index (self->portal_rows, i));
  g_ptr_array_set_size (self->portal_rows, 0);

  g_clear_pointer (&self->portals, g_ptr_array_unref);
  self->portals = ods_portal_choices_load (self->settings);

  for (guint i = 0; i < self->portals->len; i++)
    {
      const OdsPortalChoice *choice = g_ptr_array_index (self->portals, i);
      g_autofree char *title = g_markup_escape_text (choice->name, -1);
      g_autofree char *subtitle = g_markup_escape_text (choice->url, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (choice->preset)
        {
          GtkWidget *label = gtk_label_new (_("Built in"));

          gtk_widget_add_css_class (label, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }
      else
        {
          /* TRANSLATORS: %s is the name of a portal */
          g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), choice->name);
          /* TRANSLATORS: %s is the name of a portal */
          g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), choice->name);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     portal_button ("document-edit-symbolic", "prefs.edit-portal",
                                                    choice->url, edit));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     portal_button ("user-trash-symbolic", "prefs.remove-portal",
                                                    choice->url, remove));
        }
      adw_preferences_group_add (self->portals_group, row);
      g_ptr_array_add (self->portal_rows, row);
    }
}

static void
add_portal_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (ods_portal_editor_new (GTK_WINDOW (self), self->settings, NULL)));
}

static void
edit_portal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (widget);
  const OdsPortalChoice *choice = find_portal (self, g_variant_get_string (param, NULL));

  if (choice != NULL)
    gtk_window_present (GTK_WINDOW (ods_portal_editor_new (GTK_WINDOW (self), self->settings, choice)));
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (user_data);
  const char *url = g_object_get_data (G_OBJECT (dialog), "ods-portal-url");

  if (g_str_equal (response, "remove"))
    ods_portal_choices_remove (self->settings, url);
}

static void
remove_portal_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsPreferencesWindow *self = ODS_PREFERENCES_WINDOW (widget);
  const OdsPortalChoice *choice = find_portal (self, g_variant_get_string (param, NULL));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (choice == NULL)
    return;

  /* TRANSLATORS: %s is the name of a portal */
  heading = g_strdup_printf (_("Remove “%s”?"), choice->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("It will no longer be offered at sign-in. Past submissions stay "
                                     "in the history."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ods-portal-url", g_strdup (choice->url), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ods_preferences_window_dispose (GObject *object)
{
  OdsPreferencesWindow *self = (OdsPreferencesWindow *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ods_preferences_window_parent_class)->dispose (object);
}

static void
ods_preferences_window_finalize (GObject *object)
{
  OdsPreferencesWindow *self = (OdsPreferencesWindow *) object;

  g_clear_pointer (&self->portal_rows, g_ptr_array_unref);
  g_clear_pointer (&self->portals, g_ptr_array_unref);

  G_OBJECT_CLASS (ods_preferences_window_parent_class)->finalize (object);
}

static void
ods_preferences_window_class_init (OdsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_preferences_window_dispose;
  object_class->finalize = ods_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, upload_limit_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, confirm_download_switch);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, deadline_days_adjustment);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, first_day_switch);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, holidays_row);
  gtk_widget_class_bind_template_child (widget_class, OdsPreferencesWindow, portals_group);

  gtk_widget_class_install_action (widget_class, "prefs.choose-holidays", NULL, choose_holidays_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-holidays", NULL, clear_holidays_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-portal", NULL, add_portal_action);
  gtk_widget_class_install_action (widget_class, "prefs.edit-portal", "s", edit_portal_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-portal", "s", remove_portal_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
ods_preferences_window_init (OdsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind_with_mapping (self->settings, "language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_get_mapping, language_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "upload-limit-mb",
                   self->upload_limit_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "confirm-download",
                   self->confirm_download_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deadline-days",
                   self->deadline_days_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "deadline-first-day-counts",
                   self->first_day_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (self->settings, "changed::extra-holidays-file",
                           G_CALLBACK (update_holidays), self, G_CONNECT_SWAPPED);
  update_holidays (self);

  self->portal_rows = g_ptr_array_new ();
  g_signal_connect_object (self->settings, "changed::portals",
                           G_CALLBACK (load_portals), self, G_CONNECT_SWAPPED);
  load_portals (self);
}

GtkWidget *
ods_preferences_window_new (GtkWindow *transient_for)
{
  return g_object_new (ODS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       NULL);
}
