/* Tests for the stand-in CKAN portal (tests/portal/): each group checks one
 * category of the recorded CKAN 2.10 samples (../shared/ckan-samples) against
 * the real server, started on 127.0.0.1 port 0 and spoken to over HTTP. */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "ods-sha256.h"
#include "fs-fixture.h"

#define STC_TOKEN "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJkZW1vLW9mZmljZXItc3RjIiwiaWF0IjoxNzkxMzMxMjAwfQ.VOWrsThDB5mWeFqK-a1ENAUUbayAU4QGoTS_tY_kimg"
#define SYT_TOKEN "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJkZW1vLW9mZmljZXItc3l0IiwiaWF0IjoxNzkxMzMxMjAwfQ.1faaNhz-ygOhRWYPXDv7yNEUO5U9_eXoOUfBOMxTD1Q"
#define VIEWER_TOKEN "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJkZW1vLXZpZXdlci1zdGMiLCJpYXQiOjE3OTEzMzEyMDB9.yeRw4LBKDpaKN6abJoeOhPzjZmJBCW3F_R10IRIcKXs"
#define STC_ORG_ID "b73343b9-a955-483a-9c52-f69655fe09c0"
#define THU_CHI_ID "00d71ec3-17ed-424b-a9c6-c40568b0fdc5"

typedef struct
{
  GSubprocess *proc;
  char        *base;
  char        *data_dir;
  SoupSession *session;
} Portal;

typedef struct
{
  guint      status;
  char      *content_type;
  GBytes    *body;
  JsonNode  *json;
  GError    *error;   /* transport failure */
} Reply;

static void
reply_free (Reply *r)
{
  g_free (r->content_type);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* A failed assertion aborts the test: the server must not outlive it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static Portal *
portal_start (const char *first_arg,
              ...)
{
  const char *bin = g_getenv ("OPENDATA_SUBMIT_PORTAL_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;
  Portal *p = g_new0 (Portal, 1);
  va_list args;

  g_assert_nonnull (bin);
  p->data_dir = g_dir_make_tmp ("test-portal-XXXXXX", &error);
  g_assert_no_error (error);

  g_ptr_array_add (argv, (char *) bin);
  g_ptr_array_add (argv, (char *) "--port=0");
  g_ptr_array_add (argv, (char *) "--enable-faults");
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, p->data_dir);
  va_start (args, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
#ifdef __SANITIZE_ADDRESS__
  /* ASan's quarantine keeps freed chunks resident; the memory test wants ours. */
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=1:quarantine_size_mb=1", TRUE);
#endif
  p->proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p->proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));
  p->base = g_strndup (line + strlen ("listening on "), strlen (line) - strlen ("listening on ") - 1);
  p->session = soup_session_new_with_options ("timeout", 60, NULL);
  return p;
}

static void
portal_stop (Portal *p)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (p->proc, SIGTERM);
  g_subprocess_wait (p->proc, NULL, &error);
  g_assert_no_error (error);
  /* Clean exit on SIGTERM (ASan would make it non-zero on a leak). */
  g_assert_true (g_subprocess_get_if_exited (p->proc));
  g_assert_cmpint (g_subprocess_get_exit_status (p->proc), ==, 0);
  g_object_unref (p->proc);
  g_object_unref (p->session);
  remove_tree (p->data_dir);
  g_free (p->data_dir);
  g_free (p->base);
  g_free (p);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Portal, portal_stop)

static Reply *
send_message (Portal      *p,
              SoupMessage *msg)
{
  Reply *r = g_new0 (Reply, 1);
  const char *ct;

  r->body = soup_session_send_and_read (p->session, msg, NULL, &r->error);
  if (r->body == NULL)
    return r;
  r->status = soup_message_get_status (msg);
  ct = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  r->content_type = g_strdup (ct);
  if (g_strcmp0 (ct, "application/json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r->body, &len);

      if (json_parser_load_from_data (parser, data, len, NULL))
        r->json = json_node_copy (json_parser_get_root (parser));
    }
  return r;
}

/* method, path (with query), token or NULL, content type or NULL, body or NULL */
static Reply *
request (Portal     *p,
         const char *method,
         const char *path,
         const char *token,
         const char *content_type,
         const char *body)
{
  g_autofree char *url = g_strconcat (p->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (token)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", token);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  return send_message (p, msg);
}

static Reply *
api_get (Portal     *p,
         const char *path,
         const char *token)
{
  g_autofree char *full = g_strconcat ("/api/3/action/", path, NULL);
  return request (p, "GET", full, token, NULL, NULL);
}

static Reply *
api_post (Portal     *p,
          const char *action,
          const char *token,
          const char *json)
{
  g_autofree char *full = g_strconcat ("/api/3/action/", action, NULL);
  return request (p, "POST", full, token, "application/json", json);
}

static const char *
body_text (Reply *r)
{
  return g_bytes_get_data (r->body, NULL);
}

static JsonObject *
result_object (Reply *r)
{
  JsonObject *root;

  g_assert_nonnull (r->json);
  root = json_node_get_object (r->json);
  g_assert_true (json_object_get_boolean_member (root, "success"));
  return json_object_get_object_member (root, "result");
}

static JsonArray *
result_array (Reply *r)
{
  JsonObject *root;

  g_assert_nonnull (r->json);
  root = json_node_get_object (r->json);
  g_assert_true (json_object_get_boolean_member (root, "success"));
  return json_object_get_array_member (root, "result");
}

static JsonObject *
error_object (Reply      *r,
              guint       status,
              const char *type)
{
  JsonObject *root;
  JsonObject *error;

  g_assert_cmpuint (r->status, ==, status);
  g_assert_nonnull (r->json);
  root = json_node_get_object (r->json);
  g_assert_false (json_object_get_boolean_member (root, "success"));
  g_assert_true (json_object_has_member (root, "help"));
  error = json_object_get_object_member (root, "error");
  g_assert_cmpstr (json_object_get_string_member (error, "__type"), ==, type);
  return error;
}

static void
assert_bare_400 (Reply      *r,
                 const char *text)
{
  g_assert_cmpuint (r->status, ==, 400);
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_VALUE (r->json));
  g_assert_cmpstr (json_node_get_string (r->json), ==, text);
}

/* ---- multipart uploads, streamed from a file ------------------------- */

static char *
write_multipart (const char  *boundary,
                 const char **fields,      /* name, value, … NULL */
                 const char  *filename,
                 const void  *data,
                 gsize        len,
                 gsize        repeat)
{
  g_autofree char *path = NULL;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  FILE *f;
  int fd = g_file_open_tmp ("test-portal-body-XXXXXX", &path, NULL);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  for (guint i = 0; fields && fields[i]; i += 2)
    g_string_append_printf (head, "--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
                            boundary, fields[i], fields[i + 1]);
  if (filename)
    g_string_append_printf (head, "--%s\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"%s\"\r\n"
                            "Content-Type: text/csv\r\n\r\n", boundary, filename);
  f = fopen (path, "wb");
  g_assert_nonnull (f);
  fwrite (head->str, 1, head->len, f);
  for (gsize i = 0; filename && i < repeat; i++)
    fwrite (data, 1, len, f);
  if (filename)
    fwrite (tail, 1, strlen (tail), f);
  else
    {
      g_autofree char *end = g_strdup_printf ("--%s--\r\n", boundary);
      fwrite (end, 1, strlen (end), f);
    }
  fclose (f);
  return g_steal_pointer (&path);
}

static Reply *
upload (Portal      *p,
        const char  *action,
        const char  *token,
        const char **fields,
        const char  *filename,
        const char  *data,
        gsize        repeat)
{
  const char *boundary = "----ods-test-boundary-7MA4YWxkTrZu0gW";
  g_autofree char *path = write_multipart (boundary, fields, filename, data, data ? strlen (data) : 0, repeat);
  g_autofree char *url = g_strconcat (p->base, "/api/3/action/", action, NULL);
  g_autofree char *ct = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  GStatBuf st;
  Reply *r;

  g_assert_nonnull (stream);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if (token)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", token);
  soup_message_set_request_body (msg, ct, G_INPUT_STREAM (stream), st.st_size);
  r = send_message (p, msg);
  g_remove (path);
  return r;
}

static guint
resource_count (Portal     *p,
                const char *package)
{
  g_autofree char *path = g_strdup_printf ("package_show?id=%s", package);
  g_autoptr(Reply) r = api_get (p, path, STC_TOKEN);

  return json_array_get_length (json_object_get_array_member (result_object (r), "resources"));
}

/* ---- tests ------------------------------------------------------------- */

/* The member names of our answers are those of real CKAN 2.10 answers. */
static void
assert_keys (JsonObject *keys,
             const char *kind,
             JsonObject *ours,
             const char *const *custom)
{
  JsonArray *expected = json_object_get_array_member (keys, kind);
  g_autoptr(GList) members = json_object_get_members (ours);

  g_test_message ("checking the members of %s", kind);
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      const char *name = json_array_get_string_element (expected, i);

      if (!json_object_has_member (ours, name))
        g_error ("%s lacks CKAN's member “%s”", kind, name);
    }
  for (GList *l = members; l; l = l->next)
    {
      gboolean known = custom && g_strv_contains (custom, l->data);

      for (guint i = 0; !known && i < json_array_get_length (expected); i++)
        known = g_str_equal (json_array_get_string_element (expected, i), l->data);
      if (!known)
        g_error ("%s has “%s”, which CKAN does not send", kind, (const char *) l->data);
    }
}

