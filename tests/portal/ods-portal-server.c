#define G_LOG_DOMAIN "ods-portal-server"

#include "ods-portal-server-private.h"

#include <string.h>
#include <sys/socket.h>

#define MAX_RAW_BODY (32 * 1024 * 1024)

struct _OdsPortalServer
{
  GObject          parent_instance;

  SoupServer      *soup;
  OdsPortalStore  *store;
  OdsPortalFaults *faults;     /* not owned */
  OdsPortalConfig  config;
  guint            port;
  char            *site_url;
  GHashTable      *sessions;   /* id → OdsPortalSession */
  GHashTable      *received;   /* action → count */
  GHashTable      *succeeded;  /* action → count */
  guint            total;
};

G_DEFINE_FINAL_TYPE (OdsPortalServer, ods_portal_server, G_TYPE_OBJECT)

/* What we learn about a request while its headers and body arrive. */
typedef struct
{
  char               *action;      /* API action, "download", "login", … or NULL */
  OdsPortalMultipart *mp;
  GByteArray         *raw;
  gboolean            raw_overflow;
  GError             *parse_error;
  guint64             received;
  guint64             drop_at;     /* G_MAXUINT64 = never */
  gboolean            dropped;
  OdsPortalFault     *respond;     /* error500 / html50x / html413 */
  OdsPortalFault     *delay;
  OdsPortalFault     *drop_response;
  OdsPortalFault     *revoke;
} OdsPortalBody;

static void
body_free (OdsPortalBody *body)
{
  g_free (body->action);
  g_clear_pointer (&body->mp, ods_portal_multipart_free);
  g_clear_pointer (&body->raw, g_byte_array_unref);
  g_clear_error (&body->parse_error);
  ods_portal_fault_free (body->respond);
  ods_portal_fault_free (body->delay);
  ods_portal_fault_free (body->drop_response);
  ods_portal_fault_free (body->revoke);
  g_free (body);
}

static void
ods_portal_server_dispose (GObject *object)
{
  OdsPortalServer *self = ODS_PORTAL_SERVER (object);

  if (self->soup)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (ods_portal_server_parent_class)->dispose (object);
}

static void
ods_portal_server_finalize (GObject *object)
{
  OdsPortalServer *self = ODS_PORTAL_SERVER (object);

  g_free (self->site_url);
  g_hash_table_unref (self->sessions);
  g_hash_table_unref (self->received);
  g_hash_table_unref (self->succeeded);

  G_OBJECT_CLASS (ods_portal_server_parent_class)->finalize (object);
}

static void
ods_portal_server_class_init (OdsPortalServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_portal_server_dispose;
  object_class->finalize = ods_portal_server_finalize;
}

static void
ods_portal_server_init (OdsPortalServer *self)
{
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) ods_portal_session_free);
  self->received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->succeeded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

const OdsPortalConfig *
ods_portal_server_get_config (OdsPortalServer *self)
{
  return &self->config;
}

OdsPortalStore *
ods_portal_server_get_store (OdsPortalServer *self)
{
  return self->store;
}

GHashTable *
ods_portal_server_get_sessions (OdsPortalServer *self)
{
  return self->sessions;
}

guint
ods_portal_server_get_port (OdsPortalServer *self)
{
  return self->port;
}

const char *
ods_portal_server_get_site_url (OdsPortalServer *self)
{
  return self->site_url;
}

void
ods_portal_server_save (OdsPortalServer *self)
{
  g_autoptr(GError) error = NULL;

  if (!ods_portal_store_save (self->store, &error))
    g_warning ("Could not save the portal state: %s", error->message);
}

