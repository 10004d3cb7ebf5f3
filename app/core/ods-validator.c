#define G_LOG_DOMAIN "ods-validator"

#include "ods-validator.h"
#include "ods-schema-private.h"
#include "ods-i18n.h"

#include <math.h>

/**
 * OdsValidator:
 *
 * Checks records, one at a time, as a reader produces them: the header
 * (labels against the schema's fields, by `fieldsMatch`), then each row
 * (structure, types, constraints, unique and key values). Errors carry
 * frictionless' codes and a message that names the spreadsheet cell
 * ("Cell C17") and says how to fix it.
 *
 * The per-cell path is one missing-value test, one caster call and, only
 * when the field has constraints, their checks; nothing is allocated for
 * a valid cell, and messages are only built for recorded errors.
 */

typedef struct
{
  guint    fk;
  guint64  row;
  gsize    key_offset;
  gsize    key_len;
  gsize    text_offset;   /* NUL-terminated display text in fk_texts */
} PendingFk;

/* One unique column, the primary key or one of the unique keys, checked
 * after each row. Its key is built (and its slot in the set asked for)
 * as soon as the row's last field in it is cast, so that by the time the
 * row's other cells are checked the slot is in the cache. */
typedef enum
{
  KEY_COLUMN,
  KEY_PRIMARY,
  KEY_UNIQUE,
} KeyKind;

typedef struct
{
  KeyKind       kind;
  OdsKeySet    *set;
  const guint  *fields;
  guint         n_fields;
  guint         field;       /* KEY_COLUMN: the column's field (fields points here) */
  guint         index;       /* KEY_UNIQUE: which unique key */
  gboolean      shared;      /* KEY_PRIMARY: one field, whose unique set answers */
  int           trigger;     /* the field after which the key can be built; -1: none */
  gboolean      present;     /* every field of the key has a column in the file */

  /* The current row's key */
  gboolean      ready;
  guint         n_null;
  guint32       hash;
  const guint8 *bytes;
  gsize         len;
  guint8        scratch[ODS_VALUE_KEY_MAX];
  guint8       *buf;
  gsize         buf_size;
} KeyCheck;

/* What the row loop does with one field, in the order of the data. */
enum
{
  PLAN_REQUIRED = 1 << 0,
  PLAN_CHECKS = 1 << 1,        /* constraints other than required and unique */
  PLAN_KEYS = 1 << 2,          /* some key is built after this field */
  PLAN_EMPTY_ONLY = 1 << 3,    /* only "" is a missing value */
};

/* The few allowed strings of an enum, by a hash of their length and their
 * first and last bytes: the right one at once, where a scan would stop at
 * a different place for each cell (and the processor mispredict it). */
#define ENUM_INDEX_SIZE 64

static inline guint
enum_slot (const char *s,
           gsize       len)
{
  guint h = (guint) len * 97u;

  if (len > 0)
    h += (guchar) s[0] * 31u + (guchar) s[len - 1];
  return (h ^ (h >> 6)) & (ENUM_INDEX_SIZE - 1);
}

typedef struct
{
  const OdsSchemaField *field;
  OdsValue             *value;
  guint8               *state;
  guint                 index;
  guint                 column;
  guint                 flags;
} CellPlan;

struct _OdsValidator
{
  GObject          parent_instance;

  OdsSchema       *schema;
  OdsReport       *report;

  guint            n_fields;
  OdsSchemaField **fields;
  OdsSchemaField  *default_field;   /* schema-level missing values, type any */
  int             *field_column;    /* field → column, -1 when absent */
  int             *column_field;    /* column → field, -1 when none */
  guint           *order;           /* fields in the order of the data */
  guint            n_order;
  guint           *field_number;    /* per field: the number errors report */
  gboolean         has_keys;        /* unique columns, primary, unique or foreign keys */
  guint            n_column_field;
  guint            width;           /* expected cells per row */
  guint            n_labels;
  char           **labels;          /* from the header, or the field names */
  gboolean         have_header;
  guint64          header_row;

  OdsValue        *values;
  guint8          *state;           /* per field in the current row: see below */
  OdsKeySet      **unique_sets;     /* per field, NULL when not unique */
  OdsKeySet       *pk_set;
  int              pk_unique_field; /* a one-field primary key that is also `unique`: its set answers for both */
  gboolean         pk_answered;     /* this row: the unique set already inserted the key */
  gboolean         pk_is_new;
  guint64          pk_first;
  OdsKeySet      **uk_sets;
  OdsKeySet      **fk_targets;
  GArray          *fk_pending;      /* PendingFk */
  GByteArray      *fk_keys;
  GString         *fk_texts;
  GByteArray      *key;
  KeyCheck        *key_checks;
  guint            n_key_checks;
  guint8          *key_trigger;     /* per field: some key check is built after it */
  CellPlan        *plan;            /* n_order of them */
  guint8         (*enum_index)[ENUM_INDEX_SIZE];  /* per field with a few enum strings: see enum_slot() */

  guint64          n_rows;
  gboolean         finished;
};

enum
{
  CELL_OK,
  CELL_NULL,
  CELL_BAD,
};

G_DEFINE_FINAL_TYPE (OdsValidator, ods_validator, G_TYPE_OBJECT)

static void update_column_map (OdsValidator *self);
static void update_key_triggers (OdsValidator *self);
static gboolean all_present (OdsValidator *self, const guint *fields, guint n);

static void
free_sets (OdsKeySet **sets,
           guint       n)
{
  if (sets == NULL)
    return;
  for (guint i = 0; i < n; i++)
    ods_key_set_free (sets[i]);
  g_free (sets);
}

static void
ods_validator_finalize (GObject *object)
{
  OdsValidator *self = (OdsValidator *) object;

  free_sets (self->unique_sets, self->n_fields);
  if (self->schema != NULL)
    {
      free_sets (self->uk_sets, ods_schema_get_n_unique_keys (self->schema));
      free_sets (self->fk_targets, ods_schema_get_n_foreign_keys (self->schema));
    }
  ods_key_set_free (self->pk_set);
  g_clear_object (&self->schema);
  g_clear_object (&self->report);
  g_free (self->fields);
  ods_schema_field_free (self->default_field);
  g_free (self->field_column);
  g_free (self->column_field);
  g_free (self->order);
  g_free (self->field_number);
  g_strfreev (self->labels);
  g_free (self->values);
  g_free (self->state);
  g_clear_pointer (&self->fk_pending, g_array_unref);
  g_clear_pointer (&self->fk_keys, g_byte_array_unref);
  if (self->fk_texts != NULL)
    g_string_free (self->fk_texts, TRUE);
  g_clear_pointer (&self->key, g_byte_array_unref);
  for (guint k = 0; k < self->n_key_checks; k++)
    g_free (self->key_checks[k].buf);
  g_free (self->key_checks);
  g_free (self->key_trigger);
  g_free (self->plan);
  g_free (self->enum_index);

  G_OBJECT_CLASS (ods_validator_parent_class)->finalize (object);
}

static void
ods_validator_class_init (OdsValidatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_validator_finalize;
}

static void
ods_validator_init (OdsValidator *self)
{
  self->report = ods_report_new ();
  self->key = g_byte_array_sized_new (256);
  self->fk_pending = g_array_new (FALSE, FALSE, sizeof (PendingFk));
  self->fk_keys = g_byte_array_new ();
  self->fk_texts = g_string_new (NULL);
}

