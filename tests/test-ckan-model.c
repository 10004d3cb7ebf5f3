/* Parses recorded CKAN 2.10 answers (tests/data/ckan/) into the model objects. */
#include "ods-ckan-organization.h"
#include "ods-ckan-package.h"
#include "ods-ckan-resource.h"
#include "ods-ckan-status.h"
#include "ods-ckan-user.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"

#include <string.h>

/* The "result" of a recorded answer. */
static JsonNode *
load_result (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ckan", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr(GBytes) body = NULL;
  JsonNode *result = NULL;
  GError *mapped;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  body = g_bytes_new (data, len);
  mapped = ods_portal_error_from_response (200, "application/json", body, &result);
  g_assert_no_error (mapped);
  return result;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_package_show (void)
{
  g_autoptr(JsonNode) result = load_result ("200-package_show.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = ods_ckan_package_new_from_json (json_node_get_object (result), &error);
  OdsCkanOrganization *org;
  OdsCkanResource *res;
  GDateTime *lm;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_package_get_id (pkg), ==, "a771a42b-35fd-4093-b0e9-bf54196157c8");
  g_assert_cmpstr (ods_ckan_package_get_name (pkg), ==, "thu-chi-ngan-sach-2026");
  g_assert_cmpstr (ods_ckan_package_get_title (pkg), ==, "Thu chi ngân sách 2026");
  g_assert_cmpstr (ods_ckan_package_get_notes (pkg), ==, "Số liệu thu chi ngân sách theo quý");
  g_assert_cmpstr (ods_ckan_package_get_owner_org (pkg), ==, "b1c24049-f035-4531-8cba-201fa2f2e632");
  g_assert_false (ods_ckan_package_get_private (pkg));
  g_assert_cmpstr (ods_ckan_package_get_frequency (pkg), ==, "quarterly");

  org = ods_ckan_package_get_organization (pkg);
  g_assert_nonnull (org);
  g_assert_cmpstr (ods_ckan_organization_get_display_name (org), ==, "Sở Tài chính");

  g_assert_cmpuint (ods_ckan_package_get_resources (pkg)->len, ==, 1);
  res = ods_ckan_package_find_resource (pkg, "b63d2c60-2056-42ba-9ce7-648c0c31481a");
  g_assert_nonnull (res);
  g_assert_cmpstr (ods_ckan_resource_get_period (res), ==, "2026-Q2");
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, 48);
  g_assert_true (ods_ckan_resource_is_upload (res));
  g_assert_cmpstr (ods_ckan_resource_get_mimetype (res), ==, "text/csv");
  lm = ods_ckan_resource_get_last_modified (res);
  g_assert_nonnull (lm);
  /* CKAN writes UTC without an offset. */
  g_assert_cmpint (g_date_time_get_utc_offset (lm), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (lm), ==, 13);
  g_assert_cmpint (g_date_time_get_minute (lm), ==, 54);
  g_assert_cmpstr (ods_ckan_resource_get_field (res, "position"), ==, "0");
  g_assert_null (ods_ckan_resource_get_field (res, "resource_type"));
  g_assert_null (ods_ckan_package_find_submission (pkg, "nope"));

  /* The same through properties, as the GUI binds them. */
  {
    g_autofree char *display = NULL;
    g_autofree char *period = NULL;
    g_autoptr(GDateTime) when = NULL;
    gboolean private_ = TRUE;
    guint n = 0;
    gint64 size = 0;

    g_object_get (pkg, "display-name", &display, "private", &private_, "n-resources", &n, NULL);
    g_assert_cmpstr (display, ==, "Thu chi ngân sách 2026");
    g_assert_false (private_);
    g_assert_cmpuint (n, ==, 1);
    g_object_get (res, "period", &period, "size", &size, "last-modified", &when, NULL);
    g_assert_cmpstr (period, ==, "2026-Q2");
    g_assert_cmpint (size, ==, 48);
    g_assert_true (g_date_time_equal (when, lm));
  }
}

