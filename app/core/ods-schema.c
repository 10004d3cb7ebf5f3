#define G_LOG_DOMAIN "ods-schema"

#include "ods-schema-private.h"
#include "ods-i18n.h"

/**
 * OdsSchema:
 *
 * A Frictionless Table Schema (v1, with the v2 `fieldsMatch`, `uniqueKeys`,
 * field-level `missingValues`, `groupChar` for integers and the `list`
 * type). Loading checks the whole descriptor and compiles each field into a
 * caster; a problem is reported as %ODS_SCHEMA_ERROR_INVALID with the JSON
 * path of the offending property ("fields[3].constraints.minimum").
 */

struct _OdsSchema
{
  GObject         parent_instance;

  JsonNode       *json;
  GPtrArray      *fields;          /* OdsSchemaField */
  char          **missing_values;
  OdsFieldsMatch  fields_match;
  OdsSchemaKey    primary_key;
  GArray         *unique_keys;     /* OdsSchemaKey */
  GArray         *foreign_keys;    /* OdsSchemaKey */
};

G_DEFINE_FINAL_TYPE (OdsSchema, ods_schema, G_TYPE_OBJECT)

G_DEFINE_QUARK (ods-schema-error-quark, ods_schema_error)

static void
clear_key (OdsSchemaKey *key)
{
  g_clear_pointer (&key->fields, g_free);
  g_clear_pointer (&key->ref_fields, g_free);
  key->n_fields = 0;
}

static void
ods_schema_finalize (GObject *object)
{
  OdsSchema *self = (OdsSchema *) object;

  g_clear_pointer (&self->json, json_node_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_strfreev (self->missing_values);
  clear_key (&self->primary_key);
  g_clear_pointer (&self->unique_keys, g_array_unref);
  g_clear_pointer (&self->foreign_keys, g_array_unref);

  G_OBJECT_CLASS (ods_schema_parent_class)->finalize (object);
}

static void
ods_schema_class_init (OdsSchemaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_schema_finalize;
}

static void
ods_schema_init (OdsSchema *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_schema_field_free);
  self->unique_keys = g_array_new (FALSE, TRUE, sizeof (OdsSchemaKey));
  g_array_set_clear_func (self->unique_keys, (GDestroyNotify) clear_key);
  self->foreign_keys = g_array_new (FALSE, TRUE, sizeof (OdsSchemaKey));
  g_array_set_clear_func (self->foreign_keys, (GDestroyNotify) clear_key);
}

/* ------------------------------------------------------------------ */
/* Errors */

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError    **error,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: first %s is a place in the schema such as
   * fields[3].constraints.minimum, second %s what is wrong there */
  g_set_error (error, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID,
               _("The schema is not valid at %s: %s"), path, problem);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: return "string";
    case G_TYPE_BOOLEAN: return "boolean";
    default: return "number";
    }
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_bool (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Reads an optional string member; %FALSE (with @error) if of another type. */
static gboolean
get_string (JsonObject  *o,
            const char  *member,
            const char  *path,
            const char **out,
            GError     **error)
{
  JsonNode *n = json_object_get_member (o, member);

  *out = NULL;
  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return TRUE;
  if (!is_string (n))
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, member);
      /* TRANSLATORS: %s is a JSON kind: string, number, boolean, array, object, null */
      return fail (error, p, _("must be a text (a JSON string), not a %s."), node_kind (n));
    }
  *out = json_node_get_string (n);
  return TRUE;
}

/* A list of strings; a single string is accepted when @allow_single. */
static char **
get_strings (JsonNode   *n,
             const char *path,
             gboolean    allow_single,
             GError    **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *a;

  if (allow_single && is_string (n))
    {
      g_strv_builder_add (b, json_node_get_string (n));
      return g_strv_builder_end (b);
    }
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      fail (error, path, _("must be a list of texts (a JSON array of strings), not a %s."), node_kind (n));
      return NULL;
    }
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);

      if (!is_string (e))
        {
          g_autofree char *p = g_strdup_printf ("%s[%u]", path, i);

          fail (error, p, _("must be a text (a JSON string), not a %s."), node_kind (e));
          return NULL;
        }
      g_strv_builder_add (b, json_node_get_string (e));
    }
  return g_strv_builder_end (b);
}

static char *
nfc (const char *s)
{
  char *n = g_utf8_normalize (s, -1, G_NORMALIZE_NFC);

  return n != NULL ? n : g_strdup (s);
}