static void
setup_enum_index (OdsValidator *self)
{
  self->enum_index = g_malloc0_n (self->n_fields + 1, ENUM_INDEX_SIZE);
  for (guint i = 0; i < self->n_fields; i++)
    {
      const OdsSchemaField *f = self->fields[i];

      /* (At most 16 strings: the slots stay mostly empty.) */
      for (guint k = 0; k < f->n_enum_strings && f->n_enum_strings < ENUM_INDEX_SIZE / 2; k++)
        {
          guint h = enum_slot (f->enum_strings[k], f->enum_lengths[k]);

          while (self->enum_index[i][h] != 0)
            h = (h + 1) & (ENUM_INDEX_SIZE - 1);
          self->enum_index[i][h] = (guint8) (k + 1);
        }
    }
}

/* In the order frictionless reports them: unique columns, the primary
 * key, the unique keys. */
static void
setup_key_checks (OdsValidator *self)
{
  const guint *pk;
  guint n_pk, n_uk = ods_schema_get_n_unique_keys (self->schema);
  guint n = 0;

  pk = ods_schema_get_primary_key (self->schema, &n_pk);
  self->key_checks = g_new0 (KeyCheck, self->n_fields + 1 + n_uk);
  self->key_trigger = g_new0 (guint8, self->n_fields + 1);
  for (guint i = 0; i < self->n_fields; i++)
    if (self->unique_sets[i] != NULL)
      {
        KeyCheck *kc = &self->key_checks[n++];

        kc->kind = KEY_COLUMN;
        kc->set = self->unique_sets[i];
        kc->field = i;
        kc->fields = &kc->field;
        kc->n_fields = 1;
      }
  if (pk != NULL)
    {
      KeyCheck *kc = &self->key_checks[n++];

      kc->kind = KEY_PRIMARY;
      kc->set = self->pk_set;
      kc->fields = pk;
      kc->n_fields = n_pk;
      kc->shared = self->pk_unique_field >= 0;
    }
  for (guint u = 0; u < n_uk; u++)
    {
      const OdsSchemaKey *uk = ods_schema_get_unique_key (self->schema, u);
      KeyCheck *kc = &self->key_checks[n++];

      kc->kind = KEY_UNIQUE;
      kc->set = self->uk_sets[u];
      kc->fields = uk->fields;
      kc->n_fields = uk->n_fields;
      kc->index = u;
    }
  self->n_key_checks = n;
  update_key_triggers (self);
}

/**
 * ods_validator_new:
 * @schema: (nullable): the Table Schema; %NULL checks the structure only
 */
OdsValidator *
ods_validator_new (OdsSchema *schema)
{
  OdsValidator *self = g_object_new (ODS_TYPE_VALIDATOR, NULL);

  g_return_val_if_fail (schema == NULL || ODS_IS_SCHEMA (schema), self);

  self->default_field = ods_schema_field_new_simple (ODS_FIELD_ANY, NULL, NULL, NULL);
  self->pk_unique_field = -1;
  if (schema != NULL)
    {
      const char *const *missing = ods_schema_get_missing_values (schema);
      guint n_pk;

      self->schema = g_object_ref (schema);
      self->n_fields = ods_schema_get_n_fields (schema);
      self->fields = g_new0 (OdsSchemaField *, self->n_fields);
      self->unique_sets = g_new0 (OdsKeySet *, self->n_fields);
      for (guint i = 0; i < self->n_fields; i++)
        {
          self->fields[i] = ods_schema_get_field (schema, i);
          if (self->fields[i]->constraints & ODS_CONSTRAINT_UNIQUE)
            self->unique_sets[i] = ods_key_set_new ();
        }
      ods_schema_field_set_missing_values (self->default_field, missing);

      if (ods_schema_get_primary_key (schema, &n_pk) != NULL)
        {
          const guint *pk = ods_schema_get_primary_key (schema, &n_pk);

          self->pk_set = ods_key_set_new ();
          /* Keeping the same values twice costs time and memory for nothing. */
          if (n_pk == 1 && self->unique_sets[pk[0]] != NULL)
            self->pk_unique_field = (int) pk[0];
        }
      self->uk_sets = g_new0 (OdsKeySet *, ods_schema_get_n_unique_keys (schema) + 1);
      for (guint i = 0; i < ods_schema_get_n_unique_keys (schema); i++)
        self->uk_sets[i] = ods_key_set_new ();
      self->fk_targets = g_new0 (OdsKeySet *, ods_schema_get_n_foreign_keys (schema) + 1);
      for (guint i = 0; i < ods_schema_get_n_foreign_keys (schema); i++)
        self->fk_targets[i] = ods_key_set_new ();

      /* Until a header says otherwise, fields map to columns by position. */
      self->field_column = g_new0 (int, self->n_fields);
      for (guint i = 0; i < self->n_fields; i++)
        self->field_column[i] = (int) i;
      self->width = self->n_fields;
      self->labels = g_new0 (char *, self->n_fields + 1);
      for (guint i = 0; i < self->n_fields; i++)
        self->labels[i] = g_strdup (self->fields[i]->name);
      self->n_labels = self->n_fields;
      self->values = g_new0 (OdsValue, self->n_fields);
      self->state = g_new0 (guint8, self->n_fields);
      self->order = g_new0 (guint, self->n_fields + 1);
      self->field_number = g_new0 (guint, self->n_fields + 1);
      self->n_order = self->n_fields;
      for (guint i = 0; i < self->n_fields; i++)
        {
          self->order[i] = i;
          self->field_number[i] = i + 1;
          if (self->unique_sets[i] != NULL)
            self->has_keys = TRUE;
        }
      if (self->pk_set != NULL || ods_schema_get_n_unique_keys (schema) > 0
          || ods_schema_get_n_foreign_keys (schema) > 0)
        self->has_keys = TRUE;
      setup_key_checks (self);
      setup_enum_index (self);
    }
  else
    self->labels = g_new0 (char *, 1);
  update_column_map (self);
  return self;
}

void
ods_validator_set_limit_errors (OdsValidator *self,
                                guint         limit)
{
  g_return_if_fail (ODS_IS_VALIDATOR (self));
  ods_report_set_limit_errors (self->report, limit);
}

OdsReport *
ods_validator_get_report (OdsValidator *self)
{
  g_return_val_if_fail (ODS_IS_VALIDATOR (self), NULL);
  return self->report;
}

/* ------------------------------------------------------------------ */
/* Messages */

#define MAX_SHOWN 60

/* The cell as shown in a message: shortened, and visible when empty. */
static char *
shown (const char *cell,
       gsize       len)
{
  if (len == 0)
    /* TRANSLATORS: how an empty cell is shown inside a message */
    return g_strdup (_("(empty)"));
  if (g_utf8_strlen (cell, len) > MAX_SHOWN)
    {
      const char *cut = g_utf8_offset_to_pointer (cell, MAX_SHOWN);

      return g_strdup_printf ("%.*s…", (int) (cut - cell), cell);
    }
  return g_strndup (cell, len);
}

static char *
cell_ref (guint   column,
          guint64 row)
{
  g_autofree char *letters = ods_column_letters (column);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, letters, row);
}

