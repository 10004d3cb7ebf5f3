/* ods-ckan-status.h: plain answers of status_show and resource_validation_show. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *site_title;
  char     *site_url;
  char     *ckan_version;
  GStrv     extensions;
  gboolean  has_validation;          /* ckanext-validation */
  gboolean  has_scheming;            /* scheming_datasets */
  gboolean  has_xloader;
} OdsCkanStatus;

OdsCkanStatus *ods_ckan_status_new_from_json (JsonObject     *obj,
                                              GError        **error);
void           ods_ckan_status_free          (OdsCkanStatus  *status);

typedef enum
{
  ODS_CKAN_VALIDATION_UNKNOWN,
  ODS_CKAN_VALIDATION_CREATED,   /* queued */
  ODS_CKAN_VALIDATION_RUNNING,
  ODS_CKAN_VALIDATION_SUCCESS,
  ODS_CKAN_VALIDATION_FAILURE,   /* the data does not match the schema */
  ODS_CKAN_VALIDATION_ERROR,     /* the validator itself failed */
} OdsCkanValidationStatus;

typedef struct
{
  OdsCkanValidationStatus status;
  char                   *status_text;
  char                   *report;   /* JSON text or NULL */
  char                   *error;    /* JSON text or NULL */
} OdsCkanValidation;

OdsCkanValidation *ods_ckan_validation_new_from_json (JsonObject        *obj,
                                                      GError           **error);
void               ods_ckan_validation_free          (OdsCkanValidation *validation);
/* TRUE once the status will not change any more. */
gboolean           ods_ckan_validation_is_final      (const OdsCkanValidation *validation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsCkanStatus, ods_ckan_status_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsCkanValidation, ods_ckan_validation_free)

G_END_DECLS