/* ------------------------------------------------------------------ */
/* Fields */

static const char *const known_types =
  "string, integer, number, boolean, date, time, datetime, year, yearmonth, duration, geopoint, geojson, object, array, list, any";

/* Casts a constraint value given in the schema: a JSON number or boolean
 * directly, a string through the field's own format, and for dates and
 * times through the ISO form when the field's format does not match. */
static gboolean
cast_constraint_value (OdsSchemaField *f,
                       JsonNode       *n,
                       const char     *path,
                       OdsValue       *v,
                       char          **text,
                       GError        **error)
{
  memset (v, 0, sizeof *v);
  if (is_number (n) && (f->type == ODS_FIELD_INTEGER || f->type == ODS_FIELD_NUMBER || f->type == ODS_FIELD_YEAR))
    {
      if (f->type == ODS_FIELD_NUMBER)
        v->d = json_node_get_double (n);
      else if (is_integer (n))
        v->i = json_node_get_int (n);
      else
        return fail (error, path, _("must be a whole number."));
      if (text != NULL)
        {
          if (is_integer (n))
            *text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
          else
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              *text = g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (n)));
            }
        }
      return TRUE;
    }
  if (is_bool (n) && f->type == ODS_FIELD_BOOLEAN)
    {
      v->i = json_node_get_boolean (n);
      if (text != NULL)
        *text = g_strdup (v->i ? "true" : "false");
      return TRUE;
    }
  if (is_string (n))
    {
      g_autofree char *s = nfc (json_node_get_string (n));

      if (!ods_schema_field_cast (f, s, strlen (s), v))
        {
          gboolean ok = FALSE;

          if (f->type == ODS_FIELD_DATE || f->type == ODS_FIELD_TIME || f->type == ODS_FIELD_DATETIME)
            {
              OdsSchemaField *iso = ods_schema_field_new_simple (f->type, NULL, NULL, NULL);

              ok = ods_schema_field_cast (iso, s, strlen (s), v);
              ods_schema_field_free (iso);
            }
          if (!ok)
            {
              g_autofree char *hint = ods_schema_field_format_hint (f);

              /* TRANSLATORS: first %s is the value, second the type, third a format such as dd/mm/yyyy */
              return fail (error, path, _("“%s” is not a value of type “%s” in the format %s."),
                           s, f->type_name, hint);
            }
        }
      v->str = NULL;
      if (text != NULL)
        *text = g_steal_pointer (&s);
      return TRUE;
    }
  return fail (error, path, _("must be a value of the field's type “%s”, not a %s."), f->type_name, node_kind (n));
}

