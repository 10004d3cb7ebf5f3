#define G_LOG_DOMAIN "ods-gui"

/* ods-gui-module.c: the entry point main.c looks up in the window's module
 * (opendata-submit-gui), so that headless commands never load GTK. */
#include "config.h"

#include "ods-gui.h"

#include <gmodule.h>

G_MODULE_EXPORT int ods_gui_module_run (int    argc,
                                        char **argv);

G_MODULE_EXPORT int
ods_gui_module_run (int    argc,
                    char **argv)
{
  return ods_gui_run (argc, argv);
}
