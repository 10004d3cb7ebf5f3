#define G_LOG_DOMAIN "ods-portal-client"

#include "config.h"

#include "ods-portal-client.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"
#include "ods-sha256.h"

#include <string.h>
#ifdef G_OS_UNIX
#include <netinet/in.h>
#include <netinet/tcp.h>
#endif

#define DEFAULT_TIMEOUT_SECONDS 60
#define SEARCH_PAGE_ROWS 100
#define SEARCH_MAX_RESULTS 100000
#define READ_CHUNK (64 * 1024)
#define PROBE_SAMPLE (64 * 1024)

struct _OdsPortalClient
{
  GObject          parent_instance;
  char            *url;          /* normalized, ends with "/" */
  GUri            *uri;
  char            *token;
  char            *user_name;
  char            *ca_file;
  GTlsDatabase    *tls_database;
  SoupSession     *session;
  guint            timeout;
  guint            page_size;
};

G_DEFINE_FINAL_TYPE (OdsPortalClient, ods_portal_client, G_TYPE_OBJECT)

/* Overwrites a secret before its memory is freed. */
static void
wipe_string (char *s)
{
  for (volatile char *p = s; p != NULL && *p != '\0'; p++)
    *p = '\0';
}

static void
ods_portal_client_dispose (GObject *object)
{
  OdsPortalClient *self = ODS_PORTAL_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);
  G_OBJECT_CLASS (ods_portal_client_parent_class)->dispose (object);
}

static void
ods_portal_client_finalize (GObject *object)
{
  OdsPortalClient *self = ODS_PORTAL_CLIENT (object);

  g_free (self->url);
  g_clear_pointer (&self->uri, g_uri_unref);
  wipe_string (self->token);
  g_free (self->token);
  g_free (self->user_name);
  g_free (self->ca_file);
  G_OBJECT_CLASS (ods_portal_client_parent_class)->finalize (object);
}

static void
ods_portal_client_class_init (OdsPortalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_portal_client_dispose;
  object_class->finalize = ods_portal_client_finalize;
}

static void
ods_portal_client_init (OdsPortalClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->page_size = SEARCH_PAGE_ROWS;
}

/* ---- HTTP logging, redacted ------------------------------------------ */

static const char * const secret_headers[] = {
  "Authorization", "X-CKAN-API-Key", "Cookie", "Set-Cookie", "X-CSRFToken", "Proxy-Authorization",
};

static void
redacting_printer (SoupLogger         *logger,
                   SoupLoggerLogLevel  level,
                   char                direction,
                   const char         *data,
                   gpointer            user_data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    {
      gsize len = strlen (secret_headers[i]);

      if (g_ascii_strncasecmp (data, secret_headers[i], len) == 0 && data[len] == ':')
        {
          g_printerr ("%c %s: [redacted]\n", direction, secret_headers[i]);
          return;
        }
    }
  g_printerr ("%c %s\n", direction, data);
}

static SoupSession *
create_session (OdsPortalClient *self)
{
  g_autofree char *ua = g_strdup_printf ("opendata-submit/%s", PACKAGE_VERSION);
  SoupSession *session;

  session = soup_session_new_with_options ("user-agent", ua,
                                           "timeout", self->timeout,
                                           "idle-timeout", 60,
                                           "proxy-resolver", g_proxy_resolver_get_default (),
                                           NULL);
  if (self->tls_database != NULL)
    soup_session_set_tls_database (session, self->tls_database);

  if (g_strcmp0 (g_getenv ("OPENDATA_SUBMIT_DEBUG_HTTP"), "1") == 0)
    {
      /* Headers only: bodies may hold a password (sign-in form) or a new token. */
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, redacting_printer, NULL, NULL);
      soup_session_add_feature (session, SOUP_SESSION_FEATURE (logger));
    }
  return session;
}

/* ---- construction ---------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) addr = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  addr = g_inet_address_new_from_string (host);
  return addr != NULL && g_inet_address_get_is_loopback (addr);
}

OdsPortalClient *
ods_portal_client_new (const char  *url,
                       gboolean     allow_insecure,
                       const char  *ca_file,
                       GError     **error)
{
  g_autoptr(OdsPortalClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lscheme = NULL;
  const char *scheme;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_autofree char *msg =
        /* TRANSLATORS: %s is what the user typed as the portal address */
        g_strdup_printf (_("“%s” is not a web address. Enter the portal’s address, "
                           "for example https://data.binhdinh.gov.vn/."), url);

      g_propagate_error (error, ods_portal_error_new (ODS_PORTAL_ERROR_INSECURE_URL, 0, msg,
                                                      local_error ? local_error->message : NULL));
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (g_uri_get_host (uri)) &&
      !allow_insecure)
    {
      g_propagate_error (error, ods_portal_error_new_simple (ODS_PORTAL_ERROR_INSECURE_URL, 0, url));
      return NULL;
    }

  self = g_object_new (ODS_TYPE_PORTAL_CLIENT, NULL);

  path = g_str_has_suffix (g_uri_get_path (uri), "/")
         ? g_strdup (g_uri_get_path (uri))
         : g_strconcat (g_uri_get_path (uri), "/", NULL);
  lscheme = g_ascii_strdown (scheme, -1);
  self->uri = g_uri_build (G_URI_FLAGS_NONE, lscheme, NULL,
                           g_uri_get_host (uri), g_uri_get_port (uri), path, NULL, NULL);
  self->url = g_uri_to_string (self->uri);

  if (ca_file != NULL && *ca_file != '\0')
    {
      self->tls_database = g_tls_file_database_new (ca_file, &local_error);
      if (self->tls_database == NULL)
        {
          g_autofree char *msg =
            /* TRANSLATORS: %s is a file path */
            g_strdup_printf (_("The certificate authority file “%s” cannot be used. Check the "
                               "file in the portal settings (it must be a PEM file)."), ca_file);

          g_propagate_error (error, ods_portal_error_new (ODS_PORTAL_ERROR_TLS, 0, msg,
                                                          local_error->message));
          return NULL;
        }
      self->ca_file = g_strdup (ca_file);
    }

  self->session = create_session (self);
  return g_steal_pointer (&self);
}

