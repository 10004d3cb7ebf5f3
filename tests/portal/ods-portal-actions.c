#define G_LOG_DOMAIN "ods-portal-actions"

#include "ods-portal-server-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CKAN_VERSION "2.10.10"

/* ---- small helpers ---------------------------------------------------- */

static JsonNode *
string_or_null (const char *s)
{
  JsonNode *node = json_node_new (JSON_NODE_NULL);

  if (s != NULL)
    {
      json_node_init_string (node, s);
    }
  return node;
}

static JsonNode *deep_copy (JsonNode *node);

static void
copy_member (JsonObject *to,
             JsonObject *from,
             const char *member)
{
  JsonNode *node = json_object_get_member (from, member);

  json_object_set_member (to, member, deep_copy (node));
}

static JsonNode *
object_node (JsonObject *obj)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, obj);
  return node;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* json_node_copy () shares objects and arrays; state edits need real copies. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (node == NULL)
    return json_node_new (JSON_NODE_NULL);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *in = json_node_get_object (node);
      JsonObject *out = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (in);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (out, l->data, deep_copy (json_object_get_member (in, l->data)));
      return object_node (out);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);
      JsonArray *out = json_array_new ();

      for (guint i = 0; i < json_array_get_length (in); i++)
        json_array_add_element (out, deep_copy (json_array_get_element (in, i)));
      return array_node (out);
    }
  return json_node_copy (node);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* CKAN dictizes with sorted keys for resources and org users. */
static JsonObject *
sorted_copy (JsonObject *obj)
{
  JsonObject *out = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (obj);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (GList *l = members; l; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    copy_member (out, obj, g_ptr_array_index (keys, i));
  return out;
}

static gboolean
is_sysadmin (JsonObject *user)
{
  return user != NULL && json_object_get_boolean_member_with_default (user, "sysadmin", FALSE);
}

static const char *
capacity_of (OdsPortalCall *call,
             JsonObject    *user,
             const char    *org_id)
{
  if (user == NULL)
    return NULL;
  return ods_portal_store_get_capacity (call->store, ods_portal_object_get_string (user, "id"), org_id);
}

static gboolean
can_read_package (OdsPortalCall *call,
                  JsonObject    *pkg)
{
  if (!json_object_get_boolean_member_with_default (pkg, "private", FALSE))
    return TRUE;
  return is_sysadmin (call->user) ||
         capacity_of (call, call->user, ods_portal_object_get_string (pkg, "owner_org")) != NULL;
}

static gboolean
can_edit_in_org (OdsPortalCall *call,
                 const char    *org_id)
{
  const char *cap;

  if (is_sysadmin (call->user))
    return TRUE;
  cap = capacity_of (call, call->user, org_id);
  return g_strcmp0 (cap, "admin") == 0 || g_strcmp0 (cap, "editor") == 0;
}

static gboolean
is_active (JsonObject *obj)
{
  return g_strcmp0 (ods_portal_object_get_string (obj, "state"), "active") == 0;
}

/* ---- dictization ------------------------------------------------------ */

static JsonObject *
org_small_dict (JsonObject *org)
{
  JsonObject *d = json_object_new ();

  copy_member (d, org, "id");
  copy_member (d, org, "name");
  copy_member (d, org, "title");
  json_object_set_string_member (d, "type", "organization");
  copy_member (d, org, "description");
  json_object_set_string_member (d, "image_url", "");
  copy_member (d, org, "created");
  json_object_set_boolean_member (d, "is_organization", TRUE);
  json_object_set_string_member (d, "approval_status", "approved");
  copy_member (d, org, "state");
  return d;
}

static guint
user_package_count (OdsPortalCall *call,
                    JsonObject    *user)
{
  JsonArray *packages = ods_portal_store_get_packages (call->store);
  const char *id = ods_portal_object_get_string (user, "id");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (packages); i++)
    {
      JsonObject *pkg = json_array_get_object_element (packages, i);

      if (is_active (pkg) && g_strcmp0 (ods_portal_object_get_string (pkg, "creator_user_id"), id) == 0)
        n++;
    }
  return n;
}

static char *
email_hash (JsonObject *user)
{
  g_autofree char *email = g_ascii_strdown (ods_portal_object_get_string (user, "email") ?: "", -1);

  return g_compute_checksum_for_string (G_CHECKSUM_MD5, g_strstrip (email), -1);
}

static JsonObject *
user_dict (OdsPortalCall *call,
           JsonObject    *user,
           gboolean       full)
{
  JsonObject *d = json_object_new ();
  g_autofree char *hash = email_hash (user);

  copy_member (d, user, "id");
  copy_member (d, user, "name");
  copy_member (d, user, "fullname");
  copy_member (d, user, "created");
  json_object_set_null_member (d, "about");
  copy_member (d, user, "last_active");
  json_object_set_boolean_member (d, "activity_streams_email_notifications", FALSE);
  copy_member (d, user, "sysadmin");
  copy_member (d, user, "state");
  json_object_set_null_member (d, "image_url");
  json_object_set_member (d, "display_name",
                          string_or_null (ods_portal_object_get_string (user, "fullname") ?:
                                          ods_portal_object_get_string (user, "name")));
  json_object_set_string_member (d, "email_hash", hash);
  json_object_set_int_member (d, "number_created_packages", user_package_count (call, user));
  if (full)
    {
      json_object_set_null_member (d, "apikey");
      copy_member (d, user, "email");
    }
  json_object_set_null_member (d, "image_display_url");
  return d;
}

static const char *
license_title (const char *id,
               const char **url,
               gboolean    *open)
{
  static const struct { const char *id, *title, *url; gboolean open; } licenses[] = {
    { "cc-by", "Creative Commons Attribution", "http://www.opendefinition.org/licenses/cc-by", TRUE },
    { "cc-by-sa", "Creative Commons Attribution Share-Alike", "http://www.opendefinition.org/licenses/cc-by-sa", TRUE },
    { "cc-zero", "Creative Commons CCZero", "http://www.opendefinition.org/licenses/cc-zero", TRUE },
    { "odc-by", "Open Data Commons Attribution License", "http://www.opendefinition.org/licenses/odc-by", TRUE },
    { "notspecified", "License not specified", NULL, FALSE },
  };

  *url = NULL;
  *open = FALSE;
  for (guint i = 0; id && i < G_N_ELEMENTS (licenses); i++)
    if (g_str_equal (id, licenses[i].id))
      {
        *url = licenses[i].url;
        *open = licenses[i].open;
        return licenses[i].title;
      }
  return NULL;
}

static JsonObject *
resource_dict (OdsPortalCall *call,
               JsonObject    *pkg,
               JsonObject    *res)
{
  JsonObject *d = sorted_copy (res);
  const char *rid = ods_portal_object_get_string (res, "id");

  if (g_strcmp0 (ods_portal_object_get_string (res, "url_type"), "upload") == 0)
    {
      g_autofree char *url = g_strdup_printf ("%s/dataset/%s/resource/%s/download/%s",
                                              ods_portal_server_get_site_url (call->server),
                                              ods_portal_object_get_string (pkg, "id"), rid,
                                              ods_portal_object_get_string (res, "url") ?: "");
      json_object_set_string_member (d, "url", url);
    }
  if (ods_portal_server_get_config (call->server)->validation)
    {
      JsonObject *validations = ods_portal_store_get_validations (call->store);
      JsonObject *v = json_object_has_member (validations, rid) ? json_object_get_object_member (validations, rid) : NULL;

      if (v != NULL && json_object_get_int_member_with_default (v, "ready_at_us", 0) > g_get_real_time ())
        json_object_set_string_member (d, "validation_status", "pending");
    }
  return d;
}

static JsonObject *
package_dict (OdsPortalCall *call,
              JsonObject    *pkg)
{
  JsonObject *d = json_object_new ();
  JsonObject *org = ods_portal_store_find_org (call->store, ods_portal_object_get_string (pkg, "owner_org"));
  JsonArray *resources = json_object_get_array_member (pkg, "resources");
  JsonArray *tags = json_object_get_array_member (pkg, "tags");
  JsonArray *extras = json_object_get_array_member (pkg, "extras");
  JsonArray *res_out = json_array_new ();
  const char *license_id = ods_portal_object_get_string (pkg, "license_id");
  const char *lurl;
  gboolean open;
  const char *ltitle = license_title (license_id, &lurl, &open);
  gboolean scheming = ods_portal_server_get_config (call->server)->scheming;

  copy_member (d, pkg, "author");
  copy_member (d, pkg, "author_email");
  copy_member (d, pkg, "creator_user_id");
  copy_member (d, pkg, "id");
  json_object_set_boolean_member (d, "isopen", open);
  copy_member (d, pkg, "license_id");
  if (license_id != NULL)
    json_object_set_member (d, "license_title", string_or_null (ltitle ? ltitle : license_id));
  else
    json_object_set_null_member (d, "license_title");
  if (lurl != NULL)
    json_object_set_string_member (d, "license_url", lurl);
  copy_member (d, pkg, "maintainer");
  copy_member (d, pkg, "maintainer_email");
  copy_member (d, pkg, "metadata_created");
  copy_member (d, pkg, "metadata_modified");
  copy_member (d, pkg, "name");
  copy_member (d, pkg, "notes");
  json_object_set_int_member (d, "num_resources", json_array_get_length (resources));
  json_object_set_int_member (d, "num_tags", json_array_get_length (tags));
  if (org != NULL)
    json_object_set_object_member (d, "organization", org_small_dict (org));
  else
    json_object_set_null_member (d, "organization");
  copy_member (d, pkg, "owner_org");
  copy_member (d, pkg, "private");
  copy_member (d, pkg, "state");
  copy_member (d, pkg, "title");
  copy_member (d, pkg, "type");
  copy_member (d, pkg, "url");
  copy_member (d, pkg, "version");
  if (scheming)
    {
      /* ckanext-scheming shows its fields at the top level, with no extras list. */
      for (guint i = 0; i < json_array_get_length (extras); i++)
        {
          JsonObject *e = json_array_get_object_element (extras, i);
          const char *key = ods_portal_object_get_string (e, "key");

          if (key != NULL && !json_object_has_member (d, key))
            json_object_set_member (d, key, deep_copy (json_object_get_member (e, "value")));
        }
    }
  else
    json_object_set_member (d, "extras", deep_copy (json_object_get_member (pkg, "extras")));
  for (guint i = 0; i < json_array_get_length (resources); i++)
    json_array_add_object_element (res_out, resource_dict (call, pkg, json_array_get_object_element (resources, i)));
  json_object_set_array_member (d, "resources", res_out);
  json_object_set_member (d, "tags", deep_copy (json_object_get_member (pkg, "tags")));
  json_object_set_array_member (d, "groups", json_array_new ());
  json_object_set_array_member (d, "relationships_as_subject", json_array_new ());
  json_object_set_array_member (d, "relationships_as_object", json_array_new ());
  return d;
}

