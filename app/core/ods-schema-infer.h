/* ods-schema-infer.h: infers a Table Schema from a table's records. */
#pragma once

#include "ods-record.h"
#include "ods-schema.h"

G_BEGIN_DECLS

#define ODS_TYPE_SCHEMA_INFERRER (ods_schema_inferrer_get_type ())
G_DECLARE_FINAL_TYPE (OdsSchemaInferrer, ods_schema_inferrer, ODS, SCHEMA_INFERRER, GObject)

OdsSchemaInferrer *ods_schema_inferrer_new        (void);
void               ods_schema_inferrer_add_header (OdsSchemaInferrer *self,
                                                   const OdsRecord   *header);
void               ods_schema_inferrer_add_row    (OdsSchemaInferrer *self,
                                                   const OdsRecord   *row);
/* The schema: for each column the most specific type (and format) every
 * value fits, `required` when no value is missing. */
OdsSchema         *ods_schema_inferrer_finish     (OdsSchemaInferrer *self,
                                                   GError           **error);

G_END_DECLS
