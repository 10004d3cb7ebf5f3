#define G_LOG_DOMAIN "ods-portal-error"

#include "ods-portal-error.h"
#include "ods-i18n.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  guint       http_status;
  char       *summary;
  char       *detail;
  GHashTable *fields;   /* char* -> GStrv */
} OdsPortalErrorPrivate;

static void
ods_portal_error_private_init (OdsPortalErrorPrivate *priv)
{
  /* GLib hands the private data over zero-filled. */
}

static void
ods_portal_error_private_copy (const OdsPortalErrorPrivate *src,
                               OdsPortalErrorPrivate       *dest)
{
  if (src == NULL || dest == NULL)
    return;
  dest->http_status = src->http_status;
  dest->summary = g_strdup (src->summary);
  dest->detail = g_strdup (src->detail);
  dest->fields = src->fields ? g_hash_table_ref (src->fields) : NULL;
}

static void
ods_portal_error_private_clear (OdsPortalErrorPrivate *priv)
{
  if (priv == NULL)
    return;
  g_clear_pointer (&priv->summary, g_free);
  g_clear_pointer (&priv->detail, g_free);
  g_clear_pointer (&priv->fields, g_hash_table_unref);
}

G_DEFINE_EXTENDED_ERROR (OdsPortalError, ods_portal_error)

static OdsPortalErrorPrivate *
get_priv (const GError *error)
{
  OdsPortalErrorPrivate *priv = ods_portal_error_get_private (error);

  g_assert (priv != NULL);
  return priv;
}

GError *
ods_portal_error_new (OdsPortalErrorCode code,
                      guint              http_status,
                      const char        *message,
                      const char        *detail)
{
  GError *error;
  OdsPortalErrorPrivate *priv;

  if (detail != NULL && *detail != '\0')
    {
      /* TRANSLATORS: second line of an error; %s is the portal's own (English) words */
      g_autofree char *tech = g_strdup_printf (_("Technical detail: %s"), detail);
      error = g_error_new (ODS_PORTAL_ERROR, code, "%s\n%s", message, tech);
    }
  else
    error = g_error_new_literal (ODS_PORTAL_ERROR, code, message);

  priv = get_priv (error);
  priv->http_status = http_status;
  priv->summary = g_strdup (message);
  priv->detail = g_strdup (detail);
  return error;
}

static const char *
message_for (OdsPortalErrorCode code)
{
  switch (code)
    {
    case ODS_PORTAL_ERROR_AUTH:
      return _("The portal did not accept your sign-in: the token is invalid or expired. "
               "Sign in again, or ask the portal administrator for a new API token.");
    case ODS_PORTAL_ERROR_FORBIDDEN:
      return _("Your account may not do this on the portal. Ask the portal administrator "
               "to make your account an editor of your unit’s organization.");
    case ODS_PORTAL_ERROR_NOT_FOUND:
      return _("The portal has no such dataset or resource, or it is private and hidden "
               "from your account. Check the identifier or refresh the list of datasets.");
    case ODS_PORTAL_ERROR_VALIDATION:
      return _("The portal rejected some of the information sent. Correct the fields "
               "listed below and send again.");
    case ODS_PORTAL_ERROR_TOO_LARGE:
      return _("The file is too large for the portal. Ask the portal administrator to "
               "raise the upload limit, or split the data into smaller files.");
    case ODS_PORTAL_ERROR_SERVER:
      return _("The portal is unavailable at the moment. Try again later; if this goes "
               "on, tell the portal administrator.");
    case ODS_PORTAL_ERROR_NETWORK:
      return _("Cannot reach the portal. Check the network connection and the portal "
               "address, then try again.");
    case ODS_PORTAL_ERROR_TLS:
      return _("The portal’s secure connection could not be verified. If your agency "
               "uses its own certificate authority, set its CA file in the portal "
               "settings; otherwise tell your IT department.");
    case ODS_PORTAL_ERROR_PROXY:
      return _("The proxy server refused or failed the connection. Check this "
               "computer’s proxy settings or ask your IT department.");
    case ODS_PORTAL_ERROR_TIMEOUT:
      return _("The portal did not answer in time. Try again later.");
    case ODS_PORTAL_ERROR_BAD_REQUEST:
      return _("The portal did not understand the request. Report this to the "
               "Open Data Submit developers with the detail below.");
    case ODS_PORTAL_ERROR_BAD_RESPONSE:
      return _("The portal sent an answer that cannot be read. Check that the portal "
               "address is the address of the CKAN site, then try again.");
    case ODS_PORTAL_ERROR_INSECURE_URL:
      return _("The portal address must start with https:// so that your token and "
               "data travel encrypted. Use the https:// address of the portal.");
    case ODS_PORTAL_ERROR_NOT_CONFIRMED:
      return _("The portal does not hold the same file that was sent. Send the file "
               "again; if this happens again, tell the portal administrator.");
    case ODS_PORTAL_ERROR_INVALID_DATA:
      return _("The data service’s data does not match the dataset’s Table Schema. Ask "
               "the unit’s IT staff to correct the service, then link it again.");
    default:
      g_assert_not_reached ();
    }
}

