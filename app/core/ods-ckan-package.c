#define G_LOG_DOMAIN "ods-ckan-package"

#include "ods-ckan-package.h"
#include "ods-json-util.h"

struct _OdsCkanPackage
{
  GObject              parent_instance;
  char                *id;
  char                *name;
  char                *title;
  char                *notes;
  char                *owner_org;
  gboolean             private_;
  GDateTime           *metadata_modified;
  OdsCkanOrganization *organization;
  GHashTable          *extras;
  char                *frequency;
  GPtrArray           *resources;
};

G_DEFINE_FINAL_TYPE (OdsCkanPackage, ods_ckan_package, G_TYPE_OBJECT)

/* Read-only, for list rows and property bindings in the GUI. */
enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TITLE,
  PROP_DISPLAY_NAME,
  PROP_NOTES,
  PROP_OWNER_ORG,
  PROP_PRIVATE,
  PROP_FREQUENCY,
  PROP_N_RESOURCES,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
ods_ckan_package_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsCkanPackage *self = ODS_CKAN_PACKAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, ods_ckan_package_get_display_name (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_OWNER_ORG:
      g_value_set_string (value, self->owner_org);
      break;
    case PROP_PRIVATE:
      g_value_set_boolean (value, self->private_);
      break;
    case PROP_FREQUENCY:
      g_value_set_string (value, self->frequency);
      break;
    case PROP_N_RESOURCES:
      g_value_set_uint (value, self->resources ? self->resources->len : 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_ckan_package_dispose (GObject *object)
{
  OdsCkanPackage *self = ODS_CKAN_PACKAGE (object);

  g_clear_object (&self->organization);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
  G_OBJECT_CLASS (ods_ckan_package_parent_class)->dispose (object);
}

static void
ods_ckan_package_finalize (GObject *object)
{
  OdsCkanPackage *self = ODS_CKAN_PACKAGE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->title);
  g_free (self->notes);
  g_free (self->owner_org);
  g_free (self->frequency);
  g_clear_pointer (&self->metadata_modified, g_date_time_unref);
  g_hash_table_unref (self->extras);
  G_OBJECT_CLASS (ods_ckan_package_parent_class)->finalize (object);
}

static void
ods_ckan_package_class_init (OdsCkanPackageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ods_ckan_package_dispose;
  object_class->finalize = ods_ckan_package_finalize;
  object_class->get_property = ods_ckan_package_get_property;

#define STR_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  STR_PROP (PROP_ID, "id");
  STR_PROP (PROP_NAME, "name");
  STR_PROP (PROP_TITLE, "title");
  STR_PROP (PROP_DISPLAY_NAME, "display-name");
  STR_PROP (PROP_NOTES, "notes");
  STR_PROP (PROP_OWNER_ORG, "owner-org");
  STR_PROP (PROP_FREQUENCY, "frequency");
#undef STR_PROP
  properties[PROP_PRIVATE] = g_param_spec_boolean ("private", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RESOURCES] = g_param_spec_uint ("n-resources", NULL, NULL, 0, G_MAXUINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ods_ckan_package_init (OdsCkanPackage *self)
{
  self->extras = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->resources = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
parse_extras (OdsCkanPackage *self,
              JsonObject     *obj,
              GError        **error)
{
  JsonNode *node = json_object_get_member (obj, "extras");
  JsonArray *arr;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, ods_json_type_error ("extras", "an array"));
      return FALSE;
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      g_autofree char *key = NULL;
      char *value;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_propagate_error (error, ods_json_type_error ("extras", "an array of objects"));
          return FALSE;
        }
      if (!ods_json_get_string (json_node_get_object (el), "key", TRUE, &key, error))
        return FALSE;
      value = ods_json_node_to_text (json_object_get_member (json_node_get_object (el), "value"));
      g_hash_table_insert (self->extras, g_steal_pointer (&key), value ? value : g_strdup (""));
    }
  return TRUE;
}

static gboolean
parse_resources (OdsCkanPackage *self,
                 JsonObject     *obj,
                 GError        **error)
{
  JsonNode *node = json_object_get_member (obj, "resources");
  JsonArray *arr;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, ods_json_type_error ("resources", "an array"));
      return FALSE;
    }
  arr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonNode *el = json_array_get_element (arr, i);
      OdsCkanResource *res;

      if (!JSON_NODE_HOLDS_OBJECT (el))
        {
          g_propagate_error (error, ods_json_type_error ("resources", "an array of objects"));
          return FALSE;
        }
      res = ods_ckan_resource_new_from_json (json_node_get_object (el), error);
      if (res == NULL)
        return FALSE;
      g_ptr_array_add (self->resources, res);
    }
  return TRUE;
}

/**
 * ods_ckan_package_new_from_json:
 *
 * Returns: (transfer full): the dataset, or %NULL with an
 *   %ODS_PORTAL_ERROR_BAD_RESPONSE error when a member has the wrong type
 */
