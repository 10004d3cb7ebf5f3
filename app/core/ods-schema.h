/* ods-schema.h: a Frictionless Table Schema, parsed and compiled for validation. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_SCHEMA_ERROR (ods_schema_error_quark ())

typedef enum
{
  ODS_SCHEMA_ERROR_INVALID_JSON,  /* not JSON, or not a JSON object */
  ODS_SCHEMA_ERROR_INVALID,       /* JSON, but not a valid Table Schema */
} OdsSchemaErrorCode;

GQuark ods_schema_error_quark (void);

/* How the header is matched against the schema's fields (Table Schema v2
 * `fieldsMatch`). */
typedef enum
{
  ODS_FIELDS_MATCH_EXACT,     /* same fields, by position (the default) */
  ODS_FIELDS_MATCH_EQUAL,     /* same fields, by name, any order */
  ODS_FIELDS_MATCH_SUBSET,    /* every schema field is present, by name; more columns allowed */
  ODS_FIELDS_MATCH_SUPERSET,  /* every column is in the schema, by name; fields may be missing */
  ODS_FIELDS_MATCH_PARTIAL,   /* at least one schema field is present, by name */
} OdsFieldsMatch;

typedef struct _OdsSchemaField OdsSchemaField;

#define ODS_TYPE_SCHEMA (ods_schema_get_type ())
G_DECLARE_FINAL_TYPE (OdsSchema, ods_schema, ODS, SCHEMA, GObject)

OdsSchema      *ods_schema_new_from_json       (JsonNode      *root,
                                                GError       **error);
OdsSchema      *ods_schema_new_from_string     (const char    *json,
                                                gssize         len,
                                                GError       **error);
OdsSchema      *ods_schema_new_from_file       (GFile         *file,
                                                GCancellable  *cancellable,
                                                GError       **error);
JsonNode       *ods_schema_to_json             (OdsSchema     *self);
char           *ods_schema_to_string           (OdsSchema     *self);

guint           ods_schema_get_n_fields        (OdsSchema     *self);
OdsSchemaField *ods_schema_get_field           (OdsSchema     *self,
                                                guint          index);
/* Returns the index of the field named @name, or -1. */
int             ods_schema_find_field          (OdsSchema     *self,
                                                const char    *name);
OdsFieldsMatch  ods_schema_get_fields_match    (OdsSchema     *self);
/* Field indices of the primary key, or %NULL and 0. */
const guint    *ods_schema_get_primary_key     (OdsSchema     *self,
                                                guint         *n_fields);
const char *const *ods_schema_get_missing_values (OdsSchema   *self);

const char     *ods_schema_field_get_name        (const OdsSchemaField *field);
const char     *ods_schema_field_get_title       (const OdsSchemaField *field);
const char     *ods_schema_field_get_description (const OdsSchemaField *field);
const char     *ods_schema_field_get_type_name   (const OdsSchemaField *field);
const char     *ods_schema_field_get_format      (const OdsSchemaField *field);
gboolean        ods_schema_field_get_required    (const OdsSchemaField *field);
gboolean        ods_schema_field_get_unique      (const OdsSchemaField *field);
/* The format as an officer reads it: "dd/mm/yyyy", "1.234.567,89",
 * "yyyy-mm-dd"…, for hints next to a column. */
char           *ods_schema_field_get_format_hint (const OdsSchemaField *field);

/* Casts one cell; %FALSE when it is not a value of the field's type and
 * format (missing values are not considered here). */
gboolean        ods_schema_field_check_cell      (const OdsSchemaField *field,
                                                  const char           *cell);

G_END_DECLS
