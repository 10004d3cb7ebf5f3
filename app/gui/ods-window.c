#define G_LOG_DOMAIN "ods-window"

#include "config.h"

#include "ods-window.h"
#include "ods-i18n.h"
#include "ods-wizard.h"

struct _OdsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *account;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *back_button;
  GtkWidget            *welcome_sign_in_button;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  OdsSignInPage        *sign_in_page;
  OdsWizard            *wizard;
  OdsNotice            *notice;
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

static void
new_submission_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  ods_window_show_page (ODS_WINDOW (widget), "submit");
}

static void
on_wizard_finished (OdsWindow *self)
{
  ods_wizard_set_step (self->wizard, ODS_WIZARD_STEP_DATASET);
  ods_window_show_page (self, "quarter");
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OdsWindow *self = ODS_WINDOW (widget);

  ods_window_set_account (self, NULL);
  ods_window_add_toast (self, _("Signed out"));
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

  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ods_window_parent_class)->dispose (object);
}

static void
ods_window_finalize (GObject *object)
{
  OdsWindow *self = (OdsWindow *) object;

  g_clear_pointer (&self->account, g_free);

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
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_wizard_finished);

  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.new-submission", NULL, new_submission_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-submission", NULL);
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
