/* Every subcommand's --help, as the officer reads it in English and in
 * Vietnamese: exit 0, the usage line with the command's name, and no
 * English left in the Vietnamese usage line. */
#include <gio/gio.h>

#include "cli-fixture.h"

static const char *commands[] = {
  "validate", "infer", "login", "logout", "datasets", "submit", "link",
  "deadline", "history", "status", "report",
};

/* Runs every command's --help with @env: the help starts with @usage, the
 * command's name and @option_word, and has GLib's @options_heading. */
static void
check_every_help (const char * const *env,
                  const char         *usage,
                  const char         *option_word,
                  const char         *options_heading)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliRun) run = { 0 };
      const char *argv[] = { commands[i], "--help", NULL };
      g_autofree char *start = g_strconcat (usage, "\n  opendata-submit ", commands[i], " ",
                                            option_word, NULL);

      cli_run (&run, env, argv);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, start));
      g_assert_nonnull (strstr (run.out, options_heading));
      g_assert_nonnull (strstr (run.out, "--help"));
    }
}

static void
test_help_english (void)
{
  check_every_help (NULL, "Usage:", "[OPTION…]", "Help Options:");
}

static void
test_help_vietnamese (void)
{
  const char *env[] = { "LANGUAGE=vi", NULL };

  /* No English left in the usage line. */
  check_every_help (env, "Cách dùng:", "[TÙY_CHỌN…]", "Tùy chọn trợ giúp:");
}

/* What follows "--" is a file name, not a request for help. */
static void
test_help_after_double_dash (void)
{
  g_auto(CliRun) run = { 0 };
  const char *argv[] = { "validate", "--", "--help", NULL };

  cli_run (&run, NULL, argv);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_null (strstr (run.out, "Usage:"));
  g_assert_nonnull (strstr (run.err, "--help"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-help/english", test_help_english);
  g_test_add_func ("/cli-help/vietnamese", test_help_vietnamese);
  g_test_add_func ("/cli-help/after-double-dash", test_help_after_double_dash);
  return g_test_run ();
}