const char *
ods_portal_client_get_url (OdsPortalClient *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), NULL);
  return self->url;
}

const char *
ods_portal_client_get_host (OdsPortalClient *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), NULL);
  return g_uri_get_host (self->uri);
}

void
ods_portal_client_set_token (OdsPortalClient *self,
                             const char      *token)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));

  wipe_string (self->token);
  g_free (self->token);
  self->token = (token != NULL && *token != '\0') ? g_strstrip (g_strdup (token)) : NULL;
}

gboolean
ods_portal_client_has_token (OdsPortalClient *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), FALSE);
  return self->token != NULL;
}

void
ods_portal_client_set_user_name (OdsPortalClient *self,
                                 const char      *user_name)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
}

void
ods_portal_client_set_timeout (OdsPortalClient *self,
                               guint            seconds)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

void
ods_portal_client_set_page_size (OdsPortalClient *self,
                                 guint            rows)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  self->page_size = CLAMP (rows, 1, 1000);
}

SoupSession *
ods_portal_client_get_session (OdsPortalClient *self)
{
  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), NULL);
  return self->session;
}

SoupSession *
ods_portal_client_new_cookie_session (OdsPortalClient *self)
{
  SoupSession *session;
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();

  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), NULL);
  session = create_session (self);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (jar));
  return session;
}

char *
ods_portal_client_build_url (OdsPortalClient *self,
                             const char      *path)
{
  g_return_val_if_fail (ODS_IS_PORTAL_CLIENT (self), NULL);
  while (*path == '/')
    path++;
  return g_strconcat (self->url, path, NULL);
}

/* Same scheme, host and port as the portal: the token may go there. */
static gboolean
is_portal_url (OdsPortalClient *self,
               GUri            *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (self->uri)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (self->uri)) == 0 &&
         g_uri_get_port (uri) == g_uri_get_port (self->uri);
}

static void
add_auth (OdsPortalClient *self,
          SoupMessage     *msg)
{
  if (self->token != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", self->token);
}

/* ---- reading an answer, with a size limit ---------------------------- */

typedef struct
{
  SoupMessage  *msg;
  GInputStream *in;
  GByteArray   *buf;
} ReadData;

static void
read_data_free (ReadData *rd)
{
  g_clear_object (&rd->msg);
  g_clear_object (&rd->in);
  g_clear_pointer (&rd->buf, g_byte_array_unref);
  g_free (rd);
}

/* The answer is larger than any action's answer may be. */
static GError *
too_large_error (SoupMessage *msg)
{
  return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, soup_message_get_status (msg),
                                      "response larger than 64 MiB");
}

/* A task that sends @msg and reads its answer into a GBytes. */
static GTask *
send_and_read_task_new (SoupSession         *session,
                        SoupMessage         *msg,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  ReadData *rd = g_new0 (ReadData, 1);

  g_task_set_source_tag (task, ods_portal_send_and_read_async);
  rd->msg = g_object_ref (msg);
  rd->buf = g_byte_array_new ();
  g_task_set_task_data (task, rd, (GDestroyNotify) read_data_free);
  return task;
}

static void read_next (GTask *task);