static char *
num (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

static OdsReportError *
new_error (OdsReportErrorType type,
           guint64            row,
           guint64            line,
           guint              field_number,
           guint              column,
           const char        *field_name,
           const char        *cell,
           gssize             cell_len,
           const char        *constraint,
           char              *message)
{
  OdsReportError *e = g_new0 (OdsReportError, 1);

  e->type = type;
  e->row_number = row;
  e->line_number = line;
  e->field_number = field_number;
  e->column_number = column;
  e->field_name = g_strdup (field_name);
  e->cell = cell != NULL ? g_strndup (cell, cell_len < 0 ? strlen (cell) : (gsize) cell_len) : NULL;
  e->constraint = g_strdup (constraint);
  e->message = message;
  return e;
}

static char *
type_error_message (const OdsSchemaField *f,
                    const char           *ref,
                    const char           *value)
{
  g_autofree char *example = ods_schema_field_example (f);
  g_autofree char *hint = ods_schema_field_format_hint (f);

  /* "007": a number frictionless refuses for its leading zero. */
  if ((f->type == ODS_FIELD_INTEGER || f->type == ODS_FIELD_NUMBER) && f->bare_number
      && value[0] == '0' && g_ascii_isdigit (value[1]))
    {
      const char *p = value;
      g_autofree char *fixed = NULL;

      while (p[0] == '0' && g_ascii_isdigit (p[1]))
        p++;
      fixed = g_strdup (p);
      if (ods_schema_field_check_cell (f, fixed))
        /* TRANSLATORS: %s: cell, text, the text without its leading zeros */
        return g_strdup_printf (_("Cell %s: %s starts with a zero, which a number column does not accept. Write %s, or ask for the column to be text in the schema if it is a code."),
                                ref, value, fixed);
    }

  switch (f->type)
    {
    case ODS_FIELD_INTEGER:
      /* TRANSLATORS: first %s is a cell such as C17, second the cell's text, third an example */
      return g_strdup_printf (_("Cell %s: %s is not a whole number. Write it like %s, without letters, units or spaces."),
                              ref, value, example);
    case ODS_FIELD_NUMBER:
      /* TRANSLATORS: %s: cell, text, example, decimal separator */
      return g_strdup_printf (_("Cell %s: %s is not a valid number. Write it like %s (decimal separator “%s”), without letters or units."),
                              ref, value, example, f->decimal_char);
    case ODS_FIELD_BOOLEAN:
      {
        g_autofree char *t = g_strjoinv (", ", f->true_values);
        g_autofree char *fa = g_strjoinv (", ", f->false_values);

        /* TRANSLATORS: %s: cell, text, the accepted “yes” values, the accepted “no” values */
        return g_strdup_printf (_("Cell %s: %s is not a yes/no value. Write one of %s for yes, or one of %s for no."),
                                ref, value, t, fa);
      }
    case ODS_FIELD_DATE:
      if (f->date_any)
        /* TRANSLATORS: %s: cell, text */
        return g_strdup_printf (_("Cell %s: %s is not a valid date. Enter a real calendar date, for example 31/12/2025."), ref, value);
      /* TRANSLATORS: %s: cell, text, format such as dd/mm/yyyy, example */
      return g_strdup_printf (_("Cell %s: %s is not a valid date (format %s). Enter a real calendar date, for example %s."),
                              ref, value, hint, example);
    case ODS_FIELD_TIME:
      /* TRANSLATORS: %s: cell, text, format such as hh:mm, example */
      return g_strdup_printf (_("Cell %s: %s is not a valid time (format %s). Enter it like %s."),
                              ref, value, f->date_any ? "hh:mm" : hint, f->date_any ? "13:45" : example);
    case ODS_FIELD_DATETIME:
      /* TRANSLATORS: %s: cell, text, format, example */
      return g_strdup_printf (_("Cell %s: %s is not a valid date and time (format %s). Enter it like %s."),
                              ref, value, f->date_any ? "dd/mm/yyyy hh:mm" : hint, f->date_any ? "31/12/2025 13:45" : example);
    case ODS_FIELD_YEAR:
      return g_strdup_printf (_("Cell %s: %s is not a year. Enter four digits, for example 2025."), ref, value);
    case ODS_FIELD_YEARMONTH:
      return g_strdup_printf (_("Cell %s: %s is not a year and month. Write it as yyyy-mm, for example 2025-12."), ref, value);
    case ODS_FIELD_DURATION:
      return g_strdup_printf (_("Cell %s: %s is not a duration. Write it in ISO 8601 form, for example P1Y2M10DT2H30M (1 year, 2 months, 10 days, 2 hours, 30 minutes)."),
                              ref, value);
    case ODS_FIELD_GEOPOINT:
      return g_strdup_printf (_("Cell %s: %s is not a geographic point. Write the longitude (−180 to 180) then the latitude (−90 to 90), like %s."),
                              ref, value, example);
    case ODS_FIELD_GEOJSON:
      return g_strdup_printf (_("Cell %s: %s is not valid GeoJSON. Check the JSON and its “type”, for example %s."),
                              ref, value, example);
    case ODS_FIELD_OBJECT:
      return g_strdup_printf (_("Cell %s: %s is not a JSON object. Write it like %s."), ref, value, example);
    case ODS_FIELD_ARRAY:
      return g_strdup_printf (_("Cell %s: %s is not a JSON array. Write it like %s."), ref, value, example);
    case ODS_FIELD_LIST:
      /* TRANSLATORS: %s: cell, text, item type (e.g. integer), delimiter */
      return g_strdup_printf (_("Cell %s: %s is not a list of %s values separated by “%s”. Check each item of the list."),
                              ref, value, f->item_field->type_name, f->list_delimiter);
    case ODS_FIELD_STRING:
      switch (f->string_format)
        {
        case ODS_STRING_EMAIL:
          return g_strdup_printf (_("Cell %s: %s is not a valid email address. Write it like %s."), ref, value, example);
        case ODS_STRING_URI:
          return g_strdup_printf (_("Cell %s: %s is not a valid web address. Write it in full, like %s."), ref, value, example);
        case ODS_STRING_UUID:
          return g_strdup_printf (_("Cell %s: %s is not a valid UUID. Write 32 hexadecimal digits, like %s."), ref, value, example);
        case ODS_STRING_BINARY:
          return g_strdup_printf (_("Cell %s: %s is not valid Base64 data. Check that the value was copied completely."), ref, value);
        case ODS_STRING_WKT:
          /* TRANSLATORS: WKT is “well-known text”, a way of writing shapes on a map */
          return g_strdup_printf (_("Cell %s: %s is not a valid WKT geometry. Write it like %s."), ref, value, example);
        default:
          break;
        }
      G_GNUC_FALLTHROUGH;
    default:
      /* TRANSLATORS: %s: cell, text, type name */
      return g_strdup_printf (_("Cell %s: %s is not a value of type %s. Correct the value."), ref, value, f->type_name);
    }
}

/* ------------------------------------------------------------------ */
/* Header */

static gboolean
is_blank_label (const char *label)
{
  for (const char *p = label; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
label_error (OdsValidator      *self,
             OdsReportErrorType type,
             guint              field_number,
             guint              column,
             const char        *field_name,
             const char        *label,
             char              *message)
{
  if (ods_report_count_error (self->report, type))
    ods_report_take_error (self->report,
                           new_error (type, self->header_row, 0, field_number, column, field_name,
                                      label, -1, NULL, message));
  else
    g_free (message);
}

static void
update_column_map (OdsValidator *self)
{
  g_free (self->column_field);
  self->n_column_field = MAX (self->width, self->n_labels);
  for (guint i = 0; i < self->n_fields; i++)
    self->n_column_field = MAX (self->n_column_field, (guint) (self->field_column[i] + 1));
  self->column_field = g_new (int, self->n_column_field + 1);
  for (guint c = 0; c < self->n_column_field; c++)
    self->column_field[c] = -1;
  for (guint i = 0; i < self->n_fields; i++)
    if (self->field_column[i] >= 0)
      self->column_field[self->field_column[i]] = (int) i;
}

static int
find_label (OdsValidator *self,
            const char   *name)
{
  for (guint c = 0; c < self->n_labels; c++)
    if (g_str_equal (self->labels[c], name))
      return (int) c;
  return -1;
}

static gboolean
field_is_required (OdsValidator *self,
                   guint         i)
{
  const guint *pk;
  guint n_pk;

  if (self->fields[i]->constraints & ODS_CONSTRAINT_REQUIRED)
    return TRUE;
  pk = ods_schema_get_primary_key (self->schema, &n_pk);
  for (guint k = 0; k < n_pk; k++)
    if (pk[k] == i)
      return TRUE;
  return FALSE;
}

static void
extra_label_error (OdsValidator *self,
                   guint         c)
{
  g_autofree char *letters = ods_column_letters (c + 1);

  /* TRANSLATORS: %s: column letter, column name */
  label_error (self, ODS_REPORT_ERROR_EXTRA_LABEL, c + 1, c + 1, NULL, self->labels[c],
               g_strdup_printf (_("Column %s (“%s”) is not in the schema. Remove the column, or use a schema that includes it."),
                                letters, self->labels[c]));
}

/* Blank, duplicate and (by position) incorrect labels, as frictionless
 * checks them where a label and a field share a position. */
static void
check_label_positions (OdsValidator *self,
                       guint         n)
{
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *letters = ods_column_letters (c + 1);
      const char *label = self->labels[c];
      const char *name = self->schema != NULL ? self->fields[c]->name : NULL;
      gboolean duplicate = FALSE;

      if (is_blank_label (label))
        {
          g_autofree char *ref = cell_ref (c + 1, self->header_row);

          /* TRANSLATORS: first %s is a column letter, second a cell such as C1 */
          label_error (self, ODS_REPORT_ERROR_BLANK_LABEL, c + 1, c + 1, name, label,
                       g_strdup_printf (_("Column %s has no name in the header (cell %s). Type the column's name there."),
                                        letters, ref));
          continue;
        }
      for (guint d = 0; d < c && !duplicate; d++)
        if (g_str_equal (self->labels[d], label))
          {
            g_autofree char *first = ods_column_letters (d + 1);

            /* TRANSLATORS: %s: column letter, column name, the other column's letter */
            label_error (self, ODS_REPORT_ERROR_DUPLICATE_LABEL, c + 1, c + 1, name, label,
                         g_strdup_printf (_("Column %s: the name “%s” is already used by column %s. Give each column a different name."),
                                          letters, label, first));
            duplicate = TRUE;
          }
      if (duplicate || name == NULL)
        continue;
      {
        g_autofree char *stripped = g_strstrip (g_strdelimit (g_strdup (label), "\n", ' '));

        if (!g_str_equal (stripped, name))
          /* TRANSLATORS: %s: column letter, name in the file, name in the schema */
          label_error (self, ODS_REPORT_ERROR_INCORRECT_LABEL, c + 1, c + 1, name, label,
                       g_strdup_printf (_("Column %s is named “%s”, but the schema expects “%s” there. Rename the column, or put the columns in the schema's order."),
                                        letters, label, name));
      }
    }
}

/* The fields in the order of the columns (name matching), or of the schema
 * (exact), with the field number reported for each. */
static void
set_order (OdsValidator *self,
           gboolean      by_column)
{
  self->n_order = 0;
  /* Fields absent from the file stay empty in every row. */
  for (guint i = 0; i < self->n_fields; i++)
    self->state[i] = CELL_NULL;
  if (by_column)
    {
      for (guint c = 0; c < self->n_column_field; c++)
        if (self->column_field[c] >= 0)
          {
            self->order[self->n_order++] = (guint) self->column_field[c];
            self->field_number[self->column_field[c]] = c + 1;
          }
    }
  else
    for (guint i = 0; i < self->n_fields; i++)
      {
        self->order[self->n_order++] = i;
        self->field_number[i] = i + 1;
      }
  update_key_triggers (self);
}

/* Each key can be built once the last of its fields in the order of the
 * data is cast; the row loop's plan says so, among what else it does with
 * each field. */
static void
update_key_triggers (OdsValidator *self)
{
  for (guint i = 0; i < self->n_fields; i++)
    self->key_trigger[i] = FALSE;
  for (guint k = 0; k < self->n_key_checks; k++)
    {
      KeyCheck *kc = &self->key_checks[k];
      guint found = 0;

      kc->trigger = -1;
      kc->present = all_present (self, kc->fields, kc->n_fields);
      for (guint o = 0; o < self->n_order; o++)
        for (guint f = 0; f < kc->n_fields; f++)
          if (kc->fields[f] == self->order[o])
            {
              found++;
              kc->trigger = (int) self->order[o];
            }
      if (found < kc->n_fields || kc->shared)
        kc->trigger = -1;
      else
        self->key_trigger[kc->trigger] = TRUE;
    }

  g_free (self->plan);
  self->plan = g_new0 (CellPlan, self->n_order + 1);
  for (guint k = 0; k < self->n_order; k++)
    {
      guint i = self->order[k];
      const OdsSchemaField *f = self->fields[i];
      CellPlan *c = &self->plan[k];

      c->field = f;
      c->value = &self->values[i];
      c->state = &self->state[i];
      c->index = i;
      c->column = (guint) self->field_column[i];
      if (f->constraints & ODS_CONSTRAINT_REQUIRED)
        c->flags |= PLAN_REQUIRED;
      if (f->constraints & ~(ODS_CONSTRAINT_REQUIRED | ODS_CONSTRAINT_UNIQUE))
        c->flags |= PLAN_CHECKS;
      if (self->key_trigger[i])
        c->flags |= PLAN_KEYS;
      if (f->missing_empty_only)
        c->flags |= PLAN_EMPTY_ONLY;
    }
}

void
ods_validator_add_header (OdsValidator    *self,
                          const OdsRecord *header)
{
  OdsFieldsMatch match;

  g_return_if_fail (ODS_IS_VALIDATOR (self));
  g_return_if_fail (header != NULL);
  g_return_if_fail (!self->have_header && self->n_rows == 0);

  self->have_header = TRUE;
  self->header_row = header->row_number;
  g_strfreev (self->labels);
  self->n_labels = header->n_cells;
  self->labels = g_new0 (char *, header->n_cells + 1);
  for (guint c = 0; c < header->n_cells; c++)
    self->labels[c] = g_strndup (header->cells[c], header->lengths[c]);

  if (self->schema == NULL)
    {
      /* Structure only: the header is the schema. */
      self->width = self->n_labels;
      update_column_map (self);
      check_label_positions (self, self->n_labels);
      return;
    }

  match = ods_schema_get_fields_match (self->schema);
  if (match == ODS_FIELDS_MATCH_EXACT)
    {
      for (guint c = self->n_fields; c < self->n_labels; c++)
        extra_label_error (self, c);
      for (guint i = self->n_labels; i < self->n_fields; i++)
        {
          g_autofree char *letters = ods_column_letters (i + 1);

          /* TRANSLATORS: %s: column name, column letter */
          label_error (self, ODS_REPORT_ERROR_MISSING_LABEL, i + 1, i + 1, self->fields[i]->name, NULL,
                       g_strdup_printf (_("The column “%s” is missing (the schema expects it as column %s). Add it to the file."),
                                        self->fields[i]->name, letters));
        }
      check_label_positions (self, MIN (self->n_fields, self->n_labels));
      self->width = self->n_fields;
      update_column_map (self);
      set_order (self, FALSE);
      return;
    }

  /* Matched by name. Repeated names make the mapping ambiguous. */
  for (guint c = 0; c < self->n_labels; c++)
    for (guint d = 0; d < c; d++)
      if (g_str_equal (self->labels[d], self->labels[c]))
        {
          g_autofree char *letters = ods_column_letters (c + 1);
          g_autofree char *first = ods_column_letters (d + 1);

          label_error (self, ODS_REPORT_ERROR_DUPLICATE_LABEL, c + 1, c + 1, NULL, self->labels[c],
                       g_strdup_printf (_("Column %s: the name “%s” is already used by column %s. Give each column a different name."),
                                        letters, self->labels[c], first));
          break;
        }

  {
    guint n_found = 0, n_missing = 0;

    for (guint i = 0; i < self->n_fields; i++)
      {
        self->field_column[i] = find_label (self, self->fields[i]->name);
        if (self->field_column[i] >= 0)
          n_found++;
      }
    if (match == ODS_FIELDS_MATCH_EQUAL || match == ODS_FIELDS_MATCH_SUPERSET)
      for (guint c = 0; c < self->n_labels; c++)
        if (ods_schema_find_field (self->schema, self->labels[c]) < 0)
          extra_label_error (self, c);
    if (match == ODS_FIELDS_MATCH_PARTIAL && n_found == 0 && self->n_fields > 0)
      label_error (self, ODS_REPORT_ERROR_UNMATCHED_HEADER, 0, 0, NULL, NULL,
                   g_strdup (_("None of the columns in the header is in the schema. Check that this is the right file and the right schema, and that the header is on the first line.")));
    for (guint i = 0; i < self->n_fields; i++)
      if (self->field_column[i] < 0
          && (match == ODS_FIELDS_MATCH_EQUAL || match == ODS_FIELDS_MATCH_SUBSET || field_is_required (self, i)))
        {
          g_autofree char *pos = num (i + 1);

          /* TRANSLATORS: %s: column name, its number in the schema */
          label_error (self, ODS_REPORT_ERROR_MISSING_LABEL, self->n_labels + ++n_missing, 0, self->fields[i]->name, NULL,
                       g_strdup_printf (_("The column “%s” (field %s of the schema) is missing from the header. Add it to the file."),
                                        self->fields[i]->name, pos));
        }
    self->width = self->n_labels;
    update_column_map (self);
    set_order (self, TRUE);
  }
}

/* ------------------------------------------------------------------ */
/* Rows */

static const char *
field_name_for_column (OdsValidator *self,
                       guint         column)
{
  if (self->schema != NULL && column < self->n_column_field && self->column_field[column] >= 0)
    return self->fields[self->column_field[column]]->name;
  return column < self->n_labels ? self->labels[column] : NULL;
}

static inline OdsSchemaField *
field_for_column (OdsValidator *self,
                  guint         column)
{
  if (column < self->n_column_field && self->column_field[column] >= 0)
    return self->fields[self->column_field[column]];
  return self->default_field;
}

/* Every cell within the expected width is missing (cells beyond it do not
 * count, as in frictionless). */
static gboolean
row_is_blank (OdsValidator    *self,
              const OdsRecord *row)
{
  guint n = MIN (row->n_cells, self->width);

  if (row->n_cells == 0)
    return TRUE;
  if (self->width == 0)
    return FALSE;
  for (guint c = 0; c < n; c++)
    if (!ods_schema_field_is_missing (field_for_column (self, c), row->cells[c], row->lengths[c]))
      return FALSE;
  return TRUE;
}

static void
constraint_error (OdsValidator       *self,
                  const OdsRecord    *row,
                  guint               i,
                  guint               column,
                  OdsConstraint       which)
{
  const OdsSchemaField *f = self->fields[i];
  g_autofree char *ref = NULL;
  g_autofree char *value = NULL;
  g_autofree char *message = NULL;
  const char *name = NULL;
  const char *cell = column < row->n_cells ? row->cells[column] : "";
  gsize len = column < row->n_cells ? row->lengths[column] : 0;

  if (!ods_report_count_error (self->report, ODS_REPORT_ERROR_CONSTRAINT_ERROR))
    return;

  ref = cell_ref (column + 1, row->row_number);
  value = shown (cell, len);
  switch (which)
    {
    case ODS_CONSTRAINT_REQUIRED:
      name = "required";
      /* TRANSLATORS: %s: cell such as C17, column name */
      message = g_strdup_printf (_("Cell %s is empty, but the column “%s” must be filled in. Enter a value."),
                                 ref, f->name);
      break;
    case ODS_CONSTRAINT_MIN_LENGTH:
    case ODS_CONSTRAINT_MAX_LENGTH:
      {
        gboolean min = which == ODS_CONSTRAINT_MIN_LENGTH;
        gint64 limit = min ? f->min_length : f->max_length;
        g_autofree char *n = num ((guint64) limit);
        gboolean items = f->type == ODS_FIELD_LIST || f->type == ODS_FIELD_ARRAY || f->type == ODS_FIELD_OBJECT;

        name = min ? "minLength" : "maxLength";
        if (min && items)
          /* TRANSLATORS: %s: cell, text, a number */
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Cell %s: %s has fewer than %s item. Add items.",
                                                  "Cell %s: %s has fewer than %s items. Add items.", (gulong) limit),
                                     ref, value, n);
        else if (items)
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Cell %s: %s has more than %s item. Remove items.",
                                                  "Cell %s: %s has more than %s items. Remove items.", (gulong) limit),
                                     ref, value, n);
        else if (min)
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Cell %s: %s is shorter than the minimum of %s character. Complete the value.",
                                                  "Cell %s: %s is shorter than the minimum of %s characters. Complete the value.", (gulong) limit),
                                     ref, value, n);
        else
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Cell %s: %s is longer than the maximum of %s character. Shorten the value.",
                                                  "Cell %s: %s is longer than the maximum of %s characters. Shorten the value.", (gulong) limit),
                                     ref, value, n);
      }
      break;
    case ODS_CONSTRAINT_MINIMUM:
      name = "minimum";
      /* TRANSLATORS: %s: cell, text, the minimum (twice) */
      message = g_strdup_printf (_("Cell %s: %s is less than the minimum %s. Enter a value of at least %s."),
                                 ref, value, f->minimum_text, f->minimum_text);
      break;
    case ODS_CONSTRAINT_MAXIMUM:
      name = "maximum";
      message = g_strdup_printf (_("Cell %s: %s is greater than the maximum %s. Enter a value of at most %s."),
                                 ref, value, f->maximum_text, f->maximum_text);
      break;
    case ODS_CONSTRAINT_EXCLUSIVE_MINIMUM:
      name = "exclusiveMinimum";
      message = g_strdup_printf (_("Cell %s: %s must be greater than %s. Enter a larger value."),
                                 ref, value, f->exclusive_minimum_text);
      break;
    case ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM:
      name = "exclusiveMaximum";
      message = g_strdup_printf (_("Cell %s: %s must be less than %s. Enter a smaller value."),
                                 ref, value, f->exclusive_maximum_text);
      break;
    case ODS_CONSTRAINT_PATTERN:
      name = "pattern";
      /* TRANSLATORS: %s: cell, text, a regular expression */
      message = g_strdup_printf (_("Cell %s: %s does not have the required form (pattern %s). Correct the value."),
                                 ref, value, f->pattern);
      break;
    case ODS_CONSTRAINT_ENUM:
      name = "enum";
      /* TRANSLATORS: %s: cell, text, the list of allowed values */
      message = g_strdup_printf (_("Cell %s: %s is not one of the allowed values: %s. Choose one of them, with the same spelling and accents."),
                                 ref, value, f->enum_text);
      break;
    default:
      g_assert_not_reached ();
    }
  ods_report_take_error (self->report,
                         new_error (ODS_REPORT_ERROR_CONSTRAINT_ERROR, row->row_number, row->line_number,
                                    self->field_number[i], column + 1, f->name, cell, len,
                                    name, g_steal_pointer (&message)));
}

