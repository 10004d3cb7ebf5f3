/* ods-portal-store.h: the stand-in portal's state (organizations, users, tokens,
 * datasets, resources) kept as CKAN-shaped JSON and persisted in a directory. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_TYPE_PORTAL_STORE (ods_portal_store_get_type ())
G_DECLARE_FINAL_TYPE (OdsPortalStore, ods_portal_store, ODS, PORTAL_STORE, GObject)

OdsPortalStore *ods_portal_store_new             (const char     *data_dir,
                                                  GError        **error);
gboolean        ods_portal_store_is_empty        (OdsPortalStore *self);
gboolean        ods_portal_store_save            (OdsPortalStore *self,
                                                  GError        **error);
const char     *ods_portal_store_get_data_dir    (OdsPortalStore *self);
char           *ods_portal_store_get_tmp_dir     (OdsPortalStore *self);
char           *ods_portal_store_file_path       (OdsPortalStore *self,
                                                  const char     *resource_id);

JsonArray      *ods_portal_store_get_organizations (OdsPortalStore *self);
JsonArray      *ods_portal_store_get_users         (OdsPortalStore *self);
JsonArray      *ods_portal_store_get_members       (OdsPortalStore *self);
JsonArray      *ods_portal_store_get_tokens        (OdsPortalStore *self);
JsonArray      *ods_portal_store_get_packages      (OdsPortalStore *self);
/* resource id → ckanext-validation record */
JsonObject     *ods_portal_store_get_validations   (OdsPortalStore *self);

JsonObject     *ods_portal_store_find_user         (OdsPortalStore *self,
                                                    const char     *id_name_or_email);
JsonObject     *ods_portal_store_find_org          (OdsPortalStore *self,
                                                    const char     *id_or_name);
JsonObject     *ods_portal_store_find_package      (OdsPortalStore *self,
                                                    const char     *id_or_name);
JsonObject     *ods_portal_store_find_resource     (OdsPortalStore *self,
                                                    const char     *id,
                                                    JsonObject    **package_out);
/* "admin", "editor", "member" or NULL. */
const char     *ods_portal_store_get_capacity      (OdsPortalStore *self,
                                                    const char     *user_id,
                                                    const char     *org_id);
void            ods_portal_store_add_member        (OdsPortalStore *self,
                                                    const char     *user_id,
                                                    const char     *org_id,
                                                    const char     *capacity);

JsonObject     *ods_portal_store_add_user          (OdsPortalStore *self,
                                                    const char     *id,
                                                    const char     *name,
                                                    const char     *fullname,
                                                    const char     *email,
                                                    const char     *password,
                                                    gboolean        sysadmin,
                                                    const char     *created);
gboolean        ods_portal_store_check_password    (OdsPortalStore *self,
                                                    JsonObject     *user,
                                                    const char     *password);

/* Tokens are JWT-shaped (header.payload.signature, HMAC-SHA256 with the store's
 * secret); only their id (jti) is stored, never the token itself. */
char           *ods_portal_store_create_token      (OdsPortalStore *self,
                                                    const char     *user_id,
                                                    const char     *name,
                                                    const char     *jti,
                                                    gint64          iat);
char           *ods_portal_store_sign_token        (OdsPortalStore *self,
                                                    const char     *jti,
                                                    gint64          iat);
JsonObject     *ods_portal_store_lookup_token      (OdsPortalStore *self,
                                                    const char     *token,
                                                    JsonObject    **token_record_out);
gboolean        ods_portal_store_revoke_token      (OdsPortalStore *self,
                                                    const char     *token_or_jti);
void            ods_portal_store_set_secret        (OdsPortalStore *self,
                                                    const char     *secret);

/* Helpers shared by the portal sources. */
char           *ods_portal_now_iso                 (void);
char           *ods_portal_new_id                  (void);
const char     *ods_portal_object_get_string       (JsonObject     *object,
                                                    const char     *member);

G_END_DECLS
