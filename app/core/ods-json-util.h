/* ods-json-util.h: type-checked reads from untrusted JSON (portal answers). Internal. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each returns FALSE with an ODS_PORTAL_ERROR_BAD_RESPONSE error when the member
 * exists with the wrong type (or is missing and @required). A missing or null
 * optional member gives NULL / leaves *out untouched. */
gboolean   ods_json_get_string   (JsonObject  *obj,
                                  const char  *member,
                                  gboolean     required,
                                  char       **out,
                                  GError     **error);
gboolean   ods_json_get_int      (JsonObject  *obj,
                                  const char  *member,
                                  gint64      *out,
                                  GError     **error);
gboolean   ods_json_get_bool     (JsonObject  *obj,
                                  const char  *member,
                                  gboolean    *out,
                                  GError     **error);
/* CKAN times have no offset and are UTC ("2026-11-26T13:54:55.317994"). */
gboolean   ods_json_get_time     (JsonObject  *obj,
                                  const char  *member,
                                  GDateTime  **out,
                                  GError     **error);
GDateTime *ods_json_parse_time   (const char  *text);
/* A scalar as text (strings unquoted, numbers and booleans printed); objects
 * and arrays as compact JSON; null as NULL. */
char      *ods_json_node_to_text (JsonNode    *node);
GError    *ods_json_type_error   (const char  *member,
                                  const char  *expected);

G_END_DECLS