static gboolean
parse_constraints (OdsSchemaField *f,
                   JsonNode       *node,
                   const char     *path,
                   GError        **error)
{
  static const struct
  {
    const char   *name;
    OdsConstraint bit;
  } names[] = {
    { "required", ODS_CONSTRAINT_REQUIRED },
    { "unique", ODS_CONSTRAINT_UNIQUE },
    { "minLength", ODS_CONSTRAINT_MIN_LENGTH },
    { "maxLength", ODS_CONSTRAINT_MAX_LENGTH },
    { "minimum", ODS_CONSTRAINT_MINIMUM },
    { "maximum", ODS_CONSTRAINT_MAXIMUM },
    { "exclusiveMinimum", ODS_CONSTRAINT_EXCLUSIVE_MINIMUM },
    { "exclusiveMaximum", ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM },
    { "pattern", ODS_CONSTRAINT_PATTERN },
    { "enum", ODS_CONSTRAINT_ENUM },
  };
  JsonObject *o;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, path, _("must be an object (a JSON {…}), not a %s."), node_kind (node));
  o = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *n = json_object_get_member (o, names[i].name);
      g_autofree char *p = NULL;

      if (n == NULL)
        continue;
      p = g_strdup_printf ("%s.%s", path, names[i].name);
      if (!ods_field_supports_constraint (f->type, names[i].bit))
        /* TRANSLATORS: first %s is a constraint name, second a type name */
        return fail (error, p, _("the constraint “%s” cannot be used with the type “%s”; remove it or change the type."),
                     names[i].name, f->type_name);

      switch (names[i].bit)
        {
        case ODS_CONSTRAINT_REQUIRED:
        case ODS_CONSTRAINT_UNIQUE:
          if (!is_bool (n))
            return fail (error, p, _("must be true or false, not a %s."), node_kind (n));
          if (json_node_get_boolean (n))
            f->constraints |= names[i].bit;
          break;

        case ODS_CONSTRAINT_MIN_LENGTH:
        case ODS_CONSTRAINT_MAX_LENGTH:
          if (!is_integer (n) || json_node_get_int (n) < 0)
            return fail (error, p, _("must be a whole number of zero or more."));
          f->constraints |= names[i].bit;
          if (names[i].bit == ODS_CONSTRAINT_MIN_LENGTH)
            f->min_length = json_node_get_int (n);
          else
            f->max_length = json_node_get_int (n);
          break;

        case ODS_CONSTRAINT_MINIMUM:
          if (!cast_constraint_value (f, n, p, &f->minimum, &f->minimum_text, error))
            return FALSE;
          f->constraints |= names[i].bit;
          break;
        case ODS_CONSTRAINT_MAXIMUM:
          if (!cast_constraint_value (f, n, p, &f->maximum, &f->maximum_text, error))
            return FALSE;
          f->constraints |= names[i].bit;
          break;
        case ODS_CONSTRAINT_EXCLUSIVE_MINIMUM:
          if (!cast_constraint_value (f, n, p, &f->exclusive_minimum, &f->exclusive_minimum_text, error))
            return FALSE;
          f->constraints |= names[i].bit;
          break;
        case ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM:
          if (!cast_constraint_value (f, n, p, &f->exclusive_maximum, &f->exclusive_maximum_text, error))
            return FALSE;
          f->constraints |= names[i].bit;
          break;

        case ODS_CONSTRAINT_PATTERN:
          {
            g_autoptr(GError) local = NULL;
            g_autofree char *anchored = NULL;
            g_autofree char *pattern = NULL;

            if (!is_string (n))
              return fail (error, p, _("must be a text (a JSON string), not a %s."), node_kind (n));
            pattern = nfc (json_node_get_string (n));
            /* XML Schema patterns match the whole value. */
            anchored = g_strdup_printf ("\\A(?:%s)\\z", pattern);
            f->regex = g_regex_new (anchored, G_REGEX_OPTIMIZE, 0, &local);
            if (f->regex == NULL)
              /* TRANSLATORS: %s is the regular expression library's explanation */
              return fail (error, p, _("the pattern is not a valid regular expression (%s)."), local->message);
            f->pattern = g_steal_pointer (&pattern);
            f->constraints |= names[i].bit;
          }
          break;

        case ODS_CONSTRAINT_ENUM:
          {
            JsonArray *a;
            g_autoptr(GString) text = g_string_new (NULL);
            g_autoptr(GByteArray) key = g_byte_array_new ();

            if (!JSON_NODE_HOLDS_ARRAY (n) || json_array_get_length (json_node_get_array (n)) == 0)
              return fail (error, p, _("must be a non-empty list of allowed values."));
            a = json_node_get_array (n);
            f->enum_set = ods_key_set_new ();
            for (guint k = 0; k < json_array_get_length (a); k++)
              {
                g_autofree char *ep = g_strdup_printf ("%s[%u]", p, k);
                g_autofree char *value_text = NULL;
                OdsValue v;

                if (!cast_constraint_value (f, json_array_get_element (a, k), ep, &v, &value_text, error))
                  return FALSE;
                /* Strings (and the other text-keyed types) key by their text. */
                v.str = value_text;
                v.len = strlen (value_text);
                g_byte_array_set_size (key, 0);
                ods_value_append_key (f, &v, key);
                ods_key_set_insert (f->enum_set, key->data, key->len, 0, NULL);
                if (k < 12)
                  g_string_append_printf (text, "%s%s", k > 0 ? ", " : "", value_text);
                else if (k == 12)
                  g_string_append (text, ", …");
              }
            f->enum_text = g_strdup (text->str);
            f->constraints |= names[i].bit;
            /* A few strings: a loop over them beats hashing the cell. */
            if ((f->type == ODS_FIELD_STRING || f->type == ODS_FIELD_ANY) && json_array_get_length (a) <= 16)
              {
                f->n_enum_strings = json_array_get_length (a);
                f->enum_strings = g_new0 (char *, f->n_enum_strings + 1);
                f->enum_lengths = g_new0 (gsize, f->n_enum_strings);
                for (guint k = 0; k < f->n_enum_strings; k++)
                  {
                    f->enum_strings[k] = nfc (json_array_get_string_element (a, k));
                    f->enum_lengths[k] = strlen (f->enum_strings[k]);
                  }
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static gboolean
parse_char_option (JsonObject     *o,
                   const char     *member,
                   const char     *path,
                   char            out[8],
                   guint8         *out_len,
                   GError        **error)
{
  const char *s;

  if (!get_string (o, member, path, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (strlen (s) >= 8)
    {
      g_autofree char *p = g_strdup_printf ("%s.%s", path, member);

      return fail (error, p, _("must be one character."));
    }
  g_strlcpy (out, s, 8);
  *out_len = (guint8) strlen (s);
  return TRUE;
}

static OdsSchemaField *
parse_field (JsonNode    *node,
             guint        index,
             char *const *schema_missing,
             GError     **error)
{
  g_autofree char *path = g_strdup_printf ("fields[%u]", index);
  OdsSchemaField *f;
  JsonObject *o;
  const char *name, *type, *format, *title, *description, *s;
  JsonNode *n;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, path, _("must be an object (a JSON {…}) describing a column, not a %s."), node_kind (node));
      return NULL;
    }
  o = json_node_get_object (node);
  if (!get_string (o, "name", path, &name, error) || !get_string (o, "type", path, &type, error)
      || !get_string (o, "format", path, &format, error) || !get_string (o, "title", path, &title, error)
      || !get_string (o, "description", path, &description, error))
    return NULL;
  if (name == NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.name", path);

      fail (error, p, _("is missing: every field needs the name of its column."));
      return NULL;
    }

  f = g_new0 (OdsSchemaField, 1);
  f->name = nfc (name);
  f->title = g_strdup (title);
  f->description = g_strdup (description);
  f->type_name = g_strdup (type != NULL ? type : "string");
  if (format != NULL && g_str_has_prefix (format, "fmt:"))
    format += 4;
  f->format = g_strdup (format != NULL && *format != '\0' ? format : "default");
  if (!ods_field_type_from_string (f->type_name, &f->type))
    {
      g_autofree char *p = g_strdup_printf ("%s.type", path);

      /* TRANSLATORS: first %s is the type written in the schema, second the list of known types */
      fail (error, p, _("“%s” is not a Table Schema type; use one of: %s."), f->type_name, known_types);
      goto error;
    }

  /* Options */
  g_strlcpy (f->decimal_char, ".", sizeof f->decimal_char);
  f->decimal_len = 1;
  f->bare_number = TRUE;
  if (!parse_char_option (o, "decimalChar", path, f->decimal_char, &f->decimal_len, error)
      || !parse_char_option (o, "groupChar", path, f->group_char, &f->group_len, error))
    goto error;
  if ((n = json_object_get_member (o, "bareNumber")) != NULL)
    {
      if (!is_bool (n))
        {
          g_autofree char *p = g_strdup_printf ("%s.bareNumber", path);

          fail (error, p, _("must be true or false, not a %s."), node_kind (n));
          goto error;
        }
      f->bare_number = json_node_get_boolean (n);
    }
  if ((n = json_object_get_member (o, "trueValues")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.trueValues", path);

      if ((f->true_values = get_strings (n, p, FALSE, error)) == NULL)
        goto error;
    }
  else
    f->true_values = g_strsplit ("true,True,TRUE,1", ",", -1);
  if ((n = json_object_get_member (o, "falseValues")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.falseValues", path);

      if ((f->false_values = get_strings (n, p, FALSE, error)) == NULL)
        goto error;
    }
  else
    f->false_values = g_strsplit ("false,False,FALSE,0", ",", -1);

  if (f->type == ODS_FIELD_LIST)
    {
      if (!get_string (o, "delimiter", path, &s, error))
        goto error;
      f->list_delimiter = g_strdup (s != NULL ? s : ",");
      if (!get_string (o, "itemType", path, &s, error))
        goto error;
      if (s != NULL)
        {
          OdsFieldType item;

          if (!ods_field_type_from_string (s, &item)
              || !(item == ODS_FIELD_STRING || item == ODS_FIELD_INTEGER || item == ODS_FIELD_NUMBER
                   || item == ODS_FIELD_BOOLEAN || item == ODS_FIELD_DATE || item == ODS_FIELD_TIME
                   || item == ODS_FIELD_DATETIME))
            {
              g_autofree char *p = g_strdup_printf ("%s.itemType", path);

              fail (error, p, _("“%s” cannot be a list item type; use string, integer, number, boolean, date, time or datetime."), s);
              goto error;
            }
          f->item_field = ods_schema_field_new_simple (item, NULL, NULL, NULL);
        }
    }

  /* Missing values: the field's own, else the schema's. */
  if ((n = json_object_get_member (o, "missingValues")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.missingValues", path);
      g_auto(GStrv) own = get_strings (n, p, FALSE, error);

      if (own == NULL)
        goto error;
      ods_schema_field_set_missing_values (f, (const char *const *) own);
    }
  else
    ods_schema_field_set_missing_values (f, (const char *const *) schema_missing);

  if (!ods_schema_field_compile (f, path, error))
    goto error;

  if ((n = json_object_get_member (o, "constraints")) != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.constraints", path);

      if (!parse_constraints (f, n, p, error))
        goto error;
    }
  return f;

error:
  ods_schema_field_free (f);
  return NULL;
}

/* "name" or ["a", "b"] → field indices */
static gboolean
parse_key (OdsSchema    *self,
           JsonNode     *node,
           const char   *path,
           OdsSchemaKey *key,
           GError      **error)
{
  g_auto(GStrv) names = get_strings (node, path, TRUE, error);
  guint n;

  if (names == NULL)
    return FALSE;
  n = g_strv_length (names);
  if (n == 0)
    return fail (error, path, _("must name at least one field."));
  key->fields = g_new0 (guint, n);
  key->n_fields = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = nfc (names[i]);
      int idx = ods_schema_find_field (self, name);

      if (idx < 0)
        /* TRANSLATORS: %s is a field name */
        return fail (error, path, _("“%s” is not the name of a field of this schema."), name);
      key->fields[i] = (guint) idx;
    }
  return TRUE;
}

static gboolean
parse_schema (OdsSchema *self,
              JsonNode  *root,
              GError   **error)
{
  JsonObject *o;
  JsonNode *n;
  JsonArray *fields;
  const char *s;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID_JSON,
                   _("The schema must be a JSON object ({…}) with a “fields” list; this one is a %s."),
                   root != NULL ? node_kind (root) : "null");
      return FALSE;
    }
  o = json_node_get_object (root);

  if ((n = json_object_get_member (o, "missingValues")) != NULL)
    {
      if ((self->missing_values = get_strings (n, "missingValues", FALSE, error)) == NULL)
        return FALSE;
    }
  else
    {
      self->missing_values = g_new0 (char *, 2);
      self->missing_values[0] = g_strdup ("");
    }

  n = json_object_get_member (o, "fields");
  if (n == NULL)
    return fail (error, "fields", _("is missing: the schema must list its fields (columns)."));
  if (!JSON_NODE_HOLDS_ARRAY (n))
    return fail (error, "fields", _("must be a list (a JSON array), not a %s."), node_kind (n));
  fields = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      OdsSchemaField *f = parse_field (json_array_get_element (fields, i), i, self->missing_values, error);
      int dup;

      if (f == NULL)
        return FALSE;
      dup = ods_schema_find_field (self, f->name);
      if (dup >= 0)
        {
          g_autofree char *p = g_strdup_printf ("fields[%u].name", i);

          /* TRANSLATORS: %s is a field name, %d the index of the other field */
          fail (error, p, _("the name “%s” is already used by fields[%d]; give each field a different name."), f->name, dup);
          ods_schema_field_free (f);
          return FALSE;
        }
      g_ptr_array_add (self->fields, f);
    }

  n = json_object_get_member (o, "fieldsMatch");
  s = is_string (n) ? json_node_get_string (n) : NULL;
  if (n != NULL && s == NULL)
    return fail (error, "fieldsMatch", _("must be one of: exact, equal, subset, superset, partial."));
  if (s == NULL || g_str_equal (s, "exact"))
    self->fields_match = ODS_FIELDS_MATCH_EXACT;
  else if (g_str_equal (s, "equal"))
    self->fields_match = ODS_FIELDS_MATCH_EQUAL;
  else if (g_str_equal (s, "subset"))
    self->fields_match = ODS_FIELDS_MATCH_SUBSET;
  else if (g_str_equal (s, "superset"))
    self->fields_match = ODS_FIELDS_MATCH_SUPERSET;
  else if (g_str_equal (s, "partial"))
    self->fields_match = ODS_FIELDS_MATCH_PARTIAL;
  else
    return fail (error, "fieldsMatch", _("must be one of: exact, equal, subset, superset, partial."));

  /* An empty list (or null) means no primary key, as in frictionless. */
  if ((n = json_object_get_member (o, "primaryKey")) != NULL && !JSON_NODE_HOLDS_NULL (n)
      && !(JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) == 0)
      && !parse_key (self, n, "primaryKey", &self->primary_key, error))
    return FALSE;

  if ((n = json_object_get_member (o, "uniqueKeys")) != NULL)
    {
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return fail (error, "uniqueKeys", _("must be a list of keys (a JSON array), not a %s."), node_kind (n));
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("uniqueKeys[%u]", i);
          OdsSchemaKey key = { 0 };

          if (!parse_key (self, json_array_get_element (a, i), p, &key, error))
            {
              clear_key (&key);
              return FALSE;
            }
          g_array_append_val (self->unique_keys, key);
        }
    }

  if ((n = json_object_get_member (o, "foreignKeys")) != NULL)
    {
      JsonArray *a;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return fail (error, "foreignKeys", _("must be a list (a JSON array), not a %s."), node_kind (n));
      a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *p = g_strdup_printf ("foreignKeys[%u]", i);
          g_autofree char *pf = g_strdup_printf ("foreignKeys[%u].fields", i);
          g_autofree char *pr = g_strdup_printf ("foreignKeys[%u].reference", i);
          g_autofree char *prf = g_strdup_printf ("foreignKeys[%u].reference.fields", i);
          JsonNode *fk = json_array_get_element (a, i), *ref, *fields_node;
          OdsSchemaKey key = { 0 }, ref_key = { 0 };
          const char *resource = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (fk))
            return fail (error, p, _("must be an object (a JSON {…}), not a %s."), node_kind (fk));
          fields_node = json_object_get_member (json_node_get_object (fk), "fields");
          ref = json_object_get_member (json_node_get_object (fk), "reference");
          if (fields_node == NULL)
            return fail (error, pf, _("is missing: name the fields that refer to another column."));
          if (ref == NULL || !JSON_NODE_HOLDS_OBJECT (ref))
            return fail (error, pr, _("must be an object with “resource” and “fields”."));
          if (!get_string (json_node_get_object (ref), "resource", pr, &resource, error))
            return FALSE;
          if (resource != NULL && *resource != '\0')
            {
              g_autofree char *prr = g_strdup_printf ("foreignKeys[%u].reference.resource", i);

              /* TRANSLATORS: %s is a resource name */
              return fail (error, prr, _("“%s” is another table; only references within the same table (resource \"\") can be checked."), resource);
            }
          if (json_object_get_member (json_node_get_object (ref), "fields") == NULL)
            return fail (error, prf, _("is missing: name the referenced fields."));
          if (!parse_key (self, fields_node, pf, &key, error)
              || !parse_key (self, json_object_get_member (json_node_get_object (ref), "fields"), prf, &ref_key, error))
            {
              clear_key (&key);
              clear_key (&ref_key);
              return FALSE;
            }
          if (key.n_fields != ref_key.n_fields)
            {
              clear_key (&key);
              clear_key (&ref_key);
              return fail (error, prf, _("must name as many fields as foreignKeys[%u].fields."), i);
            }
          key.ref_fields = g_steal_pointer (&ref_key.fields);
          clear_key (&ref_key);
          g_array_append_val (self->foreign_keys, key);
        }
    }

  /* Keep the descriptor, with legacy "fmt:" prefixes dropped. */
  self->json = json_node_copy (root);
  {
    JsonNode *fields_copy = json_object_get_member (json_node_get_object (self->json), "fields");
    JsonArray *fa = json_node_get_array (fields_copy);

    for (guint i = 0; i < json_array_get_length (fa); i++)
      {
        JsonObject *fo = json_array_get_object_element (fa, i);
        JsonNode *fmt = json_object_get_member (fo, "format");

        if (is_string (fmt) && g_str_has_prefix (json_node_get_string (fmt), "fmt:"))
          json_object_set_string_member (fo, "format", json_node_get_string (fmt) + 4);
      }
  }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Public API */

