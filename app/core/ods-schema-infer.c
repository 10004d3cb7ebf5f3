#define G_LOG_DOMAIN "ods-schema-infer"

#include "ods-schema-infer.h"
#include "ods-schema-private.h"

/**
 * OdsSchemaInferrer:
 *
 * Reads every row and keeps, per column, the candidate types (and formats)
 * that all its non-empty values fit; the first surviving candidate in the
 * order below wins. Unlike frictionless (which samples rows and accepts 90%
 * of matches), every value must fit, so that the file validates against
 * the inferred schema. The order prefers Vietnamese conventions where a
 * value is ambiguous: "1.234" is read as one thousand two hundred and
 * thirty-four, "1,5" as one and a half, and a column of "Có"/"Không" is
 * a boolean with those values. Values with a leading zero ("007")
 * keep the column a string, since such columns are codes.
 */

typedef struct
{
  OdsFieldType type;
  const char  *format;
  const char  *decimal_char;
  const char  *group_char;
  gboolean     vietnamese_boolean;  /* Có / Không */
} Candidate;

static const char *const vi_true[] = { "Có", "có", "CÓ", NULL };
static const char *const vi_false[] = { "Không", "không", "KHÔNG", NULL };

static const Candidate candidates[] = {
  { ODS_FIELD_INTEGER, NULL, NULL, NULL },
  { ODS_FIELD_INTEGER, NULL, NULL, "." },
  { ODS_FIELD_NUMBER, NULL, NULL, NULL },
  { ODS_FIELD_NUMBER, NULL, ",", "." },
  { ODS_FIELD_INTEGER, NULL, NULL, "," },
  { ODS_FIELD_NUMBER, NULL, ".", "," },
  { ODS_FIELD_BOOLEAN, NULL, NULL, NULL },
  { ODS_FIELD_BOOLEAN, NULL, NULL, NULL, TRUE },
  { ODS_FIELD_DATE, NULL, NULL, NULL },
  { ODS_FIELD_DATE, "%d/%m/%Y", NULL, NULL },
  { ODS_FIELD_DATE, "%d-%m-%Y", NULL, NULL },
  { ODS_FIELD_DATE, "%d.%m.%Y", NULL, NULL },
  { ODS_FIELD_DATE, "%Y/%m/%d", NULL, NULL },
  { ODS_FIELD_DATE, "%m/%d/%Y", NULL, NULL },
  { ODS_FIELD_DATETIME, NULL, NULL, NULL },
  { ODS_FIELD_DATETIME, "%Y-%m-%d %H:%M:%S", NULL, NULL },
  { ODS_FIELD_DATETIME, "%Y-%m-%d %H:%M", NULL, NULL },
  { ODS_FIELD_DATETIME, "%d/%m/%Y %H:%M:%S", NULL, NULL },
  { ODS_FIELD_DATETIME, "%d/%m/%Y %H:%M", NULL, NULL },
  { ODS_FIELD_TIME, NULL, NULL, NULL },
  { ODS_FIELD_TIME, "%H:%M", NULL, NULL },
};
#define N_CANDIDATES G_N_ELEMENTS (candidates)
G_STATIC_ASSERT (N_CANDIDATES <= 32);

typedef struct
{
  char    *name;
  guint32  alive;        /* bit per candidate */
  guint64  n_values;
  guint64  n_missing;
  gboolean year_like;    /* every value is four digits in 1000–2999 */
} Column;

struct _OdsSchemaInferrer
{
  GObject          parent_instance;

  GArray          *columns;   /* Column */
  OdsSchemaField  *casters[N_CANDIDATES];
  guint64          n_rows;
};

G_DEFINE_FINAL_TYPE (OdsSchemaInferrer, ods_schema_inferrer, G_TYPE_OBJECT)

static void
clear_column (Column *c)
{
  g_free (c->name);
}

static void
ods_schema_inferrer_finalize (GObject *object)
{
  OdsSchemaInferrer *self = (OdsSchemaInferrer *) object;

  g_clear_pointer (&self->columns, g_array_unref);
  for (guint i = 0; i < N_CANDIDATES; i++)
    ods_schema_field_free (self->casters[i]);

  G_OBJECT_CLASS (ods_schema_inferrer_parent_class)->finalize (object);
}