GError *
ods_portal_error_new_simple (OdsPortalErrorCode code,
                             guint              status,
                             const char        *detail)
{
  return ods_portal_error_new (code, status, message_for (code), detail);
}

static gboolean
is_json_type (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strncasecmp (content_type, "application/json", 16) == 0 ||
          g_ascii_strncasecmp (content_type, "text/json", 9) == 0);
}

static GError *
error_from_http_status (guint       status,
                        const char *content_type)
{
  g_autofree char *detail = g_strdup_printf ("HTTP %u %s%s%s", status,
                                             soup_status_get_phrase (status),
                                             content_type ? ", " : "",
                                             content_type ? content_type : "");

  switch (status)
    {
    case 401:
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_AUTH, status, detail);
    case 403:
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_FORBIDDEN, status, detail);
    case 404:
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NOT_FOUND, status, detail);
    case 407:
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_PROXY, status, detail);
    case 408:
    case 504:
    case 524:
      if (status == 408)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_TIMEOUT, status, detail);
      /* A gateway timeout: the portal behind the proxy is down or overloaded. */
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_SERVER, status, detail);
    case 413:
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_TOO_LARGE, status, detail);
    default:
      if (status >= 500 && status < 600)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_SERVER, status, detail);
      if (status == 400)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_REQUEST, status, detail);
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, status, detail);
    }
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "field: message; message" lines, sorted by field, for the detail. */
static char *
fields_to_text (GHashTable *fields)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  keys = g_hash_table_get_keys_as_array (fields, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    {
      const char * const *msgs = g_hash_table_lookup (fields, keys[i]);
      g_autofree char *joined = g_strjoinv ("; ", (char **) msgs);

      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, "%s: %s", (const char *) keys[i], joined);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GError *
error_from_envelope (guint       status,
                     JsonObject *error_obj)
{
  const char *type = NULL;
  const char *message = NULL;
  JsonNode *node;

  node = json_object_get_member (error_obj, "__type");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    type = json_node_get_string (node);
  node = json_object_get_member (error_obj, "message");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    message = json_node_get_string (node);

  if (g_strcmp0 (type, "Validation Error") == 0)
    {
      g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, (GDestroyNotify) g_strfreev);
      g_autoptr(GList) members = json_object_get_members (error_obj);
      g_autofree char *detail = NULL;
      gboolean too_large = FALSE;
      GError *error;

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *value = json_object_get_member (error_obj, name);
          g_autoptr(GPtrArray) msgs = g_ptr_array_new_with_free_func (g_free);

          if (g_str_equal (name, "__type"))
            continue;
          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *arr = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (arr); i++)
                {
                  JsonNode *m = json_array_get_element (arr, i);

                  if (JSON_NODE_HOLDS_VALUE (m) && json_node_get_value_type (m) == G_TYPE_STRING)
                    g_ptr_array_add (msgs, g_strdup (json_node_get_string (m)));
                  else
                    g_ptr_array_add (msgs, json_to_string (m, FALSE));
                }
            }
          else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            g_ptr_array_add (msgs, g_strdup (json_node_get_string (value)));
          else
            g_ptr_array_add (msgs, json_to_string (value, FALSE));

          for (guint i = 0; i < msgs->len; i++)
            if (g_str_equal (name, "upload") &&
                strstr (g_ptr_array_index (msgs, i), "too large") != NULL)
              too_large = TRUE;

          g_ptr_array_add (msgs, NULL);
          g_hash_table_insert (fields, g_strdup (name),
                               g_ptr_array_free (g_steal_pointer (&msgs), FALSE));
        }

      detail = fields_to_text (fields);
      {
        g_autofree char *full = g_strdup_printf ("HTTP %u Validation Error: %s", status, detail);
        error = ods_portal_error_new_simple (too_large ? ODS_PORTAL_ERROR_TOO_LARGE : ODS_PORTAL_ERROR_VALIDATION,
                              status, full);
      }
      get_priv (error)->fields = g_steal_pointer (&fields);
      return error;
    }
  else
    {
      g_autofree char *detail = g_strdup_printf ("HTTP %u %s%s%s", status,
                                                 type ? type : "error",
                                                 message ? ": " : "",
                                                 message ? message : "");

      if (g_strcmp0 (type, "Authorization Error") == 0)
        {
          /* CKAN runs a request with a bad or expired token as anonymous; the
           * message then names an empty user: "User  not authorized". */
          if (message != NULL && (strstr (message, "User  not") != NULL ||
                                  strstr (message, "User not") != NULL))
            return ods_portal_error_new_simple (ODS_PORTAL_ERROR_AUTH, status, detail);
          return ods_portal_error_new_simple (ODS_PORTAL_ERROR_FORBIDDEN, status, detail);
        }
      if (g_strcmp0 (type, "Not Found Error") == 0)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NOT_FOUND, status, detail);
      if (g_strcmp0 (type, "Search Query Error") == 0 ||
          g_strcmp0 (type, "Search Error") == 0)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_REQUEST, status, detail);
      if (status >= 500 && status < 600)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_SERVER, status, detail);
      if (status == 403)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_FORBIDDEN, status, detail);
      if (status == 404)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NOT_FOUND, status, detail);
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_REQUEST, status, detail);
    }
}