OdsCkanPackage *
ods_ckan_package_new_from_json (JsonObject  *obj,
                                GError     **error)
{
  g_autoptr(OdsCkanPackage) self = g_object_new (ODS_TYPE_CKAN_PACKAGE, NULL);
  JsonNode *org;
  const char *freq;

  g_return_val_if_fail (obj != NULL, NULL);

  if (!ods_json_get_string (obj, "id", TRUE, &self->id, error) ||
      !ods_json_get_string (obj, "name", TRUE, &self->name, error) ||
      !ods_json_get_string (obj, "title", FALSE, &self->title, error) ||
      !ods_json_get_string (obj, "notes", FALSE, &self->notes, error) ||
      !ods_json_get_string (obj, "owner_org", FALSE, &self->owner_org, error) ||
      !ods_json_get_bool (obj, "private", &self->private_, error) ||
      !ods_json_get_time (obj, "metadata_modified", &self->metadata_modified, error) ||
      !parse_extras (self, obj, error) ||
      !parse_resources (self, obj, error))
    return NULL;

  org = json_object_get_member (obj, "organization");
  if (org != NULL && !JSON_NODE_HOLDS_NULL (org))
    {
      if (!JSON_NODE_HOLDS_OBJECT (org))
        {
          g_propagate_error (error, ods_json_type_error ("organization", "an object"));
          return NULL;
        }
      self->organization = ods_ckan_organization_new_from_json (json_node_get_object (org), error);
      if (self->organization == NULL)
        return NULL;
    }

  /* Frequency: classic extras first, then ckanext-scheming's top-level fields. */
  freq = g_hash_table_lookup (self->extras, "frequency");
  if (freq == NULL)
    freq = g_hash_table_lookup (self->extras, "update_frequency");
  if (freq != NULL)
    self->frequency = g_strdup (freq);
  else if (!ods_json_get_string (obj, "frequency", FALSE, &self->frequency, error) ||
           (self->frequency == NULL &&
            !ods_json_get_string (obj, "update_frequency", FALSE, &self->frequency, error)))
    return NULL;

  return g_steal_pointer (&self);
}

#define GETTER(field) \
  const char * \
  ods_ckan_package_get_##field (OdsCkanPackage *self) \
  { \
    g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL); \
    return self->field; \
  }

GETTER (id)
GETTER (name)
GETTER (title)
GETTER (notes)
GETTER (owner_org)
GETTER (frequency)

#undef GETTER

const char *
ods_ckan_package_get_display_name (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return (self->title != NULL && *self->title != '\0') ? self->title : self->name;
}

gboolean
ods_ckan_package_get_private (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), FALSE);
  return self->private_;
}

GDateTime *
ods_ckan_package_get_metadata_modified (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return self->metadata_modified;
}

OdsCkanOrganization *
ods_ckan_package_get_organization (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return self->organization;
}

GHashTable *
ods_ckan_package_get_extras (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return self->extras;
}

const char *
ods_ckan_package_get_extra (OdsCkanPackage *self,
                            const char     *key)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return g_hash_table_lookup (self->extras, key);
}

GPtrArray *
ods_ckan_package_get_resources (OdsCkanPackage *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);
  return self->resources;
}

OdsCkanResource *
ods_ckan_package_find_resource (OdsCkanPackage *self,
                                const char     *id)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);

  for (guint i = 0; i < self->resources->len; i++)
    {
      OdsCkanResource *res = g_ptr_array_index (self->resources, i);

      if (g_strcmp0 (ods_ckan_resource_get_id (res), id) == 0)
        return res;
    }
  return NULL;
}

OdsCkanResource *
ods_ckan_package_find_submission (OdsCkanPackage *self,
                                  const char     *submission_id)
{
  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);

  if (submission_id == NULL || *submission_id == '\0')
    return NULL;
  for (guint i = 0; i < self->resources->len; i++)
    {
      OdsCkanResource *res = g_ptr_array_index (self->resources, i);

      if (g_strcmp0 (ods_ckan_resource_get_submission_id (res), submission_id) == 0)
        return res;
    }
  return NULL;
}

const char *
ods_ckan_package_find_schema (OdsCkanPackage *self,
                              const char     *resource_id)
{
  GPtrArray *resources;
  OdsCkanResource *best = NULL;

  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (self), NULL);

  resources = ods_ckan_package_get_resources (self);
  for (guint i = 0; resources != NULL && i < resources->len; i++)
    {
      OdsCkanResource *res = g_ptr_array_index (resources, i);
      const char *schema = ods_ckan_resource_get_schema (res);
      GDateTime *when, *best_when;

      if (schema == NULL || *schema == '\0')
        continue;
      if (resource_id != NULL && g_strcmp0 (ods_ckan_resource_get_id (res), resource_id) == 0)
        return schema;
      if (best == NULL)
        {
          best = res;
          continue;
        }
      when = ods_ckan_resource_get_last_modified (res);
      best_when = ods_ckan_resource_get_last_modified (best);
      if (when != NULL && (best_when == NULL || g_date_time_compare (when, best_when) > 0))
        best = res;
    }
  return best != NULL ? ods_ckan_resource_get_schema (best) : NULL;
}