static void
on_read_bytes (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadData *rd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  if (g_bytes_get_size (bytes) == 0)
    {
      g_input_stream_close (rd->in, NULL, NULL);
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&rd->buf)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (rd->buf->len + g_bytes_get_size (bytes) > ODS_PORTAL_MAX_RESPONSE_BYTES)
    {
      g_task_return_error (task, too_large_error (rd->msg));
      return;
    }
  g_byte_array_append (rd->buf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  ReadData *rd = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (rd->in, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_bytes, task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadData *rd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  goffset announced;

  rd->in = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (rd->in == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (rd->msg));
  if (announced > ODS_PORTAL_MAX_RESPONSE_BYTES)
    {
      g_task_return_error (task, too_large_error (rd->msg));
      return;
    }
  read_next (g_steal_pointer (&task));
}

void
ods_portal_send_and_read_async (SoupSession         *session,
                                SoupMessage         *msg,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = send_and_read_task_new (session, msg, cancellable, callback, user_data);

  soup_session_send_async (session, msg, G_PRIORITY_DEFAULT, cancellable, on_sent, g_steal_pointer (&task));
}

/* The blocking twin, for a worker thread: soup_session_send () writes a
 * request body in a plain loop, with no main-loop round trip for each 8 KiB
 * block as the asynchronous splice makes (libsoup 3.2 may send from any
 * thread). What it reads is what ods_portal_send_and_read_async () reads. */
static void
send_and_read_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ReadData *rd = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) in = soup_session_send (SOUP_SESSION (source_object), rd->msg, cancellable, &error);
  g_autofree guint8 *chunk = NULL;
  goffset announced;

  if (in == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  announced = soup_message_headers_get_content_length (soup_message_get_response_headers (rd->msg));
  if (announced > ODS_PORTAL_MAX_RESPONSE_BYTES)
    {
      g_task_return_error (task, too_large_error (rd->msg));
      return;
    }
  chunk = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (in, chunk, READ_CHUNK, cancellable, &error);

      if (n < 0)
        {
          g_task_return_error (task, ods_portal_error_from_transport (error));
          return;
        }
      if (n == 0)
        break;
      if (rd->buf->len + n > ODS_PORTAL_MAX_RESPONSE_BYTES)
        {
          g_task_return_error (task, too_large_error (rd->msg));
          return;
        }
      g_byte_array_append (rd->buf, chunk, n);
    }
  g_input_stream_close (in, NULL, NULL);
  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&rd->buf)),
                         (GDestroyNotify) g_bytes_unref);
}

static void
send_and_read_in_thread_async (SoupSession         *session,
                               SoupMessage         *msg,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = send_and_read_task_new (session, msg, cancellable, callback, user_data);

  g_task_run_in_thread (task, send_and_read_thread);
}

GBytes *
ods_portal_send_and_read_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- one action call ------------------------------------------------- */

typedef gpointer (*ParseFunc) (JsonNode *result, GError **error);

typedef struct
{
  SoupMessage    *msg;
  ParseFunc       parse;
  GDestroyNotify  free_result;
} CallData;

static void
call_data_free (CallData *cd)
{
  g_clear_object (&cd->msg);
  g_free (cd);
}

static SoupMessage *
new_get (OdsPortalClient    *self,
         const char         *action,
         const char * const *params)
{
  g_autoptr(GString) url = g_string_new (self->url);
  SoupMessage *msg;

  g_string_append_printf (url, "api/3/action/%s", action);
  for (gsize i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_autofree char *k = g_uri_escape_string (params[i], NULL, FALSE);
      g_autofree char *v = g_uri_escape_string (params[i + 1], NULL, FALSE);

      g_string_append_printf (url, "%c%s=%s", i == 0 ? '?' : '&', k, v);
    }
  msg = soup_message_new ("GET", url->str);
  g_assert (msg != NULL);
  add_auth (self, msg);
  return msg;
}

static SoupMessage *
new_post_json (OdsPortalClient    *self,
               const char         *action,
               const char * const *params)
{
  g_autofree char *url = g_strdup_printf ("%sapi/3/action/%s", self->url, action);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;

  json_builder_begin_object (builder);
  for (gsize i = 0; params != NULL && params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      json_builder_set_member_name (builder, params[i]);
      json_builder_add_string_value (builder, params[i + 1]);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new (json, strlen (json));
  msg = soup_message_new ("POST", url);
  g_assert (msg != NULL);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  add_auth (self, msg);
  return msg;
}

static void
on_call_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *cd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = ods_portal_send_and_read_finish (result, &error);
  g_autoptr(JsonNode) node = NULL;
  gpointer parsed;

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  error = ods_portal_error_from_response (soup_message_get_status (cd->msg),
                                          soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (cd->msg), NULL),
                                          body, &node);
  if (error != NULL)
    {
      g_debug ("%s: %s", soup_message_get_method (cd->msg), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (cd->parse == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
      return;
    }
  parsed = cd->parse (node, &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, cd->free_result);
}

/* Takes @msg. The task's result is what @parse returns (or the JsonNode).
 * @in_thread: send from a worker thread (a large streamed body). */
static void
call_full (OdsPortalClient     *self,
           SoupMessage         *msg,
           gboolean             in_thread,
           ParseFunc            parse,
           GDestroyNotify       free_result,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CallData *cd = g_new0 (CallData, 1);

  g_task_set_source_tag (task, source_tag);
  cd->msg = msg;
  cd->parse = parse;
  cd->free_result = free_result;
  g_task_set_task_data (task, cd, (GDestroyNotify) call_data_free);
  if (in_thread)
    send_and_read_in_thread_async (self->session, msg, cancellable, on_call_read, g_steal_pointer (&task));
  else
    ods_portal_send_and_read_async (self->session, msg, cancellable, on_call_read, g_steal_pointer (&task));
}

static void
call (OdsPortalClient     *self,
      SoupMessage         *msg,
      ParseFunc            parse,
      GDestroyNotify       free_result,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  call_full (self, msg, FALSE, parse, free_result, source_tag, cancellable, callback, user_data);
}

static gpointer
call_finish (OdsPortalClient *self,
             GAsyncResult    *result,
             gpointer         source_tag,
             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
not_object_error (void)
{
  return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 200, "result is not an object");
}

static gpointer
parse_status (JsonNode *node, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_propagate_error (error, not_object_error ()), NULL;
  return ods_ckan_status_new_from_json (json_node_get_object (node), error);
}

static gpointer
parse_user (JsonNode *node, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_propagate_error (error, not_object_error ()), NULL;
  return ods_ckan_user_new_from_json (json_node_get_object (node), error);
}

static gpointer
parse_package (JsonNode *node, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_propagate_error (error, not_object_error ()), NULL;
  return ods_ckan_package_new_from_json (json_node_get_object (node), error);
}

static gpointer
parse_resource (JsonNode *node, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_propagate_error (error, not_object_error ()), NULL;
  return ods_ckan_resource_new_from_json (json_node_get_object (node), error);
}

static gpointer
parse_validation (JsonNode *node, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return g_propagate_error (error, not_object_error ()), NULL;
  return ods_ckan_validation_new_from_json (json_node_get_object (node), error);
}

static gpointer
parse_organizations (JsonNode *node, GError **error)
{
  g_autoptr(GPtrArray) orgs = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *arr;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return g_propagate_error (error, ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 200,
                                                                 "result is not an array")), NULL;
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      OdsCkanOrganization *org;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        return g_propagate_error (error, not_object_error ()), NULL;
      org = ods_ckan_organization_new_from_json (json_node_get_object (el), error);
      if (org == NULL)
        return NULL;
      g_ptr_array_add (orgs, org);
    }
  return g_steal_pointer (&orgs);
}