static void
count (GHashTable *table,
       const char *key)
{
  gpointer old = g_hash_table_lookup (table, key);

  g_hash_table_replace (table, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
}

void
ods_portal_server_count_ok (OdsPortalServer *self,
                            const char      *action)
{
  count (self->succeeded, action);
}

/* ---- replies ---------------------------------------------------------- */

/* CKAN answers with Python's json.dumps: non-ASCII as \uXXXX, ", " and ": ". */
static char *
python_style_json (const char *json)
{
  GString *out = g_string_sized_new (strlen (json) + 64);
  gboolean in_string = FALSE;
  const char *p = json;

  while (*p)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        {
          gunichar uc = g_utf8_get_char_validated (p, -1);

          if (uc == (gunichar) -1 || uc == (gunichar) -2)
            {
              g_string_append_c (out, '?');
              p++;
              continue;
            }
          if (uc > 0xFFFF)
            {
              gunichar v = uc - 0x10000;
              g_string_append_printf (out, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
            }
          else
            g_string_append_printf (out, "\\u%04x", uc);
          p = g_utf8_next_char (p);
          continue;
        }
      g_string_append_c (out, (char) c);
      if (in_string)
        {
          if (c == '\\' && p[1])
            {
              g_string_append_c (out, p[1]);
              p += 2;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == ',' || c == ':')
        g_string_append_c (out, ' ');
      p++;
    }
  return g_string_free (out, FALSE);
}

static void
common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "public, max-age=0, must-revalidate");
}

void
ods_portal_reply_json (SoupServerMessage *msg,
                       guint              status,
                       JsonNode          *root)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *compact = NULL;
  char *text;

  json_generator_set_root (gen, root);
  compact = json_generator_to_data (gen, NULL);
  text = python_style_json (compact);
  common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json;charset=utf-8", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

void
ods_portal_reply_bare (SoupServerMessage *msg,
                       guint              status,
                       const char        *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  ods_portal_reply_json (msg, status, node);
}

void
ods_portal_reply_html (SoupServerMessage *msg,
                       guint              status,
                       const char        *html)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    html, strlen (html));
}

static char *
help_url (OdsPortalCall *call)
{
  return g_strdup_printf ("%s/api/3/action/help_show?name=%s",
                          call->server->site_url, call->action);
}

void
ods_portal_call_ok (OdsPortalCall *call,
                    JsonNode      *result)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  g_autofree char *help = help_url (call);

  json_object_set_string_member (obj, "help", help);
  json_object_set_boolean_member (obj, "success", TRUE);
  json_object_set_member (obj, "result", result ? result : json_node_new (JSON_NODE_NULL));
  json_node_take_object (root, obj);
  ods_portal_reply_json (call->msg, 200, root);
  call->replied = TRUE;
  ods_portal_server_count_ok (call->server, call->action);
}

void
ods_portal_call_error (OdsPortalCall *call,
                       guint          status,
                       JsonObject    *error)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  g_autofree char *help = help_url (call);

  json_object_set_string_member (obj, "help", help);
  json_object_set_object_member (obj, "error", error);
  json_object_set_boolean_member (obj, "success", FALSE);
  json_node_take_object (root, obj);
  ods_portal_reply_json (call->msg, status, root);
  call->replied = TRUE;
}

void
ods_portal_call_not_found (OdsPortalCall *call,
                           const char    *detail)
{
  JsonObject *error = json_object_new ();
  g_autofree char *message = detail ? g_strdup_printf ("Not found: %s", detail) : g_strdup ("Not found");

  json_object_set_string_member (error, "__type", "Not Found Error");
  json_object_set_string_member (error, "message", message);
  ods_portal_call_error (call, 404, error);
}

void
ods_portal_call_denied (OdsPortalCall *call,
                        const char    *format,
                        ...)
{
  JsonObject *error = json_object_new ();
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strconcat ("Access denied: ", detail, NULL);
  json_object_set_string_member (error, "__type", "Authorization Error");
  json_object_set_string_member (error, "message", message);
  ods_portal_call_error (call, 403, error);
}

