#define G_LOG_DOMAIN "ods-portal-config"

#include "ods-portal-config.h"

#include <errno.h>
#include <gio/gio.h>
#include <string.h>

#define GROUP_GENERAL "general"
#define GROUP_PREFIX "portal "

struct _OdsPortalConfig
{
  char     *path;
  GKeyFile *keyfile;
  char     *last;
};

char *
ods_portal_url_normalize (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) clean = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *p;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  p = g_uri_get_path (uri);
  path = g_str_has_suffix (p, "/") ? g_strdup (p) : g_strconcat (p, "/", NULL);
  /* The default port is no different portal. */
  clean = g_uri_build (G_URI_FLAGS_NONE, scheme, NULL, host,
                       (g_uri_get_port (uri) == 443 && g_str_equal (scheme, "https")) ||
                       (g_uri_get_port (uri) == 80 && g_str_equal (scheme, "http"))
                       ? -1 : g_uri_get_port (uri),
                       path, NULL, NULL);
  return g_uri_to_string (clean);
}

OdsPortalSettings *
ods_portal_settings_new (const char *url)
{
  OdsPortalSettings *s = g_new0 (OdsPortalSettings, 1);

  s->url = ods_portal_url_normalize (url);
  return s;
}

OdsPortalSettings *
ods_portal_settings_copy (const OdsPortalSettings *settings)
{
  OdsPortalSettings *s = g_new0 (OdsPortalSettings, 1);

  s->url = g_strdup (settings->url);
  s->user = g_strdup (settings->user);
  s->max_upload_mb = settings->max_upload_mb;
  s->ca_file = g_strdup (settings->ca_file);
  s->allow_insecure = settings->allow_insecure;
  return s;
}

void
ods_portal_settings_free (OdsPortalSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->url);
  g_free (settings->user);
  g_free (settings->ca_file);
  g_free (settings);
}

guint64
ods_portal_settings_get_max_upload_bytes (const OdsPortalSettings *settings)
{
  guint mb = (settings == NULL || settings->max_upload_mb == 0) ? ODS_DEFAULT_MAX_UPLOAD_MB
                                                              : settings->max_upload_mb;

  return (guint64) mb * 1024 * 1024;
}

char *
ods_portal_config_default_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "opendata-submit", "portals.ini", NULL);
}

OdsPortalConfig *
ods_portal_config_load (const char  *path,
                        GError     **error)
{
  g_autoptr(OdsPortalConfig) config = g_new0 (OdsPortalConfig, 1);
  g_autoptr(GError) local_error = NULL;

  config->path = path ? g_strdup (path) : ods_portal_config_default_path ();
  config->keyfile = g_key_file_new ();
  if (!g_key_file_load_from_file (config->keyfile, config->path, G_KEY_FILE_KEEP_COMMENTS, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&config);
}

void
ods_portal_config_free (OdsPortalConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->last);
  g_key_file_unref (config->keyfile);
  g_free (config);
}

gboolean
ods_portal_config_save (OdsPortalConfig  *config,
                        GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (config->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (config->keyfile, config->path, error);
}

static char *
group_for (const char *url)
{
  g_autofree char *norm = ods_portal_url_normalize (url);

  return g_strconcat (GROUP_PREFIX, norm, NULL);
}

OdsPortalSettings *
ods_portal_config_get (OdsPortalConfig *config,
                       const char      *url)
{
  g_autofree char *group = group_for (url);
  OdsPortalSettings *s;
  int mb;

  if (!g_key_file_has_group (config->keyfile, group))
    return NULL;
  s = ods_portal_settings_new (url);
  s->user = g_key_file_get_string (config->keyfile, group, "user", NULL);
  if (s->user != NULL && *s->user == '\0')
    g_clear_pointer (&s->user, g_free);
  mb = g_key_file_get_integer (config->keyfile, group, "max-upload-mb", NULL);
  s->max_upload_mb = mb > 0 ? (guint) mb : 0;
  s->ca_file = g_key_file_get_string (config->keyfile, group, "ca-file", NULL);
  if (s->ca_file != NULL && *s->ca_file == '\0')
    g_clear_pointer (&s->ca_file, g_free);
  s->allow_insecure = g_key_file_get_boolean (config->keyfile, group, "allow-insecure", NULL);
  return s;
}

void
ods_portal_config_set (OdsPortalConfig         *config,
                       const OdsPortalSettings *settings)
{
  g_autofree char *group = group_for (settings->url);
  g_autofree char *norm = ods_portal_url_normalize (settings->url);

  g_key_file_set_string (config->keyfile, group, "url", norm);
  if (settings->user != NULL)
    g_key_file_set_string (config->keyfile, group, "user", settings->user);
  else
    g_key_file_remove_key (config->keyfile, group, "user", NULL);
  if (settings->max_upload_mb > 0)
    g_key_file_set_integer (config->keyfile, group, "max-upload-mb", (int) settings->max_upload_mb);
  else
    g_key_file_remove_key (config->keyfile, group, "max-upload-mb", NULL);
  if (settings->ca_file != NULL)
    g_key_file_set_string (config->keyfile, group, "ca-file", settings->ca_file);
  else
    g_key_file_remove_key (config->keyfile, group, "ca-file", NULL);
  g_key_file_set_boolean (config->keyfile, group, "allow-insecure", settings->allow_insecure);
}

void
ods_portal_config_remove (OdsPortalConfig *config,
                          const char      *url)
{
  g_autofree char *group = group_for (url);
  g_autofree char *norm = ods_portal_url_normalize (url);

  g_key_file_remove_group (config->keyfile, group, NULL);
  if (g_strcmp0 (ods_portal_config_get_last_portal (config), norm) == 0)
    g_key_file_remove_key (config->keyfile, GROUP_GENERAL, "last-portal", NULL);
}

GStrv
ods_portal_config_list (OdsPortalConfig *config)
{
  g_auto(GStrv) groups = g_key_file_get_groups (config->keyfile, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (gsize i = 0; groups[i] != NULL; i++)
    if (g_str_has_prefix (groups[i], GROUP_PREFIX))
      g_strv_builder_add (builder, groups[i] + strlen (GROUP_PREFIX));
  return g_strv_builder_end (builder);
}

const char *
ods_portal_config_get_last_portal (OdsPortalConfig *config)
{
  g_free (config->last);
  config->last = g_key_file_get_string (config->keyfile, GROUP_GENERAL, "last-portal", NULL);
  if (config->last != NULL && *config->last == '\0')
    g_clear_pointer (&config->last, g_free);
  return config->last;
}

void
ods_portal_config_set_last_portal (OdsPortalConfig *config,
                                   const char      *url)
{
  g_autofree char *norm = ods_portal_url_normalize (url);

  g_key_file_set_string (config->keyfile, GROUP_GENERAL, "last-portal", norm);
}