static void
test_same_members_as_ckan (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "portal", "ckan-2.10-keys.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *keys;
  const char *resource_custom[] = { "period", "sha256", "schema", "validation_status", "validation_timestamp", NULL };
  g_autoptr(Reply) pkg = api_get (p, "package_show?id=thu-chi-ngan-sach", NULL);
  g_autoptr(Reply) linked = api_get (p, "package_show?id=co-so-kham-chua-benh", NULL);
  g_autoptr(Reply) orgs = api_get (p, "organization_list_for_user?permission=create_dataset", STC_TOKEN);
  g_autoptr(Reply) org = api_get (p, "organization_show?id=so-tai-chinh", NULL);
  g_autoptr(Reply) me = api_get (p, "user_show?id=officer-stc", STC_TOKEN);
  g_autoptr(Reply) tokens = api_get (p, "api_token_list?user_id=officer-stc", STC_TOKEN);
  g_autoptr(Reply) search = api_get (p, "package_search", NULL);
  g_autoptr(Reply) status = api_get (p, "status_show", NULL);
  g_autoptr(Reply) member = api_post (p, "organization_member_create", "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJkZW1vLWFkbWluIiwiaWF0IjoxNzkxMzMxMjAwfQ.vKK0joPnFSws3__61utZIzzdimNFn-TFY4CTATj-Afs",
                                      "{\"id\":\"so-y-te\",\"username\":\"officer-stc\",\"role\":\"editor\"}");
  JsonObject *package;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  keys = json_node_get_object (json_parser_get_root (parser));

  package = result_object (pkg);
  assert_keys (keys, "package", package, NULL);
  assert_keys (keys, "package.organization", json_object_get_object_member (package, "organization"), NULL);
  assert_keys (keys, "tag", json_array_get_object_element (json_object_get_array_member (package, "tags"), 0), NULL);
  assert_keys (keys, "resource", json_array_get_object_element (json_object_get_array_member (package, "resources"), 0), resource_custom);
  assert_keys (keys, "resource_link",
               json_array_get_object_element (json_object_get_array_member (result_object (linked), "resources"), 0), NULL);
  assert_keys (keys, "organization_list_for_user", json_array_get_object_element (result_array (orgs), 0), NULL);
  assert_keys (keys, "organization_show", result_object (org), NULL);
  assert_keys (keys, "organization_show.user",
               json_array_get_object_element (json_object_get_array_member (result_object (org), "users"), 0), NULL);
  assert_keys (keys, "user_show_self", result_object (me), NULL);
  assert_keys (keys, "api_token_list", json_array_get_object_element (result_array (tokens), 0), NULL);
  assert_keys (keys, "package_search", result_object (search), NULL);
  assert_keys (keys, "status_show", result_object (status), NULL);
  assert_keys (keys, "member", result_object (member), NULL);
}

static void
test_status_show (void)
{
  g_autoptr(Portal) p = portal_start ("--scheming", NULL);
  g_autoptr(Reply) r = api_get (p, "status_show", "not-a-valid-token");
  JsonObject *res = result_object (r);
  JsonArray *ext = json_object_get_array_member (res, "extensions");
  gboolean validation = FALSE, scheming = FALSE;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->content_type, ==, "application/json");
  /* CKAN's envelope, in its order, with Python's escaping of non-ASCII text. */
  g_assert_true (g_str_has_prefix (body_text (r), "{\"help\": \""));
  g_assert_nonnull (strstr (body_text (r), "\"success\": true, \"result\": {"));
  g_assert_nonnull (strstr (body_text (r), "B\\u00ecnh \\u0110\\u1ecbnh"));
  g_assert_cmpstr (json_object_get_string_member (res, "ckan_version"), ==, "2.10.10");
  for (guint i = 0; i < json_array_get_length (ext); i++)
    {
      validation |= g_str_equal (json_array_get_string_element (ext, i), "validation");
      scheming |= g_str_equal (json_array_get_string_element (ext, i), "scheming_datasets");
    }
  g_assert_true (validation);
  g_assert_true (scheming);

  {
    /* ckanext-scheming: extras become top-level fields. */
    g_autoptr(Reply) pkg = api_get (p, "package_show?id=bang-gia-dat", NULL);

    g_assert_cmpstr (json_object_get_string_member (result_object (pkg), "frequency"), ==, "annually");
    g_assert_false (json_object_has_member (result_object (pkg), "extras"));
  }
}

static void
test_without_validation (void)
{
  g_autoptr(Portal) p = portal_start ("--no-validation", NULL);
  g_autoptr(Reply) status = api_get (p, "status_show", NULL);
  g_autoptr(Reply) report = api_get (p, "resource_validation_show?resource_id=2b7c3ce2-f633-421f-b396-2633a07845d4", NULL);
  JsonArray *ext = json_object_get_array_member (result_object (status), "extensions");

  for (guint i = 0; i < json_array_get_length (ext); i++)
    g_assert_cmpstr (json_array_get_string_element (ext, i), !=, "validation");
  assert_bare_400 (report, "Bad request - Action name not known: resource_validation_show");
}

