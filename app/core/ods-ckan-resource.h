/* ods-ckan-resource.h: a CKAN resource (one file or link of a dataset). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_TYPE_CKAN_RESOURCE (ods_ckan_resource_get_type ())
G_DECLARE_FINAL_TYPE (OdsCkanResource, ods_ckan_resource, ODS, CKAN_RESOURCE, GObject)

OdsCkanResource *ods_ckan_resource_new_from_json (JsonObject       *obj,
                                                  GError          **error);
const char *ods_ckan_resource_get_id            (OdsCkanResource *self);
const char *ods_ckan_resource_get_package_id    (OdsCkanResource *self);
const char *ods_ckan_resource_get_name          (OdsCkanResource *self);
const char *ods_ckan_resource_get_description   (OdsCkanResource *self);
const char *ods_ckan_resource_get_format        (OdsCkanResource *self);
const char *ods_ckan_resource_get_url           (OdsCkanResource *self);
/* "upload" for files stored by CKAN, "" or NULL for links. */
const char *ods_ckan_resource_get_url_type      (OdsCkanResource *self);
gboolean    ods_ckan_resource_is_upload         (OdsCkanResource *self);
/* Size in bytes, or -1 when the portal did not say. */
gint64      ods_ckan_resource_get_size          (OdsCkanResource *self);
const char *ods_ckan_resource_get_hash          (OdsCkanResource *self);
const char *ods_ckan_resource_get_mimetype      (OdsCkanResource *self);
/* UTC; NULL when unset. */
GDateTime  *ods_ckan_resource_get_last_modified (OdsCkanResource *self);
GDateTime  *ods_ckan_resource_get_created       (OdsCkanResource *self);
/* Our custom fields: "2026-Q3", hex SHA-256, submission UUID. */
const char *ods_ckan_resource_get_period        (OdsCkanResource *self);
const char *ods_ckan_resource_get_sha256        (OdsCkanResource *self);
const char *ods_ckan_resource_get_submission_id (OdsCkanResource *self);
/* ckanext-validation's Table Schema as JSON text (stored as a string or an object). */
const char *ods_ckan_resource_get_schema        (OdsCkanResource *self);
/* Every other member, as text (objects and arrays as compact JSON). */
const char *ods_ckan_resource_get_field         (OdsCkanResource *self,
                                                 const char      *name);
GHashTable *ods_ckan_resource_get_fields        (OdsCkanResource *self);

G_END_DECLS
