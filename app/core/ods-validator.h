/* ods-validator.h: checks a table's records against a Table Schema. */
#pragma once

#include "ods-record.h"
#include "ods-report.h"
#include "ods-schema.h"

G_BEGIN_DECLS

#define ODS_TYPE_VALIDATOR (ods_validator_get_type ())
G_DECLARE_FINAL_TYPE (OdsValidator, ods_validator, ODS, VALIDATOR, GObject)

/* @schema: (nullable): without one, only the structure is checked. */
OdsValidator *ods_validator_new              (OdsSchema       *schema);
/* Default 1000: beyond it errors are counted but not recorded. */
void          ods_validator_set_limit_errors (OdsValidator    *self,
                                              guint            limit);
/* The report being filled (borrowed): the reader adds encoding-error and
 * source-error to it while reading. */
OdsReport    *ods_validator_get_report       (OdsValidator    *self);
void          ods_validator_add_header       (OdsValidator    *self,
                                              const OdsRecord *header);
void          ods_validator_add_row          (OdsValidator    *self,
                                              const OdsRecord *row);
/* Runs the checks that need the whole table (foreign keys) and returns
 * the report (a new reference). */
OdsReport    *ods_validator_finish           (OdsValidator    *self);

G_END_DECLS