static void
test_bare_400s (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) unknown = api_get (p, "no_such_action", NULL);
  g_autoptr(Reply) get_write = api_get (p, "package_create?name=via-get&owner_org=so-tai-chinh", STC_TOKEN);
  g_autoptr(Reply) bad_json = api_post (p, "package_create", STC_TOKEN, "{\"name\": ");
  g_autoptr(Reply) missing = api_get (p, "package_show", NULL);
  g_autoptr(Reply) not_found = api_get (p, "package_show?id=khong-ton-tai", STC_TOKEN);
  g_autoptr(Reply) res_not_found = api_get (p, "resource_show?id=00000000-0000-0000-0000-000000000000", NULL);
  JsonObject *error;

  assert_bare_400 (unknown, "Bad request - Action name not known: no_such_action");
  assert_bare_400 (get_write, "Bad request - JSON Error: Invalid request. Please use POST method for your request");
  assert_bare_400 (bad_json, "Bad request - JSON Error: Error decoding JSON data. Error: <BadRequest '400: Bad Request'> "
                             "JSON data extracted from the request: {}");
  error = error_object (missing, 409, "Validation Error");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "name_or_id"), 0), ==, "Missing value");
  error = error_object (not_found, 404, "Not Found Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "Not found");
  error_object (res_not_found, 404, "Not Found Error");
}

static void
test_auth_headers (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) bad_write = api_post (p, "package_create", "not-a-valid-token", "{\"name\":\"bad-token-ds\",\"owner_org\":\"so-tai-chinh\"}");
  g_autoptr(Reply) bad_read = api_get (p, "organization_list_for_user?permission=create_dataset", "not-a-valid-token");
  g_autofree char *bearer_token = g_strconcat ("Bearer ", STC_TOKEN, NULL);
  g_autoptr(Reply) bearer = api_get (p, "organization_list_for_user?permission=create_dataset", bearer_token);
  g_autofree char *wrong_sig = g_strdup (STC_TOKEN);
  g_autoptr(Reply) tampered = NULL;
  g_autofree char *url = g_strconcat (p->base, "/api/3/action/organization_list_for_user?permission=create_dataset", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(Reply) api_key = NULL;
  g_autoptr(Reply) raw = api_get (p, "organization_list_for_user?permission=create_dataset", STC_TOKEN);
  JsonObject *error;

  error = error_object (bad_write, 403, "Authorization Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "Access denied: User  not authorized to create packages");
  g_assert_cmpuint (bad_read->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (result_array (bad_read)), ==, 0);
  g_assert_cmpuint (json_array_get_length (result_array (bearer)), ==, 0);

  wrong_sig[strlen (wrong_sig) - 2] = wrong_sig[strlen (wrong_sig) - 2] == 'A' ? 'B' : 'A';
  tampered = api_get (p, "organization_list_for_user?permission=create_dataset", wrong_sig);
  g_assert_cmpuint (json_array_get_length (result_array (tampered)), ==, 0);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-CKAN-API-Key", STC_TOKEN);
  api_key = send_message (p, msg);
  g_assert_cmpuint (json_array_get_length (result_array (api_key)), ==, 1);
  g_assert_cmpuint (json_array_get_length (result_array (raw)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (result_array (raw), 0), "name"), ==, "so-tai-chinh");
}

static void
test_users_and_organizations (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) me = api_get (p, "user_show?id=officer-stc", STC_TOKEN);
  g_autoptr(Reply) anon_me = api_get (p, "user_show", NULL);
  g_autoptr(Reply) create = api_get (p, "organization_list_for_user?permission=create_dataset", STC_TOKEN);
  g_autoptr(Reply) manage = api_get (p, "organization_list_for_user?permission=manage_group", STC_TOKEN);
  g_autoptr(Reply) viewer = api_get (p, "organization_list_for_user?permission=create_dataset", VIEWER_TOKEN);
  g_autoptr(Reply) anon = api_get (p, "organization_list_for_user?permission=create_dataset", NULL);
  g_autoptr(Reply) counted = api_post (p, "organization_list_for_user", STC_TOKEN,
                                       "{\"permission\":\"create_dataset\",\"include_dataset_count\":true}");
  g_autoptr(Reply) org = api_get (p, "organization_show?id=so-tai-chinh", NULL);
  g_autoptr(Reply) members = api_get (p, "member_list?id=so-tai-chinh&object_type=user", STC_TOKEN);
  JsonObject *user = result_object (me);
  JsonObject *first;

  g_assert_cmpstr (json_object_get_string_member (user, "name"), ==, "officer-stc");
  g_assert_cmpstr (json_object_get_string_member (user, "fullname"), ==, "Nguyễn Văn An");
  g_assert_true (json_object_has_member (user, "email"));
  g_assert_false (json_object_has_member (user, "password_sha256"));
  error_object (anon_me, 404, "Not Found Error");

  g_assert_cmpuint (json_array_get_length (result_array (create)), ==, 1);
  first = json_array_get_object_element (result_array (create), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "capacity"), ==, "editor");
  g_assert_cmpstr (json_object_get_string_member (first, "display_name"), ==, "Sở Tài chính");
  g_assert_false (json_object_has_member (first, "package_count"));
  /* manage_group includes the organization where officer-stc is only a member. */
  g_assert_cmpuint (json_array_get_length (result_array (manage)), ==, 2);
  g_assert_cmpuint (json_array_get_length (result_array (viewer)), ==, 0);
  g_assert_cmpuint (json_array_get_length (result_array (anon)), ==, 0);
  first = json_array_get_object_element (result_array (counted), 0);
  g_assert_cmpint (json_object_get_int_member (first, "package_count"), ==, 4);

  /* Anonymous: the private dataset is not counted. */
  g_assert_cmpint (json_object_get_int_member (result_object (org), "package_count"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result_object (org), "users")), ==, 2);
  g_assert_cmpuint (json_array_get_length (result_array (members)), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (result_array (members), 0), 2), ==, "Editor");
}

static void
test_strict_whoami (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) no_id = api_get (p, "user_show", STC_TOKEN);
  g_autoptr(Reply) by_name = api_get (p, "user_show?id=officer-stc", STC_TOKEN);
  g_autoptr(Reply) other = api_get (p, "user_show?id=officer-stc", SYT_TOKEN);
  g_autoptr(Reply) tokens = api_get (p, "api_token_list", STC_TOKEN);
  g_autoptr(Reply) own_tokens = api_get (p, "api_token_list?user_id=officer-stc", STC_TOKEN);
  g_autoptr(Reply) others_tokens = api_get (p, "api_token_list?user_id=officer-stc", SYT_TOKEN);
  g_autoptr(Reply) unknown = api_get (p, "user_show?id=khong-co", STC_TOKEN);
  JsonObject *error;

  /* Real CKAN 2.10, the default: no id, no user, whoever asks. */
  error = error_object (no_id, 404, "Not Found Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "Not found");
  /* Only the user themself sees the email, and lists their tokens: how a
   * token is tied to a name. */
  g_assert_true (json_object_has_member (result_object (by_name), "email"));
  g_assert_false (json_object_has_member (result_object (other), "email"));
  error = error_object (tokens, 409, "Validation Error");
  g_assert_true (json_object_has_member (error, "user_id"));
  g_assert_cmpuint (json_array_get_length (result_array (own_tokens)), >, 0);
  error_object (others_tokens, 403, "Authorization Error");
  error_object (unknown, 404, "Not Found Error");
}