/* ---- status, users, tokens -------------------------------------------- */

static void
action_status_show (OdsPortalCall *call)
{
  const OdsPortalConfig *config = ods_portal_server_get_config (call->server);
  JsonObject *r = json_object_new ();
  JsonArray *ext = json_array_new ();

  json_object_set_string_member (r, "site_title", "Cổng dữ liệu mở tỉnh Bình Định (bản thử)");
  json_object_set_string_member (r, "site_description", "");
  json_object_set_string_member (r, "site_url", ods_portal_server_get_site_url (call->server));
  json_object_set_string_member (r, "error_emails_to", "");
  json_object_set_string_member (r, "locale_default", "vi");
  json_array_add_string_element (ext, "activity");
  json_array_add_string_element (ext, "text_view");
  json_array_add_string_element (ext, "image_view");
  if (config->scheming)
    {
      json_array_add_string_element (ext, "scheming_datasets");
      json_array_add_string_element (ext, "scheming_organizations");
    }
  if (config->validation)
    json_array_add_string_element (ext, "validation");
  if (config->xloader)
    json_array_add_string_element (ext, "xloader");
  json_object_set_array_member (r, "extensions", ext);
  json_object_set_string_member (r, "ckan_version", CKAN_VERSION);
  ods_portal_call_ok (call, object_node (r));
}

static void
action_user_show (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "id");
  JsonObject *user;
  gboolean full;

  if (id == NULL || *id == '\0')
    {
      /* CKAN 2.10 raises NotFound here whatever the token (see docs/demo-portal.md). */
      if (call->user == NULL || !ods_portal_server_get_config (call->server)->user_show_whoami)
        {
          ods_portal_call_not_found (call, NULL);
          return;
        }
      user = call->user;
    }
  else
    user = ods_portal_store_find_user (call->store, id);

  if (user == NULL)
    {
      ods_portal_call_not_found (call, NULL);
      return;
    }
  full = is_sysadmin (call->user) ||
         (call->user != NULL && g_strcmp0 (ods_portal_object_get_string (call->user, "id"),
                                           ods_portal_object_get_string (user, "id")) == 0);
  ods_portal_call_ok (call, object_node (user_dict (call, user, full)));
}

static JsonObject *
token_owner (OdsPortalCall *call,
             const char    *param)
{
  const char *who = ods_portal_call_get_string (call, param);
  JsonObject *user;

  if (who == NULL || *who == '\0')
    {
      if (call->user != NULL && ods_portal_server_get_config (call->server)->user_show_whoami)
        return call->user;
      ods_portal_call_invalid (call, param, "Missing value", NULL);
      return NULL;
    }
  user = ods_portal_store_find_user (call->store, who);
  if (user == NULL)
    {
      ods_portal_call_not_found (call, "User not found");
      return NULL;
    }
  if (!is_sysadmin (call->user) &&
      (call->user == NULL || call->user != user))
    {
      ods_portal_call_denied (call, "User %s not authorized to edit user %s",
                              ods_portal_call_user_name (call), ods_portal_object_get_string (user, "id"));
      return NULL;
    }
  return user;
}

static gint
compare_created_desc (gconstpointer a,
                      gconstpointer b)
{
  JsonObject *ta = *(JsonObject **) a;
  JsonObject *tb = *(JsonObject **) b;

  return -g_strcmp0 (ods_portal_object_get_string (ta, "created_at"),
                     ods_portal_object_get_string (tb, "created_at"));
}

static void
action_api_token_list (OdsPortalCall *call)
{
  const char *param = ods_portal_call_get_string (call, "user") && !ods_portal_call_get_string (call, "user_id") ? "user" : "user_id";
  JsonObject *user = token_owner (call, param);
  JsonArray *tokens = ods_portal_store_get_tokens (call->store);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  JsonArray *out = json_array_new ();

  if (user == NULL)
    {
      json_array_unref (out);
      return;
    }
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *t = json_array_get_object_element (tokens, i);

      if (g_strcmp0 (ods_portal_object_get_string (t, "user_id"), ods_portal_object_get_string (user, "id")) == 0)
        g_ptr_array_add (mine, t);
    }
  g_ptr_array_sort (mine, compare_created_desc);
  for (guint i = 0; i < mine->len; i++)
    {
      JsonObject *t = g_ptr_array_index (mine, i);
      JsonObject *d = json_object_new ();

      copy_member (d, t, "id");
      copy_member (d, t, "name");
      copy_member (d, t, "user_id");
      copy_member (d, t, "created_at");
      copy_member (d, t, "last_access");
      json_array_add_object_element (out, d);
    }
  ods_portal_call_ok (call, array_node (out));
}

static void
action_api_token_create (OdsPortalCall *call)
{
  const char *name = ods_portal_call_get_string (call, "name");
  JsonObject *user;
  g_autofree char *token = NULL;
  JsonObject *r;

  if (ods_portal_call_get_string (call, "user") == NULL)
    {
      ods_portal_call_invalid (call, "user", "Missing value", NULL);
      return;
    }
  if (name == NULL || *name == '\0')
    {
      ods_portal_call_invalid (call, "name", "Missing value", NULL);
      return;
    }
  user = token_owner (call, "user");
  if (user == NULL)
    return;
  token = ods_portal_store_create_token (call->store, ods_portal_object_get_string (user, "id"), name, NULL, 0);
  ods_portal_server_save (call->server);
  r = json_object_new ();
  json_object_set_string_member (r, "token", token);
  ods_portal_call_ok (call, object_node (r));
}

static void
action_api_token_revoke (OdsPortalCall *call)
{
  const char *token = ods_portal_call_get_string (call, "token");
  const char *jti = ods_portal_call_get_string (call, "jti");
  JsonObject *record = NULL;
  JsonObject *owner = NULL;
  JsonArray *tokens = ods_portal_store_get_tokens (call->store);

  if (token == NULL && jti == NULL)
    {
      ods_portal_call_invalid (call, "token", "Missing value", NULL);
      return;
    }
  if (token != NULL)
    owner = ods_portal_store_lookup_token (call->store, token, &record);
  else
    for (guint i = 0; i < json_array_get_length (tokens); i++)
      {
        JsonObject *t = json_array_get_object_element (tokens, i);

        if (g_strcmp0 (ods_portal_object_get_string (t, "id"), jti) == 0)
          {
            record = t;
            owner = ods_portal_store_find_user (call->store, ods_portal_object_get_string (t, "user_id"));
          }
      }
  if (record == NULL)
    {
      /* CKAN answers success for an unknown token. */
      ods_portal_call_ok (call, NULL);
      return;
    }
  if (!is_sysadmin (call->user) && (call->user == NULL || call->user != owner))
    {
      ods_portal_call_denied (call, "User %s not authorized to revoke this token", ods_portal_call_user_name (call));
      return;
    }
  ods_portal_store_revoke_token (call->store, ods_portal_object_get_string (record, "id"));
  ods_portal_server_save (call->server);
  ods_portal_call_ok (call, NULL);
}

/* ---- organizations ---------------------------------------------------- */

static gboolean
role_has_permission (const char *capacity,
                     const char *permission)
{
  if (capacity == NULL)
    return FALSE;
  if (g_str_equal (capacity, "admin"))
    return TRUE;
  if (g_str_equal (permission, "read") || g_str_equal (permission, "manage_group"))
    return TRUE;
  if (g_str_equal (capacity, "editor"))
    return g_str_equal (permission, "create_dataset") || g_str_equal (permission, "update_dataset") ||
           g_str_equal (permission, "delete_dataset") || g_str_equal (permission, "package_update");
  return FALSE;
}

static guint
org_package_count (OdsPortalCall *call,
                   JsonObject    *org)
{
  JsonArray *packages = ods_portal_store_get_packages (call->store);
  const char *org_id = ods_portal_object_get_string (org, "id");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (packages); i++)
    {
      JsonObject *pkg = json_array_get_object_element (packages, i);

      if (is_active (pkg) && g_strcmp0 (ods_portal_object_get_string (pkg, "owner_org"), org_id) == 0 &&
          can_read_package (call, pkg))
        n++;
    }
  return n;
}

static void
action_organization_list_for_user (OdsPortalCall *call)
{
  const char *permission = ods_portal_call_get_string (call, "permission");
  gboolean with_count = ods_portal_call_get_bool (call, "include_dataset_count", FALSE);
  JsonArray *orgs = ods_portal_store_get_organizations (call->store);
  JsonArray *out = json_array_new ();
  JsonObject *user = call->user;
  const char *who = ods_portal_call_get_string (call, "id");

  if (permission == NULL || *permission == '\0')
    permission = "manage_group";
  if (who != NULL && *who != '\0' && is_sysadmin (call->user))
    user = ods_portal_store_find_user (call->store, who);

  for (guint i = 0; user != NULL && i < json_array_get_length (orgs); i++)
    {
      JsonObject *org = json_array_get_object_element (orgs, i);
      const char *cap = is_sysadmin (user) ? "admin" : capacity_of (call, user, ods_portal_object_get_string (org, "id"));
      JsonObject *d;

      if (!is_active (org) || !role_has_permission (cap, permission))
        continue;
      d = org_small_dict (org);
      json_object_set_string_member (d, "capacity", cap);
      copy_member (d, org, "title");
      json_object_set_member (d, "display_name", json_node_copy (json_object_get_member (org, "title")));
      if (with_count)
        json_object_set_int_member (d, "package_count", org_package_count (call, org));
      json_object_set_string_member (d, "image_display_url", "");
      json_array_add_object_element (out, d);
    }
  ods_portal_call_ok (call, array_node (out));
}