void
ods_portal_call_invalid (OdsPortalCall *call,
                         const char    *field,
                         ...)
{
  JsonObject *error = json_object_new ();
  JsonArray *messages = json_array_new ();
  const char *m;
  va_list args;

  va_start (args, field);
  while ((m = va_arg (args, const char *)) != NULL)
    json_array_add_string_element (messages, m);
  va_end (args);
  json_object_set_array_member (error, field, messages);
  json_object_set_string_member (error, "__type", "Validation Error");
  ods_portal_call_error (call, 409, error);
}

/* ---- parameters ------------------------------------------------------- */

const char *
ods_portal_call_get_string (OdsPortalCall *call,
                            const char    *name)
{
  return ods_portal_object_get_string (call->params, name);
}

gboolean
ods_portal_call_get_bool (OdsPortalCall *call,
                          const char    *name,
                          gboolean       fallback)
{
  JsonNode *node = json_object_get_member (call->params, name);
  const char *s;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  s = json_node_get_string (node);
  if (g_ascii_strcasecmp (s, "true") == 0 || g_str_equal (s, "1") ||
      g_ascii_strcasecmp (s, "yes") == 0 || g_ascii_strcasecmp (s, "on") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (s, "false") == 0 || g_str_equal (s, "0") ||
      g_ascii_strcasecmp (s, "no") == 0 || g_ascii_strcasecmp (s, "off") == 0 || *s == '\0')
    return FALSE;
  return fallback;
}

gboolean
ods_portal_call_get_int (OdsPortalCall *call,
                         const char    *name,
                         gint64         fallback,
                         gint64        *out)
{
  JsonNode *node = json_object_get_member (call->params, name);

  *out = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 v;

      while (g_ascii_isspace (*s))
        s++;
      v = g_ascii_strtoll (s, &end, 10);
      if (end == s)
        return FALSE;
      while (g_ascii_isspace (*end))
        end++;
      if (*end != '\0')
        return FALSE;
      *out = v;
      return TRUE;
    }
  return FALSE;
}

const char *
ods_portal_call_user_name (OdsPortalCall *call)
{
  const char *name = ods_portal_object_get_string (call->user, "name");

  return name ? name : "";
}

gboolean
ods_portal_call_is_sysadmin (OdsPortalCall *call)
{
  return call->user != NULL && json_object_get_boolean_member_with_default (call->user, "sysadmin", FALSE);
}

/* ---- request plumbing ------------------------------------------------- */

static char *
action_for_path (const char *path)
{
  if (g_str_has_prefix (path, "/api/3/action/"))
    return g_strdup (path + strlen ("/api/3/action/"));
  if (g_str_has_prefix (path, "/api/action/"))
    return g_strdup (path + strlen ("/api/action/"));
  if (g_str_has_prefix (path, "/dataset/") && strstr (path, "/download") != NULL)
    return g_strdup ("download");
  if (g_str_has_prefix (path, "/user/login"))
    return g_strdup ("login");
  if (g_str_has_prefix (path, "/__"))
    return NULL;
  return g_strdup ("page");
}

static void
drop_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  struct linger lin = { 1, 0 };

  if (socket == NULL)
    return;
  /* Linger 0: the close that follows sends a reset, as a dying proxy would. */
  setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
  g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              OdsPortalServer   *self)
{
  OdsPortalBody *body = g_object_get_data (G_OBJECT (msg), "ods-body");
  gsize len;
  const guint8 *data = g_bytes_get_data (chunk, &len);

  if (body == NULL || body->dropped)
    return;

  if (body->received + len >= body->drop_at)
    {
      g_debug ("fault: dropping the connection after %" G_GUINT64_FORMAT " bytes", body->drop_at);
      body->dropped = TRUE;
      drop_connection (msg);
      return;
    }
  body->received += len;

  if (body->parse_error != NULL)
    return;
  if (body->mp != NULL)
    ods_portal_multipart_feed (body->mp, data, len, &body->parse_error);
  else if (body->raw->len + len > MAX_RAW_BODY)
    body->raw_overflow = TRUE;
  else
    g_byte_array_append (body->raw, data, len);
}

