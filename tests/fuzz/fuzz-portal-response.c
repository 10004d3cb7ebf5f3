/* libFuzzer target: any bytes as a portal answer, through the error mapper and
 * every model parser. Nothing may crash, leak or read out of bounds. */
#include "ods-ckan-organization.h"
#include "ods-ckan-package.h"
#include "ods-ckan-resource.h"
#include "ods-ckan-status.h"
#include "ods-ckan-user.h"
#include "ods-portal-error.h"
#include "ods-portal-login.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
parse_all (JsonObject *obj)
{
  GError *error = NULL;
  gpointer parsed;

  parsed = ods_ckan_package_new_from_json (obj, &error);
  g_clear_object (&parsed);
  g_clear_error (&error);
  parsed = ods_ckan_resource_new_from_json (obj, &error);
  g_clear_object (&parsed);
  g_clear_error (&error);
  parsed = ods_ckan_user_new_from_json (obj, &error);
  g_clear_object (&parsed);
  g_clear_error (&error);
  parsed = ods_ckan_organization_new_from_json (obj, &error);
  g_clear_object (&parsed);
  g_clear_error (&error);
  ods_ckan_status_free (ods_ckan_status_new_from_json (obj, &error));
  g_clear_error (&error);
  ods_ckan_validation_free (ods_ckan_validation_new_from_json (obj, &error));
  g_clear_error (&error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const guint statuses[] = { 200, 400, 403, 404, 409, 413, 502 };
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  g_free (ods_portal_login_find_csrf ((const char *) data, size));
  for (gsize i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      JsonNode *result = NULL;
      GError *error = ods_portal_error_from_response (statuses[i], "application/json", body, &result);

      if (error != NULL)
        {
          /* What the UI reads from an error must be there. */
          g_assert (error->message != NULL);
          (void) ods_portal_error_get_fields (error);
          g_error_free (error);
        }
      if (result != NULL && JSON_NODE_HOLDS_OBJECT (result))
        parse_all (json_node_get_object (result));
      if (result != NULL && JSON_NODE_HOLDS_ARRAY (result))
        for (guint j = 0; j < json_array_get_length (json_node_get_array (result)); j++)
          if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (result), j)))
            parse_all (json_array_get_object_element (json_node_get_array (result), j));
      g_clear_pointer (&result, json_node_unref);
    }
  return 0;
}