static void
test_package_search (void)
{
  g_autoptr(JsonNode) result = load_result ("200-package_search_include_private.json");
  JsonObject *obj = json_node_get_object (result);
  JsonArray *results = json_object_get_array_member (obj, "results");
  gboolean saw_private = FALSE;

  g_assert_cmpint (json_object_get_int_member (obj, "count"), ==, json_array_get_length (results));
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsCkanPackage) pkg =
        ods_ckan_package_new_from_json (json_array_get_object_element (results, i), &error);

      g_assert_no_error (error);
      if (ods_ckan_package_get_private (pkg))
        saw_private = TRUE;
    }
  g_assert_true (saw_private);
}

static void
test_resource_custom_fields (void)
{
  g_autoptr(JsonNode) result = load_result ("200-resource_create.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanResource) res = ods_ckan_resource_new_from_json (json_node_get_object (result), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_resource_get_name (res), ==, "Thu chi 2026 Q3");
  g_assert_cmpstr (ods_ckan_resource_get_description (res), ==, "Báo cáo quý 3");
  g_assert_cmpstr (ods_ckan_resource_get_period (res), ==, "2026-Q3");
  g_assert_cmpstr (ods_ckan_resource_get_field (res, "reporting_unit"), ==, "so-tai-chinh");
  g_assert_cmpstr (ods_ckan_resource_get_hash (res), ==, "");
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, 61);
  g_assert_true (g_str_has_suffix (ods_ckan_resource_get_url (res), "/download/thu_chi_2026_q3.csv"));
}

static void
test_resource_link (void)
{
  g_autoptr(JsonNode) result = load_result ("200-resource_create_link.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanResource) res = ods_ckan_resource_new_from_json (json_node_get_object (result), &error);

  g_assert_no_error (error);
  g_assert_false (ods_ckan_resource_is_upload (res));
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, -1);
}

static void
test_resource_schema (void)
{
  /* ckanext-validation stores the Table Schema as a JSON string. */
  g_autoptr(JsonObject) as_string = parse_object (
    "{\"id\": \"r1\", \"schema\": \"{\\\"fields\\\": [{\\\"name\\\": \\\"ma_don_vi\\\", \\\"type\\\": \\\"string\\\"}]}\","
    " \"sha256\": \"abc\", \"submission_id\": \"u-1\"}");
  g_autoptr(JsonObject) as_object = parse_object (
    "{\"id\": \"r2\", \"schema\": {\"fields\": [{\"name\": \"x\", \"type\": \"integer\"}]}}");
  g_autoptr(JsonObject) as_number = parse_object ("{\"id\": \"r3\", \"schema\": 5}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanResource) r1 = ods_ckan_resource_new_from_json (as_string, &error);
  g_autoptr(OdsCkanResource) r2 = NULL;
  g_autoptr(OdsCkanResource) r3 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_resource_get_schema (r1), ==,
                   "{\"fields\": [{\"name\": \"ma_don_vi\", \"type\": \"string\"}]}");
  g_assert_cmpstr (ods_ckan_resource_get_sha256 (r1), ==, "abc");
  g_assert_cmpstr (ods_ckan_resource_get_submission_id (r1), ==, "u-1");

  r2 = ods_ckan_resource_new_from_json (as_object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ods_ckan_resource_get_schema (r2), "\"integer\""));

  r3 = ods_ckan_resource_new_from_json (as_number, &error);
  g_assert_null (r3);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
}