/* ods_value_compare(), with the common numbers compared here. */
static inline int
value_compare (const OdsSchemaField *f,
               const OdsValue       *a,
               const OdsValue       *b)
{
  if (f->type == ODS_FIELD_INTEGER && !a->is_double && !b->is_double)
    return a->i < b->i ? -1 : a->i > b->i ? 1 : 0;
  if (f->type == ODS_FIELD_NUMBER)
    return a->d < b->d ? -1 : a->d > b->d ? 1 : 0;
  return ods_value_compare (f, a, b);
}

/* memcmp (a, b, len) == 0 for the short strings of enums, without a call:
 * two overlapping loads from each side, never past @len. */
static inline gboolean
short_equal (const char *a,
             const char *b,
             gsize       len)
{
  if (len >= 8 && len <= 16)
    {
      guint64 a0, a1, b0, b1;

      memcpy (&a0, a, 8);
      memcpy (&b0, b, 8);
      memcpy (&a1, a + len - 8, 8);
      memcpy (&b1, b + len - 8, 8);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
  if (len >= 4 && len < 8)
    {
      guint32 a0, a1, b0, b1;

      memcpy (&a0, a, 4);
      memcpy (&b0, b, 4);
      memcpy (&a1, a + len - 4, 4);
      memcpy (&b1, b + len - 4, 4);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
  return memcmp (a, b, len) == 0;
}

/* Outside the range: also NaN, which compares with nothing (frictionless
 * counts it as failing minimum and maximum). */
static inline gboolean
below (const OdsSchemaField *f,
       const OdsValue       *v,
       const OdsValue       *limit,
       gboolean              or_equal)
{
  int c;

  if (f->type == ODS_FIELD_NUMBER && isnan (v->d))
    return TRUE;
  c = value_compare (f, v, limit);
  return or_equal ? c <= 0 : c < 0;
}

static inline gboolean
above (const OdsSchemaField *f,
       const OdsValue       *v,
       const OdsValue       *limit,
       gboolean              or_equal)
{
  int c;

  if (f->type == ODS_FIELD_NUMBER && isnan (v->d))
    return TRUE;
  c = value_compare (f, v, limit);
  return or_equal ? c >= 0 : c > 0;
}


/* A text cell has at most as many characters as bytes and at least a
 * quarter as many (UTF-8), so most cells pass minLength/maxLength without
 * counting characters. */
static inline gboolean
length_surely_fits (const OdsSchemaField *f,
                    const OdsValue       *v,
                    guint                 c)
{
  if (f->type == ODS_FIELD_ARRAY || f->type == ODS_FIELD_OBJECT || f->type == ODS_FIELD_LIST)
    return FALSE;
  if ((c & ODS_CONSTRAINT_MAX_LENGTH) && (gint64) v->len > f->max_length)
    return FALSE;
  if ((c & ODS_CONSTRAINT_MIN_LENGTH) && (gint64) (v->len / 4) < f->min_length)
    return FALSE;
  return TRUE;
}

static void
check_constraints (OdsValidator    *self,
                   const OdsRecord *row,
                   guint            i,
                   guint            column,
                   OdsValue        *v)
{
  const OdsSchemaField *f = self->fields[i];
  guint c = f->constraints;

  if ((c & (ODS_CONSTRAINT_MIN_LENGTH | ODS_CONSTRAINT_MAX_LENGTH)) && !length_surely_fits (f, v, c))
    {
      gint64 length = ods_value_length (f, v);

      if ((c & ODS_CONSTRAINT_MIN_LENGTH) && length < f->min_length)
        constraint_error (self, row, i, column, ODS_CONSTRAINT_MIN_LENGTH);
      if ((c & ODS_CONSTRAINT_MAX_LENGTH) && length > f->max_length)
        constraint_error (self, row, i, column, ODS_CONSTRAINT_MAX_LENGTH);
    }
  if ((c & ODS_CONSTRAINT_MINIMUM) && below (f, v, &f->minimum, FALSE))
    constraint_error (self, row, i, column, ODS_CONSTRAINT_MINIMUM);
  if ((c & ODS_CONSTRAINT_MAXIMUM) && above (f, v, &f->maximum, FALSE))
    constraint_error (self, row, i, column, ODS_CONSTRAINT_MAXIMUM);
  if ((c & ODS_CONSTRAINT_EXCLUSIVE_MINIMUM) && below (f, v, &f->exclusive_minimum, TRUE))
    constraint_error (self, row, i, column, ODS_CONSTRAINT_EXCLUSIVE_MINIMUM);
  if ((c & ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM) && above (f, v, &f->exclusive_maximum, TRUE))
    constraint_error (self, row, i, column, ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM);
  if ((c & ODS_CONSTRAINT_PATTERN)
      && !g_regex_match_full (f->regex, v->str, (gssize) v->len, 0, 0, NULL, NULL))
    constraint_error (self, row, i, column, ODS_CONSTRAINT_PATTERN);
  if (c & ODS_CONSTRAINT_ENUM)
    {
      gboolean found;

      if (f->n_enum_strings > 0 && f->n_enum_strings < ENUM_INDEX_SIZE / 2)
        {
          const guint8 *index = self->enum_index[i];
          guint h = enum_slot (v->str, v->len);

          found = FALSE;
          for (; index[h] != 0 && !found; h = (h + 1) & (ENUM_INDEX_SIZE - 1))
            {
              guint k = index[h] - 1u;

              found = f->enum_lengths[k] == v->len && short_equal (f->enum_strings[k], v->str, v->len);
            }
        }
      else if (f->n_enum_strings > 0)
        {
          found = FALSE;
          for (guint k = 0; k < f->n_enum_strings && !found; k++)
            found = f->enum_lengths[k] == v->len && (v->len == 0 || f->enum_strings[k][0] == v->str[0])
                    && memcmp (f->enum_strings[k], v->str, v->len) == 0;
        }
      else if (f->type == ODS_FIELD_STRING || f->type == ODS_FIELD_ANY)
        found = ods_key_set_contains (f->enum_set, v->str, v->len);
      else
        {
          g_byte_array_set_size (self->key, 0);
          ods_value_append_key (f, v, self->key);
          found = ods_key_set_contains (f->enum_set, self->key->data, self->key->len);
        }
      if (!found)
        constraint_error (self, row, i, column, ODS_CONSTRAINT_ENUM);
    }
}

/* Builds the key of @fields for the current row into self->key; a cell
 * that is missing or not of its type counts as empty (NULL). Returns the
 * number of empty parts. */
static guint
build_key (OdsValidator    *self,
           const guint     *fields,
           guint            n)
{
  guint n_null = 0;

  g_byte_array_set_size (self->key, 0);
  for (guint k = 0; k < n; k++)
    {
      guint i = fields[k];
      guint32 len;

      if (self->state[i] != CELL_OK)
        {
          guint32 null_mark = G_MAXUINT32;

          n_null++;
          g_byte_array_append (self->key, (const guint8 *) &null_mark, 4);
          continue;
        }
      /* Length, then the bytes: reserve the length and fill it in after. */
      {
        guint at = self->key->len;

        g_byte_array_set_size (self->key, at + 4);
        ods_value_append_key (self->fields[i], &self->values[i], self->key);
        len = self->key->len - at - 4;
        memcpy (self->key->data + at, &len, 4);
      }
    }
  return n_null;
}

static gboolean
all_present (OdsValidator *self,
             const guint  *fields,
             guint         n)
{
  for (guint k = 0; k < n; k++)
    if (self->field_column[fields[k]] < 0)
      return FALSE;
  return TRUE;
}

/* "a, b" from the current row's values. */
static char *
key_values_text (OdsValidator *self,
                 const guint  *fields,
                 guint         n)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    {
      const OdsValue *v = &self->values[fields[k]];
      g_autofree char *part = self->state[fields[k]] != CELL_OK ? shown ("", 0) : shown (v->str, v->len);

      g_string_append_printf (s, "%s%s", k > 0 ? ", " : "", part);
    }
  return g_string_free (s, FALSE);
}

/* "“x”, “y”" from the fields' names. */
static char *
key_names_text (OdsValidator *self,
                const guint  *fields,
                guint         n)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, "%s“%s”", k > 0 ? ", " : "", self->fields[fields[k]]->name);
  return g_string_free (s, FALSE);
}

