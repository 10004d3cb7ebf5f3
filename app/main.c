/* main.c: opendata-submit opens the window; opendata-submit COMMAND runs headless. */
#include "config.h"

#include "ods-cli.h"
#include "ods-gui.h"
#include "ods-i18n.h"

int
main (int    argc,
      char **argv)
{
  ods_i18n_init ();

  /* A first argument that is not an option names a headless command. */
  if (argc > 1 && (argv[1][0] != '-' || g_str_equal (argv[1], "--help") ||
                   g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "--version")))
    return ods_cli_run (argc - 1, argv + 1);

  return ods_gui_run (argc, argv);
}