/* ---- status_show ----------------------------------------------------- */

void
ods_portal_client_status_show_async (OdsPortalClient     *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  call (self, new_get (self, "status_show", NULL), parse_status,
        (GDestroyNotify) ods_ckan_status_free, ods_portal_client_status_show_async,
        cancellable, callback, user_data);
}

OdsCkanStatus *
ods_portal_client_status_show_finish (OdsPortalClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return call_finish (self, result, ods_portal_client_status_show_async, error);
}

/* ---- who am I -------------------------------------------------------- */

static void
return_auth_error (GTask      *task,
                   const char *detail)
{
  g_task_return_error (task, ods_portal_error_new_simple (ODS_PORTAL_ERROR_AUTH, 0, detail));
}

static void
on_whoami_user_by_name (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  OdsCkanUser *user = call_finish (ODS_PORTAL_CLIENT (source), result, on_whoami_user_by_name, &error);

  if (user == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, user, g_object_unref);
}

static void
on_whoami_token_list (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsPortalClient *self = ODS_PORTAL_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = call_finish (self, result, on_whoami_token_list, &error);
  const char *params[] = { "id", self->user_name, NULL };

  if (node == NULL)
    {
      /* Only the account itself may list its tokens: anonymous means a bad token. */
      if (g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_FORBIDDEN) ||
          g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH) ||
          g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND))
        return_auth_error (task, ods_portal_error_get_detail (error));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  call (self, new_get (self, "user_show", params), parse_user, g_object_unref,
        on_whoami_user_by_name, g_task_get_cancellable (task), on_whoami_user_by_name,
        g_object_ref (task));
}

static void
on_whoami_user_show (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsPortalClient *self = ODS_PORTAL_CLIENT (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = call_finish (self, result, on_whoami_user_show, &error);
  OdsCkanUser *user;

  if (node == NULL)
    {
      gboolean anonymous_like = g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND) ||
                                g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_FORBIDDEN) ||
                                g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH) ||
                                g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_VALIDATION);

      if (!anonymous_like)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* CKAN 2.10 itself has no "who am I": user_show without id is "Not
       * found" there. With the account name, check that the token belongs
       * to it: only the account may list its own tokens. */
      if (self->user_name != NULL)
        {
          const char *params[] = { "user_id", self->user_name, NULL };

          call (self, new_get (self, "api_token_list", params), NULL, NULL,
                on_whoami_token_list, g_task_get_cancellable (task), on_whoami_token_list,
                g_object_ref (task));
          return;
        }
      /* CKAN itself cannot tell whose a token is without the account name. */
      g_task_return_error (task, ods_portal_error_new (
        ODS_PORTAL_ERROR_AUTH, ods_portal_error_get_http_status (error),
        _("The portal did not accept this token: the token is invalid or expired. If you are "
          "sure it is right, give your user name as well so that the token can be checked."),
        ods_portal_error_get_detail (error)));
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      /* null or an empty answer: the call ran as anonymous. */
      return_auth_error (task, "user_show returned no user");
      return;
    }
  user = ods_ckan_user_new_from_json (json_node_get_object (node), &error);
  if (user == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (self->user_name != NULL && g_strcmp0 (ods_ckan_user_get_name (user), self->user_name) != 0 &&
           g_strcmp0 (ods_ckan_user_get_id (user), self->user_name) != 0)
    {
      g_autofree char *detail = g_strdup_printf ("the token belongs to “%s”, not “%s”",
                                                 ods_ckan_user_get_name (user), self->user_name);

      g_object_unref (user);
      g_task_return_error (task, ods_portal_error_new (
        ODS_PORTAL_ERROR_AUTH, 0,
        _("This token belongs to another account than the one given. Check the user name, "
          "or sign in again."), detail));
    }
  else
    g_task_return_pointer (task, user, g_object_unref);
}