static void
test_lenient_whoami (void)
{
  /* --user-show-whoami, unlike CKAN 2.10: "who am I" without an id. */
  g_autoptr(Portal) p = portal_start ("--user-show-whoami", NULL);
  g_autoptr(Reply) me = api_get (p, "user_show", STC_TOKEN);
  g_autoptr(Reply) anon_me = api_get (p, "user_show", NULL);
  g_autoptr(Reply) tokens = api_get (p, "api_token_list", STC_TOKEN);

  g_assert_cmpstr (json_object_get_string_member (result_object (me), "name"), ==, "officer-stc");
  g_assert_true (json_object_has_member (result_object (me), "email"));
  error_object (anon_me, 404, "Not Found Error");
  g_assert_cmpuint (json_array_get_length (result_array (tokens)), >, 0);
}

static guint
search_count (Portal     *p,
              const char *query,
              const char *token)
{
  g_autofree char *path = g_strconcat ("package_search?", query, NULL);
  g_autoptr(Reply) r = api_get (p, path, token);

  return (guint) json_object_get_int_member (result_object (r), "count");
}

static void
test_package_search (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) paged = api_get (p, "package_search?fq=owner_org:%22" STC_ORG_ID "%22&include_private=true&rows=1&start=1&sort=name%20asc", STC_TOKEN);
  g_autoptr(Reply) text = api_post (p, "package_search", STC_TOKEN,
                                    "{\"q\":\"ngân sách\",\"fq\":\"owner_org:" STC_ORG_ID "\",\"include_private\":true,"
                                    "\"fl\":[\"name\",\"title\"],\"facet.field\":[\"tags\",\"res_format\"]}");
  g_autoptr(Reply) bad_sort = api_get (p, "package_search?sort=foo", NULL);
  g_autoptr(Reply) bad_rows = api_get (p, "package_search?rows=abc", NULL);
  JsonObject *res;
  JsonObject *error;
  JsonArray *rows;

  g_assert_cmpuint (search_count (p, "fq=owner_org:" STC_ORG_ID, STC_TOKEN), ==, 3);
  g_assert_cmpuint (search_count (p, "fq=owner_org:" STC_ORG_ID "&include_private=true", STC_TOKEN), ==, 4);
  g_assert_cmpuint (search_count (p, "fq=owner_org:" STC_ORG_ID "&include_private=true", NULL), ==, 3);
  g_assert_cmpuint (search_count (p, "fq=owner_org:" STC_ORG_ID "&include_private=true", SYT_TOKEN), ==, 3);
  g_assert_cmpuint (search_count (p, "fq=organization:so-y-te", NULL), ==, 2);
  g_assert_cmpuint (search_count (p, "fq=frequency:annually", NULL), ==, 1);

  res = result_object (paged);
  g_assert_cmpint (json_object_get_int_member (res, "count"), ==, 4);
  rows = json_object_get_array_member (res, "results");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "name"), ==, "du-toan-chi-noi-bo");
  g_assert_cmpstr (json_object_get_string_member (res, "sort"), ==, "name asc");

  res = result_object (text);
  g_assert_cmpint (json_object_get_int_member (res, "count"), ==, 1);
  rows = json_object_get_array_member (res, "results");
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (rows, 0)), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (res, "facets"), "res_format"), "CSV"), ==, 1);

  error = error_object (bad_sort, 400, "Search Query Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==, "Search Query is invalid: 'Invalid \"sort\" parameter'");
  error = error_object (bad_rows, 409, "Validation Error");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (error, "rows")), ==, 2);
}

static void
test_packages (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) show = api_get (p, "package_show?id=thu-chi-ngan-sach", NULL);
  g_autoptr(Reply) private_anon = api_get (p, "package_show?id=du-toan-chi-noi-bo", NULL);
  g_autoptr(Reply) private_member = api_get (p, "package_show?id=du-toan-chi-noi-bo", VIEWER_TOKEN);
  g_autoptr(Reply) anon_create = api_post (p, "package_create", NULL, "{\"name\":\"anon-ds\",\"owner_org\":\"so-tai-chinh\"}");
  g_autoptr(Reply) no_org = api_post (p, "package_create", STC_TOKEN, "{\"name\":\"no-org-ds\",\"title\":\"x\"}");
  g_autoptr(Reply) other_org = api_post (p, "package_create", STC_TOKEN, "{\"name\":\"syt-ds\",\"owner_org\":\"so-y-te\"}");
  g_autoptr(Reply) dup = api_post (p, "package_create", STC_TOKEN, "{\"name\":\"gia-ca-thi-truong\",\"owner_org\":\"so-tai-chinh\"}");
  g_autoptr(Reply) bad_name = api_post (p, "package_create", STC_TOKEN, "{\"name\":\"Bad Name!\",\"owner_org\":\"so-tai-chinh\"}");
  g_autoptr(Reply) created = api_post (p, "package_create", STC_TOKEN,
                                       "{\"name\":\"von-dau-tu-cong\",\"title\":\"Giải ngân vốn đầu tư công\","
                                       "\"owner_org\":\"so-tai-chinh\",\"tags\":[{\"name\":\"dau-tu-cong\"}],"
                                       "\"extras\":[{\"key\":\"frequency\",\"value\":\"quarterly\"}]}");
  g_autoptr(Reply) patched = api_post (p, "package_patch", STC_TOKEN,
                                       "{\"id\":\"von-dau-tu-cong\",\"notes\":\"Cập nhật Q3\",\"custom_top_level\":\"x\","
                                       "\"extras\":[{\"key\":\"frequency\",\"value\":\"quarterly\"},{\"key\":\"last_period\",\"value\":\"2026-Q3\"}]}");
  g_autoptr(Reply) form = request (p, "POST", "/api/3/action/package_patch", STC_TOKEN,
                                   "application/x-www-form-urlencoded", "id=von-dau-tu-cong&title=Gi%E1%BA%A3i+ng%C3%A2n+(Q3)");
  g_autoptr(Reply) denied_patch = api_post (p, "package_patch", SYT_TOKEN, "{\"id\":\"von-dau-tu-cong\",\"notes\":\"x\"}");
  JsonObject *pkg = result_object (show);
  JsonObject *error;

  g_assert_cmpstr (json_object_get_string_member (pkg, "title"), ==, "Thu chi ngân sách tỉnh theo quý");
  g_assert_cmpint (json_object_get_int_member (pkg, "num_resources"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (pkg, "organization"), "name"), ==, "so-tai-chinh");
  g_assert_cmpstr (json_object_get_string_member (pkg, "license_title"), ==, "Creative Commons Attribution");
  g_assert_true (json_object_get_boolean_member (pkg, "isopen"));

  error = error_object (private_anon, 403, "Authorization Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Access denied: User  not authorized to read package c6d0e237-da52-4c48-a794-b098c9e7a3bd");
  g_assert_true (json_object_get_boolean_member (result_object (private_member), "private"));
  error_object (anon_create, 403, "Authorization Error");
  error = error_object (no_org, 409, "Validation Error");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "owner_org"), 0), ==, "An organization must be provided");
  error = error_object (other_org, 403, "Authorization Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Access denied: User officer-stc not authorized to add dataset to this organization");
  error = error_object (dup, 409, "Validation Error");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "name"), 0), ==, "That URL is already in use.");
  error = error_object (bad_name, 409, "Validation Error");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "name"), 0), ==,
                   "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_");

  pkg = result_object (created);
  g_assert_cmpint (json_object_get_int_member (pkg, "num_tags"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (pkg, "owner_org"), ==, STC_ORG_ID);
  pkg = result_object (patched);
  g_assert_cmpstr (json_object_get_string_member (pkg, "notes"), ==, "Cập nhật Q3");
  g_assert_false (json_object_has_member (pkg, "custom_top_level"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pkg, "extras")), ==, 2);
  pkg = result_object (form);
  g_assert_cmpstr (json_object_get_string_member (pkg, "title"), ==, "Giải ngân (Q3)");
  g_assert_cmpstr (json_object_get_string_member (pkg, "notes"), ==, "Cập nhật Q3");
  error_object (denied_patch, 403, "Authorization Error");
  g_assert_cmpuint (search_count (p, "fq=last_period:2026-Q3", NULL), ==, 1);
}