static JsonObject *
find_org_param (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "id");
  JsonObject *org;

  if (id == NULL || *id == '\0')
    {
      ods_portal_call_invalid (call, "id", "Missing value", NULL);
      return NULL;
    }
  org = ods_portal_store_find_org (call->store, id);
  if (org == NULL || !is_active (org))
    {
      ods_portal_call_not_found (call, "Group not found");
      return NULL;
    }
  return org;
}

static void
action_organization_show (OdsPortalCall *call)
{
  JsonObject *org = find_org_param (call);
  JsonObject *d;
  JsonArray *users;
  JsonArray *members;

  if (org == NULL)
    return;
  d = json_object_new ();
  json_object_set_string_member (d, "approval_status", "approved");
  copy_member (d, org, "created");
  copy_member (d, org, "description");
  json_object_set_member (d, "display_name", json_node_copy (json_object_get_member (org, "title")));
  copy_member (d, org, "id");
  json_object_set_string_member (d, "image_display_url", "");
  json_object_set_string_member (d, "image_url", "");
  json_object_set_boolean_member (d, "is_organization", TRUE);
  copy_member (d, org, "name");
  json_object_set_int_member (d, "num_followers", 0);
  json_object_set_int_member (d, "package_count", org_package_count (call, org));
  copy_member (d, org, "state");
  copy_member (d, org, "title");
  json_object_set_string_member (d, "type", "organization");

  users = json_array_new ();
  members = ods_portal_store_get_members (call->store);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonObject *u;
      g_autoptr(JsonObject) ud = NULL;

      if (g_strcmp0 (ods_portal_object_get_string (m, "group_id"), ods_portal_object_get_string (org, "id")) != 0)
        continue;
      u = ods_portal_store_find_user (call->store, ods_portal_object_get_string (m, "table_id"));
      if (u == NULL)
        continue;
      ud = user_dict (call, u, FALSE);
      copy_member (ud, m, "capacity");
      json_array_add_object_element (users, sorted_copy (ud));
    }
  json_object_set_array_member (d, "users", users);
  json_object_set_array_member (d, "extras", json_array_new ());
  json_object_set_array_member (d, "tags", json_array_new ());
  json_object_set_array_member (d, "groups", json_array_new ());
  if (ods_portal_call_get_bool (call, "include_datasets", FALSE))
    {
      JsonArray *packages = ods_portal_store_get_packages (call->store);
      JsonArray *out = json_array_new ();

      for (guint i = 0; i < json_array_get_length (packages); i++)
        {
          JsonObject *pkg = json_array_get_object_element (packages, i);

          if (is_active (pkg) && can_read_package (call, pkg) &&
              g_strcmp0 (ods_portal_object_get_string (pkg, "owner_org"), ods_portal_object_get_string (org, "id")) == 0)
            json_array_add_object_element (out, package_dict (call, pkg));
        }
      json_object_set_array_member (d, "packages", out);
    }
  ods_portal_call_ok (call, object_node (d));
}

static void
action_member_list (OdsPortalCall *call)
{
  JsonObject *org = find_org_param (call);
  const char *object_type = ods_portal_call_get_string (call, "object_type");
  JsonArray *members;
  JsonArray *out;

  if (org == NULL)
    return;
  out = json_array_new ();
  members = ods_portal_store_get_members (call->store);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *m = json_array_get_object_element (members, i);
      JsonArray *row;
      g_autofree char *cap = NULL;

      if (g_strcmp0 (ods_portal_object_get_string (m, "group_id"), ods_portal_object_get_string (org, "id")) != 0)
        continue;
      if (object_type != NULL && *object_type != '\0' && !g_str_equal (object_type, "user"))
        continue;
      cap = g_strdup (ods_portal_object_get_string (m, "capacity"));
      cap[0] = g_ascii_toupper (cap[0]);
      row = json_array_new ();
      json_array_add_string_element (row, ods_portal_object_get_string (m, "table_id"));
      json_array_add_string_element (row, "user");
      json_array_add_string_element (row, cap);
      json_array_add_array_element (out, row);
    }
  ods_portal_call_ok (call, array_node (out));
}

