#define G_LOG_DOMAIN "ods-portal-faults"

#include "ods-portal-faults.h"

#include <stdlib.h>
#include <string.h>

struct _OdsPortalFaults
{
  GPtrArray *rules;
};

static const char *kind_names[ODS_PORTAL_FAULT_N_KINDS] = {
  "drop", "drop_response", "delay", "error500", "html502", "html504", "html413", "revoke",
};

const char *
ods_portal_fault_kind_to_string (OdsPortalFaultKind kind)
{
  return kind < ODS_PORTAL_FAULT_N_KINDS ? kind_names[kind] : "unknown";
}

void
ods_portal_fault_free (OdsPortalFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->action);
  g_free (fault);
}

OdsPortalFaults *
ods_portal_faults_new (void)
{
  OdsPortalFaults *self = g_new0 (OdsPortalFaults, 1);

  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_portal_fault_free);
  return self;
}

void
ods_portal_faults_free (OdsPortalFaults *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rules);
  g_free (self);
}

void
ods_portal_faults_clear (OdsPortalFaults *self)
{
  g_ptr_array_set_size (self->rules, 0);
}

static OdsPortalFault *
fault_new (void)
{
  OdsPortalFault *fault = g_new0 (OdsPortalFault, 1);

  fault->times = 1;
  fault->after_bytes = -1;
  fault->after_percent = -1;
  return fault;
}

static gboolean
set_key (OdsPortalFault *fault,
         const char     *key,
         const char     *value,
         GError        **error)
{
  char *end = NULL;
  gint64 number;

  if (g_str_equal (key, "kind"))
    {
      for (int k = 0; k < ODS_PORTAL_FAULT_N_KINDS; k++)
        if (g_str_equal (value, kind_names[k]))
          {
            fault->kind = k;
            return TRUE;
          }
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown fault kind “%s”", value);
      return FALSE;
    }
  if (g_str_equal (key, "action"))
    {
      g_free (fault->action);
      fault->action = (g_str_equal (value, "*") || *value == '\0') ? NULL : g_strdup (value);
      return TRUE;
    }

  number = g_ascii_strtoll (value, &end, 10);
  if (end == value || (*end != '\0' && !(g_str_equal (key, "after_bytes") && *end == '%')))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "fault “%s” needs a number, not “%s”", key, value);
      return FALSE;
    }
  if (g_str_equal (key, "times"))
    fault->times = (int) number;
  else if (g_str_equal (key, "after_bytes") && *end == '%')
    fault->after_percent = (int) CLAMP (number, 0, 100);
  else if (g_str_equal (key, "after_bytes"))
    fault->after_bytes = MAX (number, 0);
  else if (g_str_equal (key, "after_percent"))
    fault->after_percent = (int) CLAMP (number, 0, 100);
  else if (g_str_equal (key, "delay_ms"))
    fault->delay_ms = (guint) CLAMP (number, 0, 600000);
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "unknown fault key “%s”", key);
      return FALSE;
    }
  return TRUE;
}

static void
finish_rule (OdsPortalFault *fault)
{
  if (fault->kind == ODS_PORTAL_FAULT_DROP && fault->after_bytes < 0 && fault->after_percent < 0)
    fault->after_percent = 50;
}

gboolean
ods_portal_faults_add_spec (OdsPortalFaults *self,
                            const char      *spec,
                            GError         **error)
{
  g_autoptr(OdsPortalFault) fault = fault_new ();
  g_auto(GStrv) pairs = g_strsplit (spec, ",", -1);
  gboolean have_kind = FALSE;

  for (guint i = 0; pairs[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "fault “%s”: expected key=value", spec);
          return FALSE;
        }
      g_strstrip (kv[0]);
      g_strstrip (kv[1]);
      if (!set_key (fault, kv[0], kv[1], error))
        return FALSE;
      have_kind |= g_str_equal (kv[0], "kind");
    }
  if (!have_kind)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "fault “%s”: kind= is required", spec);
      return FALSE;
    }
  finish_rule (fault);
  g_ptr_array_add (self->rules, g_steal_pointer (&fault));
  return TRUE;
}

gboolean
ods_portal_faults_add_json (OdsPortalFaults *self,
                            JsonObject      *rule,
                            GError         **error)
{
  g_autoptr(OdsPortalFault) fault = fault_new ();
  g_autoptr(GList) members = json_object_get_members (rule);
  gboolean have_kind = FALSE;

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (rule, key);
      g_autofree char *value = NULL;

      if (g_str_equal (key, "token"))
        continue;
      if (JSON_NODE_HOLDS_NULL (node))
        value = g_strdup ("");
      else if (!JSON_NODE_HOLDS_VALUE (node))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "fault key “%s” must be a string or number", key);
          return FALSE;
        }
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        value = g_strdup (json_node_get_string (node));
      else
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (!set_key (fault, key, value, error))
        return FALSE;
      have_kind |= g_str_equal (key, "kind");
    }
  if (!have_kind)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "a fault needs \"kind\"");
      return FALSE;
    }
  finish_rule (fault);
  g_ptr_array_add (self->rules, g_steal_pointer (&fault));
  return TRUE;
}

JsonNode *
ods_portal_faults_to_json (OdsPortalFaults *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < self->rules->len; i++)
    {
      OdsPortalFault *f = g_ptr_array_index (self->rules, i);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "kind", kind_names[f->kind]);
      if (f->action)
        json_object_set_string_member (o, "action", f->action);
      else
        json_object_set_null_member (o, "action");
      json_object_set_int_member (o, "times", f->times);
      if (f->kind == ODS_PORTAL_FAULT_DROP)
        {
          json_object_set_int_member (o, "after_bytes", f->after_bytes);
          json_object_set_int_member (o, "after_percent", f->after_percent);
        }
      if (f->kind == ODS_PORTAL_FAULT_DELAY)
        json_object_set_int_member (o, "delay_ms", f->delay_ms);
      json_array_add_object_element (array, o);
    }
  json_node_take_array (node, array);
  return node;
}

OdsPortalFault *
ods_portal_faults_take (OdsPortalFaults   *self,
                        OdsPortalFaultKind kind,
                        const char        *action,
                        gboolean           is_upload)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      OdsPortalFault *f = g_ptr_array_index (self->rules, i);
      OdsPortalFault *copy;

      if (f->kind != kind || f->times == 0)
        continue;
      if (f->action != NULL &&
          !(g_str_equal (f->action, "upload") && is_upload) &&
          g_strcmp0 (f->action, action) != 0)
        continue;

      copy = g_memdup2 (f, sizeof *f);
      copy->action = g_strdup (f->action);
      if (f->times > 0 && --f->times == 0)
        g_ptr_array_remove_index (self->rules, i);
      return copy;
    }
  return NULL;
}