static char *
download (Portal     *p,
          const char *url,
          gsize      *len)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = soup_session_send_and_read (p->session, msg, NULL, NULL);

  g_assert_nonnull (bytes);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_bytes_unref_to_data (g_steal_pointer (&bytes), len);
}

static void
test_resources (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  const char *csv = "quy,chi_tieu,du_toan,thuc_hien\n2026-Q3,Thu nội địa,12500,9610\n";
  const char *create_fields[] = { "package_id", "thu-chi-ngan-sach", "name", "Thu chi – Q3/2026", "description", "Báo cáo quý 3",
                                  "format", "CSV", "period", "2026-Q3", "sha256", "abc123", "submission_id",
                                  "0f8fad5b-d9cb-469f-a165-70867728950e", NULL };
  g_autoptr(Reply) created = upload (p, "resource_create", STC_TOKEN, create_fields, "thu chi Q3 (bản cuối).csv", csv, 1);
  JsonObject *res = result_object (created);
  g_autofree char *rid = g_strdup (json_object_get_string_member (res, "id"));
  g_autofree char *expected_url = g_strdup_printf ("%s/dataset/%s/resource/%s/download/thu-chi-q3-ban-cuoi.csv", p->base, THU_CHI_ID, rid);
  g_autofree char *got = NULL;
  gsize got_len;
  const char *hash_fields[] = { "package_id", "thu-chi-ngan-sach", "hash", "sha256:0b18", NULL };
  g_autoptr(Reply) hashed = upload (p, "resource_create", STC_TOKEN, hash_fields, "a.csv", csv, 1);
  const char *update_fields[] = { "id", rid, "name", "Thu chi (v2)", "format", "CSV", NULL };
  g_autoptr(Reply) updated = NULL;
  g_autoptr(Reply) patched = NULL;
  g_autoptr(Reply) patched_file = NULL;
  g_autoptr(Reply) link = NULL;
  g_autoptr(Reply) missing_pkg = NULL;
  g_autoptr(Reply) denied = NULL;
  g_autofree char *patch_json = NULL;
  const char *patch_fields[] = { "id", rid, NULL };
  const char *missing_fields[] = { "name", "x", NULL };
  const char *syt_fields[] = { "package_id", "thu-chi-ngan-sach", NULL };
  JsonObject *error;
  GRegex *stamp = g_regex_new ("^2[0-9]{3}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}$", 0, 0, NULL);

  /* Multipart create: custom keys stay top-level, the server sets the rest. */
  g_assert_cmpstr (json_object_get_string_member (res, "period"), ==, "2026-Q3");
  g_assert_cmpstr (json_object_get_string_member (res, "sha256"), ==, "abc123");
  g_assert_cmpstr (json_object_get_string_member (res, "submission_id"), ==, "0f8fad5b-d9cb-469f-a165-70867728950e");
  g_assert_cmpstr (json_object_get_string_member (res, "url_type"), ==, "upload");
  g_assert_cmpstr (json_object_get_string_member (res, "url"), ==, expected_url);
  g_assert_cmpint (json_object_get_int_member (res, "size"), ==, strlen (csv));
  g_assert_cmpstr (json_object_get_string_member (res, "mimetype"), ==, "text/csv");
  g_assert_cmpstr (json_object_get_string_member (res, "hash"), ==, "");
  g_assert_cmpint (json_object_get_int_member (res, "position"), ==, 3);
  g_assert_true (g_regex_match (stamp, json_object_get_string_member (res, "last_modified"), 0, NULL));
  g_assert_cmpstr (json_object_get_string_member (result_object (hashed), "hash"), ==, "sha256:0b18");

  got = download (p, expected_url, &got_len);
  g_assert_cmpmem (got, got_len, csv, strlen (csv));

  /* resource_update replaces the resource: the custom fields not re-sent are gone. */
  updated = upload (p, "resource_update", STC_TOKEN, update_fields, "v2.csv", csv, 2);
  res = result_object (updated);
  g_assert_false (json_object_has_member (res, "period"));
  g_assert_false (json_object_has_member (res, "sha256"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (res, "description")));
  g_assert_cmpint (json_object_get_int_member (res, "size"), ==, 2 * strlen (csv));
  g_assert_cmpint (json_object_get_int_member (res, "position"), ==, 3);

  /* resource_patch keeps them, JSON or multipart. */
  patch_json = g_strdup_printf ("{\"id\":\"%s\",\"period\":\"2026-Q3\",\"status_note\":\"đã duyệt\"}", rid);
  patched = api_post (p, "resource_patch", STC_TOKEN, patch_json);
  g_assert_cmpstr (json_object_get_string_member (result_object (patched), "status_note"), ==, "đã duyệt");
  patched_file = upload (p, "resource_patch", STC_TOKEN, patch_fields, "v4.csv", csv, 3);
  res = result_object (patched_file);
  g_assert_cmpstr (json_object_get_string_member (res, "period"), ==, "2026-Q3");
  g_assert_cmpstr (json_object_get_string_member (res, "status_note"), ==, "đã duyệt");
  g_assert_cmpstr (json_object_get_string_member (res, "name"), ==, "Thu chi (v2)");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (res, "url"), "/download/v4.csv"));
  g_assert_cmpint (json_object_get_int_member (res, "size"), ==, 3 * strlen (csv));

  {
    /* HEAD gives the length without the body. */
    g_autoptr(SoupMessage) head = soup_message_new ("HEAD", expected_url);
    g_autoptr(GBytes) nothing = soup_session_send_and_read (p->session, head, NULL, NULL);

    g_assert_cmpuint (soup_message_get_status (head), ==, 200);
    g_assert_cmpint (soup_message_headers_get_content_length (soup_message_get_response_headers (head)), ==, 3 * strlen (csv));
    g_assert_cmpuint (g_bytes_get_size (nothing), ==, 0);
  }

  link = api_post (p, "resource_create", STC_TOKEN,
                   "{\"package_id\":\"thu-chi-ngan-sach\",\"name\":\"Nguồn gốc\",\"url\":\"https://example.test/source.csv\","
                   "\"format\":\"CSV\",\"period\":\"2026-Q2\"}");
  res = result_object (link);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (res, "url_type")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (res, "size")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (res, "last_modified")));
  g_assert_cmpstr (json_object_get_string_member (res, "url"), ==, "https://example.test/source.csv");
  {
    /* Downloading a linked resource sends the client to its URL. */
    g_autofree char *dl = g_strdup_printf ("%s/dataset/%s/resource/%s/download/source.csv", p->base, THU_CHI_ID,
                                           json_object_get_string_member (res, "id"));
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", dl);
    g_autoptr(GBytes) body = NULL;

    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
    body = soup_session_send_and_read (p->session, msg, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"), ==,
                     "https://example.test/source.csv");
  }

  missing_pkg = upload (p, "resource_create", STC_TOKEN, missing_fields, "x.csv", csv, 1);
  error = error_object (missing_pkg, 409, "Validation Error");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "package_id"), 0), ==, "Missing value");
  denied = upload (p, "resource_create", SYT_TOKEN, syt_fields, "x.csv", csv, 1);
  error = error_object (denied, 403, "Authorization Error");
  g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                   "Access denied: User officer-syt not authorized to create resources on dataset thu-chi-ngan-sach");
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 6);
  {
    /* The client's "did my create land?" check. */
    g_autoptr(Reply) found = api_get (p, "resource_search?query=hash:SHA256:0b18", STC_TOKEN);

    g_assert_cmpint (json_object_get_int_member (result_object (found), "count"), ==, 1);
  }
  g_regex_unref (stamp);
}

