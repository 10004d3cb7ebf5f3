#define G_LOG_DOMAIN "ods-i18n"

#include "ods-i18n.h"

#include <locale.h>

/**
 * ods_i18n_init:
 *
 * Sets the locale from the environment and binds the text domain. The
 * catalogue directory is LOCALEDIR, or `OPENDATA_SUBMIT_LOCALEDIR` when set
 * (the uninstalled build and the tests point it at the build tree).
 */
void
ods_i18n_init (void)
{
  const char *dir = g_getenv ("OPENDATA_SUBMIT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
