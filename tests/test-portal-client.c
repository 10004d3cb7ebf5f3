/* OdsPortalClient and sign-in against the stand-in CKAN portal on 127.0.0.1. */
#include "ods-i18n.h"
#include "ods-portal-account.h"
#include "ods-portal-client.h"
#include "ods-portal-error.h"
#include "ods-portal-login.h"
#include "ods-sha256.h"

#include "portal-fixture.h"

#include <stdio.h>

static TestPortal *portal;   /* shared by the tests that do not change state */

static OdsPortalClient *
client_for (const char *url,
            const char *user)
{
  g_autoptr(GError) error = NULL;
  OdsPortalClient *client = ods_portal_client_new (url, FALSE, NULL, &error);

  g_assert_no_error (error);
  if (user != NULL)
    {
      g_autofree char *token = test_portal_token (user);

      ods_portal_client_set_token (client, token);
    }
  return client;
}

static void
test_url_rules (void)
{
  static const struct { const char *url; gboolean insecure_ok; gboolean ok; } cases[] = {
    { "https://data.binhdinh.gov.vn", FALSE, TRUE },
    { "http://127.0.0.1:5000/", FALSE, TRUE },
    { "http://127.9.9.9/", FALSE, TRUE },
    { "http://localhost:8780", FALSE, TRUE },
    { "http://[::1]:8780/", FALSE, TRUE },
    { "http://data.binhdinh.gov.vn", FALSE, FALSE },
    { "http://data.binhdinh.gov.vn", TRUE, TRUE },
    { "ftp://data.binhdinh.gov.vn", TRUE, FALSE },
    { "data.binhdinh.gov.vn", TRUE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsPortalClient) client = ods_portal_client_new (cases[i].url, cases[i].insecure_ok, NULL, &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (g_str_has_suffix (ods_portal_client_get_url (client), "/"));
        }
      else
        {
          g_assert_null (client);
          g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_INSECURE_URL);
        }
    }
}

static void
test_bad_ca_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalClient) client = ods_portal_client_new ("https://data.binhdinh.gov.vn", FALSE,
                                                             "/nonexistent/ca.pem", &error);

  g_assert_null (client);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ca.pem"));
}

static void
test_status_show (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanStatus) status = NULL;

  ods_portal_client_status_show_async (client, NULL, test_on_result, &result);
  test_wait (&result);
  status = ods_portal_client_status_show_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->ckan_version, ==, "2.10.10");
  g_assert_true (status->has_validation);
  g_assert_false (status->has_xloader);
}

static OdsCkanUser *
whoami (OdsPortalClient *client,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_client_whoami_async (client, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_client_whoami_finish (client, result, error);
}

static void
test_whoami (void)
{
  /* As on CKAN 2.10 (the stand-in's default): the account name goes with
   * the token, and api_token_list checks that the token is that account's. */
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-stc");
  g_autoptr(OdsPortalClient) bad = client_for (portal->url, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  g_autoptr(OdsCkanUser) nobody = NULL;

  ods_portal_client_set_user_name (client, "officer-stc");
  user = whoami (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (user), ==, "officer-stc");
  g_assert_cmpstr (ods_ckan_user_get_display_name (user), ==, "Nguyễn Văn An");

  ods_portal_client_set_token (bad, "not-a-valid-token");
  ods_portal_client_set_user_name (bad, "officer-syt");
  nobody = whoami (bad, &error);
  g_assert_null (nobody);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "token is invalid or expired"));
}

static void
test_whoami_bad_token (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, NULL);
  g_autoptr(OdsPortalClient) nobody = client_for (portal->url, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  g_autofree char *good = test_portal_token ("officer-stc");
  g_autofree char *bad = g_strdup (good);

  /* A well-formed token with one signature character changed, as in sample 55. */
  bad[strlen (bad) - 2] = bad[strlen (bad) - 2] == 'A' ? 'B' : 'A';
  ods_portal_client_set_token (client, bad);
  ods_portal_client_set_user_name (client, "officer-stc");
  user = whoami (client, &error);
  g_assert_null (user);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "token is invalid or expired"));
  g_clear_error (&error);

  user = whoami (nobody, &error);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "not signed in"));
}

