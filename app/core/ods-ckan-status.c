#define G_LOG_DOMAIN "ods-ckan-status"

#include "ods-ckan-status.h"
#include "ods-json-util.h"

/**
 * ods_ckan_status_new_from_json:
 *
 * Reads status_show's result. The plugin list is "extensions"; plugin names
 * are matched exactly ("validation", "scheming_datasets", "xloader").
 */
OdsCkanStatus *
ods_ckan_status_new_from_json (JsonObject  *obj,
                               GError     **error)
{
  g_autoptr(OdsCkanStatus) status = g_new0 (OdsCkanStatus, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node;

  if (!ods_json_get_string (obj, "site_title", FALSE, &status->site_title, error) ||
      !ods_json_get_string (obj, "site_url", FALSE, &status->site_url, error) ||
      !ods_json_get_string (obj, "ckan_version", FALSE, &status->ckan_version, error))
    return NULL;

  node = json_object_get_member (obj, "extensions");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      JsonArray *arr;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_propagate_error (error, ods_json_type_error ("extensions", "an array"));
          return NULL;
        }
      arr = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *el = json_array_get_element (arr, i);
          const char *name;

          if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
            {
              g_propagate_error (error, ods_json_type_error ("extensions", "an array of strings"));
              return NULL;
            }
          name = json_node_get_string (el);
          g_strv_builder_add (builder, name);
          if (g_str_equal (name, "validation"))
            status->has_validation = TRUE;
          else if (g_str_equal (name, "scheming_datasets"))
            status->has_scheming = TRUE;
          else if (g_str_equal (name, "xloader"))
            status->has_xloader = TRUE;
        }
    }
  status->extensions = g_strv_builder_end (builder);
  return g_steal_pointer (&status);
}

void
ods_ckan_status_free (OdsCkanStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->site_title);
  g_free (status->site_url);
  g_free (status->ckan_version);
  g_strfreev (status->extensions);
  g_free (status);
}

OdsCkanValidation *
ods_ckan_validation_new_from_json (JsonObject  *obj,
                                   GError     **error)
{
  g_autoptr(OdsCkanValidation) v = g_new0 (OdsCkanValidation, 1);
  static const struct { const char *name; OdsCkanValidationStatus status; } names[] = {
    { "created", ODS_CKAN_VALIDATION_CREATED },
    { "pending", ODS_CKAN_VALIDATION_CREATED },
    { "running", ODS_CKAN_VALIDATION_RUNNING },
    { "success", ODS_CKAN_VALIDATION_SUCCESS },
    { "failure", ODS_CKAN_VALIDATION_FAILURE },
    { "error", ODS_CKAN_VALIDATION_ERROR },
  };

  if (!ods_json_get_string (obj, "status", TRUE, &v->status_text, error))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].name, v->status_text))
      v->status = names[i].status;
  v->report = ods_json_node_to_text (json_object_get_member (obj, "report"));
  v->error = ods_json_node_to_text (json_object_get_member (obj, "error"));
  return g_steal_pointer (&v);
}

void
ods_ckan_validation_free (OdsCkanValidation *validation)
{
  if (validation == NULL)
    return;
  g_free (validation->status_text);
  g_free (validation->report);
  g_free (validation->error);
  g_free (validation);
}

gboolean
ods_ckan_validation_is_final (const OdsCkanValidation *validation)
{
  return validation->status == ODS_CKAN_VALIDATION_SUCCESS ||
         validation->status == ODS_CKAN_VALIDATION_FAILURE ||
         validation->status == ODS_CKAN_VALIDATION_ERROR;
}
