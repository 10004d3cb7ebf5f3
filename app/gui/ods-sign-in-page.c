#define G_LOG_DOMAIN "ods-sign-in-page"

#include "config.h"

#include "ods-sign-in-page.h"
#include "ods-i18n.h"
#include "ods-portal-choices.h"
#include "ods-portal-config.h"

struct _OdsSignInPage
{
  GtkWidget        parent_instance;

  GSettings       *settings;
  GPtrArray       *choices;         /* OdsPortalChoice, then "Other portal" */
  char            *error;
  gboolean         busy;

  GtkWidget       *form;
  GtkDropDown     *portal_dropdown;
  GtkRevealer     *url_revealer;
  GtkEditable     *url_entry;
  GtkDropDown     *method_dropdown;
  GtkStack        *method_stack;
  GtkEditable     *token_entry;
  GtkEditable     *user_entry;
  GtkWidget       *user_hint_label;
  GtkEditable     *password_entry;
  GtkLabel        *error_label;
  GtkSpinner      *spinner;
  GtkWidget       *cancel_button;
};

G_DEFINE_FINAL_TYPE (OdsSignInPage, ods_sign_in_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ERROR,
  PROP_METHOD,
  N_PROPS
};

enum {
  SIGN_IN_REQUESTED,
  SIGN_IN_CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_other_portal (OdsSignInPage *self)
{
  return gtk_drop_down_get_selected (self->portal_dropdown) >= self->choices->len;
}

static gboolean
is_blank (GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static void
update_actions (OdsSignInPage *self)
{
  gboolean complete;

  if (ods_sign_in_page_get_method (self) == ODS_SIGN_IN_METHOD_TOKEN)
    complete = !is_blank (self->token_entry);
  else
    complete = !is_blank (self->user_entry) &&
               *gtk_editable_get_text (self->password_entry) != '\0';

  if (is_other_portal (self) && is_blank (self->url_entry))
    complete = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit", complete && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.cancel", self->busy);
}

static void
set_busy (OdsSignInPage *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  update_actions (self);

  /* While waiting, the keyboard focus sits on Cancel, not on a locked field. */
  if (busy)
    {
      gtk_widget_set_visible (self->cancel_button, TRUE);
      gtk_widget_grab_focus (self->cancel_button);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->portal_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_revealer), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_stack), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_entry), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  if (!busy)
    {
      gboolean refocus = gtk_widget_is_focus (self->cancel_button);

      gtk_widget_set_visible (self->cancel_button, FALSE);
      if (refocus)
        ods_sign_in_page_focus_first (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_field_changed (OdsSignInPage *self)
{
  ods_sign_in_page_set_error (self, NULL);
  update_actions (self);
}

static void
on_entry_activate (OdsSignInPage *self)
{
  /* Enter in any field signs in once everything needed is typed. */
  if (!self->busy)
    gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.submit", NULL);
}

static void
on_portal_selected (OdsSignInPage *self)
{
  gtk_revealer_set_reveal_child (self->url_revealer, is_other_portal (self));
  on_field_changed (self);
}

static void
on_method_selected (OdsSignInPage *self)
{
  OdsSignInMethod method = ods_sign_in_page_get_method (self);

  gtk_stack_set_visible_child_name (self->method_stack,
                                    method == ODS_SIGN_IN_METHOD_TOKEN ? "token" : "password");
  gtk_widget_set_visible (self->user_hint_label, method == ODS_SIGN_IN_METHOD_TOKEN);
  on_field_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHOD]);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsSignInPage *self = ODS_SIGN_IN_PAGE (widget);
  g_autofree char *url = ods_sign_in_page_dup_portal_url (self);
  g_autofree char *user = NULL;
  const char *token = NULL;
  const char *password = NULL;
  gboolean handled = FALSE;

  if (self->busy)
    return;

  switch (ods_portal_address_check (url))
    {
    case ODS_PORTAL_ADDRESS_INSECURE:
      ods_sign_in_page_set_error (self,
                                  _("Only a test portal on this computer may use plain http://, because "
                                    "passwords and tokens would travel unprotected. Type the portal’s "
                                    "https:// address."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
      return;

    case ODS_PORTAL_ADDRESS_INVALID:
      {
        g_autofree char *message = NULL;

        /* TRANSLATORS: %s is what the user typed as the portal's address */
        message = g_strdup_printf (_("“%s” is not a web address. Type the portal’s address as it "
                                     "appears in your browser, starting with https://."), url);
        ods_sign_in_page_set_error (self, message);
        gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
        return;
      }

    case ODS_PORTAL_ADDRESS_OK:
    case ODS_PORTAL_ADDRESS_LOOPBACK_HTTP:
    default:
      break;
    }

  if (ods_sign_in_page_get_method (self) == ODS_SIGN_IN_METHOD_TOKEN)
    {
      token = gtk_editable_get_text (self->token_entry);
      /* Optional with a token: CKAN 2.10 cannot say whose a token is without it. */
      if (!is_blank (self->user_entry))
        user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
    }
  else
    {
      user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
      password = gtk_editable_get_text (self->password_entry);
    }

  ods_sign_in_page_set_error (self, NULL);

  g_signal_emit (self, signals[SIGN_IN_REQUESTED], 0, url, user, token, password, &handled);

  if (handled)
    set_busy (self, TRUE);
  else
    ods_sign_in_page_set_error (self,
                                _("Signing in is not available in this version yet. Please install "
                                  "the complete version of Open Data Submit, or ask your IT "
                                  "department for it."));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsSignInPage *self = ODS_SIGN_IN_PAGE (widget);

  if (!self->busy)
    return;

  set_busy (self, FALSE);
  g_signal_emit (self, signals[SIGN_IN_CANCELLED], 0);
}

static gboolean
same_portal (const char *a,
             const char *b)
{
  g_autofree char *na = ods_portal_url_normalize (a);
  g_autofree char *nb = ods_portal_url_normalize (b);

  if (g_str_equal (a, b))
    return TRUE;
  return na != NULL && nb != NULL && g_str_equal (na, nb);
}

/* Fills the portal list and selects @select_url: a listed portal, or
 * "Other portal…" with the address typed in. */
static void
load_portals (OdsSignInPage *self,
              const char    *select_url)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = G_MAXUINT;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = ods_portal_choices_load (self->settings);

  for (guint i = 0; i < self->choices->len; i++)
    {
      const OdsPortalChoice *choice = g_ptr_array_index (self->choices, i);

      gtk_string_list_append (model, choice->name);
      if (select_url != NULL && same_portal (choice->url, select_url))
        selected = i;
    }

  gtk_string_list_append (model, _("Other portal…"));

  if (selected == G_MAXUINT && select_url != NULL && *select_url != '\0')
    {
      selected = self->choices->len;
      gtk_editable_set_text (self->url_entry, select_url);
    }

  gtk_drop_down_set_model (self->portal_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->portal_dropdown, selected != G_MAXUINT ? selected : 0);
  on_portal_selected (self);
}

static void
on_portals_changed (OdsSignInPage *self)
{
  g_autofree char *url = NULL;

  if (self->busy)
    return;

  url = ods_sign_in_page_dup_portal_url (self);
  load_portals (self, url);
}

static void
ods_sign_in_page_dispose (GObject *object)
{
  OdsSignInPage *self = (OdsSignInPage *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_SIGN_IN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ods_sign_in_page_parent_class)->dispose (object);
}

static void
ods_sign_in_page_finalize (GObject *object)
{
  OdsSignInPage *self = (OdsSignInPage *) object;

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (ods_sign_in_page_parent_class)->finalize (object);
}

static void
ods_sign_in_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsSignInPage *self = ODS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_METHOD:
      g_value_set_int (value, ods_sign_in_page_get_method (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_sign_in_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OdsSignInPage *self = ODS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_ERROR:
      ods_sign_in_page_set_error (self, g_value_get_string (value));
      break;

    case PROP_METHOD:
      ods_sign_in_page_set_method (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_sign_in_page_class_init (OdsSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_sign_in_page_dispose;
  object_class->finalize = ods_sign_in_page_finalize;
  object_class->get_property = ods_sign_in_page_get_property;
  object_class->set_property = ods_sign_in_page_set_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_METHOD] =
    g_param_spec_int ("method", NULL, NULL,
                      ODS_SIGN_IN_METHOD_TOKEN, ODS_SIGN_IN_METHOD_PASSWORD, ODS_SIGN_IN_METHOD_TOKEN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsSignInPage::sign-in-requested:
   * @portal_url: the portal's address
   * @user_name: (nullable): the user name, for a password sign-in
   * @token: (nullable): the access token, for a token sign-in
   * @password: (nullable): the password, for a password sign-in
   *
   * Return %TRUE when the sign-in has started; finish it with
   * ods_sign_in_page_finish(). The strings are only valid during the
   * emission: copy the secrets straight into the keyring or the client.
   */
  signals[SIGN_IN_REQUESTED] =
    g_signal_new ("sign-in-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 4,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[SIGN_IN_CANCELLED] =
    g_signal_new ("sign-in-cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, form);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, portal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, url_revealer);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, url_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, method_stack);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, token_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, user_hint_label);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdsSignInPage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "sign-in.cancel", NULL, cancel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ods_sign_in_page_init (OdsSignInPage *self)
{
  g_autofree char *last_portal = NULL;
  g_autofree char *last_user = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->portal_dropdown, "notify::selected",
                           G_CALLBACK (on_portal_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->method_dropdown, "notify::selected",
                           G_CALLBACK (on_method_selected), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->user_hint_label,
                          ods_sign_in_page_get_method (self) == ODS_SIGN_IN_METHOD_TOKEN);

  last_portal = g_settings_get_string (self->settings, "last-portal");
  load_portals (self, last_portal);
  g_signal_connect_object (self->settings, "changed::portals",
                           G_CALLBACK (on_portals_changed), self, G_CONNECT_SWAPPED);

  last_user = g_settings_get_string (self->settings, "last-user-name");
  gtk_editable_set_text (self->user_entry, last_user);

  update_actions (self);
}

GtkWidget *
ods_sign_in_page_new (void)
{
  return g_object_new (ODS_TYPE_SIGN_IN_PAGE, NULL);
}

gboolean
ods_sign_in_page_get_busy (OdsSignInPage *self)
{
  g_return_val_if_fail (ODS_IS_SIGN_IN_PAGE (self), FALSE);

  return self->busy;
}

const char *
ods_sign_in_page_get_error (OdsSignInPage *self)
{
  g_return_val_if_fail (ODS_IS_SIGN_IN_PAGE (self), NULL);

  return self->error;
}

/**
 * ods_sign_in_page_set_error:
 * @message: (nullable): a sentence saying what went wrong and what to do,
 *   or %NULL to hide the error
 */
void
ods_sign_in_page_set_error (OdsSignInPage *self,
                            const char    *message)
{
  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));

  if (message != NULL && *message == '\0')
    message = NULL;

  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * ods_sign_in_page_dup_portal_url:
 *
 * Returns: (transfer full): the address of the chosen portal, or what was
 *   typed for "Other portal" (trimmed).
 */
char *
ods_sign_in_page_dup_portal_url (OdsSignInPage *self)
{
  guint selected;

  g_return_val_if_fail (ODS_IS_SIGN_IN_PAGE (self), NULL);

  selected = gtk_drop_down_get_selected (self->portal_dropdown);
  if (selected < self->choices->len)
    return g_strdup (((OdsPortalChoice *) g_ptr_array_index (self->choices, selected))->url);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->url_entry)));
}

OdsSignInMethod
ods_sign_in_page_get_method (OdsSignInPage *self)
{
  g_return_val_if_fail (ODS_IS_SIGN_IN_PAGE (self), ODS_SIGN_IN_METHOD_TOKEN);

  return gtk_drop_down_get_selected (self->method_dropdown) == ODS_SIGN_IN_METHOD_PASSWORD
         ? ODS_SIGN_IN_METHOD_PASSWORD : ODS_SIGN_IN_METHOD_TOKEN;
}

void
ods_sign_in_page_set_method (OdsSignInPage   *self,
                             OdsSignInMethod  method)
{
  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (method == ODS_SIGN_IN_METHOD_TOKEN || method == ODS_SIGN_IN_METHOD_PASSWORD);

  /* notify::selected runs on_method_selected(), which notifies "method". */
  gtk_drop_down_set_selected (self->method_dropdown, method);
}

/**
 * ods_sign_in_page_finish:
 * @error_message: (nullable): %NULL when signed in, else a sentence for the
 *   officer (what went wrong and what to do next)
 *
 * Ends the sign-in started by ::sign-in-requested. On success the portal and
 * user name are remembered for next time and the secrets are cleared from
 * the entries; on failure the message is shown and the fields stay.
 */
void
ods_sign_in_page_finish (OdsSignInPage *self,
                         const char    *error_message)
{
  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));

  set_busy (self, FALSE);

  if (error_message != NULL)
    {
      ods_sign_in_page_set_error (self, error_message);
      if (ods_sign_in_page_get_method (self) == ODS_SIGN_IN_METHOD_TOKEN)
        gtk_widget_grab_focus (GTK_WIDGET (self->token_entry));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
      return;
    }

  {
    g_autofree char *url = ods_sign_in_page_dup_portal_url (self);

    g_settings_set_string (self->settings, "last-portal", url);
    if (!is_blank (self->user_entry))
      {
        g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));

        g_settings_set_string (self->settings, "last-user-name", user);
      }
  }

  gtk_editable_set_text (self->token_entry, "");
  gtk_editable_set_text (self->password_entry, "");
  ods_sign_in_page_set_error (self, NULL);
}

