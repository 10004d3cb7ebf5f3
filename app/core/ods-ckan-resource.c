#define G_LOG_DOMAIN "ods-ckan-resource"

#include "ods-ckan-resource.h"
#include "ods-json-util.h"

struct _OdsCkanResource
{
  GObject     parent_instance;
  char       *id;
  char       *package_id;
  char       *name;
  char       *description;
  char       *format;
  char       *url;
  char       *url_type;
  gint64      size;
  char       *hash;
  char       *mimetype;
  GDateTime  *last_modified;
  GDateTime  *created;
  char       *period;
  char       *sha256;
  char       *submission_id;
  char       *schema;
  GHashTable *fields;
};

G_DEFINE_FINAL_TYPE (OdsCkanResource, ods_ckan_resource, G_TYPE_OBJECT)

/* Read-only, for list rows and property bindings in the GUI. */
enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_FORMAT,
  PROP_URL,
  PROP_PERIOD,
  PROP_SIZE,
  PROP_LAST_MODIFIED,
  PROP_SHA256,
  PROP_SUBMISSION_ID,
  PROP_IS_UPLOAD,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static const char * const parsed_members[] = {
  "id", "package_id", "name", "description", "format", "url", "url_type", "size",
  "hash", "mimetype", "last_modified", "created", "period", "sha256",
  "submission_id", "schema",
};

static void
ods_ckan_resource_finalize (GObject *object)
{
  OdsCkanResource *self = ODS_CKAN_RESOURCE (object);

  g_free (self->id);
  g_free (self->package_id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->format);
  g_free (self->url);
  g_free (self->url_type);
  g_free (self->hash);
  g_free (self->mimetype);
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->period);
  g_free (self->sha256);
  g_free (self->submission_id);
  g_free (self->schema);
  g_hash_table_unref (self->fields);
  G_OBJECT_CLASS (ods_ckan_resource_parent_class)->finalize (object);
}

static void
ods_ckan_resource_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OdsCkanResource *self = ODS_CKAN_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_LAST_MODIFIED:
      g_value_set_boxed (value, self->last_modified);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_SUBMISSION_ID:
      g_value_set_string (value, self->submission_id);
      break;
    case PROP_IS_UPLOAD:
      g_value_set_boolean (value, ods_ckan_resource_is_upload (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_ckan_resource_class_init (OdsCkanResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ods_ckan_resource_finalize;
  object_class->get_property = ods_ckan_resource_get_property;

#define STR_PROP(id, name) \
  properties[id] = g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)
  STR_PROP (PROP_ID, "id");
  STR_PROP (PROP_NAME, "name");
  STR_PROP (PROP_FORMAT, "format");
  STR_PROP (PROP_URL, "url");
  STR_PROP (PROP_PERIOD, "period");
  STR_PROP (PROP_SHA256, "sha256");
  STR_PROP (PROP_SUBMISSION_ID, "submission-id");
#undef STR_PROP
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_MODIFIED] = g_param_spec_boxed ("last-modified", NULL, NULL, G_TYPE_DATE_TIME,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_UPLOAD] = g_param_spec_boolean ("is-upload", NULL, NULL, FALSE,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ods_ckan_resource_init (OdsCkanResource *self)
{
  self->size = -1;
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
is_parsed_member (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parsed_members); i++)
    if (g_str_equal (parsed_members[i], name))
      return TRUE;
  return FALSE;
}

/**
 * ods_ckan_resource_new_from_json:
 *
 * Returns: (transfer full): the resource, or %NULL with an
 *   %ODS_PORTAL_ERROR_BAD_RESPONSE error when a member has the wrong type
 */
OdsCkanResource *
ods_ckan_resource_new_from_json (JsonObject  *obj,
                                 GError     **error)
{
  g_autoptr(OdsCkanResource) self = g_object_new (ODS_TYPE_CKAN_RESOURCE, NULL);
  g_autoptr(GList) members = NULL;
  JsonNode *schema;

  g_return_val_if_fail (obj != NULL, NULL);

  if (!ods_json_get_string (obj, "id", TRUE, &self->id, error) ||
      !ods_json_get_string (obj, "package_id", FALSE, &self->package_id, error) ||
      !ods_json_get_string (obj, "name", FALSE, &self->name, error) ||
      !ods_json_get_string (obj, "description", FALSE, &self->description, error) ||
      !ods_json_get_string (obj, "format", FALSE, &self->format, error) ||
      !ods_json_get_string (obj, "url", FALSE, &self->url, error) ||
      !ods_json_get_string (obj, "url_type", FALSE, &self->url_type, error) ||
      !ods_json_get_int (obj, "size", &self->size, error) ||
      !ods_json_get_string (obj, "hash", FALSE, &self->hash, error) ||
      !ods_json_get_string (obj, "mimetype", FALSE, &self->mimetype, error) ||
      !ods_json_get_time (obj, "last_modified", &self->last_modified, error) ||
      !ods_json_get_time (obj, "created", &self->created, error) ||
      !ods_json_get_string (obj, "period", FALSE, &self->period, error) ||
      !ods_json_get_string (obj, "sha256", FALSE, &self->sha256, error) ||
      !ods_json_get_string (obj, "submission_id", FALSE, &self->submission_id, error))
    return NULL;

  if (self->size < -1)
    {
      g_propagate_error (error, ods_json_type_error ("size", "a size"));
      return NULL;
    }

  /* ckanext-validation keeps the schema as a JSON string; some portals as an object. */
  schema = json_object_get_member (obj, "schema");
  if (schema != NULL && !JSON_NODE_HOLDS_NULL (schema))
    {
      if (JSON_NODE_HOLDS_OBJECT (schema) ||
          (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_STRING))
        self->schema = ods_json_node_to_text (schema);
      else
        {
          g_propagate_error (error, ods_json_type_error ("schema", "a JSON object or string"));
          return NULL;
        }
      if (self->schema != NULL && *self->schema == '\0')
        g_clear_pointer (&self->schema, g_free);
    }

  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      char *text;

      if (is_parsed_member (name))
        continue;
      text = ods_json_node_to_text (json_object_get_member (obj, name));
      if (text != NULL)
        g_hash_table_insert (self->fields, g_strdup (name), text);
    }

  return g_steal_pointer (&self);
}

#define GETTER(field) \
  const char * \
  ods_ckan_resource_get_##field (OdsCkanResource *self) \
  { \
    g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), NULL); \
    return self->field; \
  }

GETTER (id)
GETTER (package_id)
GETTER (name)
GETTER (description)
GETTER (format)
GETTER (url)
GETTER (url_type)
GETTER (hash)
GETTER (mimetype)
GETTER (period)
GETTER (sha256)
GETTER (submission_id)
GETTER (schema)

#undef GETTER

gboolean
ods_ckan_resource_is_upload (OdsCkanResource *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), FALSE);
  return g_strcmp0 (self->url_type, "upload") == 0;
}

gint64
ods_ckan_resource_get_size (OdsCkanResource *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), -1);
  return self->size;
}

GDateTime *
ods_ckan_resource_get_last_modified (OdsCkanResource *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), NULL);
  return self->last_modified;
}

GDateTime *
ods_ckan_resource_get_created (OdsCkanResource *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), NULL);
  return self->created;
}

const char *
ods_ckan_resource_get_field (OdsCkanResource *self,
                             const char      *name)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), NULL);
  return g_hash_table_lookup (self->fields, name);
}

GHashTable *
ods_ckan_resource_get_fields (OdsCkanResource *self)
{
  g_return_val_if_fail (ODS_IS_CKAN_RESOURCE (self), NULL);
  return self->fields;
}