static void
row_error (OdsValidator      *self,
           const OdsRecord   *row,
           OdsReportErrorType type,
           char              *message)
{
  ods_report_take_error (self->report,
                         new_error (type, row->row_number, row->line_number, 0, 0, NULL, NULL, 0, NULL, message));
}

/* Builds the current row's key for @kc and asks for its slot in the set. */
static void
prepare_key (OdsValidator *self,
             KeyCheck     *kc)
{
  kc->ready = TRUE;
  if (kc->kind == KEY_COLUMN)
    {
      guint i = kc->field;

      kc->n_null = self->state[i] != CELL_OK;
      if (kc->n_null > 0)
        return;
      kc->len = ods_value_key (self->fields[i], &self->values[i], kc->scratch, &kc->bytes);
    }
  else
    {
      gsize len = 0;

      kc->n_null = 0;
      for (guint k = 0; k < kc->n_fields; k++)
        if (self->state[kc->fields[k]] != CELL_OK)
          kc->n_null++;
      /* The column's set may have answered for a shared primary key; a
       * key with empty parts is not looked up (see check_keys). */
      if ((kc->shared && self->pk_answered)
          || (kc->kind == KEY_PRIMARY ? kc->n_null == kc->n_fields : kc->n_null > 0))
        return;

      /* Each part: its length then its bytes, or a mark for an empty one. */
      for (guint k = 0; k < kc->n_fields; k++)
        {
          guint i = kc->fields[k];
          guint8 scratch[ODS_VALUE_KEY_MAX];
          const guint8 *bytes = NULL;
          guint32 part = G_MAXUINT32;

          if (self->state[i] == CELL_OK)
            part = (guint32) ods_value_key (self->fields[i], &self->values[i], scratch, &bytes);
          if (len + 4 + (part != G_MAXUINT32 ? part : 0) > kc->buf_size)
            {
              kc->buf_size = MAX (2 * kc->buf_size, len + 4 + part + 64);
              kc->buf = g_realloc (kc->buf, kc->buf_size);
            }
          memcpy (kc->buf + len, &part, 4);
          len += 4;
          if (bytes != NULL)
            {
              memcpy (kc->buf + len, bytes, part);
              len += part;
            }
        }
      kc->bytes = kc->buf;
      kc->len = len;
    }
  /* 0 for a key of the dense range: no hash needed. */
  kc->hash = ods_key_set_prefetch_key (kc->set, kc->bytes, kc->len);
}

