/* ods-test-records.h: builds OdsRecords in memory for the schema tests.
 *
 * Lines split at '\n', cells at the delimiter; no quoting. An empty line
 * is a record with no cells. The header is row 1. */
#pragma once

#include "ods-record.h"
#include "ods-report.h"
#include "ods-schema.h"
#include "ods-validator.h"

#include <string.h>

typedef struct
{
  char     **cells;
  gsize     *lengths;
  OdsRecord  record;
} TestRow;

static inline TestRow *
test_row_new (const char *line,
              char        delimiter,
              guint64     row_number)
{
  TestRow *r = g_new0 (TestRow, 1);
  char sep[2] = { delimiter, '\0' };

  r->cells = *line == '\0' ? g_new0 (char *, 1) : g_strsplit (line, sep, -1);
  r->record.n_cells = g_strv_length (r->cells);
  r->lengths = g_new0 (gsize, r->record.n_cells + 1);
  for (guint i = 0; i < r->record.n_cells; i++)
    r->lengths[i] = strlen (r->cells[i]);
  r->record.cells = r->cells;
  r->record.lengths = r->lengths;
  r->record.row_number = row_number;
  r->record.line_number = row_number;
  return r;
}

static inline void
test_row_free (TestRow *r)
{
  g_strfreev (r->cells);
  g_free (r->lengths);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestRow, test_row_free)

/* Validates @csv (header first) against @schema_json (NULL: structure only). */
static inline OdsReport *
test_validate_full (const char *schema_json,
                    const char *csv,
                    char        delimiter,
                    guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsValidator) validator = NULL;
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  if (schema_json != NULL)
    {
      schema = ods_schema_new_from_string (schema_json, -1, &error);
      g_assert_no_error (error);
    }
  validator = ods_validator_new (schema);
  if (limit > 0)
    ods_validator_set_limit_errors (validator, limit);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(TestRow) r = NULL;

      /* A final newline does not make an empty last row. */
      if (lines[i + 1] == NULL && lines[i][0] == '\0')
        break;
      r = test_row_new (lines[i], delimiter, i + 1);
      if (i == 0)
        ods_validator_add_header (validator, &r->record);
      else
        ods_validator_add_row (validator, &r->record);
    }
  return ods_validator_finish (validator);
}

static inline OdsReport *
test_validate (const char *schema_json,
               const char *csv)
{
  return test_validate_full (schema_json, csv, ',', 0);
}

/* "type-error@3:2" for each recorded error (row:field), joined by spaces. */
static inline char *
test_report_summary (OdsReport *report)
{
  GPtrArray *errors = ods_report_get_errors (report);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);

      g_string_append_printf (s, "%s%s@%" G_GUINT64_FORMAT ":%u", i > 0 ? " " : "",
                              ods_report_error_type_to_string (e->type), e->row_number, e->field_number);
      if (e->constraint != NULL)
        g_string_append_printf (s, "/%s", e->constraint);
    }
  return g_string_free (s, FALSE);
}

static inline const OdsReportError *
test_report_error (OdsReport *report,
                   guint      index)
{
  GPtrArray *errors = ods_report_get_errors (report);

  g_assert_cmpuint (index, <, errors->len);
  return g_ptr_array_index (errors, index);
}