static void
test_wrong_types (void)
{
  static const char *packages[] = {
    "{\"name\": \"no-id\"}",
    "{\"id\": 5, \"name\": \"x\"}",
    "{\"id\": \"a\", \"name\": \"x\", \"private\": \"false\"}",
    "{\"id\": \"a\", \"name\": \"x\", \"resources\": {}}",
    "{\"id\": \"a\", \"name\": \"x\", \"resources\": [1]}",
    "{\"id\": \"a\", \"name\": \"x\", \"resources\": [{\"id\": \"r\", \"size\": \"big\"}]}",
    "{\"id\": \"a\", \"name\": \"x\", \"resources\": [{\"id\": \"r\", \"last_modified\": \"yesterday\"}]}",
    "{\"id\": \"a\", \"name\": \"x\", \"extras\": [{\"value\": \"v\"}]}",
    "{\"id\": \"a\", \"name\": \"x\", \"organization\": []}",
    "{\"id\": \"a\", \"name\": \"x\", \"title\": [\"t\"]}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (packages); i++)
    {
      g_autoptr(JsonObject) obj = parse_object (packages[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsCkanPackage) pkg = ods_ckan_package_new_from_json (obj, &error);

      g_assert_null (pkg);
      g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
    }
}

static void
test_scheming_frequency (void)
{
  g_autoptr(JsonObject) obj = parse_object (
    "{\"id\": \"a\", \"name\": \"x\", \"update_frequency\": \"quarterly\", \"resources\": [], \"extras\": null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = ods_ckan_package_new_from_json (obj, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_package_get_frequency (pkg), ==, "quarterly");
  g_assert_cmpstr (ods_ckan_package_get_display_name (pkg), ==, "x");
}

static void
test_user_and_orgs (void)
{
  g_autoptr(JsonNode) user_node = load_result ("200-user_show.json");
  g_autoptr(JsonNode) orgs_node = load_result ("200-organization_list_for_user.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanUser) user = ods_ckan_user_new_from_json (json_node_get_object (user_node), &error);
  JsonArray *orgs = json_node_get_array (orgs_node);
  g_autoptr(OdsCkanOrganization) org = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (user), ==, "officer1");
  g_assert_cmpstr (ods_ckan_user_get_display_name (user), ==, "Officer One");
  g_assert_false (ods_ckan_user_get_sysadmin (user));

  g_assert_cmpuint (json_array_get_length (orgs), ==, 1);
  org = ods_ckan_organization_new_from_json (json_array_get_object_element (orgs, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_organization_get_name (org), ==, "so-tai-chinh");
  g_assert_cmpstr (ods_ckan_organization_get_title (org), ==, "Sở Tài chính");
  g_assert_cmpstr (ods_ckan_organization_get_capacity (org), ==, "editor");
}

static void
test_status (void)
{
  g_autoptr(JsonNode) node = load_result ("200-status_show.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanStatus) status = ods_ckan_status_new_from_json (json_node_get_object (node), &error);
  g_autoptr(JsonObject) with_plugins = parse_object (
    "{\"ckan_version\": \"2.10.4\", \"extensions\": [\"validation\", \"scheming_datasets\", \"xloader\"]}");
  g_autoptr(OdsCkanStatus) status2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (status->ckan_version, ==, "2.10.10");
  g_assert_false (status->has_validation);
  g_assert_false (status->has_scheming);
  g_assert_cmpuint (g_strv_length (status->extensions), ==, 3);

  status2 = ods_ckan_status_new_from_json (with_plugins, &error);
  g_assert_no_error (error);
  g_assert_true (status2->has_validation);
  g_assert_true (status2->has_scheming);
  g_assert_true (status2->has_xloader);
}

static void
test_validation_status (void)
{
  g_autoptr(JsonObject) obj = parse_object ("{\"status\": \"failure\", \"report\": {\"valid\": false}}");
  g_autoptr(JsonObject) bad = parse_object ("{\"status\": 3}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanValidation) v = ods_ckan_validation_new_from_json (obj, &error);
  g_autoptr(OdsCkanValidation) v2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (v->status, ==, ODS_CKAN_VALIDATION_FAILURE);
  g_assert_true (ods_ckan_validation_is_final (v));
  g_assert_cmpstr (v->report, ==, "{\"valid\":false}");

  v2 = ods_ckan_validation_new_from_json (bad, &error);
  g_assert_null (v2);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ckan-model/package-show", test_package_show);
  g_test_add_func ("/ckan-model/package-search", test_package_search);
  g_test_add_func ("/ckan-model/resource-custom-fields", test_resource_custom_fields);
  g_test_add_func ("/ckan-model/resource-link", test_resource_link);
  g_test_add_func ("/ckan-model/resource-schema", test_resource_schema);
  g_test_add_func ("/ckan-model/wrong-types", test_wrong_types);
  g_test_add_func ("/ckan-model/scheming-frequency", test_scheming_frequency);
  g_test_add_func ("/ckan-model/user-and-orgs", test_user_and_orgs);
  g_test_add_func ("/ckan-model/status", test_status);
  g_test_add_func ("/ckan-model/validation-status", test_validation_status);

  return g_test_run ();
}