GError *
ods_portal_error_from_response (guint       http_status,
                                const char *content_type,
                                GBytes     *body,
                                JsonNode  **result)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *data = NULL;
  gsize len = 0;
  JsonNode *root;

  if (result != NULL)
    *result = NULL;
  if (body != NULL)
    data = g_bytes_get_data (body, &len);

  if (len > ODS_PORTAL_MAX_RESPONSE_BYTES)
    return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status, "response too large");

  /* Not JSON (HTML from a proxy or a login page): the status is all we know. */
  if (!is_json_type (content_type) &&
      !(content_type == NULL && len > 0 && (data[0] == '{' || data[0] == '"')))
    {
      if (http_status >= 200 && http_status < 300)
        {
          g_autofree char *detail = g_strdup_printf ("HTTP %u, %s instead of JSON", http_status,
                                                     content_type ? content_type : "no content type");
          return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status, detail);
        }
      return error_from_http_status (http_status, content_type);
    }

  parser = json_parser_new_immutable ();
  if (len == 0 || !json_parser_load_from_data (parser, data, len, &parse_error))
    {
      g_autofree char *detail = NULL;

      if (!(http_status >= 200 && http_status < 300))
        return error_from_http_status (http_status, content_type);
      detail = g_strdup_printf ("HTTP %u, invalid JSON: %s", http_status,
                                parse_error ? parse_error->message : "empty body");
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status, detail);
    }

  root = json_parser_get_root (parser);

  /* Some 400s are a bare JSON string: "Bad request - Action name not known: …" */
  if (JSON_NODE_HOLDS_VALUE (root) && json_node_get_value_type (root) == G_TYPE_STRING)
    {
      g_autofree char *detail = g_strdup_printf ("HTTP %u %s", http_status, json_node_get_string (root));

      if (http_status >= 500 && http_status < 600)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_SERVER, http_status, detail);
      if (http_status >= 200 && http_status < 300)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status, detail);
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_REQUEST, http_status, detail);
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *success = json_object_get_member (obj, "success");
      JsonNode *err = json_object_get_member (obj, "error");

      if (success != NULL && JSON_NODE_HOLDS_VALUE (success) &&
          json_node_get_value_type (success) == G_TYPE_BOOLEAN)
        {
          if (json_node_get_boolean (success) && http_status >= 200 && http_status < 300)
            {
              JsonNode *res = json_object_get_member (obj, "result");

              if (res == NULL)
                return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status,
                                     "success without result");
              if (result != NULL)
                *result = json_node_copy (res);
              return NULL;
            }
          if (!json_node_get_boolean (success) && err != NULL && JSON_NODE_HOLDS_OBJECT (err))
            return error_from_envelope (http_status, json_node_get_object (err));
        }
    }

  if (!(http_status >= 200 && http_status < 300))
    return error_from_http_status (http_status, content_type);

  return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, http_status, "JSON is not a CKAN action envelope");
}