static gboolean
valid_name (const char *name)
{
  gsize len = strlen (name);

  if (len < 2 || len > 100)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

static void
action_organization_create (OdsPortalCall *call)
{
  const char *name = ods_portal_call_get_string (call, "name");
  JsonObject *org;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  if (!is_sysadmin (call->user))
    {
      ods_portal_call_denied (call, "User %s not authorized to create organizations", ods_portal_call_user_name (call));
      return;
    }
  if (name == NULL || !valid_name (name))
    {
      ods_portal_call_invalid (call, "name", name ? "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_" : "Missing value", NULL);
      return;
    }
  if (ods_portal_store_find_org (call->store, name) != NULL)
    {
      ods_portal_call_invalid (call, "name", "Group name already exists in database", NULL);
      return;
    }
  id = ods_portal_new_id ();
  now = ods_portal_now_iso ();
  org = json_object_new ();
  json_object_set_string_member (org, "id", id);
  json_object_set_string_member (org, "name", name);
  json_object_set_string_member (org, "title", ods_portal_call_get_string (call, "title") ?: name);
  json_object_set_string_member (org, "description", ods_portal_call_get_string (call, "description") ?: "");
  json_object_set_string_member (org, "created", now);
  json_object_set_string_member (org, "state", "active");
  json_array_add_object_element (ods_portal_store_get_organizations (call->store), org);
  ods_portal_store_add_member (call->store, ods_portal_object_get_string (call->user, "id"), id, "admin");
  ods_portal_server_save (call->server);
  action_organization_show (call);
}

static void
action_organization_member_create (OdsPortalCall *call)
{
  JsonObject *org = find_org_param (call);
  const char *username = ods_portal_call_get_string (call, "username");
  const char *role = ods_portal_call_get_string (call, "role");
  JsonObject *user;
  const char *org_id;

  if (org == NULL)
    return;
  org_id = ods_portal_object_get_string (org, "id");
  if (!is_sysadmin (call->user) && g_strcmp0 (capacity_of (call, call->user, org_id), "admin") != 0)
    {
      ods_portal_call_denied (call, "User %s not authorized to edit organization %s", ods_portal_call_user_name (call), org_id);
      return;
    }
  if (role == NULL || !(g_str_equal (role, "admin") || g_str_equal (role, "editor") || g_str_equal (role, "member")))
    {
      ods_portal_call_invalid (call, "role", role ? "role does not exist." : "Missing value", NULL);
      return;
    }
  user = ods_portal_store_find_user (call->store, username);
  if (user == NULL)
    {
      ods_portal_call_not_found (call, "User not found");
      return;
    }
  ods_portal_store_add_member (call->store, ods_portal_object_get_string (user, "id"), org_id, role);
  ods_portal_server_save (call->server);
  {
    JsonArray *members = ods_portal_store_get_members (call->store);

    for (guint i = 0; i < json_array_get_length (members); i++)
      {
        JsonObject *m = json_array_get_object_element (members, i);

        if (g_strcmp0 (ods_portal_object_get_string (m, "table_id"), ods_portal_object_get_string (user, "id")) == 0 &&
            g_strcmp0 (ods_portal_object_get_string (m, "group_id"), org_id) == 0)
          {
            JsonObject *d = json_object_new ();

            copy_member (d, m, "id");
            copy_member (d, m, "table_name");
            copy_member (d, m, "table_id");
            copy_member (d, m, "capacity");
            copy_member (d, m, "group_id");
            copy_member (d, m, "state");
            ods_portal_call_ok (call, object_node (d));
            return;
          }
      }
  }
}

static void
action_organization_delete (OdsPortalCall *call)
{
  JsonObject *org = find_org_param (call);

  if (org == NULL)
    return;
  if (!is_sysadmin (call->user))
    {
      ods_portal_call_denied (call, "User %s not authorized to delete organization %s",
                              ods_portal_call_user_name (call), ods_portal_object_get_string (org, "id"));
      return;
    }
  json_object_set_string_member (org, "state", "deleted");
  ods_portal_server_save (call->server);
  ods_portal_call_ok (call, NULL);
}

/* ---- package_search ---------------------------------------------------- */

static char *
fold (const char *s)
{
  return g_utf8_casefold (s ? s : "", -1);
}

static const char *
extra_value (JsonObject *pkg,
             const char *key)
{
  JsonArray *extras = json_object_get_array_member (pkg, "extras");

  for (guint i = 0; i < json_array_get_length (extras); i++)
    {
      JsonObject *e = json_array_get_object_element (extras, i);

      if (g_strcmp0 (ods_portal_object_get_string (e, "key"), key) == 0)
        return ods_portal_object_get_string (e, "value");
    }
  return NULL;
}

static gboolean
clause_matches (OdsPortalCall *call,
                JsonObject    *pkg,
                const char    *field,
                const char    *value)
{
  if (g_str_equal (value, "*"))
    return TRUE;
  if (g_str_equal (field, "owner_org"))
    return g_strcmp0 (ods_portal_object_get_string (pkg, "owner_org"), value) == 0;
  if (g_str_equal (field, "organization"))
    {
      JsonObject *org = ods_portal_store_find_org (call->store, ods_portal_object_get_string (pkg, "owner_org"));
      return g_strcmp0 (ods_portal_object_get_string (org, "name"), value) == 0;
    }
  if (g_str_equal (field, "private"))
    return json_object_get_boolean_member_with_default (pkg, "private", FALSE) == (g_ascii_strcasecmp (value, "true") == 0);
  if (g_str_equal (field, "capacity"))
    return json_object_get_boolean_member_with_default (pkg, "private", FALSE) == g_str_equal (value, "private");
  if (g_str_equal (field, "tags"))
    {
      JsonArray *tags = json_object_get_array_member (pkg, "tags");

      for (guint i = 0; i < json_array_get_length (tags); i++)
        if (g_strcmp0 (ods_portal_object_get_string (json_array_get_object_element (tags, i), "name"), value) == 0)
          return TRUE;
      return FALSE;
    }
  if (g_str_equal (field, "res_format"))
    {
      JsonArray *res = json_object_get_array_member (pkg, "resources");

      for (guint i = 0; i < json_array_get_length (res); i++)
        if (g_ascii_strcasecmp (ods_portal_object_get_string (json_array_get_object_element (res, i), "format") ?: "", value) == 0)
          return TRUE;
      return FALSE;
    }
  if (g_str_equal (field, "dataset_type"))
    field = "type";
  if (g_str_has_prefix (field, "extras_"))
    return g_strcmp0 (extra_value (pkg, field + 7), value) == 0;
  if (ods_portal_object_get_string (pkg, field) != NULL)
    return g_str_equal (ods_portal_object_get_string (pkg, field), value);
  return g_strcmp0 (extra_value (pkg, field), value) == 0;
}

/* fq: space-separated field:value clauses (value optionally quoted), +/- prefixes, AND. */
static gboolean
fq_matches (OdsPortalCall *call,
            JsonObject    *pkg,
            const char    *fq)
{
  const char *p = fq;

  while (p && *p)
    {
      GString *field = g_string_new (NULL);
      GString *value = g_string_new (NULL);
      gboolean negate = FALSE;
      gboolean ok;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        {
          g_string_free (field, TRUE);
          g_string_free (value, TRUE);
          break;
        }
      if (*p == '+')
        p++;
      else if (*p == '-')
        negate = TRUE, p++;
      while (*p && *p != ':' && *p != ' ')
        g_string_append_c (field, *p++);
      if (*p == ':')
        {
          p++;
          if (*p == '"')
            {
              for (p++; *p && *p != '"'; p++)
                g_string_append_c (value, *p == '\\' && p[1] ? *++p : *p);
              if (*p == '"')
                p++;
            }
          else
            while (*p && *p != ' ')
              g_string_append_c (value, *p++);
          if (g_str_equal (field->str, "*") && g_str_equal (value->str, "*"))
            ok = TRUE;
          else
            ok = clause_matches (call, pkg, field->str, value->str);
          if (negate)
            ok = !ok;
        }
      else
        ok = g_str_equal (field->str, "AND") || g_str_equal (field->str, "&&");
      g_string_free (field, TRUE);
      g_string_free (value, TRUE);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gboolean
q_matches (OdsPortalCall *call,
           JsonObject    *pkg,
           const char    *q)
{
  g_autoptr(GString) hay = g_string_new (NULL);
  g_autofree char *folded_hay = NULL;
  g_autofree char *folded_q = NULL;
  g_auto(GStrv) words = NULL;
  JsonArray *tags = json_object_get_array_member (pkg, "tags");
  JsonArray *extras = json_object_get_array_member (pkg, "extras");
  JsonObject *org;

  if (q == NULL || *q == '\0' || g_str_equal (q, "*:*"))
    return TRUE;
  if (strchr (q, ':') != NULL)
    return fq_matches (call, pkg, q);

  org = ods_portal_store_find_org (call->store, ods_portal_object_get_string (pkg, "owner_org"));
  g_string_append_printf (hay, "%s %s %s %s ", ods_portal_object_get_string (pkg, "name") ?: "",
                          ods_portal_object_get_string (pkg, "title") ?: "",
                          ods_portal_object_get_string (pkg, "notes") ?: "",
                          ods_portal_object_get_string (org, "title") ?: "");
  for (guint i = 0; i < json_array_get_length (tags); i++)
    g_string_append_printf (hay, "%s ", ods_portal_object_get_string (json_array_get_object_element (tags, i), "name") ?: "");
  for (guint i = 0; i < json_array_get_length (extras); i++)
    g_string_append_printf (hay, "%s ", ods_portal_object_get_string (json_array_get_object_element (extras, i), "value") ?: "");
  folded_hay = fold (hay->str);
  folded_q = fold (q);
  words = g_strsplit_set (folded_q, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0' && strstr (folded_hay, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

typedef struct
{
  char     *field;
  gboolean  desc;
} SortKey;

static GArray *
parse_sort (const char *sort)
{
  g_auto(GStrv) parts = g_strsplit (sort, ",", -1);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (SortKey));

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) words = NULL;
      char *part = g_strstrip (parts[i]);
      SortKey key;
      guint n = 0;

      words = g_strsplit_set (part, " ", -1);
      for (guint j = 0; words[j]; j++)
        if (*words[j] != '\0')
          words[n++] = words[j];
      if (n != 2 ||
          !(g_str_equal (words[1], "asc") || g_str_equal (words[1], "desc")) ||
          !(g_str_equal (words[0], "score") || g_str_equal (words[0], "metadata_modified") ||
            g_str_equal (words[0], "metadata_created") || g_str_equal (words[0], "name") ||
            g_str_equal (words[0], "title_string") || g_str_equal (words[0], "title")))
        {
          /* words[n..] are still owned by the strv; nothing leaks */
          for (guint k = 0; k < keys->len; k++)
            g_free (g_array_index (keys, SortKey, k).field);
          g_array_unref (keys);
          return NULL;
        }
      key.field = g_strdup (g_str_equal (words[0], "title_string") ? "title" : words[0]);
      key.desc = g_str_equal (words[1], "desc");
      g_array_append_val (keys, key);
    }
  return keys;
}

static gint
compare_packages (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  JsonObject *pa = *(JsonObject **) a;
  JsonObject *pb = *(JsonObject **) b;
  GArray *keys = user_data;

  for (guint i = 0; i < keys->len; i++)
    {
      SortKey *k = &g_array_index (keys, SortKey, i);
      int c;

      if (g_str_equal (k->field, "score"))
        continue;
      c = g_strcmp0 (ods_portal_object_get_string (pa, k->field), ods_portal_object_get_string (pb, k->field));
      if (c != 0)
        return k->desc ? -c : c;
    }
  return 0;
}

static GPtrArray *
string_list_param (OdsPortalCall *call,
                   const char    *name)
{
  JsonNode *node = json_object_get_member (call->params, name);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (node == NULL)
    return out;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *el = json_array_get_element (a, i);

          if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
            g_ptr_array_add (out, g_strdup (json_node_get_string (el)));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* GET sends lists as JSON text or comma-separated words. */
      if (*s == '[' && json_parser_load_from_data (parser, s, -1, NULL) &&
          JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        {
          JsonArray *a = json_node_get_array (json_parser_get_root (parser));

          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *el = json_array_get_element (a, i);

              if (JSON_NODE_HOLDS_VALUE (el) && json_node_get_value_type (el) == G_TYPE_STRING)
                g_ptr_array_add (out, g_strdup (json_node_get_string (el)));
            }
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit_set (s, ", ", -1);

          for (guint i = 0; parts[i]; i++)
            if (*parts[i] != '\0')
              g_ptr_array_add (out, g_strdup (parts[i]));
        }
    }
  return out;
}

static void
add_facet (JsonObject *facets,
           JsonObject *search_facets,
           const char *field,
           GHashTable *counts)
{
  JsonObject *f = json_object_new ();
  JsonObject *sf = json_object_new ();
  JsonArray *items = json_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *item = json_object_new ();

      json_object_set_int_member (f, key, GPOINTER_TO_UINT (value));
      json_object_set_string_member (item, "name", key);
      json_object_set_string_member (item, "display_name", key);
      json_object_set_int_member (item, "count", GPOINTER_TO_UINT (value));
      json_array_add_object_element (items, item);
    }
  json_object_set_object_member (facets, field, f);
  json_object_set_string_member (sf, "title", field);
  json_object_set_array_member (sf, "items", items);
  json_object_set_object_member (search_facets, field, sf);
}

static void
facet_count (GHashTable *counts,
             const char *key)
{
  if (key == NULL)
    return;
  g_hash_table_replace (counts, g_strdup (key),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
}

static void
action_package_search (OdsPortalCall *call)
{
  const char *q = ods_portal_call_get_string (call, "q");
  const char *fq = ods_portal_call_get_string (call, "fq");
  const char *sort = ods_portal_call_get_string (call, "sort");
  gboolean include_private = ods_portal_call_get_bool (call, "include_private", FALSE);
  gint64 rows, start;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(GPtrArray) fl = string_list_param (call, "fl");
  g_autoptr(GPtrArray) facet_fields = string_list_param (call, "facet.field");
  JsonArray *packages = ods_portal_store_get_packages (call->store);
  JsonObject *r;
  JsonArray *results;
  JsonObject *facets;
  JsonObject *search_facets;

  if (!ods_portal_call_get_int (call, "rows", 10, &rows) || rows < 0)
    {
      ods_portal_call_invalid (call, "rows", "Invalid integer", "Please enter an integer value", NULL);
      return;
    }
  if (!ods_portal_call_get_int (call, "start", 0, &start) || start < 0)
    {
      ods_portal_call_invalid (call, "start", "Invalid integer", "Please enter an integer value", NULL);
      return;
    }
  rows = MIN (rows, 1000);
  if (sort == NULL || *sort == '\0')
    sort = "score desc, metadata_modified desc";
  keys = parse_sort (sort);
  if (keys == NULL)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "__type", "Search Query Error");
      json_object_set_string_member (error, "message", "Search Query is invalid: 'Invalid \"sort\" parameter'");
      ods_portal_call_error (call, 400, error);
      return;
    }

  for (guint i = 0; i < json_array_get_length (packages); i++)
    {
      JsonObject *pkg = json_array_get_object_element (packages, i);

      if (!is_active (pkg))
        continue;
      if (json_object_get_boolean_member_with_default (pkg, "private", FALSE) &&
          !(include_private && can_read_package (call, pkg)))
        continue;
      if (fq != NULL && !fq_matches (call, pkg, fq))
        continue;
      if (!q_matches (call, pkg, q))
        continue;
      g_ptr_array_add (hits, pkg);
    }
  g_ptr_array_sort_with_data (hits, compare_packages, keys);

  r = json_object_new ();
  results = json_array_new ();
  facets = json_object_new ();
  search_facets = json_object_new ();
  json_object_set_int_member (r, "count", hits->len);
  for (guint i = (guint) MIN (start, (gint64) hits->len); i < hits->len && i < (guint64) start + (guint64) rows; i++)
    {
      JsonObject *d = package_dict (call, g_ptr_array_index (hits, i));

      if (fl->len > 0)
        {
          /* Only what the search index stores comes back with fl. */
          static const char *stored[] = { "id", "name", "title", "notes", "owner_org", "state", "type",
                                          "metadata_created", "metadata_modified", "license_id", "url",
                                          "version", "author", "maintainer", "creator_user_id", NULL };
          JsonObject *small = json_object_new ();

          for (guint j = 0; j < fl->len; j++)
            if (g_strv_contains (stored, g_ptr_array_index (fl, j)) && json_object_has_member (d, g_ptr_array_index (fl, j)))
              copy_member (small, d, g_ptr_array_index (fl, j));
          json_object_unref (d);
          d = small;
        }
      json_array_add_object_element (results, d);
    }
  for (guint f = 0; f < facet_fields->len; f++)
    {
      const char *field = g_ptr_array_index (facet_fields, f);
      g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < hits->len; i++)
        {
          JsonObject *pkg = g_ptr_array_index (hits, i);

          if (g_str_equal (field, "tags"))
            {
              JsonArray *tags = json_object_get_array_member (pkg, "tags");
              for (guint t = 0; t < json_array_get_length (tags); t++)
                facet_count (counts, ods_portal_object_get_string (json_array_get_object_element (tags, t), "name"));
            }
          else if (g_str_equal (field, "res_format"))
            {
              JsonArray *res = json_object_get_array_member (pkg, "resources");
              g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

              for (guint t = 0; t < json_array_get_length (res); t++)
                {
                  const char *fmt = ods_portal_object_get_string (json_array_get_object_element (res, t), "format");

                  if (fmt && *fmt && g_hash_table_add (seen, (gpointer) fmt))
                    facet_count (counts, fmt);
                }
            }
          else if (g_str_equal (field, "organization"))
            facet_count (counts, ods_portal_object_get_string (ods_portal_store_find_org (call->store, ods_portal_object_get_string (pkg, "owner_org")), "name"));
          else
            facet_count (counts, ods_portal_object_get_string (pkg, field) ?: extra_value (pkg, field));
        }
      add_facet (facets, search_facets, field, counts);
    }
  json_object_set_object_member (r, "facets", facets);
  json_object_set_array_member (r, "results", results);
  json_object_set_string_member (r, "sort", sort);
  json_object_set_object_member (r, "search_facets", search_facets);
  for (guint k = 0; k < keys->len; k++)
    g_free (g_array_index (keys, SortKey, k).field);
  ods_portal_call_ok (call, object_node (r));
}