/* Field @i of the current row is cast: build the keys that wait for it. */
static void
prepare_keys_after (OdsValidator *self,
                    guint         i)
{
  for (guint k = 0; k < self->n_key_checks; k++)
    if (self->key_checks[k].trigger == (int) i)
      prepare_key (self, &self->key_checks[k]);
}

/* After the row's own errors, as frictionless: unique columns, the primary
 * key, unique keys; foreign keys wait for the end of the table. */
static void
check_keys (OdsValidator    *self,
            const OdsRecord *row)
{
  self->pk_answered = FALSE;
  for (guint k = 0; k < self->n_key_checks; k++)
    {
      KeyCheck *kc = &self->key_checks[k];
      gboolean ready = kc->ready;
      gboolean is_new;
      guint64 first = 0;

      kc->ready = FALSE;
      if (!kc->present)
        continue;
      if (!ready)
        {
          prepare_key (self, kc);
          kc->ready = FALSE;
        }

      if (kc->kind == KEY_COLUMN)
        {
          guint i = kc->field;
          const OdsSchemaField *f = self->fields[i];
          const OdsValue *v = &self->values[i];

          if (kc->n_null > 0)
            continue;
          is_new = ods_key_set_insert_hashed (kc->set, kc->hash, kc->bytes, kc->len, row->row_number, &first);
          if ((int) i == self->pk_unique_field)
            {
              self->pk_answered = TRUE;
              self->pk_is_new = is_new;
              self->pk_first = first;
            }
          if (!is_new && ods_report_count_error (self->report, ODS_REPORT_ERROR_UNIQUE_ERROR))
            {
              guint column = (guint) self->field_column[i];
              g_autofree char *ref = cell_ref (column + 1, row->row_number);
              g_autofree char *value = shown (v->str, v->len);
              g_autofree char *first_row = num (first);

              /* TRANSLATORS: %s: cell, text, row number, column name */
              ods_report_take_error (self->report,
                                     new_error (ODS_REPORT_ERROR_UNIQUE_ERROR, row->row_number, row->line_number,
                                                self->field_number[i], column + 1, f->name, v->str, v->len, NULL,
                                                g_strdup_printf (_("Cell %s: %s already appears in row %s, and the column “%s” must not repeat a value. Correct or remove the duplicate."),
                                                                 ref, value, first_row, f->name)));
            }
        }
      else if (kc->kind == KEY_PRIMARY)
        {
          if (kc->n_null == kc->n_fields)
            {
              if (ods_report_count_error (self->report, ODS_REPORT_ERROR_PRIMARY_KEY))
                {
                  g_autofree char *r = num (row->row_number);
                  g_autofree char *names = key_names_text (self, kc->fields, kc->n_fields);

                  /* TRANSLATORS: %s: row number, the key's column names */
                  row_error (self, row, ODS_REPORT_ERROR_PRIMARY_KEY,
                             g_strdup_printf (_("Row %s: the key (%s) is empty. Fill it in: every row needs a key."), r, names));
                }
              continue;
            }
          if (self->pk_answered)
            {
              is_new = self->pk_is_new;
              first = self->pk_first;
            }
          else
            is_new = ods_key_set_insert_hashed (kc->set, kc->hash, kc->bytes, kc->len, row->row_number, &first);

          if (!is_new && ods_report_count_error (self->report, ODS_REPORT_ERROR_PRIMARY_KEY))
            {
              g_autofree char *r = num (row->row_number);
              g_autofree char *f = num (first);
              g_autofree char *names = key_names_text (self, kc->fields, kc->n_fields);
              g_autofree char *values = key_values_text (self, kc->fields, kc->n_fields);

              /* TRANSLATORS: %s: row number, key value(s), key column name(s), the other row */
              row_error (self, row, ODS_REPORT_ERROR_PRIMARY_KEY,
                         g_strdup_printf (_("Row %s: the key %s (%s) is the same as in row %s. Every row needs a different key; correct or remove the duplicate row."),
                                          r, values, names, f));
            }
        }
      else
        {
          /* Keys with an empty part do not take part (as NULLs in SQL). */
          if (kc->n_null > 0)
            continue;
          if (!ods_key_set_insert_hashed (kc->set, kc->hash, kc->bytes, kc->len, row->row_number, &first)
              && ods_report_count_error (self->report, ODS_REPORT_ERROR_UNIQUE_ERROR))
            {
              g_autofree char *r = num (row->row_number);
              g_autofree char *f = num (first);
              g_autofree char *names = key_names_text (self, kc->fields, kc->n_fields);
              g_autofree char *values = key_values_text (self, kc->fields, kc->n_fields);

              /* TRANSLATORS: %s: row number, values, column names, the other row */
              row_error (self, row, ODS_REPORT_ERROR_UNIQUE_ERROR,
                         g_strdup_printf (_("Row %s: the values %s in the columns %s already appear together in row %s. Each row must have a different combination."),
                                          r, values, names, f));
            }
        }
    }

  for (guint k = 0; k < ods_schema_get_n_foreign_keys (self->schema); k++)
    {
      const OdsSchemaKey *fk = ods_schema_get_foreign_key (self->schema, k);
      PendingFk p;

      /* This row's referenced values join the targets first. */
      if (all_present (self, fk->ref_fields, fk->n_fields)
          && build_key (self, fk->ref_fields, fk->n_fields) < fk->n_fields)
        ods_key_set_insert (self->fk_targets[k], self->key->data, self->key->len, row->row_number, NULL);

      if (!all_present (self, fk->fields, fk->n_fields) || build_key (self, fk->fields, fk->n_fields) == fk->n_fields)
        continue;
      if (ods_key_set_contains (self->fk_targets[k], self->key->data, self->key->len))
        continue;
      /* Maybe a later row has it: decide at the end. */
      p.fk = k;
      p.row = row->row_number;
      p.key_offset = self->fk_keys->len;
      p.key_len = self->key->len;
      g_byte_array_append (self->fk_keys, self->key->data, self->key->len);
      p.text_offset = self->fk_texts->len;
      {
        g_autofree char *values = key_values_text (self, fk->fields, fk->n_fields);

        g_string_append_len (self->fk_texts, values, strlen (values) + 1);
      }
      g_array_append_val (self->fk_pending, p);
    }
}

