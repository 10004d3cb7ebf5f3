/* Maps recorded CKAN 2.10 answers (tests/data/ckan/) to the errors an officer sees. */
#include "ods-i18n.h"
#include "ods-portal-error.h"

#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ckan", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static GError *
map_file (guint       status,
          const char *content_type,
          const char *name)
{
  g_autoptr(GBytes) body = load (name);
  g_autoptr(JsonNode) result = NULL;
  GError *error = ods_portal_error_from_response (status, content_type, body, &result);

  g_assert_null (result);
  return error;
}

#define JSON_CT "application/json;charset=utf-8"

static void
test_success_envelope (void)
{
  g_autoptr(GBytes) body = load ("200-status_show.json");
  g_autoptr(JsonNode) result = NULL;
  GError *error = ods_portal_error_from_response (200, JSON_CT, body, &result);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (result));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (result), "ckan_version"), ==, "2.10.10");
}

static void
test_validation_fields (void)
{
  g_autoptr(GError) error = map_file (409, JSON_CT, "409-validation_rows_not_int.json");
  GHashTable *fields;
  const char * const *msgs;

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_VALIDATION);
  g_assert_cmpuint (ods_portal_error_get_http_status (error), ==, 409);
  fields = ods_portal_error_get_fields (error);
  g_assert_nonnull (fields);
  g_assert_cmpuint (g_hash_table_size (fields), ==, 1);
  msgs = g_hash_table_lookup (fields, "rows");
  g_assert_nonnull (msgs);
  g_assert_cmpstr (msgs[0], ==, "Invalid integer");
  g_assert_cmpstr (msgs[1], ==, "Please enter an integer value");
  g_assert_null (msgs[2]);
  /* The officer's sentence first, the portal's words after. */
  g_assert_true (g_str_has_prefix (error->message, ods_portal_error_get_summary (error)));
  g_assert_nonnull (strstr (error->message, "rows: Invalid integer; Please enter an integer value"));
}

static void
test_validation_copy (void)
{
  g_autoptr(GError) error = map_file (409, JSON_CT, "409-validation_missing_package_id.json");
  g_autoptr(GError) copy = g_error_copy (error);
  const char * const *msgs;

  g_assert_error (copy, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_VALIDATION);
  msgs = g_hash_table_lookup (ods_portal_error_get_fields (copy), "package_id");
  g_assert_cmpstr (msgs[0], ==, "Missing value");
  g_assert_cmpstr (ods_portal_error_get_detail (copy), ==, ods_portal_error_get_detail (error));
}

static void
test_too_large_409 (void)
{
  g_autoptr(GError) error = map_file (409, JSON_CT, "409-upload_too_large.json");

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large for the portal"));
  g_assert_false (ods_portal_error_is_transient (error));
}

static void
test_too_large_html_413 (void)
{
  g_autoptr(GError) error = map_file (413, "text/html", "413-nginx.html");

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "too large for the portal"));
}

static void
test_html_502 (void)
{
  g_autoptr(GError) error = map_file (502, "text/html", "502-nginx.html");

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "Try again later"));
  g_assert_true (ods_portal_error_is_transient (error));
}

static void
test_html_504 (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<html>gateway timeout</html>", 28);
  g_autoptr(GError) error = ods_portal_error_from_response (504, "text/html", body, NULL);

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_SERVER);
  g_assert_true (ods_portal_error_is_transient (error));
}

static void
test_bare_string_400 (void)
{
  g_autoptr(GError) e1 = map_file (400, JSON_CT, "400-unknown_action.json");
  g_autoptr(GError) e2 = map_file (400, JSON_CT, "400-bad_json_body.json");

  g_assert_error (e1, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (e1->message, "Action name not known: no_such_action"));
  g_assert_error (e2, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_REQUEST);
}

static void
test_search_query_error (void)
{
  g_autoptr(GError) error = map_file (400, JSON_CT, "400-search_bad_sort.json");

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "Invalid \"sort\" parameter"));
}

static void
test_not_found (void)
{
  g_autoptr(GError) error = map_file (404, JSON_CT, "404-not_found.json");

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND);
}

static void
test_authorization (void)
{
  /* Anonymous (no or bad token): an empty user name in the message. */
  g_autoptr(GError) anon = map_file (403, JSON_CT, "403-authorization_anonymous.json");
  /* Signed in, but not allowed. */
  g_autoptr(GError) officer = map_file (403, JSON_CT, "403-authorization_officer.json");

  g_assert_error (anon, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (anon->message, "token is invalid or expired"));
  g_assert_error (officer, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_FORBIDDEN);
  g_assert_null (strstr (officer->message, "token is invalid"));
}

