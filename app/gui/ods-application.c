#define G_LOG_DOMAIN "ods-application"

#include "config.h"

#include "ods-application.h"
#include "ods-i18n.h"
#include "ods-preferences-window.h"
#include "ods-window.h"

struct _OdsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *start_page;   /* --page, shown once the window is up */
  char           *start_portal; /* --portal, signed in to once the window is up */
};

G_DEFINE_FINAL_TYPE (OdsApplication, ods_application, ADW_TYPE_APPLICATION)

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (app));

  /* Closing (not destroying) lets each window save its state. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  OdsApplication *self = ODS_APPLICATION (user_data);
  GtkWindow *parent = ods_application_get_window (self);
  /* TRANSLATORS: your names, one per line, shown in the About window */
  const char *credits = _("translator-credits");
  GtkWidget *about;

  /* Untranslated (English), there are no translators to credit. */
  if (g_str_equal (credits, "translator-credits"))
    credits = NULL;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Open Data Submit"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Open Data Submit developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Check quarterly datasets and upload them to an open-data portal."),
                        "website", "https://github.com/opendatasubmit/opendata-submit",
                        "issue-url", "https://github.com/opendatasubmit/opendata-submit/issues",
                        "copyright", _("© 2026 The Open Data Submit developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  if (credits != NULL)
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), credits);
  gtk_window_present (GTK_WINDOW (about));
}

static GtkWindow *
show_preferences (OdsApplication *self,
                  const char     *page)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *preferences = NULL;

  /* One preferences window at a time. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && preferences == NULL; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ODS_IS_PREFERENCES_WINDOW (window))
        preferences = window;
    }

  if (preferences == NULL)
    preferences = GTK_WINDOW (ods_preferences_window_new (ods_application_get_window (self)));

  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);

  gtk_window_present (preferences);

  return preferences;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  show_preferences (ODS_APPLICATION (user_data), NULL);
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ods_application_show_page (ODS_APPLICATION (user_data), g_variant_get_string (param, NULL));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "show-page", .activate = show_page_action, .parameter_type = "s" },
};

static void
ods_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (ods_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
ods_application_activate (GApplication *application)
{
  OdsApplication *self = ODS_APPLICATION (application);
  g_autofree char *page = g_steal_pointer (&self->start_page);
  g_autofree char *portal = g_steal_pointer (&self->start_portal);
  gboolean first = gtk_application_get_windows (GTK_APPLICATION (self)) == NULL;

  gtk_window_present (ods_application_get_window (self));

  /* Signed in before: open that account again from the keyring. */
  if (first || portal != NULL)
    ods_window_open_portal (ODS_WINDOW (ods_application_get_window (self)), portal);

  if (page != NULL && !ods_application_show_page (self, page))
    {
      /* TRANSLATORS: %s is the page asked for with --page; keep the page names in English */
      g_autofree char *message = g_strdup_printf (_("There is no page “%s” to show. Pages: welcome, "
                                                    "sign-in, quarter, history, preferences, portals, "
                                                    "about, shortcuts."), page);

      g_printerr ("%s\n", message);
    }
}

static int
ods_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  OdsApplication *self = ODS_APPLICATION (application);
  const char *page = NULL;
  const char *portal = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_lookup (options, "portal", "&s", &portal))
    {
      g_free (self->start_portal);
      self->start_portal = g_strdup (portal);
    }

  if (!g_variant_dict_lookup (options, "page", "&s", &page))
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (application))
    {
      /* Another window is open: ask it to show the page. */
      g_action_group_activate_action (G_ACTION_GROUP (application), "show-page",
                                      g_variant_new_string (page));
      return 0;
    }

  g_free (self->start_page);
  self->start_page = g_strdup (page);
  return -1;
}

static void
ods_application_dispose (GObject *object)
{
  OdsApplication *self = (OdsApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ods_application_parent_class)->dispose (object);
}

static void
ods_application_finalize (GObject *object)
{
  OdsApplication *self = (OdsApplication *) object;

  g_clear_pointer (&self->start_page, g_free);
  g_clear_pointer (&self->start_portal, g_free);

  G_OBJECT_CLASS (ods_application_parent_class)->finalize (object);
}

static void
ods_application_class_init (OdsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ods_application_dispose;
  object_class->finalize = ods_application_finalize;

  app_class->startup = ods_application_startup;
  app_class->activate = ods_application_activate;
  app_class->handle_local_options = ods_application_handle_local_options;
}

static void
ods_application_init (OdsApplication *self)
{
  static const GOptionEntry options[] = {
    /* Opens a given screen; used by tests/screenshots.sh. */
    { "page", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, "NAME" },
    /* Signs in to this portal with the kept token (or OPENDATA_SUBMIT_TOKEN),
     * over the presets and the last portal; for the README's demo. */
    { "portal", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, "URL" },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * ods_application_new:
 * @flags: %G_APPLICATION_DEFAULT_FLAGS, or %G_APPLICATION_NON_UNIQUE in tests
 */
OdsApplication *
ods_application_new (GApplicationFlags flags)
{
  return g_object_new (ODS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/opendatasubmit/OpenDataSubmit",
                       "flags", flags,
                       NULL);
}

GSettings *
ods_application_get_settings (OdsApplication *self)
{
  g_return_val_if_fail (ODS_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * ods_application_get_window:
 *
 * Returns: (transfer none): the main window, created if there is none yet
 */
GtkWindow *
ods_application_get_window (OdsApplication *self)
{
  g_return_val_if_fail (ODS_IS_APPLICATION (self), NULL);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ODS_IS_WINDOW (l->data))
      return GTK_WINDOW (l->data);

  return GTK_WINDOW (ods_window_new (GTK_APPLICATION (self)));
}

/**
 * ods_application_show_page:
 * @name: a screen of the main window ("welcome", "sign-in", "quarter",
 *   "history") or "preferences", "portals" (their page in Preferences),
 *   "about", "shortcuts"
 *
 * Returns: %TRUE if the page is now shown
 */
gboolean
ods_application_show_page (OdsApplication *self,
                           const char     *name)
{
  GtkWindow *window;

  g_return_val_if_fail (ODS_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  window = ods_application_get_window (self);
  gtk_window_present (window);

  if (g_str_equal (name, "preferences"))
    {
      show_preferences (self, "general");
      return TRUE;
    }

  if (g_str_equal (name, "portals"))
    {
      show_preferences (self, "portals");
      return TRUE;
    }

  if (g_str_equal (name, "about"))
    {
      g_action_group_activate_action (G_ACTION_GROUP (self), name, NULL);
      return TRUE;
    }

  if (g_str_equal (name, "shortcuts"))
    return gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);

  return ods_window_show_page (ODS_WINDOW (window), name);
}