static void
test_whoami_needs_user_name (void)
{
  /* CKAN 2.10 has no "who am I": a good token without the account name
   * cannot be told from a bad one, and the officer is asked for the name. */
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-syt");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanUser) user = whoami (client, &error);

  g_assert_null (user);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "give your user name"));
}

static void
test_whoami_lenient (void)
{
  /* A portal whose user_show without id is "who am I" (--user-show-whoami):
   * no name needed, and a name that is not the token's is refused. */
  const char *args[] = { "--user-show-whoami", NULL };
  g_autoptr(TestPortal) lenient = test_portal_start (args);
  g_autoptr(OdsPortalClient) client = client_for (lenient->url, "officer-syt");
  g_autoptr(OdsPortalClient) other = client_for (lenient->url, "officer-syt");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  g_autoptr(OdsCkanUser) nobody = NULL;

  user = whoami (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (user), ==, "officer-syt");

  ods_portal_client_set_user_name (other, "officer-stc");
  nobody = whoami (other, &error);
  g_assert_null (nobody);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "belongs to another account"));
}

/* ckanext-scheming puts the dataset's custom fields at the top level. */
static void
test_scheming (void)
{
  const char *args[] = { "--scheming", "--xloader", NULL };
  g_autoptr(TestPortal) scheming = test_portal_start (args);
  g_autoptr(OdsPortalClient) client = client_for (scheming->url, "officer-stc");
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanStatus) status = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  guint found = 0;

  ods_portal_client_status_show_async (client, NULL, test_on_result, &r1);
  test_wait (&r1);
  status = ods_portal_client_status_show_finish (client, r1, &error);
  g_assert_no_error (error);
  g_assert_true (status->has_scheming);
  g_assert_true (status->has_xloader);

  ods_portal_client_package_search_async (client, NULL, NULL, test_on_result, &r2);
  test_wait (&r2);
  packages = ods_portal_client_package_search_finish (client, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (packages->len, >, 0);
  for (guint i = 0; i < packages->len; i++)
    {
      OdsCkanPackage *pkg = g_ptr_array_index (packages, i);

      if (g_strcmp0 (ods_ckan_package_get_name (pkg), "thu-chi-ngan-sach") == 0)
        {
          g_assert_cmpstr (ods_ckan_package_get_frequency (pkg), ==, "quarterly");
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

static GPtrArray *
organizations (OdsPortalClient *client,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_client_organization_list_for_user_async (client, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_client_organization_list_for_user_finish (client, result, error);
}

static GPtrArray *
search (OdsPortalClient *client,
        const char      *owner_org,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_client_package_search_async (client, owner_org, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_client_package_search_finish (client, result, error);
}

static void
test_organizations_and_datasets (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-stc");
  g_autoptr(OdsPortalClient) anonymous = client_for (portal->url, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orgs = organizations (client, &error);
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) public_only = NULL;
  g_autoptr(GPtrArray) paged = NULL;
  OdsCkanOrganization *stc;
  gboolean saw_private = FALSE;

  /* Editor of Sở Tài chính; only a member of Sở KH&ĐT, which does not count. */
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 1);
  stc = g_ptr_array_index (orgs, 0);
  g_assert_cmpstr (ods_ckan_organization_get_name (stc), ==, "so-tai-chinh");
  g_assert_cmpstr (ods_ckan_organization_get_display_name (stc), ==, "Sở Tài chính");

  packages = search (client, ods_ckan_organization_get_id (stc), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (packages->len, ==, 4);
  for (guint i = 0; i < packages->len; i++)
    {
      OdsCkanPackage *pkg = g_ptr_array_index (packages, i);

      g_assert_cmpstr (ods_ckan_package_get_owner_org (pkg), ==, ods_ckan_organization_get_id (stc));
      if (ods_ckan_package_get_private (pkg))
        saw_private = TRUE;
    }
  g_assert_true (saw_private);

  /* Anonymous: the private dataset stays hidden. */
  public_only = search (anonymous, ods_ckan_organization_get_id (stc), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (public_only->len, ==, 3);

  /* Every page is read. */
  test_portal_reset_stats (portal);
  ods_portal_client_set_page_size (client, 1);
  paged = search (client, ods_ckan_organization_get_id (stc), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paged->len, ==, 4);
  g_assert_cmpint (test_portal_received (portal, "package_search"), >=, 4);
}

static OdsCkanPackage *
package_show (OdsPortalClient *client,
              const char      *id,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_client_package_show_async (client, id, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_client_package_show_finish (client, result, error);
}

static void
test_package_show_and_download (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-stc");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = package_show (client, "thu-chi-ngan-sach", &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanResource) res = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(OdsSha256) expected = ods_sha256_new ();
  static const char q1[] =
    "quy,chi_tieu,du_toan,thuc_hien\n2026-Q1,Thu nội địa,12500,3120.5\n2026-Q1,Thu xuất nhập khẩu,1800,402\n"
    "2026-Q1,Chi đầu tư phát triển,6400,1275\n2026-Q1,Chi thường xuyên,9800,2390.25\n";
  char expected_hex[ODS_SHA256_HEX_LEN + 1];
  g_autofree char *hex = NULL;
  goffset size = 0;
  OdsCkanResource *first;

  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_package_get_title (pkg), ==, "Thu chi ngân sách tỉnh theo quý");
  g_assert_cmpuint (ods_ckan_package_get_resources (pkg)->len, >=, 3);
  first = ods_ckan_package_find_resource (pkg, "2b7c3ce2-f633-421f-b396-2633a07845d4");
  g_assert_nonnull (first);
  g_assert_cmpstr (ods_ckan_resource_get_period (first), ==, "2026-Q1");
  g_assert_nonnull (ods_ckan_resource_get_schema (first));
  g_assert_nonnull (strstr (ods_ckan_resource_get_schema (first), "\"chi_tieu\""));

  ods_portal_client_resource_show_async (client, "2b7c3ce2-f633-421f-b396-2633a07845d4", NULL,
                                         test_on_result, &result);
  test_wait (&result);
  res = ods_portal_client_resource_show_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ods_ckan_resource_get_size (res), ==, strlen (q1));
  g_clear_object (&result);

  dest = g_file_new_tmp ("ods-download-XXXXXX", &io, &error);
  g_assert_no_error (error);
  ods_portal_client_download_async (client, ods_ckan_resource_get_url (res), dest, NULL, test_on_result, &result);
  test_wait (&result);
  hex = ods_portal_client_download_finish (client, result, &size, &error);
  g_assert_no_error (error);
  ods_sha256_update (expected, q1, strlen (q1));
  ods_sha256_finish_hex (expected, expected_hex);
  g_assert_cmpstr (hex, ==, expected_hex);
  g_assert_cmpint (size, ==, strlen (q1));
  g_file_delete (dest, NULL, NULL);
}

static void
test_not_found_and_private (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-stc");
  g_autoptr(OdsPortalClient) other_unit = client_for (portal->url, "officer-syt");
  g_autoptr(OdsPortalClient) anonymous = client_for (portal->url, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) none = package_show (client, "khong-ton-tai", &error);
  g_autoptr(OdsCkanPackage) hidden = NULL;
  g_autoptr(OdsCkanPackage) hidden2 = NULL;

  g_assert_null (none);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A private dataset: anonymous is "not signed in", another unit is "not allowed". */
  hidden = package_show (anonymous, "du-toan-chi-noi-bo", &error);
  g_assert_null (hidden);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_clear_error (&error);
  hidden2 = package_show (other_unit, "du-toan-chi-noi-bo", &error);
  g_assert_null (hidden2);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_FORBIDDEN);
}

static void
test_proxy_html_errors (void)
{
  static const struct { const char *kind; int code; const char *words; } cases[] = {
    { "html502", ODS_PORTAL_ERROR_SERVER, "unavailable" },
    { "html504", ODS_PORTAL_ERROR_SERVER, "unavailable" },
    { "error500", ODS_PORTAL_ERROR_SERVER, "unavailable" },
    { "html413", ODS_PORTAL_ERROR_TOO_LARGE, "too large for the portal" },
  };
  g_autoptr(OdsPortalClient) client = client_for (portal->url, "officer-stc");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rule = g_strdup_printf ("{\"kind\": \"%s\", \"action\": \"status_show\", \"times\": 1}",
                                               cases[i].kind);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OdsCkanStatus) status = NULL;

      test_portal_fault (portal, rule);
      ods_portal_client_status_show_async (client, NULL, test_on_result, &result);
      test_wait (&result);
      status = ods_portal_client_status_show_finish (client, result, &error);
      g_assert_null (status);
      g_assert_error (error, ODS_PORTAL_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
}

static gboolean
on_plain_incoming (GSocketService    *service,
                   GSocketConnection *connection,
                   GObject           *source,
                   gpointer           user_data)
{
  static const char reply[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, reply, sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_transport_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *https_url = NULL;
  g_autoptr(OdsPortalClient) tls = NULL;
  g_autoptr(OdsPortalClient) slow = client_for (portal->url, NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(OdsCkanStatus) s1 = NULL;
  g_autoptr(OdsCkanStatus) s2 = NULL;
  g_autoptr(OdsCkanStatus) s3 = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint16 closed_port;
  g_autofree char *closed_url = NULL;
  g_autoptr(OdsPortalClient) refused = NULL;
  g_autoptr(GSocketService) plain = NULL;
  guint16 plain_port;

  /* https:// to a server that answers in plain HTTP: the TLS handshake fails. */
  plain = g_socket_service_new ();
  plain_port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (plain, "incoming", G_CALLBACK (on_plain_incoming), NULL);
  g_socket_service_start (plain);
  https_url = g_strdup_printf ("https://127.0.0.1:%u/", plain_port);
  tls = client_for (https_url, NULL);
  ods_portal_client_status_show_async (tls, NULL, test_on_result, &r1);
  test_wait (&r1);
  s1 = ods_portal_client_status_show_finish (tls, r1, &error);
  g_assert_null (s1);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TLS);
  g_clear_error (&error);
  g_socket_service_stop (plain);

  /* Nothing listens there any more. */
  closed_port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u/", closed_port);
  refused = client_for (closed_url, NULL);
  ods_portal_client_status_show_async (refused, NULL, test_on_result, &r2);
  test_wait (&r2);
  s2 = ods_portal_client_status_show_finish (refused, r2, &error);
  g_assert_null (s2);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_NETWORK);
  g_assert_true (ods_portal_error_is_transient (error));
  g_clear_error (&error);

  /* The portal answers after the client gave up. */
  test_portal_fault (portal, "{\"kind\": \"delay\", \"action\": \"status_show\", \"delay_ms\": 3000, \"times\": 1}");
  ods_portal_client_set_timeout (slow, 1);
  ods_portal_client_status_show_async (slow, NULL, test_on_result, &r3);
  test_wait (&r3);
  s3 = ods_portal_client_status_show_finish (slow, r3, &error);
  g_assert_null (s3);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TIMEOUT);
  test_portal_fault (portal, "{\"clear\": true}");
}

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char body[] =
    "{\"help\": \"\", \"success\": true, \"result\": {\"ckan_version\": \"2.10.10\", \"extensions\": []}}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, sizeof body - 1);
}

static OdsCkanStatus *
status_of (OdsPortalClient *client,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_client_status_show_async (client, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_client_status_show_finish (client, result, error);
}

/* The HTTPS server runs in a child process (this binary with --tls-server):
 * server-side TLS inside a sanitized test process upsets LeakSanitizer. */
static int
run_tls_server (const char *cert_path,
                const char *key_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GSList *uris;

  if (cert == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, tls_handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("%u\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);   /* until SIGTERM */
  return 0;
}

static char *self_path;
static char *config_dir;

/* An agency's own certificate authority: trusted only through the CA file. */
static void
test_ca_file (void)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "data", "tls", "test-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "data", "tls", "test-key.pem", NULL);
  const char *argv[] = { self_path, "--tls-server", cert_path, key_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(OdsPortalClient) trusting = NULL;
  g_autoptr(OdsPortalClient) plain = NULL;
  g_autoptr(OdsCkanStatus) ok = NULL;
  g_autoptr(OdsCkanStatus) refused = NULL;
  g_autofree char *port = NULL;
  g_autofree char *url = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  port = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (port);
  url = g_strdup_printf ("https://127.0.0.1:%s/", port);

  trusting = ods_portal_client_new (url, FALSE, cert_path, &error);
  g_assert_no_error (error);
  ok = status_of (trusting, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ok->ckan_version, ==, "2.10.10");

  plain = ods_portal_client_new (url, FALSE, NULL, &error);
  g_assert_no_error (error);
  refused = status_of (plain, &error);
  g_assert_null (refused);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate authority"));

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
}

static void
test_cancel (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packages = NULL;

  ods_portal_client_package_search_async (client, NULL, cancellable, test_on_result, &result);
  g_cancellable_cancel (cancellable);
  test_wait (&result);
  packages = ods_portal_client_package_search_finish (client, result, &error);
  g_assert_null (packages);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- uploads: sent from a worker thread, progress on the main one ------ */

static GThread *main_thread;

typedef struct
{
  guint64       done;
  guint64       total;
  guint         calls;
  guint         off_main_thread;
  GCancellable *cancel;         /* cancelled at the first figure */
} UploadProgress;

static void
on_upload_progress (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  UploadProgress *p = user_data;

  if (g_thread_self () != main_thread)
    p->off_main_thread++;
  p->done = done;
  p->total = total;
  p->calls++;
  if (p->cancel != NULL)
    g_cancellable_cancel (p->cancel);
}

/* A file of @mib MiB, removed with @dir by the caller. */
static GFile *
big_file (const char *dir,
          guint       mib)
{
  g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *block = g_malloc (1 << 20);
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  for (gsize i = 0; i < (1 << 20); i++)
    block[i] = "quy,chi_tieu,du_toan,thuc_hien\n"[i % 31];
  for (guint i = 0; i < mib; i++)
    g_assert_cmpuint (fwrite (block, 1, 1 << 20, f), ==, 1 << 20);
  fclose (f);
  return g_file_new_for_path (path);
}

static guint
count_named (OdsPortalClient *admin,
             const char      *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanPackage) pkg = NULL;
  GPtrArray *resources;
  guint n = 0;

  ods_portal_client_package_show_async (admin, "thu-chi-ngan-sach", NULL, test_on_result, &result);
  test_wait (&result);
  pkg = ods_portal_client_package_show_finish (admin, result, &error);
  g_assert_no_error (error);
  resources = ods_ckan_package_get_resources (pkg);
  for (guint i = 0; i < resources->len; i++)
    if (g_strcmp0 (ods_ckan_resource_get_name (g_ptr_array_index (resources, i)), name) == 0)
      n++;
  return n;
}

static void
upload_big (gboolean cancel)
{
  static const char * const args[] = { "--max-resource-size-mb=64", "--no-validation", NULL };
  g_autoptr(TestPortal) big = test_portal_start (args);
  g_autoptr(OdsPortalClient) client = client_for (big->url, "officer-stc");
  g_autoptr(OdsPortalClient) admin = client_for (big->url, "admin");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsCkanResource) res = NULL;
  g_autoptr(GFile) file = big_file (big->dir, 48);
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "big upload", "format", "CSV", NULL };
  UploadProgress progress = { .cancel = cancel ? cancellable : NULL };

  ods_portal_client_resource_create_async (client, fields, file, "text/csv", on_upload_progress, &progress,
                                           cancellable, test_on_result, &result);
  test_wait (&result);
  res = ods_portal_client_resource_create_finish (client, result, &error);
  g_assert_cmpuint (progress.calls, >, 0);
  g_assert_cmpuint (progress.off_main_thread, ==, 0);
  g_assert_cmpuint (progress.total, >, 48 << 20);
  if (cancel)
    {
      /* The first figure comes at once: the send stops long before the end. */
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (res);
      g_assert_cmpuint (progress.done, <, progress.total);
      g_assert_cmpuint (count_named (admin, "big upload"), ==, 0);
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpint (ods_ckan_resource_get_size (res), ==, 48 << 20);
      g_assert_cmpuint (progress.done, ==, progress.total);
      g_assert_cmpuint (count_named (admin, "big upload"), ==, 1);
    }
  g_file_delete (file, NULL, NULL);
}

static void
test_upload_progress (void)
{
  upload_big (FALSE);
}

static void
test_upload_cancel_mid_send (void)
{
  upload_big (TRUE);
}

static char *
login (OdsPortalClient *client,
       const char      *user,
       const char      *password,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ods_portal_login_async (client, user, password, NULL, test_on_result, &result);
  test_wait (&result);
  return ods_portal_login_finish (client, result, error);
}

static void
test_password_login (void)
{
  g_autoptr(OdsPortalClient) client = client_for (portal->url, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = login (client, "officer-sgd", "sgd-demo-2026", &error);
  g_autoptr(OdsCkanUser) user = NULL;
  g_autofree char *wrong = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (token);
  ods_portal_client_set_token (client, token);
  ods_portal_client_set_user_name (client, "officer-sgd");
  user = whoami (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (user), ==, "officer-sgd");

  wrong = login (client, "officer-sgd", "wrong-password", &error);
  g_assert_null (wrong);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "user name or password is wrong"));
}

/* Sign in, open again, sign out: what the sign-in dialog does (needs the keyring). */
static void
test_account (void)
{
  g_autoptr(OdsPortalSettings) settings = ods_portal_settings_new (portal->url);
  g_autofree char *token = test_portal_token ("officer-skhdt");
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) revoke_error = NULL;
  g_autoptr(OdsPortalAccount) signed_in = NULL;
  g_autoptr(OdsPortalAccount) reopened = NULL;
  g_autoptr(OdsPortalAccount) gone = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) saved = NULL;
  gboolean revoked = FALSE;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: run under dbus-run-session with gnome-keyring");
      return;
    }
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");

  ods_portal_account_sign_in_async (settings, "officer-skhdt", NULL, token, NULL, test_on_result, &r1);
  test_wait (&r1);
  signed_in = ods_portal_account_sign_in_finish (r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (ods_portal_account_get_user (signed_in)), ==, "officer-skhdt");
  g_assert_cmpuint (ods_portal_account_get_organizations (signed_in)->len, ==, 1);

  /* Remembered, without the token. */
  config = ods_portal_config_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_portal_config_get_last_portal (config), ==, portal->url);
  saved = ods_portal_config_get (config, portal->url);
  g_assert_cmpstr (saved->user, ==, "officer-skhdt");

  ods_portal_account_open_async (saved, NULL, test_on_result, &r2);
  test_wait (&r2);
  reopened = ods_portal_account_open_finish (r2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (ods_portal_account_get_user (reopened)), ==, "officer-skhdt");

  ods_portal_sign_out_async (saved, NULL, test_on_result, &r3);
  test_wait (&r3);
  g_assert_true (ods_portal_sign_out_finish (r3, &revoked, &revoke_error, &error));
  g_assert_no_error (error);
  g_assert_no_error (revoke_error);
  g_assert_true (revoked);

  ods_portal_account_open_async (saved, NULL, test_on_result, &r4);
  test_wait (&r4);
  gone = ods_portal_account_open_finish (r4, &error);
  g_assert_null (gone);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "not signed in"));
}

