/* fuzz-schema: libFuzzer target for the schema loader, the casters, the
 * validator and the inferrer.
 *
 * Input: a schema's JSON on the first line, then a table: lines split at
 * '\n', cells at ','. Run: build-fuzz/tests/fuzz-schema -max_total_time=60
 * (configure with CC=clang). */
#include "ods-schema-infer.h"
#include "ods-validator.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
feed (OdsValidator      *validator,
      OdsSchemaInferrer *inferrer,
      char              *line,
      guint64            row)
{
  g_auto(GStrv) cells = *line == '\0' ? g_new0 (char *, 1) : g_strsplit (line, ",", 64);
  guint n = g_strv_length (cells);
  g_autofree gsize *lengths = g_new0 (gsize, n + 1);
  OdsRecord rec = { 0 };

  for (guint i = 0; i < n; i++)
    lengths[i] = strlen (cells[i]);
  rec.cells = cells;
  rec.lengths = lengths;
  rec.n_cells = n;
  rec.row_number = row;
  rec.line_number = row;
  if (row == 1)
    {
      ods_validator_add_header (validator, &rec);
      ods_schema_inferrer_add_header (inferrer, &rec);
    }
  else
    {
      ods_validator_add_row (validator, &rec);
      ods_schema_inferrer_add_row (inferrer, &rec);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsValidator) validator = NULL;
  g_autoptr(OdsSchemaInferrer) inferrer = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(OdsSchema) inferred = NULL;
  g_autofree char *out = NULL;

  if (size > 65536)
    return 0;
  text = g_strndup ((const char *) data, size);
  if (!g_utf8_validate (text, -1, NULL))
    return 0;
  lines = g_strsplit (text, "\n", 200);
  if (lines[0] == NULL)
    return 0;
  schema = ods_schema_new_from_string (lines[0], -1, NULL);
  validator = ods_validator_new (schema);
  ods_validator_set_limit_errors (validator, 50);
  inferrer = ods_schema_inferrer_new ();
  for (guint i = 1; lines[i] != NULL; i++)
    feed (validator, inferrer, lines[i], i);
  report = ods_validator_finish (validator);
  out = ods_report_format_text (report);
  inferred = ods_schema_inferrer_finish (inferrer, NULL);
  return 0;
}