static void
test_too_large (void)
{
  g_autoptr(Portal) p = portal_start ("--max-resource-size-mb=1", NULL);
  g_autofree char *kib = g_strnfill (1024, 'x');
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "big", "format", "CSV", NULL };
  g_autoptr(Reply) big = upload (p, "resource_create", STC_TOKEN, fields, "big.csv", kib, 1025);
  g_autoptr(Reply) exact = upload (p, "resource_create", STC_TOKEN, fields, "exact.csv", kib, 1024);
  g_autofree char *rid = g_strdup (json_object_get_string_member (result_object (exact), "id"));
  const char *update_fields[] = { "id", rid, "name", "exact", NULL };
  g_autoptr(Reply) big_update = upload (p, "resource_update", STC_TOKEN, update_fields, "big.csv", kib, 2048);
  g_autofree char *show_path = g_strdup_printf ("resource_show?id=%s", rid);
  g_autoptr(Reply) show = api_get (p, show_path, NULL);
  JsonObject *error = error_object (big, 409, "Validation Error");

  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (error, "upload"), 0), ==, "File upload too large");
  g_assert_cmpint (json_object_get_int_member (result_object (exact), "size"), ==, 1024 * 1024);
  error_object (big_update, 409, "Validation Error");
  /* Nothing changed by the refused update. */
  g_assert_cmpint (json_object_get_int_member (result_object (show), "size"), ==, 1024 * 1024);
  g_assert_cmpstr (json_object_get_string_member (result_object (show), "name"), ==, "big");
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 4);
}

static void
test_validation (void)
{
  g_autoptr(Portal) p = portal_start ("--validation-delay-ms=1500", NULL);
  const char *schema = "{\"fields\": [{\"name\": \"quy\"}, {\"name\": \"chi_tieu\"}, {\"name\": \"du_toan\"}, {\"name\": \"thuc_hien\"}]}";
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "format", "CSV", "schema", schema, NULL };
  gint64 uploaded = g_get_monotonic_time ();
  g_autoptr(Reply) good = upload (p, "resource_create", STC_TOKEN, fields, "good.csv", "quy,chi_tieu,du_toan,thuc_hien\n2026-Q3,a,1,2\n", 1);
  g_autofree char *good_path = g_strdup_printf ("resource_validation_show?resource_id=%s", json_object_get_string_member (result_object (good), "id"));
  g_autoptr(Reply) pending = api_get (p, good_path, STC_TOKEN);
  g_autoptr(Reply) bad = upload (p, "resource_create", STC_TOKEN, fields, "bad.csv", "quy,chi tieu,du_toan\n2026-Q3,a,1\n", 1);
  g_autofree char *bad_path = g_strdup_printf ("resource_validation_show?resource_id=%s", json_object_get_string_member (result_object (bad), "id"));
  g_autoptr(Reply) done = NULL;
  g_autoptr(Reply) failed = NULL;
  g_autoptr(Reply) none = NULL;
  g_autoptr(Reply) link = api_post (p, "resource_create", STC_TOKEN, "{\"package_id\":\"thu-chi-ngan-sach\",\"url\":\"https://example.test/x.csv\"}");
  g_autofree char *none_path = g_strdup_printf ("resource_validation_show?resource_id=%s", json_object_get_string_member (result_object (link), "id"));
  JsonObject *report;
  JsonArray *errors;
  gint64 waited;

  g_assert_cmpstr (json_object_get_string_member (result_object (pending), "status"), ==, "pending");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (result_object (pending), "report")));
  waited = g_get_monotonic_time () - uploaded;
  if (waited < 1700 * 1000)
    g_usleep (1700 * 1000 - waited);
  done = api_get (p, good_path, STC_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (result_object (done), "status"), ==, "success");
  failed = api_get (p, bad_path, STC_TOKEN);
  g_assert_cmpstr (json_object_get_string_member (result_object (failed), "status"), ==, "failure");
  report = json_object_get_object_member (result_object (failed), "report");
  g_assert_false (json_object_get_boolean_member (report, "valid"));
  errors = json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (report, "tasks"), 0), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "type"), ==, "incorrect-label");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 1), "type"), ==, "missing-label");
  none = api_get (p, none_path, STC_TOKEN);
  error_object (none, 404, "Not Found Error");
}

static char *
csrf_from (Reply *r)
{
  const char *html = body_text (r);
  const char *meta = strstr (html, "<meta name=\"_csrf_token\" content=\"");
  const char *start;

  g_assert_nonnull (meta);
  start = meta + strlen ("<meta name=\"_csrf_token\" content=\"");
  return g_strndup (start, strchr (start, '"') - start);
}