/**
 * ods_schema_new_from_json:
 * @root: the schema descriptor
 * @error: %ODS_SCHEMA_ERROR when it is not a valid Table Schema
 */
OdsSchema *
ods_schema_new_from_json (JsonNode *root,
                          GError  **error)
{
  g_autoptr(OdsSchema) self = g_object_new (ODS_TYPE_SCHEMA, NULL);

  if (!parse_schema (self, root, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ods_schema_new_from_string:
 *
 * Also accepts ckanext-validation's form, where the schema is stored as a
 * JSON string containing the schema's JSON.
 */
OdsSchema *
ods_schema_new_from_string (const char *json,
                            gssize      len,
                            GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, len, &local))
    {
      /* TRANSLATORS: %s is the JSON parser's explanation, with line and column */
      g_set_error (error, ODS_SCHEMA_ERROR, ODS_SCHEMA_ERROR_INVALID_JSON,
                   _("The schema is not valid JSON (%s). Check the schema file for a missing comma, quote or bracket."),
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root != NULL && is_string (root))
    {
      const char *inner = json_node_get_string (root);

      return ods_schema_new_from_string (inner, -1, error);
    }
  return ods_schema_new_from_json (root, error);
}

OdsSchema *
ods_schema_new_from_file (GFile        *file,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, error))
    return NULL;
  return ods_schema_new_from_string (contents, (gssize) len, error);
}