void
ods_validator_add_row (OdsValidator    *self,
                       const OdsRecord *row)
{
  guint n_cells = row->n_cells;

  g_return_if_fail (ODS_IS_VALIDATOR (self));
  g_return_if_fail (!self->finished);

  self->n_rows++;

  /* Neither header nor schema: the first row sets the width. */
  if (self->schema == NULL && !self->have_header && self->n_rows == 1)
    {
      self->width = n_cells;
      update_column_map (self);
    }

  if (n_cells == 0 || (ods_schema_field_is_missing (field_for_column (self, 0), row->cells[0], row->lengths[0])
                       && row_is_blank (self, row)))
    {
      if (ods_report_count_error (self->report, ODS_REPORT_ERROR_BLANK_ROW))
        {
          g_autofree char *r = num (row->row_number);

          /* TRANSLATORS: %s is a row number */
          row_error (self, row, ODS_REPORT_ERROR_BLANK_ROW,
                     g_strdup_printf (_("Row %s is empty. Delete the empty row."), r));
        }
      for (guint i = 0; i < self->n_fields; i++)
        self->state[i] = CELL_NULL;
      if (self->has_keys)
        check_keys (self, row);
      return;
    }

  /* The cells, in the order of the fields expected in the data. */
  for (guint k = 0; k < self->n_order; k++)
    {
      const CellPlan *c = &self->plan[k];
      const OdsSchemaField *f = c->field;
      guint col = c->column;
      guint i = c->index;
      OdsValue *v = c->value;
      const char *cell;
      gsize len;

      if (G_UNLIKELY (col >= n_cells))
        {
          *c->state = CELL_NULL;
          if (c->flags & PLAN_REQUIRED)
            constraint_error (self, row, i, col, ODS_CONSTRAINT_REQUIRED);
          continue;
        }
      cell = row->cells[col];
      len = row->lengths[col];
      if ((c->flags & PLAN_EMPTY_ONLY) ? len == 0 : ods_schema_field_is_missing (f, cell, len))
        {
          *c->state = CELL_NULL;
          if (c->flags & PLAN_REQUIRED)
            constraint_error (self, row, i, col, ODS_CONSTRAINT_REQUIRED);
          continue;
        }
      v->str = cell;
      v->len = len;
      if (G_UNLIKELY (!f->cast (f, cell, len, v)))
        {
          *c->state = CELL_BAD;
          if (ods_report_count_error (self->report, ODS_REPORT_ERROR_TYPE_ERROR))
            {
              g_autofree char *ref = cell_ref (col + 1, row->row_number);
              g_autofree char *value = shown (cell, len);

              ods_report_take_error (self->report,
                                     new_error (ODS_REPORT_ERROR_TYPE_ERROR, row->row_number, row->line_number,
                                                self->field_number[i], col + 1, f->name, cell, len, NULL,
                                                type_error_message (f, ref, value)));
            }
          continue;
        }
      *c->state = CELL_OK;
      if (c->flags & PLAN_CHECKS)
        check_constraints (self, row, i, col, v);
      if (c->flags & PLAN_KEYS)
        prepare_keys_after (self, i);
    }

  /* Extra cells */
  for (guint c = self->width; c < n_cells; c++)
    if (ods_report_count_error (self->report, ODS_REPORT_ERROR_EXTRA_CELL))
      {
        g_autofree char *ref = cell_ref (c + 1, row->row_number);
        g_autofree char *value = shown (row->cells[c], row->lengths[c]);
        g_autofree char *r = num (row->row_number);
        g_autofree char *w = num (self->width);

        /* TRANSLATORS: %s: cell, text, row number, number of columns */
        ods_report_take_error (self->report,
                               new_error (ODS_REPORT_ERROR_EXTRA_CELL, row->row_number, row->line_number, c + 1, c + 1,
                                          NULL, row->cells[c], row->lengths[c], NULL,
                                          g_strdup_printf (_("Cell %s: %s is one cell too many: row %s has more cells than the %s columns of the header. Remove the extra value, or check the delimiters and quotes in this row."),
                                                           ref, value, r, w)));
      }

  /* Missing cells */
  for (guint c = n_cells; c < self->width; c++)
    if (ods_report_count_error (self->report, ODS_REPORT_ERROR_MISSING_CELL))
      {
        g_autofree char *ref = cell_ref (c + 1, row->row_number);
        g_autofree char *r = num (row->row_number);
        const char *name = field_name_for_column (self, c);

        /* TRANSLATORS: %s: cell, row number, column name */
        ods_report_take_error (self->report,
                               new_error (ODS_REPORT_ERROR_MISSING_CELL, row->row_number, row->line_number,
                                          c + 1, c + 1, name, NULL, 0, NULL,
                                          g_strdup_printf (_("Cell %s is missing: row %s has fewer cells than the header, so there is no value for “%s”. Add the missing cell, or check the delimiters and quotes in this row."),
                                                           ref, r, name != NULL ? name : "")));
      }

  if (self->has_keys)
    check_keys (self, row);
}

