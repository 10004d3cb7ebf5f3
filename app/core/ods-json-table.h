/* ods-json-table.h: JSON tabular data (what a unit's data service may
 * return) checked against a Table Schema like a CSV table. */
#pragma once

#include <json-glib/json-glib.h>

#include "ods-report.h"
#include "ods-schema.h"

G_BEGIN_DECLS

/* The rows of @root when it is tabular: an array of objects, or an object
 * whose "data", "result" or "records" member is one (borrowed; %NULL when
 * it is not tabular). */
JsonArray *ods_json_table_find_rows (JsonNode  *root);

/* Validates the rows of @root against @schema (%NULL: structure only). The
 * keys of the first object are the header; each object gives one row, its
 * values as cells (strings as they are, numbers and booleans as JSON writes
 * them, null and missing keys empty, arrays and objects as JSON text).
 * Returns: (transfer full) (nullable): the report, %NULL when @root is not
 * tabular. */
OdsReport *ods_json_table_validate  (JsonNode  *root,
                                     OdsSchema *schema);

G_END_DECLS
