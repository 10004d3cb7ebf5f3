/* Inferring a Table Schema from records. */
#include "ods-schema-infer.h"
#include "ods-test-records.h"

static const char *sample =
  "ma|ten|ngay|so_luong|kinh_phi|ty_le|hoat_dong|nam|thoi_diem|ghi_chu|ma_tinh|trong|ngay_iso|cong_lap\n"
  "HN001|Sở Tài chính|31/03/2025|1.250|1.234.567,89|0.5|true|2025|2025-03-31 08:00:00||01||2025-03-31|Có\n"
  "HN002|Sở Y tế|1/4/2025|12.500.000|12,5|1.25|false|2024|2025-04-01 17:30:00|ghi chú|02||2025-04-01|Không\n"
  "HN003|Trường THPT Chu Văn An|15/04/2025|7|-3.000|-2|TRUE|2023|2025-04-15 09:15:00||79||2025-04-15|có\n";

static OdsSchema *
infer (const char *csv,
       char        delimiter)
{
  g_autoptr(OdsSchemaInferrer) inferrer = ods_schema_inferrer_new ();
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr(GError) error = NULL;
  OdsSchema *schema;

  for (guint i = 0; lines[i] != NULL && !(lines[i + 1] == NULL && lines[i][0] == '\0'); i++)
    {
      g_autoptr(TestRow) r = test_row_new (lines[i], delimiter, i + 1);

      if (i == 0)
        ods_schema_inferrer_add_header (inferrer, &r->record);
      else
        ods_schema_inferrer_add_row (inferrer, &r->record);
    }
  schema = ods_schema_inferrer_finish (inferrer, &error);
  g_assert_no_error (error);
  return schema;
}

static void
assert_field (OdsSchema  *schema,
              guint       index,
              const char *name,
              const char *type,
              const char *format,
              gboolean    required)
{
  OdsSchemaField *f = ods_schema_get_field (schema, index);

  g_assert_cmpstr (ods_schema_field_get_name (f), ==, name);
  g_assert_cmpstr (ods_schema_field_get_type_name (f), ==, type);
  g_assert_cmpstr (ods_schema_field_get_format (f), ==, format);
  if (ods_schema_field_get_required (f) != required)
    g_error ("%s: required should be %d", name, required);
}

static void
test_types (void)
{
  g_autoptr(OdsSchema) schema = infer (sample, '|');
  g_autoptr(JsonNode) json = ods_schema_to_json (schema);
  JsonArray *fields = json_object_get_array_member (json_node_get_object (json), "fields");
  JsonObject *o;

  g_assert_cmpuint (ods_schema_get_n_fields (schema), ==, 14);
  assert_field (schema, 0, "ma", "string", "default", TRUE);
  assert_field (schema, 1, "ten", "string", "default", TRUE);
  assert_field (schema, 2, "ngay", "date", "%d/%m/%Y", TRUE);
  assert_field (schema, 3, "so_luong", "integer", "default", TRUE);
  assert_field (schema, 4, "kinh_phi", "number", "default", TRUE);
  assert_field (schema, 5, "ty_le", "number", "default", TRUE);
  assert_field (schema, 6, "hoat_dong", "boolean", "default", TRUE);
  assert_field (schema, 7, "nam", "year", "default", TRUE);
  assert_field (schema, 8, "thoi_diem", "datetime", "%Y-%m-%d %H:%M:%S", TRUE);
  assert_field (schema, 9, "ghi_chu", "string", "default", FALSE);
  /* Leading zeros: a code, kept as text. */
  assert_field (schema, 10, "ma_tinh", "string", "default", TRUE);
  assert_field (schema, 11, "trong", "any", "default", FALSE);
  assert_field (schema, 12, "ngay_iso", "date", "default", TRUE);
  assert_field (schema, 13, "cong_lap", "boolean", "default", TRUE);
  g_assert_true (ods_schema_field_check_cell (ods_schema_get_field (schema, 13), "Không"));
  g_assert_false (ods_schema_field_check_cell (ods_schema_get_field (schema, 13), "true"));

  o = json_array_get_object_element (fields, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "groupChar"), ==, ".");
  o = json_array_get_object_element (fields, 4);
  g_assert_cmpstr (json_object_get_string_member (o, "decimalChar"), ==, ",");
  g_assert_cmpstr (json_object_get_string_member (o, "groupChar"), ==, ".");
  o = json_array_get_object_element (fields, 5);
  g_assert_false (json_object_has_member (o, "decimalChar"));
}

/* The inferred schema, written out and read back, validates its own file. */
static void
test_usable_as_schema (void)
{
  g_autoptr(OdsSchema) schema = infer (sample, '|');
  g_autofree char *text = ods_schema_to_string (schema);
  g_autoptr(OdsReport) report = test_validate_full (text, sample, '|', 0);
  g_autofree char *summary = test_report_summary (report);

  g_assert_cmpstr (summary, ==, "");
  g_assert_true (ods_report_get_valid (report));
}

static void
test_deterministic (void)
{
  g_autoptr(OdsSchema) a = infer (sample, '|');
  g_autoptr(OdsSchema) b = infer (sample, '|');
  g_autofree char *ta = ods_schema_to_string (a);
  g_autofree char *tb = ods_schema_to_string (b);

  g_assert_cmpstr (ta, ==, tb);
}

static void
test_names_and_ambiguity (void)
{
  /* Blank and repeated names get unique ones; "1.5" rules out the
   * thousands reading of "2.500"; a stray word makes a column text. */
  g_autoptr(OdsSchema) schema = infer ("x,,x,a,b,c\n"
                                       "1,2,3,2.500,1,5\n"
                                       "4,5,6,1.5,0,x\n", ',');

  assert_field (schema, 0, "x", "integer", "default", TRUE);
  assert_field (schema, 1, "field2", "integer", "default", TRUE);
  assert_field (schema, 2, "x2", "integer", "default", TRUE);
  assert_field (schema, 3, "a", "number", "default", TRUE);
  assert_field (schema, 4, "b", "integer", "default", TRUE);
  assert_field (schema, 5, "c", "string", "default", TRUE);
}

static void
test_short_rows (void)
{
  /* A row without the last cell makes that column optional. */
  g_autoptr(OdsSchema) schema = infer ("a,b\n1,2\n3\n", ',');

  assert_field (schema, 0, "a", "integer", "default", TRUE);
  assert_field (schema, 1, "b", "integer", "default", FALSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/infer/types", test_types);
  g_test_add_func ("/infer/usable-as-schema", test_usable_as_schema);
  g_test_add_func ("/infer/deterministic", test_deterministic);
  g_test_add_func ("/infer/names-and-ambiguity", test_names_and_ambiguity);
  g_test_add_func ("/infer/short-rows", test_short_rows);

  return g_test_run ();
}
