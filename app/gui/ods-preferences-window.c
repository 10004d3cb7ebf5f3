#define G_LOG_DOMAIN "ods-preferences-window"

#include "config.h"

#include "ods-preferences-window.h"
#include "ods-i18n.h"
#include "ods-portal-choices.h"

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

static void
load_portals (OdsPreferencesWindow *self)
{
  g_autoptr(GPtrArray) choices = ods_portal_choices_load (self->settings);

  for (guint i = 0; i < choices->len; i++)
    {
      const OdsPortalChoice *choice = g_ptr_array_index (choices, i);
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
      adw_preferences_group_add (self->portals_group, row);
    }
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
ods_preferences_window_class_init (OdsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_preferences_window_dispose;

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
  load_portals (self);
}

GtkWidget *
ods_preferences_window_new (GtkWindow *transient_for)
{
  return g_object_new (ODS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       NULL);
}