static void
test_login (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  g_autoptr(Reply) form = NULL;
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) login = NULL;
  g_autoptr(Reply) no_csrf = NULL;
  g_autoptr(Reply) old_csrf = NULL;
  g_autoptr(Reply) page = NULL;
  g_autoptr(Reply) token = NULL;
  g_autoptr(Reply) cookie_get = NULL;
  g_autoptr(Reply) with_token = NULL;
  g_autofree char *first_csrf = NULL;
  g_autofree char *fresh_csrf = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = g_strconcat (p->base, "/api/3/action/api_token_create", NULL);
  const char *new_token;

  {
    /* Sample 98: the form posted with no prior GET and no CSRF token still signs in. */
    g_autofree char *login_url = g_strconcat (p->base, "/user/login", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", login_url);
    const char *form_text = "login=officer-syt&password=syt-demo-2026";
    g_autoptr(GBytes) bytes = g_bytes_new_static (form_text, strlen (form_text));
    g_autoptr(Reply) direct = NULL;

    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    direct = send_message (p, msg);
    g_assert_cmpuint (direct->status, ==, 302);
    g_assert_true (g_str_has_suffix (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"),
                                     "/dashboard/datasets"));
    g_assert_nonnull (strstr (soup_message_headers_get_list (soup_message_get_response_headers (msg), "Set-Cookie"), "ckan="));
  }

  soup_session_add_feature (p->session, SOUP_SESSION_FEATURE (jar));
  form = request (p, "GET", "/user/login", NULL, NULL, NULL);
  g_assert_cmpuint (form->status, ==, 200);
  g_assert_nonnull (strstr (body_text (form), "name=\"_csrf_token\" value=\""));
  first_csrf = csrf_from (form);

  wrong = request (p, "POST", "/user/login", NULL, "application/x-www-form-urlencoded", "login=officer-stc&password=wrong");
  g_assert_cmpuint (wrong->status, ==, 200);
  g_assert_nonnull (strstr (body_text (wrong), "Login failed. Bad username or password."));

  body = g_strdup_printf ("login=officer-stc&password=stc-demo-2026&_csrf_token=%s", first_csrf);
  login = request (p, "POST", "/user/login", NULL, "application/x-www-form-urlencoded", body);
  /* libsoup follows the 302 to the dashboard, now signed in. */
  g_assert_cmpuint (login->status, ==, 200);
  g_assert_nonnull (strstr (body_text (login), "Nguyễn Văn An"));

  cookie_get = api_get (p, "organization_list_for_user?permission=create_dataset", NULL);
  g_assert_cmpuint (json_array_get_length (result_array (cookie_get)), ==, 1);

  no_csrf = api_post (p, "api_token_create", NULL, "{\"user\":\"officer-stc\",\"name\":\"no-csrf\"}");
  g_assert_cmpuint (no_csrf->status, ==, 400);
  g_assert_cmpstr (no_csrf->content_type, ==, "text/html");
  g_assert_nonnull (strstr (body_text (no_csrf), "The CSRF token is missing."));
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autoptr(GBytes) json = g_bytes_new_static ("{\"user\":\"officer-stc\",\"name\":\"a\"}", 33);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-CSRFToken", first_csrf);
    soup_message_set_request_body_from_bytes (msg, "application/json", json);
    old_csrf = send_message (p, msg);
  }
  g_assert_cmpuint (old_csrf->status, ==, 400);
  g_assert_nonnull (strstr (body_text (old_csrf), "The CSRF tokens do not match."));

  page = request (p, "GET", "/dashboard/datasets", NULL, NULL, NULL);
  fresh_csrf = csrf_from (page);
  g_assert_cmpstr (fresh_csrf, !=, first_csrf);
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    const char *json_text = "{\"user\":\"officer-stc\",\"name\":\"Open Data Submit on 127.0.0.1\"}";
    g_autoptr(GBytes) json = g_bytes_new_static (json_text, strlen (json_text));

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-CSRFToken", fresh_csrf);
    soup_message_set_request_body_from_bytes (msg, "application/json", json);
    token = send_message (p, msg);
  }
  new_token = json_object_get_string_member (result_object (token), "token");
  g_assert_nonnull (new_token);

  soup_session_remove_feature (p->session, SOUP_SESSION_FEATURE (jar));
  with_token = api_get (p, "organization_list_for_user?permission=create_dataset", new_token);
  g_assert_cmpuint (json_array_get_length (result_array (with_token)), ==, 1);
  {
    g_autoptr(Reply) list = api_get (p, "api_token_list?user_id=officer-stc", new_token);
    JsonArray *tokens = result_array (list);

    g_assert_cmpuint (json_array_get_length (tokens), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (tokens, 0), "name"), ==,
                     "Open Data Submit on 127.0.0.1");
  }
}

static void
test_token_revoke (void)
{
  g_autoptr(Portal) p = portal_start (NULL);
  g_autoptr(Reply) created = api_post (p, "api_token_create", STC_TOKEN, "{\"user\":\"officer-stc\",\"name\":\"tmp\"}");
  g_autofree char *token = g_strdup (json_object_get_string_member (result_object (created), "token"));
  g_autoptr(Reply) before = api_get (p, "api_token_list?user_id=officer-stc", token);
  g_autofree char *revoke = g_strdup_printf ("{\"token\":\"%s\"}", token);
  g_autoptr(Reply) revoked = api_post (p, "api_token_revoke", token, revoke);
  g_autoptr(Reply) after = api_get (p, "api_token_list?user_id=officer-stc", token);
  g_autoptr(Reply) write_after = api_post (p, "package_patch", token, "{\"id\":\"thu-chi-ngan-sach\",\"notes\":\"x\"}");

  g_assert_cmpuint (json_array_get_length (result_array (before)), >, 0);
  g_assert_cmpuint (revoked->status, ==, 200);
  /* A revoked token is anonymous: not the account's, and writes are refused with 403. */
  error_object (after, 403, "Authorization Error");
  error_object (write_after, 403, "Authorization Error");
}

static JsonObject *
stats (Portal *p)
{
  g_autoptr(Reply) r = request (p, "GET", "/__stats", NULL, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_object_ref (json_node_get_object (r->json));
}

static gint64
stat_of (JsonObject *s,
         const char *group,
         const char *action)
{
  return json_object_get_int_member_with_default (json_object_get_object_member (s, group), action, 0);
}

static void
add_fault (Portal     *p,
           const char *json)
{
  g_autoptr(Reply) r = request (p, "POST", "/__faults", NULL, "application/json", json);

  g_assert_cmpuint (r->status, ==, 200);
}

static void
test_faults (void)
{
  g_autoptr(Portal) p = portal_start ("--fault", "kind=html502,action=status_show,times=1", NULL);
  g_autofree char *chunk = g_strnfill (4096, 'y');
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "fault", "format", "CSV", NULL };
  g_autoptr(Reply) r502 = api_get (p, "status_show", NULL);
  g_autoptr(Reply) ok = api_get (p, "status_show", NULL);
  g_autoptr(Reply) dropped = NULL;
  g_autoptr(Reply) dropped0 = NULL;
  g_autoptr(Reply) r413 = NULL;
  g_autoptr(Reply) r500 = NULL;
  g_autoptr(Reply) lost_answer = NULL;
  g_autoptr(Reply) revoked = NULL;
  g_autoptr(Reply) delayed = NULL;
  g_autoptr(JsonObject) s = NULL;
  gint64 t0;

  g_assert_cmpuint (r502->status, ==, 502);
  g_assert_nonnull (strstr (body_text (r502), "<center><h1>502 Bad Gateway</h1></center>"));
  g_assert_cmpuint (ok->status, ==, 200);

  add_fault (p, "{\"kind\":\"drop\",\"action\":\"upload\",\"after_percent\":50}");
  dropped = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 256);
  g_assert_nonnull (dropped->error);
  add_fault (p, "{\"kind\":\"drop\",\"action\":\"resource_create\",\"after_bytes\":0}");
  dropped0 = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 256);
  g_assert_nonnull (dropped0->error);
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 3);

  add_fault (p, "{\"kind\":\"html413\",\"action\":\"upload\"}");
  r413 = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 4);
  g_assert_cmpuint (r413->status, ==, 413);
  g_assert_nonnull (strstr (body_text (r413), "413 Request Entity Too Large"));
  add_fault (p, "{\"kind\":\"error500\",\"action\":\"resource_create\"}");
  r500 = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 4);
  g_assert_cmpuint (r500->status, ==, 500);
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 3);

  /* The action runs, the answer is lost: exactly one resource is created. */
  add_fault (p, "{\"kind\":\"drop_response\",\"action\":\"resource_create\"}");
  lost_answer = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 4);
  g_assert_nonnull (lost_answer->error);
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 4);

  add_fault (p, "{\"kind\":\"delay\",\"action\":\"status_show\",\"delay_ms\":300}");
  t0 = g_get_monotonic_time ();
  delayed = api_get (p, "status_show", NULL);
  g_assert_cmpuint (delayed->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 300 * 1000);

  /* Token revoked mid-run: the next upload runs as anonymous and is refused. */
  add_fault (p, "{\"kind\":\"revoke\",\"action\":\"resource_create\"}");
  revoked = upload (p, "resource_create", STC_TOKEN, fields, "f.csv", chunk, 4);
  error_object (revoked, 403, "Authorization Error");
  g_assert_cmpuint (resource_count (p, "thu-chi-ngan-sach"), ==, 4);

  s = stats (p);
  g_assert_cmpint (stat_of (s, "received", "resource_create"), ==, 6);
  g_assert_cmpint (stat_of (s, "succeeded", "resource_create"), ==, 1);
  g_assert_cmpint (stat_of (s, "received", "status_show"), ==, 3);
}