/* ---- packages --------------------------------------------------------- */

static JsonObject *
readable_package (OdsPortalCall *call,
                  const char    *id,
                  const char    *missing_field)
{
  JsonObject *pkg;

  if (id == NULL || *id == '\0')
    {
      ods_portal_call_invalid (call, missing_field, "Missing value", NULL);
      return NULL;
    }
  pkg = ods_portal_store_find_package (call->store, id);
  if (pkg == NULL || !is_active (pkg))
    {
      ods_portal_call_not_found (call, NULL);
      return NULL;
    }
  if (!can_read_package (call, pkg))
    {
      ods_portal_call_denied (call, "User %s not authorized to read package %s",
                              ods_portal_call_user_name (call), ods_portal_object_get_string (pkg, "id"));
      return NULL;
    }
  return pkg;
}

static void
action_package_show (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "id");
  JsonObject *pkg;

  if (id == NULL)
    id = ods_portal_call_get_string (call, "name_or_id");
  pkg = readable_package (call, id, "name_or_id");
  if (pkg != NULL)
    ods_portal_call_ok (call, object_node (package_dict (call, pkg)));
}

static const char *core_package_fields[] = {
  "name", "title", "notes", "owner_org", "private", "license_id", "author", "author_email",
  "maintainer", "maintainer_email", "url", "version", "extras", "tags", "state", "type", NULL,
};

static void
set_tags (JsonObject *pkg,
          JsonNode   *node)
{
  JsonArray *tags = json_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (in); i++)
        {
          JsonNode *el = json_array_get_element (in, i);
          const char *name = JSON_NODE_HOLDS_OBJECT (el) ? ods_portal_object_get_string (json_node_get_object (el), "name") : NULL;
          JsonObject *tag;
          g_autofree char *id = NULL;

          if (name == NULL)
            continue;
          id = ods_portal_new_id ();
          tag = json_object_new ();
          json_object_set_string_member (tag, "display_name", name);
          json_object_set_string_member (tag, "id", id);
          json_object_set_string_member (tag, "name", name);
          json_object_set_string_member (tag, "state", "active");
          json_object_set_null_member (tag, "vocabulary_id");
          json_array_add_object_element (tags, tag);
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      /* form posts: tag_string=a,b */
      g_auto(GStrv) names = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; names[i]; i++)
        {
          JsonObject *tag;
          g_autofree char *id = ods_portal_new_id ();
          char *name = g_strstrip (names[i]);

          if (*name == '\0')
            continue;
          tag = json_object_new ();
          json_object_set_string_member (tag, "display_name", name);
          json_object_set_string_member (tag, "id", id);
          json_object_set_string_member (tag, "name", name);
          json_object_set_string_member (tag, "state", "active");
          json_object_set_null_member (tag, "vocabulary_id");
          json_array_add_object_element (tags, tag);
        }
    }
  json_object_set_array_member (pkg, "tags", tags);
}

static void
set_extras (JsonObject *pkg,
            JsonNode   *node)
{
  JsonArray *extras = json_array_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *in = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (in); i++)
        {
          JsonNode *el = json_array_get_element (in, i);
          JsonObject *e;

          if (!JSON_NODE_HOLDS_OBJECT (el) || ods_portal_object_get_string (json_node_get_object (el), "key") == NULL)
            continue;
          e = json_object_new ();
          copy_member (e, json_node_get_object (el), "key");
          copy_member (e, json_node_get_object (el), "value");
          json_array_add_object_element (extras, e);
        }
    }
  json_object_set_array_member (pkg, "extras", extras);
}

static void
set_extra (JsonObject *pkg,
           const char *key,
           JsonNode   *value)
{
  JsonArray *extras = json_object_get_array_member (pkg, "extras");
  JsonObject *e;

  for (guint i = 0; i < json_array_get_length (extras); i++)
    {
      e = json_array_get_object_element (extras, i);
      if (g_strcmp0 (ods_portal_object_get_string (e, "key"), key) == 0)
        {
          json_object_set_member (e, "value", deep_copy (value));
          return;
        }
    }
  e = json_object_new ();
  json_object_set_string_member (e, "key", key);
  json_object_set_member (e, "value", deep_copy (value));
  json_array_add_object_element (extras, e);
}

/* Applies the given fields to @pkg (create and patch). FALSE once an error was sent. */
static gboolean
apply_package_fields (OdsPortalCall *call,
                      JsonObject    *pkg)
{
  g_autoptr(GList) members = json_object_get_members (call->params);
  gboolean scheming = ods_portal_server_get_config (call->server)->scheming;

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (call->params, key);

      if (g_str_equal (key, "tags"))
        set_tags (pkg, node);
      else if (g_str_equal (key, "tag_string"))
        set_tags (pkg, node);
      else if (g_str_equal (key, "extras"))
        set_extras (pkg, node);
      else if (g_str_equal (key, "private"))
        json_object_set_boolean_member (pkg, "private", ods_portal_call_get_bool (call, "private", FALSE));
      else if (g_str_equal (key, "owner_org"))
        {
          JsonObject *org = ods_portal_store_find_org (call->store, ods_portal_call_get_string (call, "owner_org"));

          if (org == NULL || !can_edit_in_org (call, ods_portal_object_get_string (org, "id")))
            {
              ods_portal_call_denied (call, "User %s not authorized to add dataset to this organization",
                                      ods_portal_call_user_name (call));
              return FALSE;
            }
          json_object_set_string_member (pkg, "owner_org", ods_portal_object_get_string (org, "id"));
        }
      else if (g_strv_contains (core_package_fields, key))
        json_object_set_member (pkg, key, deep_copy (node));
      else if (scheming && !g_str_equal (key, "id") && !g_str_equal (key, "resources") &&
               JSON_NODE_HOLDS_VALUE (node))
        set_extra (pkg, key, node);
    }
  return TRUE;
}

static void
action_package_create (OdsPortalCall *call)
{
  const char *name = ods_portal_call_get_string (call, "name");
  const char *owner_org = ods_portal_call_get_string (call, "owner_org");
  JsonObject *pkg;
  g_autofree char *id = NULL;
  g_autofree char *now = NULL;

  if (call->user == NULL)
    {
      ods_portal_call_denied (call, "User %s not authorized to create packages", "");
      return;
    }
  if (owner_org != NULL && *owner_org != '\0')
    {
      JsonObject *org = ods_portal_store_find_org (call->store, owner_org);

      if (org == NULL || !can_edit_in_org (call, ods_portal_object_get_string (org, "id")))
        {
          ods_portal_call_denied (call, "User %s not authorized to add dataset to this organization",
                                  ods_portal_call_user_name (call));
          return;
        }
    }
  if (name == NULL || *name == '\0')
    {
      ods_portal_call_invalid (call, "name", "Missing value", NULL);
      return;
    }
  if (!valid_name (name))
    {
      ods_portal_call_invalid (call, "name", strlen (name) < 2 ? "Must be at least 2 characters long" :
                               "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_", NULL);
      return;
    }
  if (ods_portal_store_find_package (call->store, name) != NULL)
    {
      ods_portal_call_invalid (call, "name", "That URL is already in use.", NULL);
      return;
    }
  if (owner_org == NULL || *owner_org == '\0')
    {
      ods_portal_call_invalid (call, "owner_org", "An organization must be provided", NULL);
      return;
    }

  id = ods_portal_new_id ();
  now = ods_portal_now_iso ();
  pkg = json_object_new ();
  json_object_set_string_member (pkg, "id", id);
  json_object_set_string_member (pkg, "title", name);
  for (const char **f = (const char *[]) { "author", "author_email", "maintainer", "maintainer_email",
                                           "license_id", "notes", "url", "version", NULL }; *f; f++)
    json_object_set_null_member (pkg, *f);
  json_object_set_boolean_member (pkg, "private", FALSE);
  json_object_set_string_member (pkg, "state", "active");
  json_object_set_string_member (pkg, "type", "dataset");
  json_object_set_string_member (pkg, "creator_user_id", ods_portal_object_get_string (call->user, "id"));
  json_object_set_string_member (pkg, "metadata_created", now);
  json_object_set_string_member (pkg, "metadata_modified", now);
  json_object_set_array_member (pkg, "extras", json_array_new ());
  json_object_set_array_member (pkg, "tags", json_array_new ());
  json_object_set_array_member (pkg, "resources", json_array_new ());
  if (!apply_package_fields (call, pkg))
    {
      json_object_unref (pkg);
      return;
    }
  json_array_add_object_element (ods_portal_store_get_packages (call->store), pkg);
  ods_portal_server_save (call->server);
  ods_portal_call_ok (call, object_node (package_dict (call, pkg)));
}