/* Unattended: OPENDATA_SUBMIT_TOKEN with OPENDATA_SUBMIT_USER, no keyring. */
static void
test_account_from_env (void)
{
  g_autoptr(OdsPortalSettings) settings = ods_portal_settings_new (portal->url);
  g_autofree char *token = test_portal_token ("officer-syt");
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  g_autoptr(OdsPortalAccount) nameless = NULL;

  g_setenv ("OPENDATA_SUBMIT_TOKEN", token, TRUE);
  g_setenv ("OPENDATA_SUBMIT_USER", " officer-syt\n", TRUE);
  ods_portal_account_open_async (settings, NULL, test_on_result, &r1);
  test_wait (&r1);
  account = ods_portal_account_open_finish (r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ods_ckan_user_get_name (ods_portal_account_get_user (account)), ==, "officer-syt");

  g_unsetenv ("OPENDATA_SUBMIT_USER");
  ods_portal_account_open_async (settings, NULL, test_on_result, &r2);
  test_wait (&r2);
  nameless = ods_portal_account_open_finish (r2, &error);
  g_assert_null (nameless);
  g_assert_error (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "give your user name"));
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
}

static void
test_csrf_parsing (void)
{
  static const char page[] =
    "<head>\n<meta name=\"csrf_field_name\" content=\"_csrf_token\" />\n"
    "<meta name=\"_csrf_token\" content=\"IjYzYTYy.awg6Nw.n5EC\" />\n</head>";
  static const char form[] = "<form><input type=\"hidden\" name=\"_csrf_token\" value=\"abc.def\"/></form>";
  g_autofree char *a = ods_portal_login_find_csrf (page, strlen (page));
  g_autofree char *b = ods_portal_login_find_csrf (form, strlen (form));
  g_autofree char *c = ods_portal_login_find_csrf ("<html></html>", 13);

  g_assert_cmpstr (a, ==, "IjYzYTYy.awg6Nw.n5EC");
  g_assert_cmpstr (b, ==, "abc.def");
  g_assert_null (c);
}

