/* ods-schema-private.h: the compiled form of a Table Schema field, shared by
 * the schema loader, the casters, the validator and the inferrer.
 *
 * Each field is compiled once, at schema load, into a caster (a function
 * pointer) with its options already parsed, so that checking a cell costs a
 * function call and a hand-written parser, with no allocation when the cell
 * is valid.
 */
#pragma once

#include "ods-schema.h"

#include <string.h>

G_BEGIN_DECLS

typedef enum
{
  ODS_FIELD_STRING,
  ODS_FIELD_INTEGER,
  ODS_FIELD_NUMBER,
  ODS_FIELD_BOOLEAN,
  ODS_FIELD_DATE,
  ODS_FIELD_TIME,
  ODS_FIELD_DATETIME,
  ODS_FIELD_YEAR,
  ODS_FIELD_YEARMONTH,
  ODS_FIELD_DURATION,
  ODS_FIELD_GEOPOINT,
  ODS_FIELD_GEOJSON,
  ODS_FIELD_OBJECT,
  ODS_FIELD_ARRAY,
  ODS_FIELD_LIST,
  ODS_FIELD_ANY,
} OdsFieldType;

/* String formats. */
typedef enum
{
  ODS_STRING_DEFAULT,
  ODS_STRING_EMAIL,
  ODS_STRING_URI,
  ODS_STRING_UUID,
  ODS_STRING_BINARY,
  ODS_STRING_WKT,
} OdsStringFormat;

/* Constraint bits. */
typedef enum
{
  ODS_CONSTRAINT_REQUIRED          = 1 << 0,
  ODS_CONSTRAINT_UNIQUE            = 1 << 1,
  ODS_CONSTRAINT_MIN_LENGTH        = 1 << 2,
  ODS_CONSTRAINT_MAX_LENGTH        = 1 << 3,
  ODS_CONSTRAINT_MINIMUM           = 1 << 4,
  ODS_CONSTRAINT_MAXIMUM           = 1 << 5,
  ODS_CONSTRAINT_EXCLUSIVE_MINIMUM = 1 << 6,
  ODS_CONSTRAINT_EXCLUSIVE_MAXIMUM = 1 << 7,
  ODS_CONSTRAINT_PATTERN           = 1 << 8,
  ODS_CONSTRAINT_ENUM              = 1 << 9,
} OdsConstraint;

/* A cast cell. Which members are meaningful depends on the field type:
 * integer, boolean (0/1), date (days since 1970-01-01), time (µs since
 * midnight), datetime (µs since the epoch, UTC), year, yearmonth (months
 * since year 0), duration (months in i, µs in i2) use the integers; number
 * and geopoint (lon, lat) use the doubles; array, object, list and the
 * strings' lengths use n_items. */
typedef struct
{
  const char *str;
  gsize       len;
  gint64      i;
  gint64      i2;
  double      d;
  double      d2;
  gint64      n_items;
  gboolean    is_double;  /* integer too large for 64 bits: the value is in d */
} OdsValue;

typedef struct _OdsDateFormat OdsDateFormat;
typedef struct _OdsKeySet OdsKeySet;

typedef gboolean (*OdsCastFunc) (const OdsSchemaField *field,
                                 const char           *cell,
                                 gsize                 len,
                                 OdsValue             *value);

struct _OdsSchemaField
{
  char            *name;
  char            *title;
  char            *description;
  char            *type_name;
  char            *format;          /* "default" when absent; "fmt:" stripped */

  OdsFieldType     type;
  OdsCastFunc      cast;

  /* Options */
  OdsStringFormat  string_format;
  char             decimal_char[8];
  char             group_char[8];
  guint8           decimal_len;
  guint8           group_len;
  gboolean         bare_number;
  char           **true_values;
  char           **false_values;
  gsize           *true_lengths;    /* filled by ods_schema_field_compile() */
  gsize           *false_lengths;
  OdsDateFormat   *date_format;     /* NULL: the ISO default */
  gboolean         date_any;
  char            *list_delimiter;
  OdsSchemaField  *item_field;      /* list itemType */
  int              geo_format;      /* 0 default, 1 array, 2 object */
  gboolean         topojson;

  /* Missing values */
  char           **missing_values;  /* set with ods_schema_field_set_missing_values() */
  gsize           *missing_lengths;
  guint            n_missing;
  gboolean         missing_empty_only;

  /* Constraints */
  guint            constraints;
  gint64           min_length;
  gint64           max_length;
  OdsValue         minimum;
  OdsValue         maximum;
  OdsValue         exclusive_minimum;
  OdsValue         exclusive_maximum;
  char            *minimum_text;
  char            *maximum_text;
  char            *exclusive_minimum_text;
  char            *exclusive_maximum_text;
  char            *pattern;
  GRegex          *regex;
  OdsKeySet       *enum_set;
  char           **enum_strings;    /* small string enums: compared in a loop */
  gsize           *enum_lengths;
  guint            n_enum_strings;
  char            *enum_text;       /* "a, b, c" for messages */
};

