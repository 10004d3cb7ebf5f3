#define G_LOG_DOMAIN "ods-json-table"

#include "ods-json-table.h"
#include "ods-record.h"
#include "ods-validator.h"

#include <string.h>

JsonArray *
ods_json_table_find_rows (JsonNode *root)
{
  static const char *const wrappers[] = { "data", "result", "records" };
  JsonArray *rows = NULL;

  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (root))
    rows = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);

      for (gsize i = 0; i < G_N_ELEMENTS (wrappers) && rows == NULL; i++)
        {
          JsonNode *member = json_object_get_member (obj, wrappers[i]);

          if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
            rows = json_node_get_array (member);
        }
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    return NULL;
  /* Tabular only when the first element is an object. */
  if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (rows, 0)))
    return NULL;
  return rows;
}

static char *
cell_text (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);
  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
}

static void
add_record (OdsValidator *validator,
            GPtrArray    *cells,
            guint64       row_number,
            gboolean      header)
{
  g_autofree gsize *lengths = g_new0 (gsize, cells->len + 1);
  OdsRecord record = { 0 };

  for (guint i = 0; i < cells->len; i++)
    lengths[i] = strlen (g_ptr_array_index (cells, i));
  record.cells = (char *const *) cells->pdata;
  record.lengths = lengths;
  record.n_cells = cells->len;
  record.row_number = row_number;
  record.line_number = 0;
  if (header)
    ods_validator_add_header (validator, &record);
  else
    ods_validator_add_row (validator, &record);
}

OdsReport *
ods_json_table_validate (JsonNode  *root,
                         OdsSchema *schema)
{
  JsonArray *rows = ods_json_table_find_rows (root);
  g_autoptr(OdsValidator) validator = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GList) keys = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n;

  if (rows == NULL)
    return NULL;
  validator = ods_validator_new (schema);
  header = g_ptr_array_new_with_free_func (g_free);
  keys = json_object_get_members (json_array_get_object_element (rows, 0));
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_ptr_array_add (names, l->data);
      g_ptr_array_add (header, g_utf8_normalize (l->data, -1, G_NORMALIZE_NFC));
    }
  add_record (validator, header, 1, TRUE);

  n = json_array_get_length (rows);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (rows, i);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < header->len; c++)
        {
          JsonNode *value = NULL;

          if (JSON_NODE_HOLDS_OBJECT (element))
            value = json_object_get_member (json_node_get_object (element), g_ptr_array_index (names, c));
          else if (c == 0)
            value = element;
          g_ptr_array_add (cells, cell_text (value));
        }
      add_record (validator, cells, (guint64) i + 2, FALSE);
    }
  return ods_validator_finish (validator);
}