void
ods_portal_client_whoami_async (OdsPortalClient     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_task_set_source_tag (task, ods_portal_client_whoami_async);

  if (self->token == NULL)
    {
      g_task_return_error (task, ods_portal_error_new (
        ODS_PORTAL_ERROR_AUTH, 0,
        _("You are not signed in to this portal. Sign in first "
          "(in the app, or with “opendata-submit login”)."), NULL));
      return;
    }
  call (self, new_get (self, "user_show", NULL), NULL, NULL, on_whoami_user_show,
        cancellable, on_whoami_user_show, g_steal_pointer (&task));
}

OdsCkanUser *
ods_portal_client_whoami_finish (OdsPortalClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return call_finish (self, result, ods_portal_client_whoami_async, error);
}

/* ---- sign-out -------------------------------------------------------- */

void
ods_portal_client_revoke_token_async (OdsPortalClient     *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  const char *params[] = { "token", NULL, NULL };

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  if (self->token == NULL)
    {
      g_task_report_error (self, callback, user_data, ods_portal_client_revoke_token_async,
                           ods_portal_error_new (ODS_PORTAL_ERROR_AUTH, 0,
                                                 _("You are not signed in to this portal. Sign in first "
                                                   "(in the app, or with “opendata-submit login”)."),
                                                 NULL));
      return;
    }
  params[1] = self->token;
  call (self, new_post_json (self, "api_token_revoke", params), NULL, NULL,
        ods_portal_client_revoke_token_async, cancellable, callback, user_data);
}

gboolean
ods_portal_client_revoke_token_finish (OdsPortalClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_autoptr(JsonNode) node = call_finish (self, result, ods_portal_client_revoke_token_async, error);

  return node != NULL;
}

/* ---- organizations --------------------------------------------------- */

void
ods_portal_client_organization_list_for_user_async (OdsPortalClient     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  const char *params[] = { "permission", "create_dataset", NULL };

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  call (self, new_get (self, "organization_list_for_user", params), parse_organizations,
        (GDestroyNotify) g_ptr_array_unref, ods_portal_client_organization_list_for_user_async,
        cancellable, callback, user_data);
}

GPtrArray *
ods_portal_client_organization_list_for_user_finish (OdsPortalClient  *self,
                                                     GAsyncResult     *result,
                                                     GError          **error)
{
  return call_finish (self, result, ods_portal_client_organization_list_for_user_async, error);
}

/* ---- package_search, every page -------------------------------------- */

typedef struct
{
  char      *fq;
  GPtrArray *packages;
  gint64     count;
} SearchData;

static void
search_data_free (SearchData *sd)
{
  g_free (sd->fq);
  g_ptr_array_unref (sd->packages);
  g_free (sd);
}

static void search_page (OdsPortalClient *self, GTask *task);