/* A primary key, unique key or foreign key: field indices (and, for a
 * foreign key, the referenced field indices in the same table). */
typedef struct
{
  guint *fields;
  guint  n_fields;
  guint *ref_fields;
} OdsSchemaKey;

guint               ods_schema_get_n_unique_keys  (OdsSchema *self);
const OdsSchemaKey *ods_schema_get_unique_key     (OdsSchema *self,
                                                   guint      index);
guint               ods_schema_get_n_foreign_keys (OdsSchema *self);
const OdsSchemaKey *ods_schema_get_foreign_key    (OdsSchema *self,
                                                   guint      index);

/* ods-cast.c */
gboolean        ods_schema_field_compile     (OdsSchemaField *field,
                                              const char     *path,
                                              GError        **error);
void            ods_schema_field_clear_compiled (OdsSchemaField *field);
OdsSchemaField *ods_schema_field_new_simple  (OdsFieldType    type,
                                              const char     *format,
                                              const char     *decimal_char,
                                              const char     *group_char);
void            ods_schema_field_free        (OdsSchemaField *field);
/* Copies @values (normalised to NFC) and precomputes their lengths. */
void            ods_schema_field_set_missing_values (OdsSchemaField     *field,
                                                     const char *const  *values);
gboolean        ods_field_type_from_string   (const char     *name,
                                              OdsFieldType   *type);
const char     *ods_field_type_to_string     (OdsFieldType    type);

static inline gboolean
ods_schema_field_cast (const OdsSchemaField *field,
                       const char           *cell,
                       gsize                 len,
                       OdsValue             *value)
{
  value->str = cell;
  value->len = len;
  return field->cast (field, cell, len, value);
}

static inline gboolean
ods_schema_field_is_missing (const OdsSchemaField *field,
                             const char           *cell,
                             gsize                 len)
{
  if (field->missing_empty_only)
    return len == 0;
  for (guint k = 0; k < field->n_missing; k++)
    if (field->missing_lengths[k] == len
        && (len == 0 || (field->missing_values[k][0] == cell[0] && memcmp (field->missing_values[k], cell, len) == 0)))
      return TRUE;
  return FALSE;
}

int             ods_value_compare            (const OdsSchemaField *field,
                                              const OdsValue       *a,
                                              const OdsValue       *b);
/* The bytes identifying the cast value (equal values, equal keys): in the
 * value's text, or written into @scratch. */
#define ODS_VALUE_KEY_MAX 24
gsize           ods_value_key                (const OdsSchemaField *field,
                                              const OdsValue       *value,
                                              guint8                scratch[ODS_VALUE_KEY_MAX],
                                              const guint8        **bytes);
/* Appends the same bytes to @key. */
void            ods_value_append_key         (const OdsSchemaField *field,
                                              const OdsValue       *value,
                                              GByteArray           *key);
/* The length used by minLength/maxLength: characters for strings, items for
 * arrays, objects and lists. */
gint64          ods_value_length             (const OdsSchemaField *field,
                                              const OdsValue       *value);
gboolean        ods_field_supports_constraint (OdsFieldType  type,
                                               OdsConstraint constraint);

/* Human forms of the field's format for messages: "dd/mm/yyyy" and an
 * example value ("31/12/2025"). */
char           *ods_schema_field_format_hint (const OdsSchemaField *field);
char           *ods_schema_field_example     (const OdsSchemaField *field);

/* Dates */
OdsDateFormat  *ods_date_format_new          (const char *strptime_format);
void            ods_date_format_free         (OdsDateFormat *format);
char           *ods_date_format_to_human     (const char *strptime_format);
gint64          ods_days_from_civil          (gint64 y, int m, int d);

/* ods-key-set.c: a set of byte strings, each with the row it was first seen in. */
OdsKeySet      *ods_key_set_new              (void);
void            ods_key_set_free             (OdsKeySet  *set);
/* Returns TRUE when @key was new (and stores it with @row); FALSE when it
 * was present, with the row it was first seen in stored in @first_row. */
gboolean        ods_key_set_insert           (OdsKeySet  *set,
                                              const void *key,
                                              gsize       len,
                                              guint64     row,
                                              guint64    *first_row);
guint32         ods_key_set_hash             (const void *key,
                                              gsize       len);
gboolean        ods_key_set_insert_hashed    (OdsKeySet  *set,
                                              guint32     hash,
                                              const void *key,
                                              gsize       len,
                                              guint64     row,
                                              guint64    *first_row);
void            ods_key_set_prefetch         (OdsKeySet  *set,
                                              const void *key,
                                              gsize       len,
                                              guint32     hash);
guint32         ods_key_set_prefetch_key     (OdsKeySet  *set,
                                              const void *key,
                                              gsize       len);
gboolean        ods_key_set_contains         (OdsKeySet  *set,
                                              const void *key,
                                              gsize       len);
guint64         ods_key_set_get_size         (OdsKeySet  *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsKeySet, ods_key_set_free)

G_END_DECLS