int
main (int argc, char **argv)
{
  int rc;

  if (argc == 4 && g_str_equal (argv[1], "--tls-server"))
    return run_tls_server (argv[2], argv[3]);
  self_path = g_canonicalize_filename (argv[0], NULL);
  config_dir = g_dir_make_tmp ("ods-client-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

  portal = test_portal_start (NULL);

  g_test_add_func ("/portal-client/url-rules", test_url_rules);
  g_test_add_func ("/portal-client/bad-ca-file", test_bad_ca_file);
  g_test_add_func ("/portal-client/status-show", test_status_show);
  g_test_add_func ("/portal-client/whoami", test_whoami);
  g_test_add_func ("/portal-client/whoami-bad-token", test_whoami_bad_token);
  g_test_add_func ("/portal-client/whoami-needs-user-name", test_whoami_needs_user_name);
  g_test_add_func ("/portal-client/whoami-lenient", test_whoami_lenient);
  g_test_add_func ("/portal-client/organizations-and-datasets", test_organizations_and_datasets);
  g_test_add_func ("/portal-client/scheming", test_scheming);
  g_test_add_func ("/portal-client/package-show-and-download", test_package_show_and_download);
  g_test_add_func ("/portal-client/not-found-and-private", test_not_found_and_private);
  g_test_add_func ("/portal-client/proxy-html-errors", test_proxy_html_errors);
  g_test_add_func ("/portal-client/transport-errors", test_transport_errors);
  g_test_add_func ("/portal-client/ca-file", test_ca_file);
  g_test_add_func ("/portal-client/cancel", test_cancel);
  g_test_add_func ("/portal-client/upload-progress", test_upload_progress);
  g_test_add_func ("/portal-client/upload-cancel-mid-send", test_upload_cancel_mid_send);
  g_test_add_func ("/portal-client/password-login", test_password_login);
  g_test_add_func ("/portal-client/account", test_account);
  g_test_add_func ("/portal-client/account-from-env", test_account_from_env);
  g_test_add_func ("/portal-client/csrf-parsing", test_csrf_parsing);

  rc = g_test_run ();
  test_portal_stop (portal);
  remove_tree (config_dir);
  g_free (config_dir);
  g_free (self_path);
  return rc;
}