static void
action_package_patch (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "id");
  const char *name = ods_portal_call_get_string (call, "name");
  JsonObject *pkg;
  g_autoptr(JsonNode) backup = NULL;
  g_autofree char *now = NULL;

  if (id == NULL || *id == '\0')
    {
      ods_portal_call_invalid (call, "id", "Missing value", NULL);
      return;
    }
  pkg = ods_portal_store_find_package (call->store, id);
  if (pkg == NULL || !is_active (pkg))
    {
      ods_portal_call_not_found (call, NULL);
      return;
    }
  if (!can_edit_in_org (call, ods_portal_object_get_string (pkg, "owner_org")))
    {
      ods_portal_call_denied (call, "User %s not authorized to edit package %s",
                              ods_portal_call_user_name (call), ods_portal_object_get_string (pkg, "id"));
      return;
    }
  if (name == NULL && json_object_has_member (call->params, "name"))
    {
      ods_portal_call_invalid (call, "name", "Missing value", NULL);
      return;
    }
  if (name != NULL)
    {
      JsonObject *other = ods_portal_store_find_package (call->store, name);

      if (!valid_name (name))
        {
          ods_portal_call_invalid (call, "name", "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_", NULL);
          return;
        }
      if (other != NULL && other != pkg)
        {
          ods_portal_call_invalid (call, "name", "That URL is already in use.", NULL);
          return;
        }
    }
  backup = object_node (json_object_ref (pkg));
  {
    /* apply to a copy so a refused owner_org changes nothing */
    g_autoptr(JsonNode) copy = deep_copy (backup);
    JsonObject *work = json_node_get_object (copy);
    g_autoptr(GList) members = NULL;

    if (!apply_package_fields (call, work))
      return;
    members = json_object_get_members (work);
    for (GList *l = members; l; l = l->next)
      copy_member (pkg, work, l->data);
  }
  now = ods_portal_now_iso ();
  json_object_set_string_member (pkg, "metadata_modified", now);
  ods_portal_server_save (call->server);
  ods_portal_call_ok (call, object_node (package_dict (call, pkg)));
}

/* ---- resources -------------------------------------------------------- */

static const char *
mimetype_for (const char *name)
{
  static const struct { const char *ext, *type; } types[] = {
    { ".csv", "text/csv" },
    { ".json", "application/json" },
    { ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { ".xls", "application/vnd.ms-excel" },
    { ".xml", "application/xml" },
    { ".txt", "text/plain" },
    { ".zip", "application/zip" },
    { ".pdf", "application/pdf" },
  };
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);
  char *query = strchr (lower, '?');

  if (query)
    *query = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_suffix (lower, types[i].ext))
      return types[i].type;
  return NULL;
}

static char *
format_for (const char *name)
{
  const char *dot = name ? strrchr (name, '.') : NULL;

  if (dot == NULL || dot[1] == '\0' || strchr (dot, '/') != NULL)
    return g_strdup ("");
  return g_ascii_strup (dot + 1, -1);
}

/* CKAN's munge_filename: lower case, ASCII, [a-z0-9_. -], spaces to dashes. */
static char *
munge_filename (const char *filename)
{
  g_autofree char *base = g_path_get_basename (filename && *filename ? filename : "upload");
  g_autofree char *lower = g_utf8_strdown (base, -1);
  g_autofree char *ascii = g_str_to_ascii (lower, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = g_strstrip (ascii); *p; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-')
        ;
      else if (c == ' ')
        c = '-';
      else
        continue;
      if (c == '-' && out->len > 0 && out->str[out->len - 1] == '-')
        continue;
      g_string_append_c (out, c);
    }
  if (out->len == 0)
    g_string_append (out, "upload");
  return g_string_free (out, FALSE);
}

static gboolean
move_file (const char *from,
           const char *to,
           GError    **error)
{
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dst = NULL;

  if (g_rename (from, to) == 0)
    return TRUE;
  src = g_file_new_for_path (from);
  dst = g_file_new_for_path (to);
  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  g_unlink (from);
  return TRUE;
}

/* ckanext-validation, reduced to what the stand-in needs: the CSV header
 * against the schema's field names. */
static GPtrArray *
csv_header (const char *path)
{
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) cell = g_string_new (NULL);
  char buf[65536];
  gssize n;
  int fd = open (path, O_RDONLY);
  gboolean quoted = FALSE;
  gssize i = 0;

  if (fd < 0)
    return labels;
  n = read (fd, buf, sizeof buf);
  close (fd);
  if (n >= 3 && (guchar) buf[0] == 0xEF && (guchar) buf[1] == 0xBB && (guchar) buf[2] == 0xBF)
    i = 3;
  for (; i < n; i++)
    {
      char c = buf[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < n && buf[i + 1] == '"')
            g_string_append_c (cell, '"'), i++;
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, c);
          continue;
        }
      if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (labels, g_strdup (cell->str));
          g_string_truncate (cell, 0);
        }
      else if (c == '\r' || c == '\n')
        break;
      else
        g_string_append_c (cell, c);
    }
  if (n > 0)
    g_ptr_array_add (labels, g_strdup (cell->str));
  return labels;
}

static GPtrArray *
schema_field_names (JsonNode *schema)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = schema;
  JsonArray *fields;
  GPtrArray *names;

  if (schema == NULL || JSON_NODE_HOLDS_NULL (schema))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (schema) && json_node_get_value_type (schema) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (schema);

      if (*text == '\0' || !json_parser_load_from_data (parser, text, -1, NULL))
        return NULL;
      root = json_parser_get_root (parser);
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  if (!json_object_has_member (json_node_get_object (root), "fields") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "fields")))
    return NULL;
  fields = json_object_get_array_member (json_node_get_object (root), "fields");
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *f = json_array_get_element (fields, i);

      g_ptr_array_add (names, g_strdup (JSON_NODE_HOLDS_OBJECT (f) ?
                                        ods_portal_object_get_string (json_node_get_object (f), "name") ?: "" : ""));
    }
  return names;
}

static JsonObject *
label_error (const char *type,
             const char *title,
             const char *message,
             const char *label,
             const char *field_name,
             guint       number)
{
  JsonObject *e = json_object_new ();
  JsonArray *tags = json_array_new ();
  JsonArray *rows = json_array_new ();

  json_object_set_string_member (e, "type", type);
  json_object_set_string_member (e, "title", title);
  json_object_set_string_member (e, "message", message);
  json_array_add_string_element (tags, "#table");
  json_array_add_string_element (tags, "#header");
  json_array_add_string_element (tags, "#label");
  json_object_set_array_member (e, "tags", tags);
  json_object_set_string_member (e, "note", "");
  json_array_add_int_element (rows, 1);
  json_object_set_array_member (e, "rowNumbers", rows);
  json_object_set_string_member (e, "label", label ? label : "");
  json_object_set_string_member (e, "fieldName", field_name ? field_name : "");
  json_object_set_int_member (e, "fieldNumber", number);
  return e;
}

static void
run_validation (OdsPortalCall *call,
                JsonObject    *res,
                const char    *path,
                const char    *filename)
{
  JsonObject *validations = ods_portal_store_get_validations (call->store);
  const OdsPortalConfig *config = ods_portal_server_get_config (call->server);
  const char *rid = ods_portal_object_get_string (res, "id");
  g_autoptr(GPtrArray) names = schema_field_names (json_object_get_member (res, "schema"));
  g_autoptr(GPtrArray) labels = NULL;
  JsonArray *errors = json_array_new ();
  JsonArray *labels_json = json_array_new ();
  JsonObject *record = json_object_new ();
  JsonObject *report = json_object_new ();
  JsonObject *task = json_object_new ();
  JsonObject *stats = json_object_new ();
  JsonArray *tasks = json_array_new ();
  g_autofree char *id = ods_portal_new_id ();
  g_autofree char *now = ods_portal_now_iso ();
  const char *format = ods_portal_object_get_string (res, "format");
  gboolean is_csv = format == NULL || *format == '\0' || g_ascii_strcasecmp (format, "csv") == 0;
  guint n_errors;

  if (is_csv)
    {
      labels = csv_header (path);
      for (guint i = 0; i < labels->len; i++)
        json_array_add_string_element (labels_json, g_ptr_array_index (labels, i));
    }
  if (is_csv && names != NULL)
    {
      for (guint i = 0; i < MAX (names->len, labels->len); i++)
        {
          const char *label = i < labels->len ? g_ptr_array_index (labels, i) : NULL;
          const char *name = i < names->len ? g_ptr_array_index (names, i) : NULL;
          g_autofree char *message = NULL;

          if (label != NULL && name != NULL && !g_str_equal (label, name))
            {
              message = g_strdup_printf ("Label \"%s\" in the header at position \"%u\" does not match the field name in the schema", label, i + 1);
              json_array_add_object_element (errors, label_error ("incorrect-label", "Incorrect Label", message, label, name, i + 1));
            }
          else if (label != NULL && name == NULL)
            {
              message = g_strdup_printf ("Label \"%s\" in the header at position \"%u\" is extra", label, i + 1);
              json_array_add_object_element (errors, label_error ("extra-label", "Extra Label", message, label, NULL, i + 1));
            }
          else if (label == NULL && name != NULL)
            {
              message = g_strdup_printf ("Label \"\" in the header at position \"%u\" is missing", i + 1);
              json_array_add_object_element (errors, label_error ("missing-label", "Missing Label", message, NULL, name, i + 1));
            }
        }
    }
  n_errors = json_array_get_length (errors);

  json_object_set_int_member (stats, "errors", n_errors);
  json_object_set_int_member (stats, "warnings", 0);
  json_object_set_double_member (stats, "seconds", 0.25);
  json_object_set_boolean_member (task, "valid", n_errors == 0);
  json_object_set_string_member (task, "name", filename);
  json_object_set_string_member (task, "type", "table");
  json_object_set_string_member (task, "place", filename);
  json_object_set_array_member (task, "labels", labels_json);
  json_object_set_object_member (task, "stats", json_object_ref (stats));
  json_object_set_array_member (task, "warnings", json_array_new ());
  json_object_set_array_member (task, "errors", errors);
  json_array_add_object_element (tasks, task);
  json_object_set_boolean_member (report, "valid", n_errors == 0);
  json_object_set_object_member (report, "stats", stats);
  json_object_set_array_member (report, "warnings", json_array_new ());
  json_object_set_array_member (report, "errors", json_array_new ());
  json_object_set_array_member (report, "tasks", tasks);

  json_object_set_string_member (record, "id", id);
  json_object_set_string_member (record, "resource_id", rid);
  json_object_set_string_member (record, "status", n_errors == 0 ? "success" : "failure");
  json_object_set_object_member (record, "report", report);
  json_object_set_null_member (record, "error");
  json_object_set_string_member (record, "created", now);
  json_object_set_string_member (record, "finished", now);
  json_object_set_int_member (record, "ready_at_us", g_get_real_time () + (gint64) config->validation_delay_ms * 1000);
  json_object_set_object_member (validations, rid, record);

  json_object_set_string_member (res, "validation_status", n_errors == 0 ? "success" : "failure");
  json_object_set_string_member (res, "validation_timestamp", now);
}

