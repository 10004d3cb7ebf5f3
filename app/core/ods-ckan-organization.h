/* ods-ckan-organization.h: a CKAN organization (a unit such as Sở Tài chính). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_TYPE_CKAN_ORGANIZATION (ods_ckan_organization_get_type ())
G_DECLARE_FINAL_TYPE (OdsCkanOrganization, ods_ckan_organization, ODS, CKAN_ORGANIZATION, GObject)

OdsCkanOrganization *ods_ckan_organization_new_from_json (JsonObject          *obj,
                                                          GError             **error);
const char *ods_ckan_organization_get_id           (OdsCkanOrganization *self);
const char *ods_ckan_organization_get_name         (OdsCkanOrganization *self);
const char *ods_ckan_organization_get_title        (OdsCkanOrganization *self);
/* The title when set, else the name. */
const char *ods_ckan_organization_get_display_name (OdsCkanOrganization *self);
/* "editor", "admin", "member", or NULL when the answer did not say. */
const char *ods_ckan_organization_get_capacity     (OdsCkanOrganization *self);

G_END_DECLS