static void
on_search_page (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OdsPortalClient *self = ODS_PORTAL_CLIENT (source);
  SearchData *sd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = call_finish (self, result, on_search_page, &error);
  JsonObject *obj;
  JsonNode *results;
  JsonArray *arr;

  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_error (task, not_object_error ());
      return;
    }
  obj = json_node_get_object (node);
  results = json_object_get_member (obj, "results");
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results))
    {
      g_task_return_error (task, ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 200,
                                                              "package_search without results"));
      return;
    }
  {
    JsonNode *count = json_object_get_member (obj, "count");

    if (count != NULL && JSON_NODE_HOLDS_VALUE (count) && json_node_get_value_type (count) == G_TYPE_INT64)
      sd->count = json_node_get_int (count);
  }
  arr = json_node_get_array (results);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      OdsCkanPackage *pkg;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_task_return_error (task, not_object_error ());
          return;
        }
      pkg = ods_ckan_package_new_from_json (json_node_get_object (el), &error);
      if (pkg == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (sd->packages, pkg);
    }

  if (json_array_get_length (arr) == 0 || (gint64) sd->packages->len >= sd->count ||
      sd->packages->len >= SEARCH_MAX_RESULTS)
    {
      g_task_return_pointer (task, g_ptr_array_ref (sd->packages), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  search_page (self, g_steal_pointer (&task));
}

static void
search_page (OdsPortalClient *self,
             GTask           *task)
{
  SearchData *sd = g_task_get_task_data (task);
  g_autofree char *start = g_strdup_printf ("%u", sd->packages->len);
  g_autofree char *rows = g_strdup_printf ("%u", self->page_size);
  const char *params[] = {
    "q", "*:*",
    "fq", sd->fq ? sd->fq : "",
    "include_private", "true",
    "rows", rows,
    "start", start,
    "sort", "name asc",
    NULL
  };

  call (self, new_get (self, "package_search", params), NULL, NULL,
        on_search_page, g_task_get_cancellable (task), on_search_page, task);
}

void
ods_portal_client_package_search_async (OdsPortalClient     *self,
                                        const char          *owner_org,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SearchData *sd = g_new0 (SearchData, 1);

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_task_set_source_tag (task, ods_portal_client_package_search_async);
  if (owner_org != NULL)
    sd->fq = g_strdup_printf ("owner_org:\"%s\"", owner_org);
  sd->packages = g_ptr_array_new_with_free_func (g_object_unref);
  sd->count = G_MAXINT64;
  g_task_set_task_data (task, sd, (GDestroyNotify) search_data_free);
  search_page (self, g_steal_pointer (&task));
}

GPtrArray *
ods_portal_client_package_search_finish (OdsPortalClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return call_finish (self, result, ods_portal_client_package_search_async, error);
}

/* ---- package_show, resource_show, resource_validation_show ----------- */

void
ods_portal_client_package_show_async (OdsPortalClient     *self,
                                      const char          *id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  const char *params[] = { "id", id, NULL };

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_return_if_fail (id != NULL);
  call (self, new_get (self, "package_show", params), parse_package, g_object_unref,
        ods_portal_client_package_show_async, cancellable, callback, user_data);
}

OdsCkanPackage *
ods_portal_client_package_show_finish (OdsPortalClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return call_finish (self, result, ods_portal_client_package_show_async, error);
}

void
ods_portal_client_resource_show_async (OdsPortalClient     *self,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  const char *params[] = { "id", id, NULL };

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_return_if_fail (id != NULL);
  call (self, new_get (self, "resource_show", params), parse_resource, g_object_unref,
        ods_portal_client_resource_show_async, cancellable, callback, user_data);
}

OdsCkanResource *
ods_portal_client_resource_show_finish (OdsPortalClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return call_finish (self, result, ods_portal_client_resource_show_async, error);
}

void
ods_portal_client_resource_validation_show_async (OdsPortalClient     *self,
                                                  const char          *resource_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  const char *params[] = { "resource_id", resource_id, NULL };

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  call (self, new_get (self, "resource_validation_show", params), parse_validation,
        (GDestroyNotify) ods_ckan_validation_free, ods_portal_client_resource_validation_show_async,
        cancellable, callback, user_data);
}

OdsCkanValidation *
ods_portal_client_resource_validation_show_finish (OdsPortalClient  *self,
                                                   GAsyncResult     *result,
                                                   GError          **error)
{
  return call_finish (self, result, ods_portal_client_resource_validation_show_async, error);
}

/* ---- resource_create / resource_patch -------------------------------- */

/* libsoup sets TCP_NODELAY and writes a request body in 8 KiB blocks, so
 * each block would leave as its own TCP segment. Corked, the kernel sends full
 * segments (a POST always gets a fresh connection, so its socket is seen here),
 * and the cork comes off once the body is written, before the answer is read. */
static void
set_cork (GSocket  *socket,
          gboolean  on)
{
#ifdef TCP_CORK
  g_socket_set_option (socket, IPPROTO_TCP, TCP_CORK, on, NULL);
#endif
}

static void
on_upload_network_event (SoupMessage        *msg,
                         GSocketClientEvent  event,
                         GIOStream          *connection,
                         gpointer            user_data)
{
  GSocket *socket;

  if (event != G_SOCKET_CLIENT_CONNECTED || !G_IS_SOCKET_CONNECTION (connection))
    return;
  socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (connection));
  set_cork (socket, TRUE);
  g_object_set_data_full (G_OBJECT (msg), "ods-upload-socket", g_object_ref (socket), g_object_unref);
}

static void
on_upload_wrote_body (SoupMessage *msg,
                      gpointer     user_data)
{
  GSocket *socket = g_object_get_data (G_OBJECT (msg), "ods-upload-socket");

  if (socket != NULL)
    set_cork (socket, FALSE);
}

static void
resource_write_async (OdsPortalClient     *self,
                      const char          *action,
                      gpointer             source_tag,
                      const char * const  *fields,
                      GFile               *upload,
                      const char          *upload_content_type,
                      OdsProgressFunc      progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  SoupMessage *msg;

  if (upload != NULL)
    {
      g_autofree char *url = g_strdup_printf ("%sapi/3/action/%s", self->url, action);
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsMultipartStream) stream =
        ods_multipart_stream_new (fields, "upload", upload, NULL, upload_content_type, cancellable, &error);

      if (stream == NULL)
        {
          g_task_report_error (self, callback, user_data, source_tag, g_steal_pointer (&error));
          return;
        }
      msg = soup_message_new ("POST", url);
      add_auth (self, msg);
      ods_multipart_stream_attach (stream, msg, progress, progress_data);
      g_signal_connect (msg, "network-event", G_CALLBACK (on_upload_network_event), NULL);
      g_signal_connect (msg, "wrote-body", G_CALLBACK (on_upload_wrote_body), NULL);
    }
  else
    msg = new_post_json (self, action, fields);

  call_full (self, msg, upload != NULL, parse_resource, g_object_unref, source_tag, cancellable,
             callback, user_data);
}

void
ods_portal_client_resource_create_async (OdsPortalClient     *self,
                                         const char * const  *fields,
                                         GFile               *upload,
                                         const char          *upload_content_type,
                                         OdsProgressFunc      progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  resource_write_async (self, "resource_create", ods_portal_client_resource_create_async, fields,
                        upload, upload_content_type, progress, progress_data, cancellable,
                        callback, user_data);
}

