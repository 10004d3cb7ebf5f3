/* ods-ckan-user.h: a CKAN user (user_show), parsed from untrusted JSON. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_TYPE_CKAN_USER (ods_ckan_user_get_type ())
G_DECLARE_FINAL_TYPE (OdsCkanUser, ods_ckan_user, ODS, CKAN_USER, GObject)

OdsCkanUser *ods_ckan_user_new_from_json     (JsonObject  *obj,
                                              GError     **error);
const char  *ods_ckan_user_get_id            (OdsCkanUser *self);
const char  *ods_ckan_user_get_name          (OdsCkanUser *self);
const char  *ods_ckan_user_get_fullname      (OdsCkanUser *self);
/* The full name when set, else the user name. */
const char  *ods_ckan_user_get_display_name  (OdsCkanUser *self);
const char  *ods_ckan_user_get_email         (OdsCkanUser *self);
gboolean     ods_ckan_user_get_sysadmin      (OdsCkanUser *self);

G_END_DECLS
