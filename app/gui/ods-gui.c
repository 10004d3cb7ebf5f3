#define G_LOG_DOMAIN "ods-gui"

#include "ods-gui.h"
#include "ods-i18n.h"

#include <stdio.h>

int
ods_gui_run (int    argc,
             char **argv)
{
  /* The window lands with the desktop-app issue; until then say so. */
  fprintf (stderr, "%s\n", _("The window is not built yet. Run “opendata-submit --help” for the commands."));
  return 2;
}