static void
ods_schema_inferrer_class_init (OdsSchemaInferrerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_schema_inferrer_finalize;
}

static void
ods_schema_inferrer_init (OdsSchemaInferrer *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, (GDestroyNotify) clear_column);
  for (guint i = 0; i < N_CANDIDATES; i++)
    {
      self->casters[i] = ods_schema_field_new_simple (candidates[i].type, candidates[i].format,
                                                      candidates[i].decimal_char, candidates[i].group_char);
      if (candidates[i].vietnamese_boolean)
        {
          g_strfreev (self->casters[i]->true_values);
          g_strfreev (self->casters[i]->false_values);
          self->casters[i]->true_values = g_strdupv ((char **) vi_true);
          self->casters[i]->false_values = g_strdupv ((char **) vi_false);
          if (!ods_schema_field_compile (self->casters[i], "field", NULL))
            g_assert_not_reached ();
        }
    }
}

OdsSchemaInferrer *
ods_schema_inferrer_new (void)
{
  return g_object_new (ODS_TYPE_SCHEMA_INFERRER, NULL);
}

static Column *
get_column (OdsSchemaInferrer *self,
            guint              index)
{
  while (self->columns->len <= index)
    {
      Column c = { 0 };

      c.alive = (guint32) ((G_GUINT64_CONSTANT (1) << N_CANDIDATES) - 1);
      c.year_like = TRUE;
      /* A column that starts after some rows lacked it: those were missing. */
      c.n_missing = self->n_rows;
      g_array_append_val (self->columns, c);
    }
  return &g_array_index (self->columns, Column, index);
}

void
ods_schema_inferrer_add_header (OdsSchemaInferrer *self,
                                const OdsRecord   *header)
{
  g_return_if_fail (ODS_IS_SCHEMA_INFERRER (self));

  for (guint c = 0; c < header->n_cells; c++)
    {
      Column *col = get_column (self, c);

      g_free (col->name);
      col->name = g_strndup (header->cells[c], header->lengths[c]);
    }
}

/* Thousands groups of exactly three digits: "1.234.567", "12.345,5". */
static gboolean
grouping_ok (const char *s,
             gsize       len,
             char        group,
             char        decimal)
{
  gsize i = 0, run = 0;
  gboolean seen_group = FALSE;

  if (i < len && (s[i] == '-' || s[i] == '+'))
    i++;
  for (; i < len && s[i] != decimal; i++)
    {
      if (s[i] == group)
        {
          if (run == 0 || (seen_group ? run != 3 : run > 3))
            return FALSE;
          seen_group = TRUE;
          run = 0;
        }
      else
        run++;
    }
  return !seen_group || run == 3;
}

static gboolean
has_leading_zero (const char *s,
                  gsize       len)
{
  if (len > 0 && (s[0] == '-' || s[0] == '+'))
    s++, len--;
  return len > 1 && s[0] == '0' && g_ascii_isdigit (s[1]);
}

void
ods_schema_inferrer_add_row (OdsSchemaInferrer *self,
                             const OdsRecord   *row)
{
  g_return_if_fail (ODS_IS_SCHEMA_INFERRER (self));

  if (row->n_cells == 0)
    return;
  self->n_rows++;
  for (guint c = 0; c < MAX (row->n_cells, self->columns->len); c++)
    {
      Column *col = get_column (self, c);
      const char *cell;
      gsize len;

      if (c >= row->n_cells || row->lengths[c] == 0)
        {
          col->n_missing++;
          continue;
        }
      cell = row->cells[c];
      len = row->lengths[c];
      col->n_values++;
      if (col->alive == 0)
        continue;

      if (col->year_like
          && !(len == 4 && (cell[0] == '1' || cell[0] == '2') && g_ascii_isdigit (cell[1])
               && g_ascii_isdigit (cell[2]) && g_ascii_isdigit (cell[3])))
        col->year_like = FALSE;

      for (guint k = 0; k < N_CANDIDATES; k++)
        {
          const Candidate *cand = &candidates[k];
          OdsValue v = { 0 };

          if (!(col->alive & (1u << k)))
            continue;
          if (!ods_schema_field_cast (self->casters[k], cell, len, &v)
              || ((cand->type == ODS_FIELD_INTEGER || cand->type == ODS_FIELD_NUMBER)
                  && (has_leading_zero (cell, len)
                      || memchr (cell, ' ', len) != NULL
                      || (cand->group_char != NULL
                          && !grouping_ok (cell, len, cand->group_char[0],
                                           cand->type == ODS_FIELD_NUMBER && cand->decimal_char != NULL
                                           ? cand->decimal_char[0]
                                           : cand->type == ODS_FIELD_NUMBER ? '.' : '\0')))))
            col->alive &= ~(1u << k);
        }
    }
}