/**
 * ods_sign_in_page_focus_first:
 *
 * Moves the keyboard focus to the first field that still needs typing.
 */
void
ods_sign_in_page_focus_first (OdsSignInPage *self)
{
  GtkEditable *target;

  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));

  if (is_other_portal (self) && is_blank (self->url_entry))
    target = self->url_entry;
  else if (ods_sign_in_page_get_method (self) == ODS_SIGN_IN_METHOD_TOKEN)
    target = self->token_entry;
  else if (is_blank (self->user_entry))
    target = self->user_entry;
  else
    target = self->password_entry;

  gtk_widget_grab_focus (GTK_WIDGET (target));
}

/**
 * ods_sign_in_page_set_portal_url:
 * @url: a portal's address (--portal, or the one signed in to last)
 *
 * Selects that portal in the list, or "Other portal…" with @url typed in.
 */
void
ods_sign_in_page_set_portal_url (OdsSignInPage *self,
                                 const char    *url)
{
  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (url != NULL);

  if (self->busy)
    return;
  load_portals (self, url);
}

/**
 * ods_sign_in_page_set_waiting:
 *
 * Shows the page busy (spinner, fields locked, Cancel) for a sign-in the
 * application started by itself, e.g. with the token kept in the keyring at
 * start-up. End it with ods_sign_in_page_finish(); Cancel emits
 * ::sign-in-cancelled as usual.
 */
void
ods_sign_in_page_set_waiting (OdsSignInPage *self)
{
  g_return_if_fail (ODS_IS_SIGN_IN_PAGE (self));

  ods_sign_in_page_set_error (self, NULL);
  set_busy (self, TRUE);
}