static void
test_html_on_success (void)
{
  /* A captive portal or a login page where JSON was expected. */
  g_autoptr(GBytes) body = g_bytes_new_static ("<!DOCTYPE html><html></html>", 28);
  g_autoptr(GError) error = ods_portal_error_from_response (200, "text/html; charset=utf-8", body, NULL);

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
}

static void
test_malformed_json (void)
{
  static const char *bodies[] = {
    "{\"success\": true",                       /* cut off */
    "{\"success\": true}",                      /* no result */
    "{\"success\": \"yes\", \"result\": 1}",    /* wrong type */
    "[1, 2, 3]",
    "{\"success\": false, \"error\": \"x\"}",
    "\xff\xfe\x00garbage",
    "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (bodies[i], strlen (bodies[i]));
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(GError) error = ods_portal_error_from_response (200, JSON_CT, body, &result);

      g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
      g_assert_null (result);
    }
}

static void
test_huge_body (void)
{
  gsize len = ODS_PORTAL_MAX_RESPONSE_BYTES + 1;
  g_autoptr(GBytes) body = g_bytes_new_take (g_malloc0 (len), len);
  g_autoptr(GError) error = ods_portal_error_from_response (200, JSON_CT, body, NULL);

  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_BAD_RESPONSE);
}

static void
test_transport (void)
{
  struct {
    GQuark domain;
    int code;
    int expected;
  } cases[] = {
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, ODS_PORTAL_ERROR_TLS },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, ODS_PORTAL_ERROR_TIMEOUT },
    { G_IO_ERROR, G_IO_ERROR_PROXY_FAILED, ODS_PORTAL_ERROR_PROXY },
    { G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH, ODS_PORTAL_ERROR_PROXY },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, ODS_PORTAL_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, ODS_PORTAL_ERROR_NETWORK },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, ODS_PORTAL_ERROR_NETWORK },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, ODS_PORTAL_ERROR_BAD_RESPONSE },
  };
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");
  g_autoptr(GError) mapped_cancel = ods_portal_error_from_transport (cancelled);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) in = g_error_new_literal (cases[i].domain, cases[i].code, "low-level words");
      g_autoptr(GError) out = ods_portal_error_from_transport (in);

      g_assert_error (out, ODS_PORTAL_ERROR, cases[i].expected);
      g_assert_cmpstr (ods_portal_error_get_detail (out), ==, "low-level words");
    }
  g_assert_error (mapped_cancel, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_vietnamese_subprocess (void)
{
  g_autoptr(GError) error = NULL;

  /* A fresh process: gettext caches what it translated before. */
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  error = map_file (409, JSON_CT, "409-upload_too_large.json");
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Tệp quá lớn"));
  g_assert_nonnull (strstr (error->message, "Chi tiết kỹ thuật"));
}

static void
test_vietnamese (void)
{
  g_test_trap_subprocess ("/portal-errors/vietnamese/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal-errors/success", test_success_envelope);
  g_test_add_func ("/portal-errors/validation-fields", test_validation_fields);
  g_test_add_func ("/portal-errors/validation-copy", test_validation_copy);
  g_test_add_func ("/portal-errors/too-large-409", test_too_large_409);
  g_test_add_func ("/portal-errors/too-large-html-413", test_too_large_html_413);
  g_test_add_func ("/portal-errors/html-502", test_html_502);
  g_test_add_func ("/portal-errors/html-504", test_html_504);
  g_test_add_func ("/portal-errors/bare-string-400", test_bare_string_400);
  g_test_add_func ("/portal-errors/search-query-error", test_search_query_error);
  g_test_add_func ("/portal-errors/not-found", test_not_found);
  g_test_add_func ("/portal-errors/authorization", test_authorization);
  g_test_add_func ("/portal-errors/html-on-success", test_html_on_success);
  g_test_add_func ("/portal-errors/malformed-json", test_malformed_json);
  g_test_add_func ("/portal-errors/huge-body", test_huge_body);
  g_test_add_func ("/portal-errors/transport", test_transport);
  g_test_add_func ("/portal-errors/vietnamese", test_vietnamese);
  g_test_add_func ("/portal-errors/vietnamese/subprocess", test_vietnamese_subprocess);

  return g_test_run ();
}
