#define G_LOG_DOMAIN "ods-window"

#include "config.h"

#include "ods-window.h"
#include "ods-history-page.h"
#include "ods-i18n.h"
#include "ods-portal-choices.h"
#include "ods-portal-error.h"
#include "ods-quarter-page.h"
#include "ods-wizard.h"

struct _OdsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *account;
  OdsPortalAccount     *portal_account;
  GCancellable         *sign_in_cancellable;
  char                 *pending_page;   /* asked for while signing in */
  gboolean              opened_before;  /* the portal opened has a user in portals.ini */
  gboolean              resume_offered; /* an interrupted submission is offered once a run */

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *back_button;
  GtkWidget            *welcome_sign_in_button;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  OdsSignInPage        *sign_in_page;
  OdsWizard            *wizard;
  OdsNotice            *notice;
  OdsQuarterPage       *quarter_page;
  OdsHistoryPage       *history_page;
};

G_DEFINE_FINAL_TYPE (OdsWindow, ods_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESUME_ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (OdsWindow *self)
{
  const char *page = ods_window_get_page (self);
  gboolean on_sign_in = g_str_equal (page, "sign-in");
  gboolean on_submit = g_str_equal (page, "submit");
  gboolean busy = ods_sign_in_page_get_busy (self->sign_in_page);
  /* From the upload on, the submission must run to its end. */
  gboolean uploading = ods_wizard_get_step (self->wizard) >= ODS_WIZARD_STEP_UPLOAD;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", self->account == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", self->account != NULL && !uploading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", self->portal_account != NULL && !on_submit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-submission", self->account != NULL && !on_submit);
  /* Back leaves the sign-in page, or the submission until its upload starts
   * (the submission is kept: "New Submission" comes back to it). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back",
                                 (on_sign_in && !busy) || (on_submit && !uploading));
  gtk_widget_set_visible (self->back_button, on_sign_in || on_submit);
  {
    /* The wizard has its own Back (previous step); this one leaves it. */
    const char *back = on_submit ? _("Back to This Quarter") : _("Back");

    gtk_widget_set_tooltip_text (self->back_button, back);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, back, -1);
  }
  /* The screen switcher would not leave the submission: Back does. */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, self->account != NULL && !on_submit);
}

static void
on_visible_page_changed (OdsWindow *self)
{
  if (self->account != NULL && g_strcmp0 (ods_window_get_page (self), "history") == 0)
    ods_history_page_refresh (self->history_page);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ods_window_show_page (ODS_WINDOW (widget), "sign-in");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);

  if (g_str_equal (ods_window_get_page (self), "submit"))
    ods_window_show_page (self, "quarter");
  else
    ods_window_show_page (self, "welcome");
}

/* New Submission (Ctrl+N): the wizard with the unit's datasets to choose
 * from, for the period shown in This quarter. */
static void
new_submission_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);

  if (self->portal_account != NULL)
    ods_window_start_submission (self, NULL, NULL);
  else
    ods_window_show_page (self, "submit");
}

static void
on_wizard_finished (OdsWindow *self)
{
  ods_wizard_set_step (self->wizard, ODS_WIZARD_STEP_DATASET);
  ods_window_show_page (self, "quarter");
}

static void
on_signed_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OdsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) revoke_error = NULL;
  gboolean revoked = FALSE;

  if (!ods_portal_sign_out_finish (result, &revoked, &revoke_error, &error))
    {
      /* TRANSLATORS: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Signed out, but the token could not be removed from "
                                                    "the keyring: %s"), error->message);

      ods_window_add_toast (self, message);
      return;
    }
  if (!revoked)
    ods_window_add_toast (self, _("Signed out on this computer. The portal could not be told: remove the "
                                  "token on the portal’s website if it may have leaked."));
  else
    ods_window_add_toast (self, _("Signed out"));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);
  g_autoptr(OdsPortalAccount) account = self->portal_account ? g_object_ref (self->portal_account) : NULL;

  ods_window_set_account (self, NULL);
  g_settings_set_string (self->settings, "last-portal", "");
  if (account != NULL)
    ods_portal_sign_out_async (ods_portal_account_get_settings (account), NULL, on_signed_out,
                               g_object_ref (self));
  else
    ods_window_add_toast (self, _("Signed out"));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);

  ods_quarter_page_refresh (self->quarter_page);
  ods_history_page_refresh (self->history_page);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);

  if (ods_window_show_page (self, "quarter"))
    gtk_widget_activate_action (GTK_WIDGET (self->quarter_page), "quarter.search", NULL);
}

/* From History: the report of an entry's period, made again from the portal. */
static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);
  OdsPeriod period;

  if (!ods_period_parse (g_variant_get_string (param, NULL), &period, NULL))
    return;
  if (!ods_quarter_page_set_period (self->quarter_page, period))
    {
      ods_window_add_toast (self, _("This period is too old for a report: choose one of the last eight "
                                    "quarters in This quarter."));
      return;
    }
  if (ods_window_show_page (self, "quarter"))
    gtk_widget_activate_action (GTK_WIDGET (self->quarter_page), "quarter.export", NULL);
}

