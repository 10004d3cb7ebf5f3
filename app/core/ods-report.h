/* ods-report.h: the result of validating a table, shaped like frictionless v5's report. */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The error types, with frictionless' codes (see ods_report_error_type_to_string()). */
typedef enum
{
  ODS_REPORT_ERROR_BLANK_LABEL,
  ODS_REPORT_ERROR_DUPLICATE_LABEL,
  ODS_REPORT_ERROR_INCORRECT_LABEL,
  ODS_REPORT_ERROR_MISSING_LABEL,
  ODS_REPORT_ERROR_EXTRA_LABEL,
  ODS_REPORT_ERROR_UNMATCHED_HEADER,  /* fieldsMatch "partial": no column is in the schema */
  ODS_REPORT_ERROR_BLANK_ROW,
  ODS_REPORT_ERROR_EXTRA_CELL,
  ODS_REPORT_ERROR_MISSING_CELL,
  ODS_REPORT_ERROR_TYPE_ERROR,
  ODS_REPORT_ERROR_CONSTRAINT_ERROR,
  ODS_REPORT_ERROR_UNIQUE_ERROR,
  ODS_REPORT_ERROR_PRIMARY_KEY,
  ODS_REPORT_ERROR_FOREIGN_KEY,
  ODS_REPORT_ERROR_ENCODING_ERROR,
  ODS_REPORT_ERROR_SOURCE_ERROR,
  ODS_REPORT_ERROR_SCHEMA_ERROR,
  ODS_REPORT_N_ERROR_TYPES
} OdsReportErrorType;

/**
 * OdsReportError:
 * @type: the error type
 * @row_number: frictionless row number (header = 1), 0 when not about a row
 * @line_number: physical line where the row starts, 0 when unknown
 * @field_number: 1-based field number, 0 when not about a field
 * @column_number: 1-based column of the file (the letter in the spreadsheet), 0 when none
 * @field_name: (nullable): the field's (or label's) name
 * @cell: (nullable): the cell's text, or the label for label errors
 * @constraint: (nullable): the constraint's name for constraint-error
 * @message: the explanation in the user's language, with what to do
 */
typedef struct
{
  OdsReportErrorType type;
  guint64            row_number;
  guint64            line_number;
  guint              field_number;
  guint              column_number;
  char              *field_name;
  char              *cell;
  char              *constraint;
  char              *message;
} OdsReportError;

#define ODS_TYPE_REPORT_ERROR (ods_report_error_get_type ())
GType           ods_report_error_get_type       (void) G_GNUC_CONST;
OdsReportError *ods_report_error_copy           (const OdsReportError *error);
void            ods_report_error_free           (OdsReportError       *error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsReportError, ods_report_error_free)

const char     *ods_report_error_type_to_string (OdsReportErrorType type);  /* "type-error" */
const char     *ods_report_error_type_get_title (OdsReportErrorType type);  /* translated */

/* "C" for column 3, "AA" for column 27. */
char           *ods_column_letters              (guint column_number);

/* What was checked, for the wording of the text report. */
typedef enum
{
  ODS_REPORT_SUBJECT_FILE,          /* the officer's file (the default) */
  ODS_REPORT_SUBJECT_SERVICE_DATA,  /* what a unit's data service returned */
} OdsReportSubject;

#define ODS_TYPE_REPORT (ods_report_get_type ())
G_DECLARE_FINAL_TYPE (OdsReport, ods_report, ODS, REPORT, GObject)

OdsReport  *ods_report_new                 (void);

void        ods_report_set_limit_errors    (OdsReport  *self,
                                            guint       limit);
guint       ods_report_get_limit_errors    (OdsReport  *self);

gboolean    ods_report_get_valid           (OdsReport  *self);
guint64     ods_report_get_n_rows          (OdsReport  *self);
void        ods_report_set_n_rows          (OdsReport  *self,
                                            guint64     n_rows);
/* All errors found, also those beyond the limit. */
guint64     ods_report_get_n_errors        (OdsReport  *self);
guint64     ods_report_get_n_errors_of_type (OdsReport *self,
                                             OdsReportErrorType type);
/* The recorded errors (at most the limit): OdsReportError. */
GPtrArray  *ods_report_get_errors          (OdsReport  *self);

/* Counts one error; returns %TRUE when it should also be recorded (the
 * limit is not reached), so that the message is only built then. */
gboolean    ods_report_count_error         (OdsReport          *self,
                                            OdsReportErrorType  type);
/* Records an error already counted by ods_report_count_error(). */
void        ods_report_take_error          (OdsReport          *self,
                                            OdsReportError     *error);
/* Counts and (within the limit) records an error, e.g. an encoding-error
 * or source-error found by the reader, or a schema-error. */
void        ods_report_add_error           (OdsReport          *self,
                                            OdsReportErrorType  type,
                                            guint64             row_number,
                                            guint               field_number,
                                            const char         *field_name,
                                            const char         *cell,
                                            const char         *constraint,
                                            const char         *message);
/* Orders the recorded errors by row (stable). */
void        ods_report_sort_errors         (OdsReport          *self);

void        ods_report_set_source_info     (OdsReport  *self,
                                            guint64     bytes,
                                            double      seconds,
                                            const char *encoding,
                                            const char *delimiter,
                                            const char *sha256);
guint64     ods_report_get_bytes           (OdsReport  *self);
double      ods_report_get_seconds         (OdsReport  *self);
const char *ods_report_get_encoding        (OdsReport  *self);
const char *ods_report_get_delimiter       (OdsReport  *self);
const char *ods_report_get_sha256          (OdsReport  *self);

JsonNode   *ods_report_to_json             (OdsReport  *self);
char       *ods_report_to_json_string      (OdsReport  *self,
                                            gboolean    pretty);
void        ods_report_set_subject         (OdsReport        *self,
                                            OdsReportSubject  subject);
OdsReportSubject ods_report_get_subject    (OdsReport  *self);

char       *ods_report_format_text         (OdsReport  *self);

G_END_DECLS
