#define G_LOG_DOMAIN "ods-portal-login"

#include "ods-portal-login.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"

#include <string.h>

typedef struct
{
  OdsPortalClient *client;
  SoupSession     *session;   /* with a cookie jar, for this sign-in only */
  SoupMessage     *msg;
  char            *user;
  char            *password;
  char            *csrf_field;
  char            *csrf;
} LoginData;

static void
wipe (char *s)
{
  for (volatile char *p = s; p != NULL && *p != '\0'; p++)
    *p = '\0';
}

static void
login_data_free (LoginData *ld)
{
  g_clear_object (&ld->msg);
  if (ld->session != NULL)
    soup_session_abort (ld->session);
  g_clear_object (&ld->session);
  g_clear_object (&ld->client);
  g_free (ld->user);
  wipe (ld->password);
  g_free (ld->password);
  g_free (ld->csrf_field);
  g_free (ld->csrf);
  g_free (ld);
}

/* The value of attribute @attr in the tag around @pos, bounded by @end. */
static char *
attr_value (const char *tag_start,
            const char *tag_end,
            const char *attr)
{
  g_autofree char *needle = g_strdup_printf ("%s=\"", attr);
  g_autofree char *tag = g_strndup (tag_start, tag_end - tag_start);
  const char *p = strstr (tag, needle);
  const char *q;

  if (p == NULL)
    return NULL;
  p += strlen (needle);
  q = strchr (p, '"');
  if (q == NULL || q == p)
    return NULL;
  return g_strndup (p, q - p);
}

/* Finds a tag containing @marker and returns its @attr. */
static char *
find_tag_attr (const char *html,
               const char *marker,
               const char *attr)
{
  for (const char *p = strstr (html, marker); p != NULL; p = strstr (p + 1, marker))
    {
      const char *start = p, *end = strchr (p, '>');
      char *value;

      while (start > html && *start != '<')
        start--;
      if (end == NULL)
        return NULL;
      value = attr_value (start, end, attr);
      if (value != NULL)
        return value;
    }
  return NULL;
}

char *
ods_portal_login_find_csrf (const char *html,
                            gsize       len)
{
  g_autofree char *text = g_strndup (html, len);
  g_autofree char *field = find_tag_attr (text, "name=\"csrf_field_name\"", "content");
  g_autofree char *meta = NULL;
  g_autofree char *input = NULL;
  const char *name = field ? field : "_csrf_token";

  meta = g_strdup_printf ("name=\"%s\"", name);
  /* <meta name="_csrf_token" content="…"> or <input … name="_csrf_token" value="…"> */
  input = find_tag_attr (text, meta, "content");
  if (input != NULL)
    return g_steal_pointer (&input);
  return find_tag_attr (text, meta, "value");
}

static GError *
wrong_password_error (void)
{
  return ods_portal_error_new (ODS_PORTAL_ERROR_AUTH, 200,
                               _("The user name or password is wrong. Check them (the password "
                                 "is case-sensitive) and try again."),
                               "Login failed");
}

static GError *
no_login_form_error (guint status)
{
  return ods_portal_error_new (ODS_PORTAL_ERROR_BAD_RESPONSE, status,
                               _("This portal has no sign-in form that Open Data Submit can use. "
                                 "Sign in with an API token instead (the portal shows it under "
                                 "your user profile, “API Tokens”)."),
                               NULL);
}

static const char *
body_text (GBytes *body,
           gsize  *len)
{
  return g_bytes_get_data (body, len) ?: "";
}

static void
on_token_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = ods_portal_send_and_read_finish (result, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonNode *token;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  error = ods_portal_error_from_response (soup_message_get_status (ld->msg),
                                          soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (ld->msg), NULL),
                                          body, &node);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  token = JSON_NODE_HOLDS_OBJECT (node) ? json_object_get_member (json_node_get_object (node), "token") : NULL;
  if (token == NULL || !JSON_NODE_HOLDS_VALUE (token) || json_node_get_value_type (token) != G_TYPE_STRING ||
      *json_node_get_string (token) == '\0')
    {
      g_task_return_error (task, ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 200,
                                                              "api_token_create without token"));
      return;
    }
  g_task_return_pointer (task, g_strdup (json_node_get_string (token)), g_free);
}

static void
create_token (GTask *task)
{
  LoginData *ld = g_task_get_task_data (task);
  g_autofree char *url = ods_portal_client_build_url (ld->client, "api/3/action/api_token_create");
  /* TRANSLATORS: the API token's name on the portal; %s is this computer's name */
  g_autofree char *name = g_strdup_printf ("Open Data Submit on %s", g_get_host_name ());
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, ld->user);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  bytes = g_bytes_new (json, strlen (json));

  g_clear_object (&ld->msg);
  ld->msg = soup_message_new ("POST", url);
  soup_message_set_request_body_from_bytes (ld->msg, "application/json", bytes);
  if (ld->csrf != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (ld->msg), "X-CSRFToken", ld->csrf);
  ods_portal_send_and_read_async (ld->session, ld->msg, g_task_get_cancellable (task),
                                  on_token_created, task);
}