static void
on_submission_requested (OdsWindow      *self,
                         OdsCkanPackage *package,
                         const char     *period)
{
  ods_window_start_submission (self, package, period);
}

static void
on_page_toast (OdsWindow  *self,
               const char *message)
{
  ods_window_add_toast (self, message);
}

/* ---- signing in ---------------------------------------------------------- */

/* The portal's settings: those kept in portals.ini (user name, limits), with
 * the CA file and plain-HTTP permission of the portal chosen at sign-in. */
static OdsPortalSettings *
portal_settings_for (OdsWindow  *self,
                     const char *url)
{
  g_autofree char *normalized = ods_portal_url_normalize (url);
  g_autoptr(OdsPortalConfig) config = ods_portal_config_load (NULL, NULL);
  g_autoptr(GPtrArray) choices = ods_portal_choices_load (self->settings);
  OdsPortalSettings *settings = NULL;

  if (normalized == NULL)
    normalized = g_strdup (url);
  if (config != NULL)
    settings = ods_portal_config_get (config, normalized);
  if (settings == NULL)
    settings = ods_portal_settings_new (normalized);

  for (guint i = 0; i < choices->len; i++)
    {
      const OdsPortalChoice *choice = choices->pdata[i];
      g_autofree char *choice_url = ods_portal_url_normalize (choice->url);

      if (g_strcmp0 (choice_url, normalized) != 0)
        continue;
      settings->allow_insecure = choice->allow_insecure;
      if (choice->ca_file != NULL && *choice->ca_file != '\0')
        {
          g_free (settings->ca_file);
          settings->ca_file = g_strdup (choice->ca_file);
        }
    }
  /* The sign-in page refuses http:// to another computer; to this one it is a test portal. */
  if (ods_portal_address_check (url) == ODS_PORTAL_ADDRESS_LOOPBACK_HTTP)
    settings->allow_insecure = TRUE;
  return settings;
}

/* What the officer reads when signing in failed: the portal error's own
 * sentence (wrong password, token expired, unreachable, proxy, certificate). */
static char *
describe_sign_in_error (const GError *error)
{
  const char *summary = NULL;

  if (error->domain == ODS_PORTAL_ERROR)
    summary = ods_portal_error_get_summary (error);
  return g_strdup (summary != NULL ? summary : error->message);
}

/* A submission ended: what This quarter and History show has changed. */
static void
on_submitted (OdsWindow  *self,
              const char *dataset,
              const char *period,
              gboolean    confirmed)
{
  ods_quarter_page_refresh (self->quarter_page);
  ods_history_page_refresh (self->history_page);
}

static void
use_account (OdsWindow        *self,
             OdsPortalAccount *account)
{
  OdsCkanUser *user = ods_portal_account_get_user (account);
  const char *url = ods_portal_client_get_url (ods_portal_account_get_client (account));
  g_autofree char *display = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : url;

  /* TRANSLATORS: who is signed in, then the portal's address */
  display = g_strdup_printf (_("%s — %s"), ods_ckan_user_get_display_name (user), host);

  g_set_object (&self->portal_account, account);
  ods_quarter_page_set_account (self->quarter_page, account);
  ods_window_set_account (self, display);
  ods_history_page_refresh (self->history_page);
  if (self->pending_page != NULL)
    {
      g_autofree char *page = g_steal_pointer (&self->pending_page);

      ods_window_show_page (self, page);
    }

  /* The sign-in page keeps "last-portal" as chosen there. */
  g_settings_set_string (self->settings, "last-user-name", ods_ckan_user_get_name (user));

  /* A submission interrupted in an earlier run (closed or crashed mid-way)
   * is offered again once the portal is open. */
  if (!self->resume_offered)
    {
      self->resume_offered = TRUE;
      ods_wizard_offer_resume (self->wizard, account);
    }
}

