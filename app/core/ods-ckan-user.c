#define G_LOG_DOMAIN "ods-ckan-user"

#include "ods-ckan-user.h"
#include "ods-json-util.h"

struct _OdsCkanUser
{
  GObject   parent_instance;
  char     *id;
  char     *name;
  char     *fullname;
  char     *display_name;
  char     *email;
  gboolean  sysadmin;
};

G_DEFINE_FINAL_TYPE (OdsCkanUser, ods_ckan_user, G_TYPE_OBJECT)

static void
ods_ckan_user_finalize (GObject *object)
{
  OdsCkanUser *self = ODS_CKAN_USER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->fullname);
  g_free (self->display_name);
  g_free (self->email);
  G_OBJECT_CLASS (ods_ckan_user_parent_class)->finalize (object);
}

static void
ods_ckan_user_class_init (OdsCkanUserClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_ckan_user_finalize;
}

static void
ods_ckan_user_init (OdsCkanUser *self)
{
}

/**
 * ods_ckan_user_new_from_json:
 *
 * Returns: (transfer full): the user, or %NULL with an
 *   %ODS_PORTAL_ERROR_BAD_RESPONSE error when a member has the wrong type
 */
OdsCkanUser *
ods_ckan_user_new_from_json (JsonObject  *obj,
                             GError     **error)
{
  g_autoptr(OdsCkanUser) self = g_object_new (ODS_TYPE_CKAN_USER, NULL);

  g_return_val_if_fail (obj != NULL, NULL);

  if (!ods_json_get_string (obj, "id", TRUE, &self->id, error) ||
      !ods_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !ods_json_get_string (obj, "fullname", FALSE, &self->fullname, error) ||
      !ods_json_get_string (obj, "display_name", FALSE, &self->display_name, error) ||
      !ods_json_get_string (obj, "email", FALSE, &self->email, error) ||
      !ods_json_get_bool (obj, "sysadmin", &self->sysadmin, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
ods_ckan_user_get_id (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), NULL);
  return self->id;
}

const char *
ods_ckan_user_get_name (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), NULL);
  return self->name;
}

const char *
ods_ckan_user_get_fullname (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), NULL);
  return self->fullname;
}

const char *
ods_ckan_user_get_display_name (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), NULL);
  if (self->fullname != NULL && *self->fullname != '\0')
    return self->fullname;
  if (self->display_name != NULL && *self->display_name != '\0')
    return self->display_name;
  return self->name;
}

const char *
ods_ckan_user_get_email (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), NULL);
  return self->email;
}

gboolean
ods_ckan_user_get_sysadmin (OdsCkanUser *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_USER (self), FALSE);
  return self->sysadmin;
}