static void
on_fresh_page (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = ods_portal_send_and_read_finish (result, &error);
  const char *html;
  gsize len;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  html = body_text (body, &len);
  g_clear_pointer (&ld->csrf, g_free);
  /* The CSRF token changes with the signed-in session. */
  ld->csrf = ods_portal_login_find_csrf (html, len);
  create_token (g_steal_pointer (&task));
}

static void
on_form_posted (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = ods_portal_send_and_read_finish (result, &error);
  guint status = soup_message_get_status (ld->msg);
  const char *location;
  g_autofree char *next = NULL;

  wipe (ld->password);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (status == 200)
    {
      /* CKAN shows the form again with "Login failed. Bad username or password." */
      g_task_return_error (task, wrong_password_error ());
      return;
    }
  if (!SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_task_return_error (task, ods_portal_error_from_response (status,
        soup_message_headers_get_content_type (soup_message_get_response_headers (ld->msg), NULL),
        body, NULL) ?: no_login_form_error (status));
      return;
    }

  location = soup_message_headers_get_one (soup_message_get_response_headers (ld->msg), "Location");
  if (location != NULL)
    {
      g_autoptr(GUri) target = g_uri_parse_relative (soup_message_get_uri (ld->msg), location,
                                                     SOUP_HTTP_URI_FLAGS, NULL);

      /* A redirect back to the login page is a refusal, whatever the status. */
      if (target != NULL && strstr (g_uri_get_path (target), "/user/login") != NULL)
        {
          g_task_return_error (task, wrong_password_error ());
          return;
        }
      if (target != NULL)
        next = g_uri_to_string (target);
    }
  if (next == NULL)
    next = ods_portal_client_build_url (ld->client, "dashboard/datasets");

  g_clear_object (&ld->msg);
  ld->msg = soup_message_new ("GET", next);
  if (ld->msg == NULL)
    ld->msg = soup_message_new ("GET", ods_portal_client_get_url (ld->client));
  ods_portal_send_and_read_async (ld->session, ld->msg, g_task_get_cancellable (task),
                                  on_fresh_page, g_object_ref (task));
}

static void
on_login_page (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoginData *ld = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = ods_portal_send_and_read_finish (result, &error);
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GBytes) form_bytes = NULL;
  g_autoptr(GHashTable) fields = NULL;
  const char *html;
  gsize len;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (soup_message_get_status (ld->msg) != 200)
    {
      guint status = soup_message_get_status (ld->msg);

      if (status == 404)
        g_task_return_error (task, no_login_form_error (status));
      else
        g_task_return_error (task, ods_portal_error_from_response (status,
          soup_message_headers_get_content_type (soup_message_get_response_headers (ld->msg), NULL),
          body, NULL) ?: no_login_form_error (status));
      return;
    }
  html = body_text (body, &len);
  {
    g_autofree char *text = g_strndup (html, len);

    ld->csrf_field = find_tag_attr (text, "name=\"csrf_field_name\"", "content");
  }
  ld->csrf = ods_portal_login_find_csrf (html, len);

  fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (fields, "login", ld->user);
  g_hash_table_insert (fields, "password", ld->password);
  if (ld->csrf != NULL)
    g_hash_table_insert (fields, ld->csrf_field ? ld->csrf_field : "_csrf_token", ld->csrf);
  form = soup_form_encode_hash (fields);
  form_bytes = g_bytes_new (form, strlen (form));
  wipe (form);

  url = ods_portal_client_build_url (ld->client, "user/login");
  g_clear_object (&ld->msg);
  ld->msg = soup_message_new ("POST", url);
  /* Look at the redirect ourselves: it tells success from failure. */
  soup_message_add_flags (ld->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_set_request_body_from_bytes (ld->msg, "application/x-www-form-urlencoded", form_bytes);
  ods_portal_send_and_read_async (ld->session, ld->msg, g_task_get_cancellable (task),
                                  on_form_posted, g_object_ref (task));
}

void
ods_portal_login_async (OdsPortalClient     *client,
                        const char          *user,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  LoginData *ld;

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (client));
  g_return_if_fail (user != NULL && password != NULL);
  g_task_set_source_tag (task, ods_portal_login_async);

  ld = g_new0 (LoginData, 1);
  ld->client = g_object_ref (client);
  ld->session = ods_portal_client_new_cookie_session (client);
  ld->user = g_strdup (user);
  ld->password = g_strdup (password);
  g_task_set_task_data (task, ld, (GDestroyNotify) login_data_free);

  url = ods_portal_client_build_url (client, "user/login");
  ld->msg = soup_message_new ("GET", url);
  ods_portal_send_and_read_async (ld->session, ld->msg, cancellable, on_login_page, g_steal_pointer (&task));
}

char *
ods_portal_login_finish (OdsPortalClient  *client,
                         GAsyncResult     *result,
                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