static void
on_sign_in_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalAccount) account = ods_portal_account_sign_in_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_in_cancellable);

  if (account == NULL)
    {
      g_autofree char *message = describe_sign_in_error (error);

      ods_sign_in_page_finish (self->sign_in_page, message);
      return;
    }

  ods_sign_in_page_finish (self->sign_in_page, NULL);
  use_account (self, account);
}

static gboolean
on_sign_in_requested (OdsWindow     *self,
                      const char    *url,
                      const char    *user,
                      const char    *token,
                      const char    *password,
                      OdsSignInPage *page)
{
  g_autoptr(OdsPortalSettings) settings = portal_settings_for (self, url);

  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  self->sign_in_cancellable = g_cancellable_new ();

  /* The secrets are copied by the account into its flow (and the keyring). */
  /* With a token the user name is optional: CKAN 2.10 needs it to check whose the token is. */
  ods_portal_account_sign_in_async (settings, user != NULL && *user != '\0' ? user : NULL, password,
                                    password != NULL ? NULL : token,
                                    self->sign_in_cancellable, on_sign_in_done, g_object_ref (self));
  return TRUE;
}

static void
on_sign_in_cancelled (OdsWindow *self)
{
  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  g_clear_pointer (&self->pending_page, g_free);
}

static void
on_account_opened (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(OdsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalAccount) account = ods_portal_account_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sign_in_cancellable);

  if (account == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *url = ods_sign_in_page_dup_portal_url (self->sign_in_page);

      if (g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH) && !self->opened_before)
        /* TRANSLATORS: %s is the portal's address */
        message = g_strdup_printf (_("You have not signed in to %s on this computer yet. Type your "
                                     "access token, or choose user name and password."), url);
      else if (g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH))
        /* TRANSLATORS: %s is the portal's address */
        message = g_strdup_printf (_("You are not signed in to %s any more: the token kept on this "
                                     "computer is gone or the portal no longer accepts it. Sign in again."),
                                   url);
      else
        message = describe_sign_in_error (error);
      g_clear_pointer (&self->pending_page, g_free);
      ods_sign_in_page_finish (self->sign_in_page, message);
      ods_window_show_page (self, "sign-in");
      return;
    }
  ods_sign_in_page_finish (self->sign_in_page, NULL);
  use_account (self, account);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ods_window_show_page (ODS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
load_window_state (OdsWindow *self)
{
  int width, height;

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 360));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (OdsWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
ods_window_close_request (GtkWindow *window)
{
  save_window_state (ODS_WINDOW (window));

  return GTK_WINDOW_CLASS (ods_window_parent_class)->close_request (window);
}

static void
ods_window_dispose (GObject *object)
{
  OdsWindow *self = (OdsWindow *) object;

  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->portal_account);

  G_OBJECT_CLASS (ods_window_parent_class)->dispose (object);
}

static void
ods_window_finalize (GObject *object)
{
  OdsWindow *self = (OdsWindow *) object;

  g_clear_pointer (&self->account, g_free);
  g_clear_pointer (&self->pending_page, g_free);

  G_OBJECT_CLASS (ods_window_parent_class)->finalize (object);
}

