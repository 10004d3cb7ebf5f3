#define G_LOG_DOMAIN "ods-json-util"

#include "ods-json-util.h"
#include "ods-portal-error.h"

GError *
ods_json_type_error (const char *member,
                     const char *expected)
{
  g_autofree char *detail = g_strdup_printf ("member “%s” is not %s", member, expected);

  return ods_portal_error_new_simple (ODS_PORTAL_ERROR_BAD_RESPONSE, 200, detail);
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
ods_json_get_string (JsonObject  *obj,
                     const char  *member,
                     gboolean     required,
                     char       **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (is_null (node))
    {
      if (required)
        {
          g_propagate_error (error, ods_json_type_error (member, "present"));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_propagate_error (error, ods_json_type_error (member, "a string"));
      return FALSE;
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
ods_json_get_int (JsonObject *obj,
                  const char *member,
                  gint64     *out,
                  GError    **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (is_null (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out = json_node_get_int (node);
      return TRUE;
    }
  /* Some CKAN extensions store sizes as strings of digits. */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      guint64 v;

      if (*s == '\0')
        return TRUE;
      if (g_ascii_string_to_unsigned (s, 10, 0, G_MAXINT64, &v, NULL))
        {
          *out = (gint64) v;
          return TRUE;
        }
    }
  g_propagate_error (error, ods_json_type_error (member, "an integer"));
  return FALSE;
}

gboolean
ods_json_get_bool (JsonObject *obj,
                   const char *member,
                   gboolean   *out,
                   GError    **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (is_null (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }
  g_propagate_error (error, ods_json_type_error (member, "a boolean"));
  return FALSE;
}

GDateTime *
ods_json_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL || *text == '\0')
    return NULL;
  return g_date_time_new_from_iso8601 (text, utc);
}

gboolean
ods_json_get_time (JsonObject *obj,
                   const char *member,
                   GDateTime **out,
                   GError    **error)
{
  g_autofree char *text = NULL;
  GDateTime *dt;

  if (!ods_json_get_string (obj, member, FALSE, &text, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;
  dt = ods_json_parse_time (text);
  if (dt == NULL)
    {
      g_propagate_error (error, ods_json_type_error (member, "an ISO 8601 time"));
      return FALSE;
    }
  g_clear_pointer (out, g_date_time_unref);
  *out = dt;
  return TRUE;
}

char *
ods_json_node_to_text (JsonNode *node)
{
  if (is_null (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return g_strdup (json_node_get_string (node));
        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? "true" : "false");
        default:
          break;
        }
    }
  return json_to_string (node, FALSE);
}