OdsReport *
ods_validator_finish (OdsValidator *self)
{
  g_return_val_if_fail (ODS_IS_VALIDATOR (self), NULL);

  if (!self->finished)
    {
      gboolean added = FALSE;

      self->finished = TRUE;
      for (guint p = 0; p < self->fk_pending->len; p++)
        {
          const PendingFk *pk = &g_array_index (self->fk_pending, PendingFk, p);
          const OdsSchemaKey *fk = ods_schema_get_foreign_key (self->schema, pk->fk);

          if (ods_key_set_contains (self->fk_targets[pk->fk], self->fk_keys->data + pk->key_offset, pk->key_len))
            continue;
          if (ods_report_count_error (self->report, ODS_REPORT_ERROR_FOREIGN_KEY))
            {
              g_autofree char *r = num (pk->row);
              g_autofree char *names = key_names_text (self, fk->fields, fk->n_fields);
              g_autofree char *targets = key_names_text (self, fk->ref_fields, fk->n_fields);

              /* TRANSLATORS: %s: row number, value(s), column name(s), referenced column name(s) */
              ods_report_take_error (self->report,
                                     new_error (ODS_REPORT_ERROR_FOREIGN_KEY, pk->row, 0, fk->fields[0] + 1, 0,
                                                self->fields[fk->fields[0]]->name,
                                                self->fk_texts->str + pk->text_offset, -1, NULL,
                                                g_strdup_printf (_("Row %s: the value %s in %s is not found in %s of this table. Correct the value, or add the row it refers to."),
                                                                 r, self->fk_texts->str + pk->text_offset, names, targets)));
              added = TRUE;
            }
        }
      if (added)
        ods_report_sort_errors (self->report);
      ods_report_set_n_rows (self->report, self->n_rows);
    }
  return g_object_ref (self->report);
}
