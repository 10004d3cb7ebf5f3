/* ods-ckan-package.h: a CKAN dataset ("package") with its resources. */
#pragma once

#include <json-glib/json-glib.h>

#include "ods-ckan-organization.h"
#include "ods-ckan-resource.h"

G_BEGIN_DECLS

#define ODS_TYPE_CKAN_PACKAGE (ods_ckan_package_get_type ())
G_DECLARE_FINAL_TYPE (OdsCkanPackage, ods_ckan_package, ODS, CKAN_PACKAGE, GObject)

OdsCkanPackage *ods_ckan_package_new_from_json (JsonObject      *obj,
                                                GError         **error);
const char   *ods_ckan_package_get_id                 (OdsCkanPackage *self);
const char   *ods_ckan_package_get_name               (OdsCkanPackage *self);
const char   *ods_ckan_package_get_title              (OdsCkanPackage *self);
/* The title when set, else the name. */
const char   *ods_ckan_package_get_display_name       (OdsCkanPackage *self);
const char   *ods_ckan_package_get_notes              (OdsCkanPackage *self);
const char   *ods_ckan_package_get_owner_org          (OdsCkanPackage *self);
gboolean      ods_ckan_package_get_private            (OdsCkanPackage *self);
GDateTime    *ods_ckan_package_get_metadata_modified  (OdsCkanPackage *self);
/* NULL when the answer had no organization. */
OdsCkanOrganization *ods_ckan_package_get_organization (OdsCkanPackage *self);
/* The "extras" key/value list (key -> value). */
GHashTable   *ods_ckan_package_get_extras             (OdsCkanPackage *self);
const char   *ods_ckan_package_get_extra              (OdsCkanPackage *self,
                                                       const char     *key);
/* "frequency" or "update_frequency", from the extras or (ckanext-scheming) the
 * top level; NULL when the dataset does not say. */
const char   *ods_ckan_package_get_frequency          (OdsCkanPackage *self);
/* (element-type OdsCkanResource) */
GPtrArray    *ods_ckan_package_get_resources          (OdsCkanPackage *self);
OdsCkanResource *ods_ckan_package_find_resource       (OdsCkanPackage *self,
                                                       const char     *id);
OdsCkanResource *ods_ckan_package_find_submission     (OdsCkanPackage *self,
                                                       const char     *submission_id);

/* The Table Schema the portal keeps for this dataset (ckanext-validation's
 * `schema` on a resource): that of @resource_id when given and set, else that
 * of the most recently changed resource that has one. %NULL when none does. */
const char   *ods_ckan_package_find_schema           (OdsCkanPackage *self,
                                                      const char     *resource_id);

G_END_DECLS
