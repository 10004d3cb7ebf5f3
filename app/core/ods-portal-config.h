/* ods-portal-config.h: the portals an officer uses and which one was signed in last.
 *
 * A key file, g_get_user_config_dir()/opendata-submit/portals.ini, with one
 * group per portal: url, user, max-upload-mb, ca-file, allow-insecure. No
 * token or password is ever written here (they live in the keyring).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODS_DEFAULT_MAX_UPLOAD_MB 10

typedef struct
{
  char     *url;             /* normalized */
  char     *user;            /* may be NULL */
  guint     max_upload_mb;   /* 0 = the default, 10 MB as CKAN's */
  char     *ca_file;         /* may be NULL */
  gboolean  allow_insecure;
} OdsPortalSettings;

OdsPortalSettings *ods_portal_settings_new        (const char              *url);
OdsPortalSettings *ods_portal_settings_copy       (const OdsPortalSettings *settings);
void               ods_portal_settings_free       (OdsPortalSettings       *settings);
guint64            ods_portal_settings_get_max_upload_bytes (const OdsPortalSettings *settings);

typedef struct _OdsPortalConfig OdsPortalConfig;

/* Reads @path (NULL: the default file). A missing file is an empty config. */
OdsPortalConfig   *ods_portal_config_load           (const char        *path,
                                                     GError           **error);
void               ods_portal_config_free           (OdsPortalConfig   *config);
gboolean           ods_portal_config_save           (OdsPortalConfig   *config,
                                                     GError           **error);
/* (transfer full), or NULL when the portal is not known. */
OdsPortalSettings *ods_portal_config_get            (OdsPortalConfig   *config,
                                                     const char        *url);
void               ods_portal_config_set            (OdsPortalConfig   *config,
                                                     const OdsPortalSettings *settings);
void               ods_portal_config_remove         (OdsPortalConfig   *config,
                                                     const char        *url);
/* (element-type utf8) the normalized URLs. */
GStrv              ods_portal_config_list           (OdsPortalConfig   *config);
const char        *ods_portal_config_get_last_portal (OdsPortalConfig  *config);
void               ods_portal_config_set_last_portal (OdsPortalConfig  *config,
                                                      const char       *url);
char              *ods_portal_config_default_path   (void);

/* Lower-case scheme and host, no query or fragment, path ending in "/". */
char              *ods_portal_url_normalize         (const char        *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalSettings, ods_portal_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalConfig, ods_portal_config_free)

G_END_DECLS
