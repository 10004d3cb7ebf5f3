/* Loading Table Schemas: fields, options, keys, and the errors an invalid one gives. */
#include "ods-schema.h"
#include "ods-i18n.h"

#include <locale.h>

static OdsSchema *
load_fixture (const char *name,
              GError    **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "schema", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return ods_schema_new_from_file (file, NULL, error);
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = load_fixture ("quarterly.json", &error);
  OdsSchemaField *f;
  const guint *pk;
  guint n_pk = 0;
  const char *const *missing;

  g_assert_no_error (error);
  g_assert_cmpuint (ods_schema_get_n_fields (schema), ==, 9);

  f = ods_schema_get_field (schema, 0);
  g_assert_cmpstr (ods_schema_field_get_name (f), ==, "ma_don_vi");
  g_assert_cmpstr (ods_schema_field_get_title (f), ==, "Mã đơn vị");
  g_assert_cmpstr (ods_schema_field_get_type_name (f), ==, "string");
  g_assert_true (ods_schema_field_get_required (f));

  /* The legacy "fmt:" prefix is dropped. */
  f = ods_schema_get_field (schema, 2);
  g_assert_cmpstr (ods_schema_field_get_type_name (f), ==, "date");
  g_assert_cmpstr (ods_schema_field_get_format (f), ==, "%d/%m/%Y");
  g_assert_true (ods_schema_field_check_cell (f, "31/12/2025"));
  g_assert_false (ods_schema_field_check_cell (f, "2025-12-31"));

  {
    g_autofree char *hint = ods_schema_field_get_format_hint (f);

    g_assert_cmpstr (hint, ==, "dd/mm/yyyy");
  }

  f = ods_schema_get_field (schema, 4);
  g_assert_true (ods_schema_field_check_cell (f, "1.234.567,89 đồng"));
  {
    g_autofree char *hint = ods_schema_field_get_format_hint (f);

    g_assert_cmpstr (hint, ==, "1.234.567,89");
  }

  f = ods_schema_get_field (schema, 8);
  g_assert_cmpstr (ods_schema_field_get_format (f), ==, "default");
  g_assert_false (ods_schema_field_get_required (f));

  pk = ods_schema_get_primary_key (schema, &n_pk);
  g_assert_cmpuint (n_pk, ==, 1);
  g_assert_cmpuint (pk[0], ==, 0);
  g_assert_cmpint (ods_schema_find_field (schema, "nam"), ==, 7);
  g_assert_cmpint (ods_schema_find_field (schema, "khong_co"), ==, -1);
  g_assert_cmpint (ods_schema_get_fields_match (schema), ==, ODS_FIELDS_MATCH_EXACT);

  missing = ods_schema_get_missing_values (schema);
  g_assert_cmpuint (g_strv_length ((char **) missing), ==, 3);
  g_assert_cmpstr (missing[2], ==, "N/A");
}

static void
test_ckan_string_form (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = load_fixture ("ckan-string.json", &error);
  guint n_pk = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (ods_schema_get_n_fields (schema), ==, 2);
  g_assert_cmpstr (ods_schema_field_get_type_name (ods_schema_get_field (schema, 0)), ==, "integer");
  g_assert_nonnull (ods_schema_get_primary_key (schema, &n_pk));
  g_assert_cmpuint (n_pk, ==, 1);
}

static void
test_to_json_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = load_fixture ("quarterly.json", &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(OdsSchema) again = NULL;
  JsonObject *field;

  g_assert_no_error (error);
  node = ods_schema_to_json (schema);
  field = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "fields"), 2);
  g_assert_cmpstr (json_object_get_string_member (field, "format"), ==, "%d/%m/%Y");
  g_assert_cmpstr (json_object_get_string_member (field, "title"), ==, "Ngày báo cáo");

  text = ods_schema_to_string (schema);
  again = ods_schema_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ods_schema_get_n_fields (again), ==, 9);
}

/* What portals' schemas often carry: empty primary keys, empty or null
 * formats, extra properties. */
static void
test_lenient_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema =
    ods_schema_new_from_string ("{\"$schema\": \"x\", \"fields\": [{\"name\": \"a\", \"format\": \"\", \"title\": null,"
                                " \"rdfType\": \"x\", \"example\": 1}, {\"name\": \"b\", \"type\": \"integer\", \"format\": null}],"
                                " \"primaryKey\": [], \"foreignKeys\": []}", -1, &error);
  guint n_pk = 7;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_schema_field_get_format (ods_schema_get_field (schema, 0)), ==, "default");
  g_assert_cmpstr (ods_schema_field_get_format (ods_schema_get_field (schema, 1)), ==, "default");
  g_assert_null (ods_schema_get_primary_key (schema, &n_pk));
  g_assert_cmpuint (n_pk, ==, 0);
}