JsonNode *
ods_schema_to_json (OdsSchema *self)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), NULL);

  return json_node_copy (self->json);
}

char *
ods_schema_to_string (OdsSchema *self)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  g_return_val_if_fail (ODS_IS_SCHEMA (self), NULL);

  json_generator_set_root (gen, self->json);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

guint
ods_schema_get_n_fields (OdsSchema *self)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), 0);

  return self->fields->len;
}

OdsSchemaField *
ods_schema_get_field (OdsSchema *self,
                      guint      index)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->fields->len, NULL);

  return g_ptr_array_index (self->fields, index);
}

int
ods_schema_find_field (OdsSchema  *self,
                       const char *name)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), -1);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_strcmp0 (((OdsSchemaField *) g_ptr_array_index (self->fields, i))->name, name) == 0)
      return (int) i;
  return -1;
}

OdsFieldsMatch
ods_schema_get_fields_match (OdsSchema *self)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), ODS_FIELDS_MATCH_EXACT);

  return self->fields_match;
}

const guint *
ods_schema_get_primary_key (OdsSchema *self,
                            guint     *n_fields)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), NULL);

  *n_fields = self->primary_key.n_fields;
  return self->primary_key.fields;
}

const char *const *
ods_schema_get_missing_values (OdsSchema *self)
{
  g_return_val_if_fail (ODS_IS_SCHEMA (self), NULL);

  return (const char *const *) self->missing_values;
}

