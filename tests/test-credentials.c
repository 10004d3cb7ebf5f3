/* Tokens in the system keyring (libsecret) and the portal settings file.
 * Run inside `dbus-run-session` with an unlocked gnome-keyring (.ci/run does). */
#include "ods-credential-store.h"
#include "ods-i18n.h"
#include "ods-portal-config.h"

#include <glib/gstdio.h>
#include <string.h>

#define PORTAL "http://127.0.0.1:5000"

static gboolean
have_keyring (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session: run under dbus-run-session with gnome-keyring");
      return FALSE;
    }
  return TRUE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *user = NULL;
  g_autofree char *other = NULL;

  if (!have_keyring ())
    return;
  g_assert_cmpstr (ods_credential_store_get_backend_name (), ==, "libsecret");

  ods_credential_store_store (PORTAL, "officer1", "tok-officer1-abc", NULL, &error);
  g_assert_no_error (error);
  ods_credential_store_store ("https://data.example.gov.vn/", "officer1", "tok-other-portal", NULL, &error);
  g_assert_no_error (error);

  /* The same portal written differently is the same portal. */
  token = ods_credential_store_lookup ("HTTP://127.0.0.1:5000/", "officer1", &user, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-officer1-abc");
  g_assert_cmpstr (user, ==, "officer1");
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&user, g_free);

  /* Without a user name: the portal's token and whose it is. */
  token = ods_credential_store_lookup (PORTAL, NULL, &user, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-officer1-abc");
  g_assert_cmpstr (user, ==, "officer1");
  g_clear_pointer (&token, g_free);

  /* Storing again replaces. */
  ods_credential_store_store (PORTAL, "officer1", "tok-officer1-new", NULL, &error);
  g_assert_no_error (error);
  token = ods_credential_store_lookup (PORTAL, "officer1", NULL, NULL, &error);
  g_assert_cmpstr (token, ==, "tok-officer1-new");
  g_clear_pointer (&token, g_free);

  /* Sign-out removes the item; the other portal keeps its token. */
  ods_credential_store_clear (PORTAL, "officer1", NULL, &error);
  g_assert_no_error (error);
  token = ods_credential_store_lookup (PORTAL, "officer1", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  other = ods_credential_store_lookup ("https://data.example.gov.vn", NULL, NULL, NULL, &error);
  g_assert_cmpstr (other, ==, "tok-other-portal");

  /* Clearing what is not there is fine. */
  ods_credential_store_clear (PORTAL, "nobody", NULL, &error);
  g_assert_no_error (error);
  ods_credential_store_clear ("https://data.example.gov.vn", NULL, NULL, &error);
  g_assert_no_error (error);
  token = ods_credential_store_lookup ("https://data.example.gov.vn", NULL, NULL, NULL, &error);
  g_assert_null (token);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *user = NULL;

  if (!have_keyring ())
    return;
  ods_credential_store_store_async (PORTAL, "officer2", "tok-async", NULL, on_done, &stored);
  while (stored == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ods_credential_store_store_finish (stored, &error));
  g_assert_no_error (error);

  ods_credential_store_lookup_async (PORTAL, NULL, NULL, on_done, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  token = ods_credential_store_lookup_finish (found, &user, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "tok-async");
  g_assert_cmpstr (user, ==, "officer2");
  ods_credential_store_clear (PORTAL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_env_token (void)
{
  g_autofree char *none = NULL;
  g_autofree char *token = NULL;

  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
  none = ods_credential_store_token_from_env ();
  g_assert_null (none);
  g_setenv ("OPENDATA_SUBMIT_TOKEN", " tok-env \n", TRUE);
  token = ods_credential_store_token_from_env ();
  g_assert_cmpstr (token, ==, "tok-env");
  g_unsetenv ("OPENDATA_SUBMIT_TOKEN");
}

static void
test_env_user (void)
{
  g_autofree char *none = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *user = NULL;

  g_unsetenv ("OPENDATA_SUBMIT_USER");
  none = ods_credential_store_user_from_env ();
  g_assert_null (none);
  g_setenv ("OPENDATA_SUBMIT_USER", " \t\n", TRUE);
  blank = ods_credential_store_user_from_env ();
  g_assert_null (blank);
  g_setenv ("OPENDATA_SUBMIT_USER", " officer-stc\n", TRUE);
  user = ods_credential_store_user_from_env ();
  g_assert_cmpstr (user, ==, "officer-stc");
  g_unsetenv ("OPENDATA_SUBMIT_USER");
}

static void
test_config_roundtrip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ods-config-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sub", "portals.ini", NULL);
  g_autoptr(OdsPortalConfig) config = ods_portal_config_load (path, &error);
  g_autoptr(OdsPortalConfig) again = NULL;
  g_autoptr(OdsPortalSettings) s = ods_portal_settings_new ("HTTPS://Data.BinhDinh.gov.vn:443");
  g_autoptr(OdsPortalSettings) read = NULL;
  g_autoptr(OdsPortalSettings) missing = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) urls = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (config);
  g_assert_null (ods_portal_config_get_last_portal (config));
  g_assert_cmpstr (s->url, ==, "https://data.binhdinh.gov.vn/");

  s->user = g_strdup ("officer1");
  s->max_upload_mb = 50;
  s->ca_file = g_strdup ("/etc/ssl/binhdinh-ca.pem");
  ods_portal_config_set (config, s);
  ods_portal_config_set_last_portal (config, "https://data.binhdinh.gov.vn");
  g_assert_true (ods_portal_config_save (config, &error));
  g_assert_no_error (error);

  again = ods_portal_config_load (path, &error);
  g_assert_no_error (error);
  read = ods_portal_config_get (again, "https://data.binhdinh.gov.vn/");
  g_assert_nonnull (read);
  g_assert_cmpstr (read->user, ==, "officer1");
  g_assert_cmpuint (read->max_upload_mb, ==, 50);
  g_assert_cmpuint (ods_portal_settings_get_max_upload_bytes (read), ==, 50u * 1024 * 1024);
  g_assert_cmpstr (read->ca_file, ==, "/etc/ssl/binhdinh-ca.pem");
  g_assert_false (read->allow_insecure);
  g_assert_cmpstr (ods_portal_config_get_last_portal (again), ==, "https://data.binhdinh.gov.vn/");
  urls = ods_portal_config_list (again);
  g_assert_cmpuint (g_strv_length (urls), ==, 1);

  /* Unknown portals use CKAN's default limit. */
  missing = ods_portal_config_get (again, "https://other.example/");
  g_assert_null (missing);
  g_assert_cmpuint (ods_portal_settings_get_max_upload_bytes (NULL), ==, 10u * 1024 * 1024);

  /* Never a token in the file. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, "token"));

  ods_portal_config_remove (again, "https://data.binhdinh.gov.vn/");
  g_assert_null (ods_portal_config_get_last_portal (again));
  g_unlink (path);
  {
    g_autofree char *sub = g_path_get_dirname (path);

    g_rmdir (sub);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ods_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/credentials/async", test_async);
  g_test_add_func ("/credentials/env-token", test_env_token);
  g_test_add_func ("/credentials/env-user", test_env_user);
  g_test_add_func ("/credentials/config-roundtrip", test_config_roundtrip);

  return g_test_run ();
}