static void
ods_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdsWindow *self = ODS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_string (value, self->account);
      break;

    case PROP_PAGE:
      g_value_set_string (value, ods_window_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OdsWindow *self = ODS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      ods_window_set_account (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_window_class_init (OdsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ods_window_dispose;
  object_class->finalize = ods_window_finalize;
  object_class->get_property = ods_window_get_property;
  object_class->set_property = ods_window_set_property;

  window_class->close_request = ods_window_close_request;

  /**
   * OdsWindow:account:
   *
   * Who is signed in, as shown under the title ("Name — portal"), or %NULL
   * when signed out.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_string ("account", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * OdsWindow:page:
   *
   * The screen shown: "welcome", "sign-in", "quarter", "history" or
   * "submit".
   */
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsWindow::resume-answered:
   * @resume: %TRUE to continue the interrupted submission, %FALSE to discard it
   *
   * The answer to ods_window_offer_resume().
   */
  signals[RESUME_ANSWERED] =
    g_signal_new ("resume-answered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (ODS_TYPE_SIGN_IN_PAGE);
  g_type_ensure (ODS_TYPE_WIZARD);
  g_type_ensure (ODS_TYPE_NOTICE);
  g_type_ensure (ODS_TYPE_QUARTER_PAGE);
  g_type_ensure (ODS_TYPE_HISTORY_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, welcome_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, wizard);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, quarter_page);
  gtk_widget_class_bind_template_child (widget_class, OdsWindow, history_page);
  gtk_widget_class_bind_template_callback (widget_class, on_submission_requested);
  gtk_widget_class_bind_template_callback (widget_class, on_page_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_finished);

  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.new-submission", NULL, new_submission_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", "s", export_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-submission", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "quarter");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "history");
}

static void
ods_window_init (OdsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  load_window_state (self);

  g_signal_connect_object (self->sign_in_page, "notify::busy",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_in_page, "sign-in-requested",
                           G_CALLBACK (on_sign_in_requested), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_in_page, "sign-in-cancelled",
                           G_CALLBACK (on_sign_in_cancelled), self, G_CONNECT_SWAPPED);
  ods_quarter_page_set_notice (self->quarter_page, self->notice);
  g_signal_connect_object (self->wizard, "submitted",
                           G_CALLBACK (on_submitted), self, G_CONNECT_SWAPPED);

  update_actions (self);
  gtk_widget_grab_focus (self->welcome_sign_in_button);
}

OdsWindow *
ods_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (ODS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * ods_window_get_sign_in_page:
 *
 * Returns: (transfer none): the sign-in page, whose ::sign-in-requested the
 *   portal code connects to.
 */
OdsSignInPage *
ods_window_get_sign_in_page (OdsWindow *self)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  return self->sign_in_page;
}

const char *
ods_window_get_account (OdsWindow *self)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * ods_window_set_account:
 * @account: (nullable): who is signed in and where, for display; %NULL signs out
 *
 * Signing in shows "This quarter"; signing out returns to the welcome page.
 */
void
ods_window_set_account (OdsWindow  *self,
                        const char *account)
{
  g_return_if_fail (ODS_IS_WINDOW (self));

  if (account != NULL && *account == '\0')
    account = NULL;

  if (g_strcmp0 (self->account, account) == 0)
    return;

  g_free (self->account);
  self->account = g_strdup (account);

  if (account == NULL && self->portal_account != NULL)
    {
      g_clear_object (&self->portal_account);
      ods_quarter_page_set_account (self->quarter_page, NULL);
    }

  adw_view_switcher_title_set_subtitle (self->switcher_title, account);

  if (account != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "quarter");
      gtk_stack_set_visible_child_name (self->stack, "main");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      gtk_widget_grab_focus (self->welcome_sign_in_button);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * ods_window_get_page:
 *
 * Returns: the name of the screen shown: "welcome", "sign-in", "quarter",
 *   "history" or "submit" (the submission wizard).
 */
const char *
ods_window_get_page (OdsWindow *self)
{
  const char *name;

  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (name, "main") == 0)
    name = adw_view_stack_get_visible_child_name (self->view_stack);

  return name != NULL ? name : "welcome";
}

/**
 * ods_window_show_page:
 * @name: "welcome", "sign-in", "quarter", "history" or "submit"
 *
 * Shows a screen if it makes sense in the current state: the quarter, the
 * history and the submission need an account, the welcome and sign-in pages
 * need to be signed out.
 *
 * Returns: %TRUE if @name is now shown
 */
gboolean
ods_window_show_page (OdsWindow  *self,
                      const char *name)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (name, "welcome") || g_str_equal (name, "sign-in"))
    {
      if (self->account != NULL || ods_sign_in_page_get_busy (self->sign_in_page))
        return FALSE;

      gtk_stack_set_visible_child_name (self->stack, name);
      if (g_str_equal (name, "sign-in"))
        ods_sign_in_page_focus_first (self->sign_in_page);
      else
        gtk_widget_grab_focus (self->welcome_sign_in_button);
      return TRUE;
    }

  if (g_str_equal (name, "submit"))
    {
      if (self->account == NULL)
        return FALSE;

      gtk_stack_set_visible_child_name (self->stack, "submit");
      return TRUE;
    }

  if (g_str_equal (name, "quarter") || g_str_equal (name, "history"))
    {
      /* Signing in with the kept token: shown once signed in. */
      if (self->account == NULL && self->sign_in_cancellable != NULL)
        {
          g_free (self->pending_page);
          self->pending_page = g_strdup (name);
          return TRUE;
        }
      if (self->account == NULL)
        return FALSE;

      adw_view_stack_set_visible_child_name (self->view_stack, name);
      gtk_stack_set_visible_child_name (self->stack, "main");
      return TRUE;
    }

  g_debug ("No page named “%s”", name);
  return FALSE;
}