static void
got_headers_cb (SoupServerMessage *msg,
                OdsPortalServer   *self)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  OdsPortalBody *body = g_new0 (OdsPortalBody, 1);
  g_autoptr(GHashTable) ct_params = NULL;
  const char *content_type;
  goffset length;
  gboolean is_upload = FALSE;

  body->action = action_for_path (g_uri_get_path (uri));
  body->raw = g_byte_array_new ();
  body->drop_at = G_MAXUINT64;
  g_object_set_data_full (G_OBJECT (msg), "ods-body", body, (GDestroyNotify) body_free);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);

  content_type = soup_message_headers_get_content_type (headers, &ct_params);
  if (g_strcmp0 (content_type, "multipart/form-data") == 0 && ct_params != NULL &&
      g_hash_table_lookup (ct_params, "boundary") != NULL)
    {
      g_autofree char *tmp = ods_portal_store_get_tmp_dir (self->store);

      body->mp = ods_portal_multipart_new (g_hash_table_lookup (ct_params, "boundary"), tmp,
                                           self->config.max_resource_size);
      is_upload = TRUE;
    }

  if (body->action == NULL)
    return;

  self->total++;
  count (self->received, body->action);

  body->respond = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_HTML_413, body->action, is_upload);
  if (body->respond == NULL)
    body->respond = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_HTML_502, body->action, is_upload);
  if (body->respond == NULL)
    body->respond = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_HTML_504, body->action, is_upload);
  if (body->respond == NULL)
    body->respond = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_ERROR_500, body->action, is_upload);
  body->delay = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_DELAY, body->action, is_upload);
  body->drop_response = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_DROP_RESPONSE, body->action, is_upload);
  body->revoke = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_REVOKE, body->action, is_upload);

  {
    g_autoptr(OdsPortalFault) drop = ods_portal_faults_take (self->faults, ODS_PORTAL_FAULT_DROP,
                                                             body->action, is_upload);
    if (drop != NULL)
      {
        length = soup_message_headers_get_content_length (headers);
        if (drop->after_bytes >= 0)
          body->drop_at = (guint64) drop->after_bytes;
        else if (length > 0)
          body->drop_at = (guint64) length * (guint64) drop->after_percent / 100;
        else
          body->drop_at = 64 * 1024; /* chunked body: no length to take a share of */
        if (body->drop_at == 0)
          {
            g_debug ("fault: dropping the connection before the body");
            body->dropped = TRUE;
            drop_connection (msg);
          }
      }
  }
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    OdsPortalServer   *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

/* ---- API dispatch ----------------------------------------------------- */

static const char bad_json[] =
  "Bad request - JSON Error: Error decoding JSON data. Error: <BadRequest '400: Bad Request'> "
  "JSON data extracted from the request: {}";

static JsonObject *
params_from_form (GHashTable *form)
{
  JsonObject *params = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  if (form == NULL)
    return params;
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (params, key, value);
  return params;
}

static JsonObject *
authenticate (OdsPortalServer   *self,
              SoupServerMessage *msg,
              gboolean          *via_cookie)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *token = soup_message_headers_get_one (headers, "Authorization");
  OdsPortalSession *session;

  *via_cookie = FALSE;
  if (token == NULL)
    token = soup_message_headers_get_one (headers, "X-CKAN-API-Key");
  if (token != NULL && *token != '\0')
    {
      JsonObject *record = NULL;
      JsonObject *user = ods_portal_store_lookup_token (self->store, token, &record);

      if (user != NULL)
        {
          g_autofree char *now = ods_portal_now_iso ();
          json_object_set_string_member (record, "last_access", now);
        }
      /* A token CKAN does not know runs the call as anonymous, never 401. */
      return user;
    }

  session = ods_portal_login_find_session (self, msg);
  if (session != NULL && session->user_id != NULL)
    {
      *via_cookie = TRUE;
      return ods_portal_store_find_user (self->store, session->user_id);
    }
  return NULL;
}

