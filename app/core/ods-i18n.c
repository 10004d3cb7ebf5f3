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

static char *
format_bytes (guint64 bytes)
{
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);

  /* TRANSLATORS: a size in bytes, e.g. “232 bytes” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s byte", "%s bytes",
                                       (gulong) MIN (bytes, G_MAXULONG)),
                          n);
}

/**
 * ods_format_size:
 * @bytes: a size
 *
 * Formats a size for people. GLib's g_format_size() is used from 1000
 * bytes on (its units are the same in every language); below that the
 * count of bytes comes from our own catalogue, since GLib's own
 * translations leave “bytes” in English for some languages.
 *
 * Returns: (transfer full): the size, e.g. “232 bytes” or “1.2 MB”
 */
char *
ods_format_size (guint64 bytes)
{
  if (bytes < 1000)
    return format_bytes (bytes);
  return g_format_size (bytes);
}

/**
 * ods_format_size_long:
 * @bytes: a size
 *
 * Returns: (transfer full): the size with the exact count of bytes, e.g.
 *   “1.2 MB (1234567 bytes)”, or “232 bytes”
 */
char *
ods_format_size_long (guint64 bytes)
{
  g_autofree char *short_size = NULL;
  g_autofree char *exact = NULL;

  if (bytes < 1000)
    return format_bytes (bytes);
  short_size = g_format_size (bytes);
  exact = format_bytes (bytes);
  /* TRANSLATORS: a rounded size, then the exact one: “1.2 MB (1234567 bytes)” */
  return g_strdup_printf (C_("size", "%s (%s)"), short_size, exact);
}