guint
ods_schema_get_n_unique_keys (OdsSchema *self)
{
  return self->unique_keys->len;
}

const OdsSchemaKey *
ods_schema_get_unique_key (OdsSchema *self,
                           guint      index)
{
  return &g_array_index (self->unique_keys, OdsSchemaKey, index);
}

guint
ods_schema_get_n_foreign_keys (OdsSchema *self)
{
  return self->foreign_keys->len;
}

const OdsSchemaKey *
ods_schema_get_foreign_key (OdsSchema *self,
                            guint      index)
{
  return &g_array_index (self->foreign_keys, OdsSchemaKey, index);
}

const char *
ods_schema_field_get_name (const OdsSchemaField *field)
{
  return field->name;
}

const char *
ods_schema_field_get_title (const OdsSchemaField *field)
{
  return field->title;
}

const char *
ods_schema_field_get_description (const OdsSchemaField *field)
{
  return field->description;
}

const char *
ods_schema_field_get_type_name (const OdsSchemaField *field)
{
  return field->type_name;
}

const char *
ods_schema_field_get_format (const OdsSchemaField *field)
{
  return field->format;
}

gboolean
ods_schema_field_get_required (const OdsSchemaField *field)
{
  return (field->constraints & ODS_CONSTRAINT_REQUIRED) != 0;
}

gboolean
ods_schema_field_get_unique (const OdsSchemaField *field)
{
  return (field->constraints & ODS_CONSTRAINT_UNIQUE) != 0;
}

char *
ods_schema_field_get_format_hint (const OdsSchemaField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return ods_schema_field_format_hint (field);
}

gboolean
ods_schema_field_check_cell (const OdsSchemaField *field,
                             const char           *cell)
{
  OdsValue v = { 0 };

  g_return_val_if_fail (field != NULL && cell != NULL, FALSE);

  return ods_schema_field_cast (field, cell, strlen (cell), &v);
}