static gboolean
name_says_year (const char *name)
{
  g_autofree char *lower = NULL;

  if (name == NULL)
    return FALSE;
  lower = g_utf8_strdown (name, -1);
  return strstr (lower, "year") != NULL || strstr (lower, "năm") != NULL
         || strstr (lower, "nam") != NULL;
}

OdsSchema *
ods_schema_inferrer_finish (OdsSchemaInferrer *self,
                            GError           **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (ODS_IS_SCHEMA_INFERRER (self), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_array (b);
  for (guint c = 0; c < self->columns->len; c++)
    {
      Column *col = &g_array_index (self->columns, Column, c);
      const Candidate *chosen = NULL;
      g_autofree char *name = NULL;
      const char *type;

      if (col->name != NULL && *g_strstrip (col->name) != '\0')
        name = g_strdup (col->name);
      else
        name = g_strdup_printf ("field%u", c + 1);
      /* Field names must be unique: "x", "x2", "x3"… */
      if (g_hash_table_contains (names, name))
        {
          for (guint k = 2;; k++)
            {
              g_autofree char *other = g_strdup_printf ("%s%u", name, k);

              if (!g_hash_table_contains (names, other))
                {
                  g_free (name);
                  name = g_steal_pointer (&other);
                  break;
                }
            }
        }
      g_hash_table_add (names, g_strdup (name));

      if (col->n_values > 0)
        for (guint k = 0; k < N_CANDIDATES; k++)
          if (col->alive & (1u << k))
            {
              chosen = &candidates[k];
              break;
            }

      if (col->n_values == 0)
        type = "any";
      else if (chosen == NULL)
        type = "string";
      else if (chosen->type == ODS_FIELD_INTEGER && chosen->group_char == NULL && col->year_like
               && name_says_year (name))
        {
          type = "year";
          chosen = NULL;
        }
      else
        type = ods_field_type_to_string (chosen->type);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type);
      if (chosen != NULL && chosen->format != NULL)
        {
          json_builder_set_member_name (b, "format");
          json_builder_add_string_value (b, chosen->format);
        }
      if (chosen != NULL && chosen->decimal_char != NULL && chosen->type == ODS_FIELD_NUMBER)
        {
          json_builder_set_member_name (b, "decimalChar");
          json_builder_add_string_value (b, chosen->decimal_char);
        }
      if (chosen != NULL && chosen->group_char != NULL)
        {
          json_builder_set_member_name (b, "groupChar");
          json_builder_add_string_value (b, chosen->group_char);
        }
      if (chosen != NULL && chosen->vietnamese_boolean)
        {
          json_builder_set_member_name (b, "trueValues");
          json_builder_begin_array (b);
          for (guint k = 0; vi_true[k] != NULL; k++)
            json_builder_add_string_value (b, vi_true[k]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "falseValues");
          json_builder_begin_array (b);
          for (guint k = 0; vi_false[k] != NULL; k++)
            json_builder_add_string_value (b, vi_false[k]);
          json_builder_end_array (b);
        }
      if (col->n_values > 0 && col->n_missing == 0)
        {
          json_builder_set_member_name (b, "constraints");
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "required");
          json_builder_add_boolean_value (b, TRUE);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "missingValues");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "");
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return ods_schema_new_from_json (root, error);
}
