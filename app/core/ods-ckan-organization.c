#define G_LOG_DOMAIN "ods-ckan-organization"

#include "ods-ckan-organization.h"
#include "ods-json-util.h"

struct _OdsCkanOrganization
{
  GObject  parent_instance;
  char    *id;
  char    *name;
  char    *title;
  char    *capacity;
};

G_DEFINE_FINAL_TYPE (OdsCkanOrganization, ods_ckan_organization, G_TYPE_OBJECT)

static void
ods_ckan_organization_finalize (GObject *object)
{
  OdsCkanOrganization *self = ODS_CKAN_ORGANIZATION (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->title);
  g_free (self->capacity);
  G_OBJECT_CLASS (ods_ckan_organization_parent_class)->finalize (object);
}

static void
ods_ckan_organization_class_init (OdsCkanOrganizationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_ckan_organization_finalize;
}

static void
ods_ckan_organization_init (OdsCkanOrganization *self)
{
}

OdsCkanOrganization *
ods_ckan_organization_new_from_json (JsonObject  *obj,
                                     GError     **error)
{
  g_autoptr(OdsCkanOrganization) self = g_object_new (ODS_TYPE_CKAN_ORGANIZATION, NULL);

  g_return_val_if_fail (obj != NULL, NULL);

  if (!ods_json_get_string (obj, "id", TRUE, &self->id, error) ||
      !ods_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !ods_json_get_string (obj, "title", FALSE, &self->title, error) ||
      !ods_json_get_string (obj, "capacity", FALSE, &self->capacity, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ods_ckan_organization_get_id (OdsCkanOrganization *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_ORGANIZATION (self), NULL);
  return self->id;
}

const char *
ods_ckan_organization_get_name (OdsCkanOrganization *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_ORGANIZATION (self), NULL);
  return self->name;
}

const char *
ods_ckan_organization_get_title (OdsCkanOrganization *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_ORGANIZATION (self), NULL);
  return self->title;
}

const char *
ods_ckan_organization_get_display_name (OdsCkanOrganization *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_ORGANIZATION (self), NULL);
  return (self->title != NULL && *self->title != '\0') ? self->title : self->name;
}

const char *
ods_ckan_organization_get_capacity (OdsCkanOrganization *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_ORGANIZATION (self), NULL);
  return self->capacity;
}
