#include "ods-sha256.h"

#include <glib/gstdio.h>

static void
test_known_vectors (void)
{
  g_autoptr(OdsSha256) empty = ods_sha256_new ();
  g_autoptr(OdsSha256) abc = ods_sha256_new ();
  char hex[ODS_SHA256_HEX_LEN + 1];

  ods_sha256_finish_hex (empty, hex);
  g_assert_cmpstr (hex, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  ods_sha256_update (abc, "a", 1);
  ods_sha256_update (abc, "bc", 2);
  ods_sha256_finish_hex (abc, hex);
  g_assert_cmpstr (hex, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *hex = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(OdsSha256) ref = ods_sha256_new ();
  char ref_hex[ODS_SHA256_HEX_LEN + 1];
  int fd;

  /* Larger than one read block so the loop runs more than once. */
  for (int i = 0; i < 150000; i++)
    g_string_append_printf (big, "%d,Sở Tài chính\n", i);
  ods_sha256_update (ref, big->str, big->len);
  ods_sha256_finish_hex (ref, ref_hex);

  fd = g_file_open_tmp ("ods-sha-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, big->str, big->len, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  hex = ods_sha256_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, ref_hex);
  g_unlink (path);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/ods-nothing.csv");
  g_autofree char *hex = ods_sha256_file (file, NULL, &error);

  g_assert_null (hex);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sha256/known-vectors", test_known_vectors);
  g_test_add_func ("/sha256/file", test_file);
  g_test_add_func ("/sha256/missing-file", test_missing_file);
  return g_test_run ();
}