typedef enum { RES_CREATE, RES_UPDATE, RES_PATCH } ResMode;

static const char *core_resource_nulls[] = {
  "cache_last_updated", "cache_url", "description", "last_modified", "mimetype", "mimetype_inner",
  "name", "resource_type", "size", "url_type", NULL,
};

static void
resource_write (OdsPortalCall *call,
                ResMode        mode)
{
  JsonObject *pkg = NULL;
  JsonObject *old = NULL;
  JsonObject *res;
  JsonArray *resources;
  g_autoptr(GList) members = NULL;
  g_autofree char *now = ods_portal_now_iso ();
  g_autofree char *rid = NULL;
  const char *file_field = call->mp ? ods_portal_multipart_get_file_field (call->mp) : NULL;
  gboolean has_upload = file_field != NULL && g_str_equal (file_field, "upload");
  gint position;

  if (mode == RES_CREATE)
    {
      const char *package_id = ods_portal_call_get_string (call, "package_id");

      if (package_id == NULL || *package_id == '\0')
        {
          ods_portal_call_invalid (call, "package_id", "Missing value", NULL);
          return;
        }
      pkg = readable_package (call, package_id, "package_id");
      if (pkg == NULL)
        return;
      if (!can_edit_in_org (call, ods_portal_object_get_string (pkg, "owner_org")))
        {
          ods_portal_call_denied (call, "User %s not authorized to create resources on dataset %s",
                                  ods_portal_call_user_name (call), package_id);
          return;
        }
    }
  else
    {
      const char *id = ods_portal_call_get_string (call, "id");

      if (id == NULL || *id == '\0')
        {
          ods_portal_call_invalid (call, "id", "Missing value", NULL);
          return;
        }
      old = ods_portal_store_find_resource (call->store, id, &pkg);
      if (old == NULL || !is_active (pkg))
        {
          ods_portal_call_not_found (call, mode == RES_UPDATE ? "Resource was not found." : NULL);
          return;
        }
      if (!can_edit_in_org (call, ods_portal_object_get_string (pkg, "owner_org")))
        {
          ods_portal_call_denied (call, "User %s not authorized to edit resource %s",
                                  ods_portal_call_user_name (call), id);
          return;
        }
    }

  if (has_upload && ods_portal_multipart_get_too_large (call->mp))
    {
      ods_portal_call_invalid (call, "upload", "File upload too large", NULL);
      return;
    }

  resources = json_object_get_array_member (pkg, "resources");
  if (mode == RES_CREATE)
    {
      rid = ods_portal_new_id ();
      position = (gint) json_array_get_length (resources);
      res = json_object_new ();
      json_object_set_string_member (res, "created", now);
      json_object_set_string_member (res, "hash", "");
      json_object_set_string_member (res, "format", "");
      json_object_set_string_member (res, "url", "");
    }
  else
    {
      rid = g_strdup (ods_portal_object_get_string (old, "id"));
      position = (gint) json_object_get_int_member_with_default (old, "position", 0);
      if (mode == RES_PATCH)
        {
          g_autoptr(JsonNode) node = object_node (json_object_ref (old));
          g_autoptr(JsonNode) copy = deep_copy (node);

          res = json_object_ref (json_node_get_object (copy));
        }
      else
        {
          /* resource_update replaces the resource: what is not re-sent is gone. */
          res = json_object_new ();
          copy_member (res, old, "created");
          json_object_set_string_member (res, "hash", "");
          json_object_set_string_member (res, "format", "");
          json_object_set_string_member (res, "url", "");
          if (!has_upload && g_strcmp0 (ods_portal_object_get_string (old, "url_type"), "upload") == 0 &&
              ods_portal_call_get_string (call, "url") == NULL)
            {
              /* the file stays when no new one and no new url is sent */
              for (const char **f = (const char *[]) { "url", "url_type", "size", "mimetype", "last_modified", NULL }; *f; f++)
                copy_member (res, old, *f);
            }
        }
    }
  for (const char **f = core_resource_nulls; *f; f++)
    if (!json_object_has_member (res, *f))
      json_object_set_null_member (res, *f);

  members = json_object_get_members (call->params);
  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;

      if (g_str_equal (key, "id") || g_str_equal (key, "package_id") || g_str_equal (key, "upload") ||
          g_str_equal (key, "clear_upload") || g_str_equal (key, "created") || g_str_equal (key, "position"))
        continue;
      json_object_set_member (res, key, deep_copy (json_object_get_member (call->params, key)));
    }

  json_object_set_string_member (res, "id", rid);
  json_object_set_string_member (res, "package_id", ods_portal_object_get_string (pkg, "id"));
  json_object_set_int_member (res, "position", position);
  json_object_set_string_member (res, "state", "active");
  json_object_set_string_member (res, "metadata_modified", now);

  if (has_upload)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dest = ods_portal_store_file_path (call->store, rid);
      g_autofree char *filename = munge_filename (ods_portal_multipart_get_filename (call->mp));
      const char *mime = mimetype_for (filename);

      if (!move_file (ods_portal_multipart_get_file_path (call->mp), dest, &error))
        {
          g_warning ("Could not store the upload: %s", error->message);
          json_object_unref (res);
          ods_portal_reply_bare (call->msg, 500, "Internal error: could not store the upload");
          call->replied = TRUE;
          return;
        }
      ods_portal_multipart_release_file (call->mp);
      json_object_set_string_member (res, "url", filename);
      json_object_set_string_member (res, "url_type", "upload");
      json_object_set_int_member (res, "size", (gint64) ods_portal_multipart_get_file_size (call->mp));
      json_object_set_string_member (res, "last_modified", now);
      if (mime != NULL)
        json_object_set_string_member (res, "mimetype", mime);
      if (g_strcmp0 (ods_portal_object_get_string (res, "format"), "") == 0)
        {
          g_autofree char *format = format_for (filename);
          json_object_set_string_member (res, "format", format);
        }
      if (ods_portal_server_get_config (call->server)->validation)
        run_validation (call, res, dest, filename);
    }
  else if (ods_portal_call_get_string (call, "url") != NULL &&
           g_strcmp0 (ods_portal_object_get_string (res, "url_type"), "upload") != 0)
    {
      const char *url = ods_portal_call_get_string (call, "url");
      const char *mime = mimetype_for (url);

      if (mime != NULL && ods_portal_object_get_string (res, "mimetype") == NULL)
        json_object_set_string_member (res, "mimetype", mime);
      if (g_strcmp0 (ods_portal_object_get_string (res, "format"), "") == 0)
        {
          g_autofree char *format = format_for (url);
          json_object_set_string_member (res, "format", format);
        }
    }

  if (mode == RES_CREATE)
    json_array_add_object_element (resources, res);
  else
    {
      for (guint i = 0; i < json_array_get_length (resources); i++)
        if (json_array_get_object_element (resources, i) == old)
          {
            JsonNode *node = json_array_get_element (resources, i);
            json_node_set_object (node, res);
            json_object_unref (res);
            break;
          }
    }
  json_object_set_string_member (pkg, "metadata_modified", now);
  ods_portal_server_save (call->server);
  ods_portal_call_ok (call, object_node (resource_dict (call, pkg, res)));
}

static void
action_resource_create (OdsPortalCall *call)
{
  resource_write (call, RES_CREATE);
}

static void
action_resource_update (OdsPortalCall *call)
{
  resource_write (call, RES_UPDATE);
}

static void
action_resource_patch (OdsPortalCall *call)
{
  resource_write (call, RES_PATCH);
}

static void
action_resource_show (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "id");
  JsonObject *pkg = NULL;
  JsonObject *res;

  if (id == NULL || *id == '\0')
    {
      ods_portal_call_invalid (call, "id", "Missing value", NULL);
      return;
    }
  res = ods_portal_store_find_resource (call->store, id, &pkg);
  if (res == NULL || !is_active (pkg))
    {
      ods_portal_call_not_found (call, NULL);
      return;
    }
  if (!can_read_package (call, pkg))
    {
      ods_portal_call_denied (call, "User %s not authorized to read resource %s", ods_portal_call_user_name (call), id);
      return;
    }
  ods_portal_call_ok (call, object_node (resource_dict (call, pkg, res)));
}

