/* Sizes as the officer reads them, in English and in Vietnamese. */
#include "ods-i18n.h"

#include <locale.h>

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ods_i18n_init ();
}

static void
test_size_english (void)
{
  g_autofree char *one = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  g_autofree char *exact = NULL;

  use_language ("en");
  one = ods_format_size (1);
  small = ods_format_size (232);
  large = ods_format_size (1234567);
  exact = ods_format_size_long (1234567);
  g_assert_cmpstr (one, ==, "1 byte");
  g_assert_cmpstr (small, ==, "232 bytes");
  g_assert_cmpstr (large, ==, "1.2\u00a0MB");
  g_assert_cmpstr (exact, ==, "1.2\u00a0MB (1234567 bytes)");
}

/* gettext reads the language once per process: Vietnamese runs in a
 * child process of its own. */
static void
test_size_vietnamese (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *small = NULL;
      g_autofree char *small_long = NULL;
      g_autofree char *exact = NULL;

      use_language ("vi");
      small = ods_format_size (232);
      small_long = ods_format_size_long (232);
      exact = ods_format_size_long (1234567);
      /* Not GLib's untranslated "bytes". */
      g_assert_cmpstr (small, ==, "232 byte");
      g_assert_cmpstr (small_long, ==, "232 byte");
      g_assert_cmpstr (exact, ==, "1.2\u00a0MB (1234567 byte)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/i18n/size/english", test_size_english);
  g_test_add_func ("/i18n/size/vietnamese", test_size_vietnamese);
  return g_test_run ();
}