void
ods_window_add_toast (OdsWindow  *self,
                      const char *title)
{
  g_return_if_fail (ODS_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/**
 * ods_window_get_wizard:
 *
 * Returns: (transfer none): the submission wizard, which the submission code
 *   fills and drives
 */
OdsWizard *
ods_window_get_wizard (OdsWindow *self)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  return self->wizard;
}

/**
 * ods_window_get_notice:
 *
 * Returns: (transfer none): the notice above "This quarter" and "History",
 *   for the deadline ("due in 2 days", "overdue") and similar news
 */
OdsNotice *
ods_window_get_notice (OdsWindow *self)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  return self->notice;
}

static void
on_resume_response (AdwMessageDialog *dialog,
                    const char       *response,
                    OdsWindow        *self)
{
  g_signal_emit (self, signals[RESUME_ANSWERED], 0, g_str_equal (response, "continue"));
}

/**
 * ods_window_offer_resume:
 * @description: what was interrupted, e.g. "“Dân số” for Quý 3/2026, file
 *   dan-so.csv, stopped during the upload"
 *
 * Asks whether to continue a submission that was interrupted (the app was
 * closed or crashed mid-way); the answer comes as ::resume-answered.
 */
void
ods_window_offer_resume (OdsWindow  *self,
                         const char *description)
{
  GtkWidget *dialog;

  g_return_if_fail (ODS_IS_WINDOW (self));
  g_return_if_fail (description != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Continue the Unfinished Submission?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s", description);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "continue", _("_Continue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
  /* Escape keeps it for later: neither discarded nor continued now. */
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response::continue", G_CALLBACK (on_resume_response), self, 0);
  g_signal_connect_object (dialog, "response::discard", G_CALLBACK (on_resume_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ods_window_get_portal_account:
 *
 * Returns: (transfer none) (nullable): the portal account signed in, or %NULL
 */
OdsPortalAccount *
ods_window_get_portal_account (OdsWindow *self)
{
  g_return_val_if_fail (ODS_IS_WINDOW (self), NULL);

  return self->portal_account;
}

/**
 * ods_window_open_portal:
 * @url: (nullable): the portal to open (--portal), or %NULL for the one
 *   signed in last (the "last-portal" setting)
 *
 * Signs in again without typing, with the token kept in the keyring (or
 * OPENDATA_SUBMIT_TOKEN): the sign-in page waits with its spinner, then
 * "This quarter" opens. When that fails the sign-in page stays with the
 * reason. Nothing happens when no portal is known.
 */
void
ods_window_open_portal (OdsWindow  *self,
                        const char *url)
{
  g_autofree char *last = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;

  g_return_if_fail (ODS_IS_WINDOW (self));

  if (url == NULL || *url == '\0')
    {
      last = g_settings_get_string (self->settings, "last-portal");
      url = last;
    }
  if (url == NULL || *url == '\0' || self->account != NULL)
    return;

  ods_sign_in_page_set_portal_url (self->sign_in_page, url);
  settings = portal_settings_for (self, url);
  self->opened_before = settings->user != NULL && *settings->user != '\0';
  if (ods_portal_address_check (url) == ODS_PORTAL_ADDRESS_INVALID)
    {
      ods_window_show_page (self, "sign-in");
      return;
    }

  g_cancellable_cancel (self->sign_in_cancellable);
  g_clear_object (&self->sign_in_cancellable);
  self->sign_in_cancellable = g_cancellable_new ();

  ods_window_show_page (self, "sign-in");
  /* The page's spinner and Cancel while the keyring and the portal answer. */
  ods_sign_in_page_set_waiting (self->sign_in_page);
  ods_portal_account_open_async (settings, self->sign_in_cancellable, on_account_opened, g_object_ref (self));
}

/**
 * ods_window_start_submission:
 * @package: (nullable): the dataset, or %NULL to let the officer choose
 * @period: (nullable): "2026-Q3", or %NULL for the period shown in This quarter
 *
 * Shows the submission wizard and starts it for @package and @period.
 */
void
ods_window_start_submission (OdsWindow      *self,
                             OdsCkanPackage *package,
                             const char     *period)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (ODS_IS_WINDOW (self));
  g_return_if_fail (package == NULL || ODS_IS_CKAN_PACKAGE (package));

  if (self->account == NULL)
    return;

  if (period == NULL)
    period = shown = ods_period_to_string (ods_quarter_page_get_period (self->quarter_page));

  ods_wizard_begin (self->wizard, self->portal_account, package, period);
  ods_window_show_page (self, "submit");
}