GError *
ods_portal_error_from_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == ODS_PORTAL_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == G_TLS_ERROR)
    return ods_portal_error_new_simple (ODS_PORTAL_ERROR_TLS, 0, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return ods_portal_error_new (ODS_PORTAL_ERROR_NETWORK, 0,
                                 _("The portal address cannot be found. Check the address "
                                   "and the network connection, then try again."),
                                 error->message);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          return ods_portal_error_new_simple (ODS_PORTAL_ERROR_TIMEOUT, 0, error->message);
        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_AUTH_FAILED:
        case G_IO_ERROR_PROXY_NEED_AUTH:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          return ods_portal_error_new_simple (ODS_PORTAL_ERROR_PROXY, 0, error->message);
        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_PARTIAL_INPUT:
          return ods_portal_error_new (ODS_PORTAL_ERROR_NETWORK, 0,
                                       _("The connection to the portal was interrupted. "
                                         "Check the network connection and try again."),
                                       error->message);
        case G_IO_ERROR_NOT_FOUND:
        case G_IO_ERROR_PERMISSION_DENIED:
        case G_IO_ERROR_IS_DIRECTORY:
        case G_IO_ERROR_NO_SPACE:
          /* A local file problem, not the network: keep the GIO error, it is already translated. */
          return g_error_copy (error);
        default:
          return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NETWORK, 0, error->message);
        }
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      if (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING)
        return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 0, error->message);
      return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NETWORK, 0, error->message);
    }

  return ods_portal_error_new_simple (ODS_PORTAL_ERROR_NETWORK, 0, error->message);
}

GHashTable *
ods_portal_error_get_fields (const GError *error)
{
  if (error == NULL || error->domain != ODS_PORTAL_ERROR)
    return NULL;
  return get_priv (error)->fields;
}

guint
ods_portal_error_get_http_status (const GError *error)
{
  if (error == NULL || error->domain != ODS_PORTAL_ERROR)
    return 0;
  return get_priv (error)->http_status;
}

const char *
ods_portal_error_get_detail (const GError *error)
{
  if (error == NULL || error->domain != ODS_PORTAL_ERROR)
    return NULL;
  return get_priv (error)->detail;
}

const char *
ods_portal_error_get_summary (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain != ODS_PORTAL_ERROR)
    return error->message;
  return get_priv (error)->summary;
}

gboolean
ods_portal_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != ODS_PORTAL_ERROR)
    return FALSE;
  return error->code == ODS_PORTAL_ERROR_NETWORK ||
         error->code == ODS_PORTAL_ERROR_TIMEOUT ||
         error->code == ODS_PORTAL_ERROR_SERVER;
}