static gint64
peak_rss_kib (GSubprocess *proc)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (proc));
  g_autofree char *text = NULL;
  const char *hwm;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  hwm = strstr (text, "VmHWM:");
  return hwm ? g_ascii_strtoll (hwm + 6, NULL, 10) : -1;
}

static void
test_streaming_upload (void)
{
  g_autoptr(Portal) p = portal_start ("--max-resource-size-mb=64", NULL);
  g_autofree char *block = g_malloc (64 * 1024);
  const char *fields[] = { "package_id", "thu-chi-ngan-sach", "name", "big", "format", "CSV", NULL };
  g_autoptr(Reply) warm = api_get (p, "package_show?id=thu-chi-ngan-sach", NULL);
  gint64 before;
  g_autoptr(Reply) r = NULL;
  g_autoptr(OdsSha256) sha = ods_sha256_new ();
  char expected[ODS_SHA256_HEX_LEN + 1];
  char got_hex[ODS_SHA256_HEX_LEN + 1];
  g_autofree char *data = NULL;
  gsize len;
  gint64 after;
  const gsize blocks = 320; /* 20 MiB */

  /* Measure from a server that has already answered a request. */
  g_assert_cmpuint (warm->status, ==, 200);
  before = peak_rss_kib (p->proc);

  for (gsize i = 0; i < 64 * 1024; i++)
    block[i] = "0123456789,abcdef\n"[i % 18];
  block[64 * 1024 - 1] = '\0';
  for (gsize i = 0; i < blocks; i++)
    ods_sha256_update (sha, block, strlen (block));
  ods_sha256_finish_hex (sha, expected);

  r = upload (p, "resource_create", STC_TOKEN, fields, "big.csv", block, blocks);
  g_assert_cmpint (json_object_get_int_member (result_object (r), "size"), ==, blocks * strlen (block));
  after = peak_rss_kib (p->proc);
  g_test_message ("server peak RSS: %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " KiB after a 20 MiB upload",
                  before, after);
  g_assert_cmpint (before, >, 0);
  /* The body went to disk as it came: the peak grows by far less than the file. */
  g_assert_cmpint (after - before, <, 8 * 1024);

  data = download (p, json_object_get_string_member (result_object (r), "url"), &len);
  {
    g_autoptr(OdsSha256) back = ods_sha256_new ();

    ods_sha256_update (back, data, len);
    ods_sha256_finish_hex (back, got_hex);
  }
  g_assert_cmpstr (got_hex, ==, expected);
  g_assert_cmpint (peak_rss_kib (p->proc) - before, <, 8 * 1024);
}

static void
test_persistence (void)
{
  g_autoptr(GError) error = NULL;
  Portal *p = portal_start (NULL);
  g_autofree char *dir = g_strdup (p->data_dir);
  const char *fields[] = { "package_id", "gia-ca-thi-truong", "name", "Q3", "period", "2026-Q3", NULL };
  g_autoptr(Reply) created = upload (p, "resource_create", STC_TOKEN, fields, "q3.csv", "mat_hang\nGạo\n", 1);
  g_autofree char *rid = g_strdup (json_object_get_string_member (result_object (created), "id"));
  g_autofree char *show_path = g_strdup_printf ("resource_show?id=%s", rid);
  g_autoptr(Reply) again = NULL;
  Portal *q;
  const char *bin = g_getenv ("OPENDATA_SUBMIT_PORTAL_BIN");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  /* Stop without deleting the folder, then start again on it. */
  g_subprocess_send_signal (p->proc, SIGTERM);
  g_subprocess_wait (p->proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (p->proc), ==, 0);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    proc = g_subprocess_launcher_spawn (launcher, &error, bin, "--port=0", "--data-dir", dir, NULL);
  }
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  q = g_new0 (Portal, 1);
  q->proc = g_steal_pointer (&proc);
  q->data_dir = g_steal_pointer (&dir);
  q->base = g_strndup (line + strlen ("listening on "), strlen (line) - strlen ("listening on ") - 1);
  q->session = soup_session_new ();
  again = api_get (q, show_path, NULL);
  g_assert_cmpstr (json_object_get_string_member (result_object (again), "period"), ==, "2026-Q3");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (result_object (again), "url"), q->base));
  portal_stop (q);

  g_object_unref (p->proc);
  g_object_unref (p->session);
  g_free (p->data_dir);
  g_free (p->base);
  g_free (p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/portal/same-members-as-ckan", test_same_members_as_ckan);
  g_test_add_func ("/portal/status-show", test_status_show);
  g_test_add_func ("/portal/without-validation", test_without_validation);
  g_test_add_func ("/portal/bare-400s-and-not-found", test_bare_400s);
  g_test_add_func ("/portal/auth-headers", test_auth_headers);
  g_test_add_func ("/portal/users-and-organizations", test_users_and_organizations);
  g_test_add_func ("/portal/strict-whoami", test_strict_whoami);
  g_test_add_func ("/portal/lenient-whoami", test_lenient_whoami);
  g_test_add_func ("/portal/package-search", test_package_search);
  g_test_add_func ("/portal/packages", test_packages);
  g_test_add_func ("/portal/resources", test_resources);
  g_test_add_func ("/portal/too-large", test_too_large);
  g_test_add_func ("/portal/validation", test_validation);
  g_test_add_func ("/portal/login", test_login);
  g_test_add_func ("/portal/token-revoke", test_token_revoke);
  g_test_add_func ("/portal/faults", test_faults);
  g_test_add_func ("/portal/streaming-upload", test_streaming_upload);
  g_test_add_func ("/portal/persistence", test_persistence);

  return g_test_run ();
}