static void
handle_api (OdsPortalServer   *self,
            SoupServerMessage *msg,
            OdsPortalBody     *body,
            GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean is_get = g_str_equal (method, "GET") || g_str_equal (method, "HEAD");
  const OdsPortalAction *action = ods_portal_actions_lookup (body->action, self->config.validation);
  g_autoptr(JsonObject) params = NULL;
  OdsPortalCall call = { 0 };
  gboolean via_cookie = FALSE;
  JsonObject *user;

  if (body->revoke != NULL)
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      const char *token = soup_message_headers_get_one (headers, "Authorization");

      if (token == NULL)
        token = soup_message_headers_get_one (headers, "X-CKAN-API-Key");
      if (token != NULL && ods_portal_store_revoke_token (self->store, token))
        {
          g_debug ("fault: revoked the token of this %s request", body->action);
          ods_portal_server_save (self);
        }
    }

  user = authenticate (self, msg, &via_cookie);
  /* CKAN checks the CSRF token of cookie-authenticated POSTs before anything else. */
  if (via_cookie && !is_get &&
      !ods_portal_login_check_csrf (self, msg, ods_portal_login_find_session (self, msg)))
    return;

  if (action == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Bad request - Action name not known: %s", body->action);
      ods_portal_reply_bare (msg, 400, text);
      return;
    }
  if (is_get && !action->side_effect_free)
    {
      ods_portal_reply_bare (msg, 400, "Bad request - JSON Error: Invalid request. Please use POST method for your request");
      return;
    }

  if (is_get)
    params = params_from_form (query);
  else if (body->mp != NULL)
    {
      GPtrArray *fields;

      if (body->parse_error != NULL || !ods_portal_multipart_is_complete (body->mp))
        {
          ods_portal_reply_bare (msg, 400, "Bad request - Unable to read the multipart form data");
          return;
        }
      params = json_object_new ();
      fields = ods_portal_multipart_get_fields (body->mp);
      for (guint i = 0; i + 1 < fields->len; i += 2)
        json_object_set_string_member (params, g_ptr_array_index (fields, i), g_ptr_array_index (fields, i + 1));
    }
  else
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      const char *ct = soup_message_headers_get_content_type (headers, NULL);

      if (body->raw_overflow)
        {
          ods_portal_reply_bare (msg, 400, bad_json);
          return;
        }
      if (g_strcmp0 (ct, "application/x-www-form-urlencoded") == 0)
        {
          g_autofree char *text = g_strndup ((const char *) body->raw->data, body->raw->len);
          g_autoptr(GHashTable) form = soup_form_decode (text);

          params = params_from_form (form);
        }
      else if (body->raw->len == 0)
        params = json_object_new ();
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonNode *root;

          if (!json_parser_load_from_data (parser, (const char *) body->raw->data, body->raw->len, NULL) ||
              (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
            {
              ods_portal_reply_bare (msg, 400, bad_json);
              return;
            }
          params = json_object_ref (json_node_get_object (root));
        }
    }

  call.server = self;
  call.store = self->store;
  call.msg = msg;
  call.action = action->name;
  call.params = params;
  call.user = user;
  call.mp = body->mp;

  action->func (&call);
  if (!call.replied)
    ods_portal_reply_bare (msg, 500, "Internal error in the stand-in portal");
}

/* ---- test control endpoints ------------------------------------------- */

static JsonObject *
counts_object (GHashTable *table)
{
  JsonObject *obj = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_int_member (obj, key, GPOINTER_TO_UINT (value));
  return obj;
}