static void
action_resource_validation_show (OdsPortalCall *call)
{
  const char *id = ods_portal_call_get_string (call, "resource_id");
  JsonObject *validations = ods_portal_store_get_validations (call->store);
  JsonObject *pkg = NULL;
  JsonObject *res;
  JsonObject *record;
  JsonObject *d;

  if (id == NULL || *id == '\0')
    {
      ods_portal_call_invalid (call, "resource_id", "Missing value", NULL);
      return;
    }
  res = ods_portal_store_find_resource (call->store, id, &pkg);
  if (res == NULL)
    {
      ods_portal_call_not_found (call, "Resource not found");
      return;
    }
  if (!can_read_package (call, pkg))
    {
      ods_portal_call_denied (call, "User %s not authorized to read resource %s", ods_portal_call_user_name (call), id);
      return;
    }
  if (!json_object_has_member (validations, id))
    {
      ods_portal_call_not_found (call, "No validation report exists for this resource");
      return;
    }
  record = json_object_get_object_member (validations, id);
  d = json_object_new ();
  copy_member (d, record, "id");
  copy_member (d, record, "resource_id");
  if (json_object_get_int_member_with_default (record, "ready_at_us", 0) > g_get_real_time ())
    {
      json_object_set_string_member (d, "status", "pending");
      json_object_set_null_member (d, "report");
      json_object_set_null_member (d, "error");
      copy_member (d, record, "created");
      json_object_set_null_member (d, "finished");
    }
  else
    {
      copy_member (d, record, "status");
      copy_member (d, record, "report");
      copy_member (d, record, "error");
      copy_member (d, record, "created");
      copy_member (d, record, "finished");
    }
  ods_portal_call_ok (call, object_node (d));
}

/* resource_search: query "field:term" (or a list of them), every term a
 * case-insensitive substring of that field; only public datasets, as CKAN. */
static void
action_resource_search (OdsPortalCall *call)
{
  g_autoptr(GPtrArray) queries = string_list_param (call, "query");
  JsonArray *packages = ods_portal_store_get_packages (call->store);
  JsonArray *results = json_array_new ();
  JsonObject *r = json_object_new ();
  gint64 offset, limit;
  guint count = 0;

  if (!ods_portal_call_get_int (call, "offset", 0, &offset) || offset < 0)
    {
      json_array_unref (results);
      json_object_unref (r);
      ods_portal_call_invalid (call, "offset", "Invalid integer", NULL);
      return;
    }
  if (!ods_portal_call_get_int (call, "limit", G_MAXINT, &limit) || limit < 0)
    {
      json_array_unref (results);
      json_object_unref (r);
      ods_portal_call_invalid (call, "limit", "Invalid integer", NULL);
      return;
    }
  for (guint q = 0; q < queries->len; q++)
    if (strchr (g_ptr_array_index (queries, q), ':') == NULL)
      {
        json_array_unref (results);
        json_object_unref (r);
        ods_portal_call_invalid (call, "query", "Must be <field>:<value> pair(s)", NULL);
        return;
      }

  for (guint i = 0; i < json_array_get_length (packages); i++)
    {
      JsonObject *pkg = json_array_get_object_element (packages, i);
      JsonArray *resources = json_object_get_array_member (pkg, "resources");

      if (!is_active (pkg) || json_object_get_boolean_member_with_default (pkg, "private", FALSE))
        continue;
      for (guint j = 0; j < json_array_get_length (resources); j++)
        {
          JsonObject *res = json_array_get_object_element (resources, j);
          JsonObject *d = resource_dict (call, pkg, res);
          gboolean match = TRUE;

          for (guint q = 0; match && q < queries->len; q++)
            {
              const char *clause = g_ptr_array_index (queries, q);
              const char *colon = strchr (clause, ':');
              g_autofree char *field = g_strndup (clause, colon - clause);
              g_autofree char *term = fold (colon + 1);
              g_autofree char *value = fold (ods_portal_object_get_string (d, field));

              match = ods_portal_object_get_string (d, field) != NULL && strstr (value, term) != NULL;
            }
          if (match && count >= offset && count < (guint64) offset + (guint64) limit)
            json_array_add_object_element (results, d);
          else
            json_object_unref (d);
          count += match;
        }
    }
  json_object_set_int_member (r, "count", count);
  json_object_set_array_member (r, "results", results);
  ods_portal_call_ok (call, object_node (r));
}

/* ---- the table -------------------------------------------------------- */

static const OdsPortalAction actions[] = {
  { "status_show", action_status_show, TRUE },
  { "user_show", action_user_show, TRUE },
  { "api_token_list", action_api_token_list, TRUE },
  { "api_token_create", action_api_token_create, FALSE },
  { "api_token_revoke", action_api_token_revoke, FALSE },
  { "organization_list_for_user", action_organization_list_for_user, TRUE },
  { "organization_show", action_organization_show, TRUE },
  { "organization_create", action_organization_create, FALSE },
  { "organization_member_create", action_organization_member_create, FALSE },
  { "organization_delete", action_organization_delete, FALSE },
  { "member_list", action_member_list, TRUE },
  { "package_search", action_package_search, TRUE },
  { "package_show", action_package_show, TRUE },
  { "package_create", action_package_create, FALSE },
  { "package_patch", action_package_patch, FALSE },
  { "resource_show", action_resource_show, TRUE },
  { "resource_search", action_resource_search, TRUE },
  { "resource_create", action_resource_create, FALSE },
  { "resource_update", action_resource_update, FALSE },
  { "resource_patch", action_resource_patch, FALSE },
  { "resource_validation_show", action_resource_validation_show, TRUE },
};

const OdsPortalAction *
ods_portal_actions_lookup (const char *name,
                           gboolean    validation)
{
  if (name == NULL)
    return NULL;
  if (!validation && g_str_equal (name, "resource_validation_show"))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, name))
      return &actions[i];
  return NULL;
}

/* ---- file download (streamed from disk, 256 KiB at a time) ------------- */

typedef struct
{
  int     fd;
  guint64 left;
} Download;

static void
download_free (Download *d)
{
  if (d->fd >= 0)
    close (d->fd);
  g_free (d);
}

static void
download_next (SoupServerMessage *msg)
{
  Download *d = g_object_get_data (G_OBJECT (msg), "ods-download");
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  guint8 *buf;
  gssize n;
  gsize want;

  if (d == NULL)
    return;
  if (d->left == 0)
    {
      soup_message_body_complete (body);
      g_object_set_data (G_OBJECT (msg), "ods-download", NULL);
      return;
    }
  want = (gsize) MIN (d->left, 256 * 1024);
  buf = g_malloc (want);
  do
    n = read (d->fd, buf, want);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    {
      g_free (buf);
      soup_message_body_complete (body);
      g_object_set_data (G_OBJECT (msg), "ods-download", NULL);
      return;
    }
  d->left -= (guint64) n;
  soup_message_body_append (body, SOUP_MEMORY_TAKE, buf, (gsize) n);
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                guint              size,
                gpointer           user_data)
{
  download_next (msg);
}

void
ods_portal_download (OdsPortalServer   *server,
                     SoupServerMessage *msg,
                     const char        *package_id,
                     const char        *resource_id)
{
  OdsPortalStore *store = ods_portal_server_get_store (server);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  JsonObject *pkg = NULL;
  JsonObject *res = ods_portal_store_find_resource (store, resource_id, &pkg);
  g_autofree char *path = NULL;
  g_autofree char *disposition = NULL;
  const char *url;
  const char *mime;
  struct stat st;
  Download *d;
  int fd;

  if (res == NULL || (g_strcmp0 (ods_portal_object_get_string (pkg, "id"), package_id) != 0 &&
                      g_strcmp0 (ods_portal_object_get_string (pkg, "name"), package_id) != 0))
    {
      ods_portal_reply_html (msg, 404, "<h1>404 Not Found</h1><p>Resource not found</p>");
      return;
    }
  if (json_object_get_boolean_member_with_default (pkg, "private", FALSE))
    {
      OdsPortalCall call = { .server = server, .store = store, .msg = msg };
      SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
      const char *token = soup_message_headers_get_one (req, "Authorization");
      OdsPortalSession *session = ods_portal_login_find_session (server, msg);

      if (token == NULL)
        token = soup_message_headers_get_one (req, "X-CKAN-API-Key");
      call.user = token ? ods_portal_store_lookup_token (store, token, NULL) :
                  (session && session->user_id ? ods_portal_store_find_user (store, session->user_id) : NULL);
      if (!can_read_package (&call, pkg))
        {
          ods_portal_reply_html (msg, 403, "<h1>403 Forbidden</h1><p>Unauthorized to read resource</p>");
          return;
        }
    }
  url = ods_portal_object_get_string (res, "url");
  if (g_strcmp0 (ods_portal_object_get_string (res, "url_type"), "upload") != 0)
    {
      if (url == NULL || *url == '\0')
        {
          ods_portal_reply_html (msg, 404, "<h1>404 Not Found</h1><p>No download is available</p>");
          return;
        }
      soup_server_message_set_redirect (msg, 302, url);
      return;
    }
  path = ods_portal_store_file_path (store, resource_id);
  fd = path ? open (path, O_RDONLY) : -1;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      if (fd >= 0)
        close (fd);
      ods_portal_reply_html (msg, 404, "<h1>404 Not Found</h1><p>Resource data not found</p>");
      return;
    }

  mime = ods_portal_object_get_string (res, "mimetype");
  disposition = g_strdup_printf ("inline; filename=%s", url);
  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (headers, "Content-Type", mime ? mime : "application/octet-stream");
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache, public, max-age=0, must-revalidate");
  {
    g_autoptr(GDateTime) mtime = g_date_time_new_from_unix_utc (st.st_mtime);
    g_autofree char *date = g_date_time_format (mtime, "%a, %d %b %Y %H:%M:%S GMT");

    soup_message_headers_replace (headers, "Last-Modified", date);
  }
  soup_message_headers_set_content_length (headers, st.st_size);

  if (g_str_equal (soup_server_message_get_method (msg), "HEAD") || st.st_size == 0)
    {
      close (fd);
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }
  d = g_new0 (Download, 1);
  d->fd = fd;
  d->left = (guint64) st.st_size;
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  g_object_set_data_full (G_OBJECT (msg), "ods-download", d, (GDestroyNotify) download_free);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), NULL);
  download_next (msg);
}