OdsCkanResource *
ods_portal_client_resource_create_finish (OdsPortalClient  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  return call_finish (self, result, ods_portal_client_resource_create_async, error);
}

void
ods_portal_client_resource_patch_async (OdsPortalClient     *self,
                                        const char * const  *fields,
                                        GFile               *upload,
                                        const char          *upload_content_type,
                                        OdsProgressFunc      progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  resource_write_async (self, "resource_patch", ods_portal_client_resource_patch_async, fields,
                        upload, upload_content_type, progress, progress_data, cancellable,
                        callback, user_data);
}

OdsCkanResource *
ods_portal_client_resource_patch_finish (OdsPortalClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  return call_finish (self, result, ods_portal_client_resource_patch_async, error);
}

/* ---- download with SHA-256 ------------------------------------------- */

typedef struct
{
  SoupMessage       *msg;
  GInputStream      *in;
  GFile             *destination;
  GFileOutputStream *out;
  OdsSha256         *hash;
  goffset            size;
  guint64            max_bytes;   /* 0: no limit */
  GBytes            *pending;
} DownloadData;

static void
download_data_free (DownloadData *dd)
{
  g_clear_object (&dd->msg);
  g_clear_object (&dd->in);
  g_clear_object (&dd->destination);
  g_clear_object (&dd->out);
  g_clear_pointer (&dd->hash, ods_sha256_free);
  g_clear_pointer (&dd->pending, g_bytes_unref);
  g_free (dd);
}

static void download_read (GTask *task);

static void
on_download_written (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  download_read (g_steal_pointer (&task));
}

static void
on_download_closed (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *dd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char hex[ODS_SHA256_HEX_LEN + 1];

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ods_sha256_finish_hex (dd->hash, hex);
  g_task_return_pointer (task, g_strdup (hex), g_free);
}

static void
on_download_chunk (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *dd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize len;
  const void *data;

  g_clear_pointer (&dd->pending, g_bytes_unref);
  dd->pending = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (dd->pending == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  data = g_bytes_get_data (dd->pending, &len);
  if (len == 0 && dd->out == NULL)
    {
      char hex[ODS_SHA256_HEX_LEN + 1];

      ods_sha256_finish_hex (dd->hash, hex);
      g_task_return_pointer (task, g_strdup (hex), g_free);
      return;
    }
  if (len == 0)
    {
      g_output_stream_close_async (G_OUTPUT_STREAM (dd->out), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_download_closed,
                                   g_object_ref (task));
      return;
    }
  ods_sha256_update (dd->hash, data, len);
  dd->size += len;
  if (dd->max_bytes > 0 && (guint64) dd->size > dd->max_bytes)
    {
      g_autofree char *detail = g_strdup_printf ("more than %" G_GUINT64_FORMAT " bytes", dd->max_bytes);

      g_task_return_error (task, ods_portal_error_new_simple (ODS_PORTAL_ERROR_TOO_LARGE, 0, detail));
      return;
    }
  if (dd->out == NULL)
    {
      /* Hash only: nothing written to disk. */
      download_read (g_steal_pointer (&task));
      return;
    }
  g_output_stream_write_all_async (G_OUTPUT_STREAM (dd->out), data, len, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_download_written,
                                   g_object_ref (task));
}

static void
download_read (GTask *task)
{
  DownloadData *dd = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (dd->in, 256 * 1024, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_download_chunk, task);
}

static void
on_download_error_body (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *dd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (body == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  error = ods_portal_error_from_response (soup_message_get_status (dd->msg),
                                          soup_message_headers_get_content_type (
                                            soup_message_get_response_headers (dd->msg), NULL),
                                          body, NULL);
  if (error == NULL)
    error = ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE,
                                         soup_message_get_status (dd->msg), "download failed");
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_download_sent (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DownloadData *dd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  dd->in = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (dd->in == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (dd->msg)))
    {
      /* Read the start of the error body to explain the failure. */
      g_input_stream_read_bytes_async (dd->in, 64 * 1024, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_download_error_body,
                                       g_object_ref (task));
      return;
    }
  if (dd->destination != NULL)
    dd->out = g_file_replace (dd->destination, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                              g_task_get_cancellable (task), &error);
  if (dd->destination != NULL && dd->out == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  download_read (g_steal_pointer (&task));
}

static void
download_start (OdsPortalClient *self,
                GTask           *task_in,
                const char      *url,
                GFile           *destination,
                gboolean         may_send_token,
                guint64          max_bytes)
{
  g_autoptr(GTask) task = task_in;
  g_autoptr(GUri) uri = NULL;
  GCancellable *cancellable;
  DownloadData *dd;

  uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_task_return_error (task, ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 0,
                                                              "the resource has no download address"));
      return;
    }

  dd = g_new0 (DownloadData, 1);
  dd->msg = soup_message_new_from_uri ("GET", uri);
  dd->destination = destination ? g_object_ref (destination) : NULL;
  dd->hash = ods_sha256_new ();
  dd->max_bytes = max_bytes;
  g_task_set_task_data (task, dd, (GDestroyNotify) download_data_free);
  if (may_send_token && is_portal_url (self, uri))
    add_auth (self, dd->msg);
  cancellable = g_task_get_cancellable (task);
  soup_session_send_async (self->session, dd->msg, G_PRIORITY_DEFAULT, cancellable,
                           on_download_sent, g_steal_pointer (&task));
}