static void
handle_control (OdsPortalServer   *self,
                SoupServerMessage *msg,
                const char        *path,
                OdsPortalBody     *body)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonNode) reply = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();

  json_node_take_object (reply, obj);

  if (g_str_equal (path, "/__stats"))
    {
      if (g_str_equal (method, "DELETE") || g_str_equal (method, "POST"))
        {
          g_hash_table_remove_all (self->received);
          g_hash_table_remove_all (self->succeeded);
          self->total = 0;
        }
      json_object_set_int_member (obj, "total", self->total);
      json_object_set_object_member (obj, "received", counts_object (self->received));
      json_object_set_object_member (obj, "succeeded", counts_object (self->succeeded));
      ods_portal_reply_json (msg, 200, reply);
      return;
    }

  if (g_str_equal (path, "/__faults"))
    {
      if (g_str_equal (method, "DELETE"))
        ods_portal_faults_clear (self->faults);
      else if (g_str_equal (method, "POST"))
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;
          JsonNode *root;
          JsonObject *req;

          if (!json_parser_load_from_data (parser, (const char *) body->raw->data, body->raw->len, &error) ||
              !JSON_NODE_HOLDS_OBJECT (root = json_parser_get_root (parser)))
            {
              ods_portal_reply_bare (msg, 400, "POST a JSON object to /__faults");
              return;
            }
          req = json_node_get_object (root);
          if (json_object_get_boolean_member_with_default (req, "clear", FALSE))
            ods_portal_faults_clear (self->faults);
          if (json_object_has_member (req, "kind") &&
              g_strcmp0 (ods_portal_object_get_string (req, "kind"), "revoke") == 0 &&
              ods_portal_object_get_string (req, "token") != NULL)
            {
              gboolean revoked = ods_portal_store_revoke_token (self->store, ods_portal_object_get_string (req, "token"));

              if (revoked)
                ods_portal_server_save (self);
              json_object_set_boolean_member (obj, "revoked", revoked);
            }
          else if (json_object_has_member (req, "kind") &&
                   !ods_portal_faults_add_json (self->faults, req, &error))
            {
              ods_portal_reply_bare (msg, 400, error->message);
              return;
            }
          if (json_object_has_member (req, "rules") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (req, "rules")))
            {
              JsonArray *rules = json_object_get_array_member (req, "rules");

              for (guint i = 0; i < json_array_get_length (rules); i++)
                {
                  JsonNode *rule = json_array_get_element (rules, i);

                  if (!JSON_NODE_HOLDS_OBJECT (rule) ||
                      !ods_portal_faults_add_json (self->faults, json_node_get_object (rule), &error))
                    {
                      ods_portal_reply_bare (msg, 400, error ? error->message : "a rule must be an object");
                      return;
                    }
                }
            }
        }
      json_object_set_member (obj, "faults", ods_portal_faults_to_json (self->faults));
      ods_portal_reply_json (msg, 200, reply);
      return;
    }

  ods_portal_reply_html (msg, 404, "<h1>Not Found</h1>");
}

/* ---- faults that replace the answer ------------------------------------ */

static void
reply_fault (SoupServerMessage *msg,
             OdsPortalFault    *fault)
{
  static const char nginx_tmpl[] =
    "<html>\r\n<head><title>%d %s</title></head>\r\n<body>\r\n<center><h1>%d %s</h1></center>\r\n"
    "<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";
  g_autofree char *html = NULL;
  int status;
  const char *reason;

  switch (fault->kind)
    {
    case ODS_PORTAL_FAULT_HTML_413:
      status = 413, reason = "Request Entity Too Large";
      break;
    case ODS_PORTAL_FAULT_HTML_502:
      status = 502, reason = "Bad Gateway";
      break;
    case ODS_PORTAL_FAULT_HTML_504:
      status = 504, reason = "Gateway Time-out";
      break;
    case ODS_PORTAL_FAULT_ERROR_500:
    default:
      ods_portal_reply_html (msg, 500,
                             "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                             "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error "
                             "and was unable to complete your request.</p>\n");
      return;
    }
  html = g_strdup_printf (nginx_tmpl, status, reason, status, reason);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  ods_portal_reply_html (msg, status, html);
}

/* ---- the one handler --------------------------------------------------- */