static void
test_fields_match (void)
{
  static const struct
  {
    const char    *value;
    OdsFieldsMatch match;
  } cases[] = {
    { "exact", ODS_FIELDS_MATCH_EXACT },
    { "equal", ODS_FIELDS_MATCH_EQUAL },
    { "subset", ODS_FIELDS_MATCH_SUBSET },
    { "superset", ODS_FIELDS_MATCH_SUPERSET },
    { "partial", ODS_FIELDS_MATCH_PARTIAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = g_strdup_printf ("{\"fields\": [{\"name\": \"a\"}], \"fieldsMatch\": \"%s\"}", cases[i].value);
      g_autoptr(OdsSchema) schema = ods_schema_new_from_string (json, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (ods_schema_get_fields_match (schema), ==, cases[i].match);
    }
}

/* Each invalid schema names the JSON path of the problem. */
static void
test_errors (void)
{
  static const struct
  {
    const char *json;
    const char *path;
  } cases[] = {
    { "[]", NULL },
    { "{}", "fields:" },
    { "{\"fields\": {}}", "fields:" },
    { "{\"fields\": [\"a\"]}", "fields[0]:" },
    { "{\"fields\": [{\"type\": \"string\"}]}", "fields[0].name:" },
    { "{\"fields\": [{\"name\": \"a\"}, {\"name\": \"b\", \"type\": \"text\"}]}", "fields[1].type:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"format\": \"%d\"}]}", "fields[0].format:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"date\", \"format\": \"dd/mm/yyyy\"}]}", "fields[0].format:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"date\", \"format\": \"%d/%q/%Y\"}]}", "fields[0].format:" },
    { "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"required\": \"yes\"}}]}", "fields[0].constraints.required:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"constraints\": {\"minimum\": 1.5}}]}", "fields[0].constraints.minimum:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"date\", \"constraints\": {\"maximum\": \"31/02/2025\"}}]}", "fields[0].constraints.maximum:" },
    { "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"minLength\": -1}}]}", "fields[0].constraints.minLength:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"constraints\": {\"pattern\": \"[0-9]+\"}}]}", "fields[0].constraints.pattern:" },
    { "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"pattern\": \"[0-9\"}}]}", "fields[0].constraints.pattern:" },
    { "{\"fields\": [{\"name\": \"a\", \"constraints\": {\"enum\": []}}]}", "fields[0].constraints.enum:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"integer\", \"constraints\": {\"enum\": [1, \"x\"]}}]}", "fields[0].constraints.enum[1]:" },
    { "{\"fields\": [{\"name\": \"a\", \"decimalChar\": 1}]}", "fields[0].decimalChar:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"number\", \"decimalChar\": \",\", \"groupChar\": \",\"}]}", "fields[0]:" },
    { "{\"fields\": [{\"name\": \"a\", \"type\": \"list\", \"itemType\": \"object\"}]}", "fields[0].itemType:" },
    { "{\"fields\": [{\"name\": \"a\", \"missingValues\": [1]}]}", "fields[0].missingValues[0]:" },
    { "{\"fields\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "fields[1].name:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"missingValues\": \"\"}", "missingValues:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"primaryKey\": \"b\"}", "primaryKey:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"uniqueKeys\": [[\"a\", \"c\"]]}", "uniqueKeys[0]:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"fieldsMatch\": \"loose\"}", "fieldsMatch:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"foreignKeys\": [{\"fields\": \"a\", \"reference\": {\"resource\": \"other\", \"fields\": \"a\"}}]}", "foreignKeys[0].reference.resource:" },
    { "{\"fields\": [{\"name\": \"a\"}], \"foreignKeys\": [{\"fields\": \"a\", \"reference\": {\"resource\": \"\", \"fields\": \"z\"}}]}", "foreignKeys[0].reference.fields:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsSchema) schema = ods_schema_new_from_string (cases[i].json, -1, &error);

      g_assert_null (schema);
      g_assert_nonnull (error);
      g_assert_true (error->domain == ODS_SCHEMA_ERROR);
      if (cases[i].path != NULL && strstr (error->message, cases[i].path) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].path);
    }
}

static void
test_error_fixtures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = load_fixture ("invalid-minimum.json", &error);
  g_autoptr(GError) error2 = NULL;
  g_autoptr(OdsSchema) schema2 = load_fixture ("not-json.json", &error2);

  g_assert_null (schema);
  g_assert_error (error, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fields[3].constraints.minimum"));
  g_assert_nonnull (strstr (error->message, "không"));

  g_assert_null (schema2);
  g_assert_error (error2, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID_JSON);
}

static void
test_error_vietnamese (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  g_setenv ("LANGUAGE", "vi", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  ods_i18n_init ();
  schema = ods_schema_new_from_string ("{\"fields\": [{\"name\": \"a\", \"type\": \"văn bản\"}]}", -1, &error);
  g_assert_null (schema);
  g_assert_cmpstr (error->message, ==,
                   "Lược đồ không hợp lệ tại fields[0].type: “văn bản” không phải là kiểu của Table Schema; hãy dùng một trong: "
                   "string, integer, number, boolean, date, time, datetime, year, yearmonth, duration, geopoint, geojson, object, array, list, any.");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/load-file", test_load_file);
  g_test_add_func ("/schema/ckan-string-form", test_ckan_string_form);
  g_test_add_func ("/schema/to-json-round-trip", test_to_json_round_trip);
  g_test_add_func ("/schema/lenient-parts", test_lenient_parts);
  g_test_add_func ("/schema/fields-match", test_fields_match);
  g_test_add_func ("/schema/errors", test_errors);
  g_test_add_func ("/schema/error-fixtures", test_error_fixtures);
  g_test_add_func ("/schema/error-vietnamese", test_error_vietnamese);

  return g_test_run ();
}