void
ods_portal_client_download_async (OdsPortalClient     *self,
                                  const char          *url,
                                  GFile               *destination,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_portal_client_download_async);
  download_start (self, task, url, destination, TRUE, 0);
}

char *
ods_portal_client_download_finish (OdsPortalClient  *self,
                                   GAsyncResult     *result,
                                   goffset          *size,
                                   GError          **error)
{
  char *hex = call_finish (self, result, ods_portal_client_download_async, error);

  if (hex != NULL && size != NULL)
    *size = ((DownloadData *) g_task_get_task_data (G_TASK (result)))->size;
  return hex;
}

/* ---- probing a link -------------------------------------------------- */

void
ods_link_probe_free (OdsLinkProbe *probe)
{
  if (probe == NULL)
    return;
  g_free (probe->content_type);
  g_clear_pointer (&probe->sample, g_bytes_unref);
  g_free (probe);
}

typedef struct
{
  SoupMessage  *msg;
  GInputStream *in;
  GByteArray   *buf;
} ProbeData;

static void
probe_data_free (ProbeData *pd)
{
  g_clear_object (&pd->msg);
  g_clear_object (&pd->in);
  g_clear_pointer (&pd->buf, g_byte_array_unref);
  g_free (pd);
}

static void probe_read (GTask *task);

static void
probe_done (GTask *task)
{
  ProbeData *pd = g_task_get_task_data (task);
  OdsLinkProbe *probe = g_new0 (OdsLinkProbe, 1);
  const char *ct = soup_message_headers_get_content_type (soup_message_get_response_headers (pd->msg), NULL);

  g_input_stream_close (pd->in, NULL, NULL);
  probe->status = soup_message_get_status (pd->msg);
  probe->content_type = ct ? g_ascii_strdown (ct, -1) : NULL;
  probe->sample = g_byte_array_free_to_bytes (g_steal_pointer (&pd->buf));
  g_task_return_pointer (task, probe, (GDestroyNotify) ods_link_probe_free);
}

static void
on_probe_chunk (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProbeData *pd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  g_byte_array_append (pd->buf, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (g_bytes_get_size (bytes) == 0 || pd->buf->len >= PROBE_SAMPLE)
    {
      if (pd->buf->len > PROBE_SAMPLE)
        g_byte_array_set_size (pd->buf, PROBE_SAMPLE);
      probe_done (g_steal_pointer (&task));
      return;
    }
  probe_read (g_steal_pointer (&task));
}

static void
probe_read (GTask *task)
{
  ProbeData *pd = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (pd->in, PROBE_SAMPLE - pd->buf->len, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_probe_chunk, task);
}

static void
on_probe_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ProbeData *pd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  pd->in = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (pd->in == NULL)
    {
      g_task_return_error (task, ods_portal_error_from_transport (error));
      return;
    }
  probe_read (g_steal_pointer (&task));
}

void
ods_portal_client_probe_url_async (OdsPortalClient     *self,
                                   const char          *url,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  ProbeData *pd;

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_task_set_source_tag (task, ods_portal_client_probe_url_async);

  uri = url ? g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL) : NULL;
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
                      g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_autofree char *msg =
        g_strdup_printf (_("“%s” is not a web address. Enter the full address of the "
                           "unit’s data service, starting with https://."), url ? url : "");

      g_task_return_error (task, ods_portal_error_new (ODS_PORTAL_ERROR_BAD_REQUEST, 0, msg, NULL));
      return;
    }
  pd = g_new0 (ProbeData, 1);
  pd->msg = soup_message_new_from_uri ("GET", uri);
  pd->buf = g_byte_array_new ();
  g_task_set_task_data (task, pd, (GDestroyNotify) probe_data_free);
  /* Never the portal token here: the link may be anywhere. */
  soup_session_send_async (self->session, pd->msg, G_PRIORITY_DEFAULT, cancellable,
                           on_probe_sent, g_steal_pointer (&task));
}

OdsLinkProbe *
ods_portal_client_probe_url_finish (OdsPortalClient  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return call_finish (self, result, ods_portal_client_probe_url_async, error);
}

void
ods_portal_client_fetch_link_async (OdsPortalClient     *self,
                                    const char          *url,
                                    GFile               *destination,
                                    guint64              max_bytes,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ODS_IS_PORTAL_CLIENT (self));
  g_return_if_fail (G_IS_FILE (destination));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_portal_client_fetch_link_async);
  /* Like the probe: the link may be anywhere, so never the portal's token. */
  download_start (self, task, url, destination, FALSE, max_bytes);
}

gboolean
ods_portal_client_fetch_link_finish (OdsPortalClient  *self,
                                     GAsyncResult     *result,
                                     goffset          *size,
                                     GError          **error)
{
  g_autofree char *hex = call_finish (self, result, ods_portal_client_fetch_link_async, error);

  if (hex != NULL && size != NULL)
    *size = ((DownloadData *) g_task_get_task_data (G_TASK (result)))->size;
  return hex != NULL;
}