static void
dispatch (OdsPortalServer   *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  OdsPortalBody *body = g_object_get_data (G_OBJECT (msg), "ods-body");

  if (body == NULL)
    {
      ods_portal_reply_html (msg, 400, "<h1>Bad Request</h1>");
      return;
    }

  if (self->config.verbose)
    g_printerr ("%s %s\n", soup_server_message_get_method (msg), path);

  if (g_str_has_prefix (path, "/__"))
    {
      if (self->config.enable_faults)
        handle_control (self, msg, path, body);
      else
        ods_portal_reply_html (msg, 404, "<h1>Not Found</h1>");
      return;
    }

  if (body->respond != NULL)
    {
      reply_fault (msg, body->respond);
      return;
    }

  if (g_str_has_prefix (path, "/api/"))
    handle_api (self, msg, body, query);
  else if (g_str_has_prefix (path, "/dataset/"))
    {
      g_auto(GStrv) parts = g_strsplit (path, "/", -1);

      /* "", "dataset", pkg, "resource", rid, "download", [filename] */
      if (g_strv_length (parts) >= 6 && g_str_equal (parts[3], "resource") && g_str_equal (parts[5], "download"))
        ods_portal_download (self, msg, parts[2], parts[4]);
      else
        ods_portal_reply_html (msg, 404, "<h1>Not Found</h1>");
    }
  else
    {
      g_autoptr(GHashTable) form = NULL;

      if (g_str_equal (soup_server_message_get_method (msg), "POST") && body->raw->len > 0)
        {
          g_autofree char *text = g_strndup ((const char *) body->raw->data, body->raw->len);
          form = soup_form_decode (text);
        }
      if (!ods_portal_login_handle (self, msg, path, form))
        ods_portal_reply_html (msg, 404, "<h1>Not Found</h1>");
    }

  if (body->drop_response != NULL)
    {
      g_debug ("fault: the action ran; dropping the connection before the answer");
      drop_connection (msg);
    }
}

typedef struct
{
  OdsPortalServer   *self;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  gulong             disconnected_id;
  gboolean           gone;
} Delayed;

static void
delayed_disconnected_cb (SoupServerMessage *msg,
                         Delayed           *d)
{
  /* The client gave up while we waited: nothing to answer. */
  d->gone = TRUE;
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *d = data;

  g_signal_handler_disconnect (d->msg, d->disconnected_id);
  if (!d->gone)
    {
      dispatch (d->self, d->msg, d->path, d->query);
      soup_server_message_unpause (d->msg);
    }
  g_object_unref (d->msg);
  g_object_unref (d->self);
  g_free (d->path);
  g_clear_pointer (&d->query, g_hash_table_unref);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  OdsPortalServer *self = user_data;
  OdsPortalBody *body = g_object_get_data (G_OBJECT (msg), "ods-body");

  if (body != NULL && body->delay != NULL && body->delay->delay_ms > 0)
    {
      Delayed *d = g_new0 (Delayed, 1);

      d->self = g_object_ref (self);
      d->msg = g_object_ref (msg);
      d->path = g_strdup (path);
      d->query = query ? g_hash_table_ref (query) : NULL;
      d->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_disconnected_cb), d);
      soup_server_message_pause (msg);
      g_timeout_add (body->delay->delay_ms, delayed_cb, d);
      return;
    }
  dispatch (self, msg, path, query);
}

OdsPortalServer *
ods_portal_server_new (OdsPortalStore        *store,
                       const OdsPortalConfig *config,
                       OdsPortalFaults       *faults)
{
  OdsPortalServer *self = g_object_new (ODS_TYPE_PORTAL_SERVER, NULL);

  self->store = g_object_ref (store);
  self->config = *config;
  self->faults = faults;
  self->soup = soup_server_new ("server-header", "ods-stand-in-portal", NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self, 0);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  return self;
}

gboolean
ods_portal_server_listen (OdsPortalServer *self,
                          guint            port,
                          GError         **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  if (!soup_server_listen (self->soup, address, 0, error))
    return FALSE;
  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_free (self->site_url);
  self->site_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  return TRUE;
}
