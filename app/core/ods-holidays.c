#define G_LOG_DOMAIN "ods-holidays"

#include "ods-holidays.h"
#include "ods-i18n.h"
#include "ods-lunar.h"
#include "ods-period.h"

#include <json-glib/json-glib.h>

G_DEFINE_QUARK (ods-holidays-error-quark, ods_holidays_error)

typedef struct
{
  OdsHolidayKind kind;
  char          *name;        /* an administrator's label, or NULL */
  guint32        for_julian;  /* compensation: the holiday it stands for */
} DayInfo;

struct _OdsHolidays
{
  gint        ref_count;
  GMutex      lock;
  GHashTable *computed;    /* julian day → DayInfo, for the years in @years */
  GHashTable *years;       /* years filled in @computed (computed or from the data file) */
  GHashTable *extra_off;   /* julian day → DayInfo */
  GHashTable *extra_work;  /* julian day → name (maybe "") */
};

static const struct
{
  OdsHolidayKind kind;
  const char    *id;
  const char    *name;
} kinds[] = {
  { ODS_HOLIDAY_NONE, "none", NULL },
  { ODS_HOLIDAY_NEW_YEAR, "new-year", N_("New Year’s Day") },
  { ODS_HOLIDAY_TET, "tet", N_("Lunar New Year (Tết)") },
  { ODS_HOLIDAY_HUNG_KINGS, "hung-kings", N_("Hùng Kings’ Commemoration Day") },
  { ODS_HOLIDAY_VICTORY, "victory", N_("Victory Day (30 April)") },
  { ODS_HOLIDAY_LABOUR, "labour", N_("International Labour Day") },
  { ODS_HOLIDAY_NATIONAL, "national", N_("National Day") },
  { ODS_HOLIDAY_COMPENSATION, "compensation", N_("Day off in lieu of a holiday on a weekend") },
  { ODS_HOLIDAY_ANNOUNCED, "announced", N_("Announced day off") },
};

const char *
ods_holiday_kind_to_string (OdsHolidayKind kind)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].id;
  return "none";
}

static gboolean
kind_from_string (const char     *id,
                  OdsHolidayKind *kind)
{
  for (gsize i = 1; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].id, id) == 0)
      {
        *kind = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

const char *
ods_holiday_kind_get_display_name (OdsHolidayKind kind)
{
  for (gsize i = 1; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return _(kinds[i].name);
  return NULL;
}

static void
day_info_free (gpointer data)
{
  DayInfo *info = data;

  g_free (info->name);
  g_free (info);
}

static DayInfo *
day_info_new (OdsHolidayKind kind,
              const char    *name,
              guint32        for_julian)
{
  DayInfo *info = g_new0 (DayInfo, 1);

  info->kind = kind;
  info->name = g_strdup (name);
  info->for_julian = for_julian;
  return info;
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday wd = g_date_get_weekday (date);

  return wd == G_DATE_SATURDAY || wd == G_DATE_SUNDAY;
}

static void
add_day (GHashTable     *table,
         const GDate    *date,
         OdsHolidayKind  kind)
{
  g_hash_table_insert (table, GUINT_TO_POINTER (g_date_get_julian (date)),
                       day_info_new (kind, NULL, 0));
}

static void
add_dmy (GHashTable     *table,
         int             day,
         int             month,
         int             year,
         OdsHolidayKind  kind)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  add_day (table, &date, kind);
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 ja = *(const guint32 *) a;
  guint32 jb = *(const guint32 *) b;

  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

/* The julian days keyed in @table, in order. */
static GArray *
sorted_days (GHashTable *table)
{
  GArray *days = g_array_sized_new (FALSE, FALSE, sizeof (guint32), g_hash_table_size (table));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 julian = GPOINTER_TO_UINT (key);

      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  return days;
}

/* The statutory days off of solar @year, into @table (which holds no day of @year yet). */
static void
compute_year (GHashTable *table,
              int         year)
{
  g_autoptr(GHashTable) own = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  g_autoptr(GArray) days = NULL;
  OdsLunarDate hung = { 10, 3, year, FALSE };
  GDate date;
  GHashTableIter iter;
  gpointer key, value;

  /* Art. 112(1)(a): Tết Dương lịch, 1 January. */
  add_dmy (own, 1, 1, year, ODS_HOLIDAY_NEW_YEAR);

  /* Art. 112(1)(b): Tết Âm lịch, 5 days chosen each year by the Prime Minister
   * (art. 112(3)); by default the last day of the old year and days 1–4. */
  if (ods_lunar_new_year (year, &date))
    {
      g_date_subtract_days (&date, 1);
      for (int i = 0; i < 5; i++, g_date_add_days (&date, 1))
        add_day (own, &date, ODS_HOLIDAY_TET);
    }

  /* Art. 112(1)(e): Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month. */
  if (ods_lunar_to_solar (&hung, &date))
    add_day (own, &date, ODS_HOLIDAY_HUNG_KINGS);

  /* Art. 112(1)(c), (d): 30 April and 1 May. */
  add_dmy (own, 30, 4, year, ODS_HOLIDAY_VICTORY);
  add_dmy (own, 1, 5, year, ODS_HOLIDAY_LABOUR);

  /* Art. 112(1)(đ): 2 September and one day next to it, chosen each year by
   * the Prime Minister (art. 112(3)). By default the day that joins the
   * holiday to a weekend, the way the government chose in 2021–2025. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, 9, year);
  add_day (own, &date, ODS_HOLIDAY_NATIONAL);
  switch (g_date_get_weekday (&date))
    {
    case G_DATE_MONDAY:     /* 1/9 is a Sunday: take Tuesday 3/9 */
    case G_DATE_THURSDAY:   /* Friday 3/9 makes a 4-day weekend */
    case G_DATE_SUNDAY:     /* Monday 3/9 */
      g_date_add_days (&date, 1);
      break;
    case G_DATE_TUESDAY:    /* Monday 1/9 */
    case G_DATE_WEDNESDAY:
    case G_DATE_FRIDAY:     /* Thursday 1/9; 3/9 is a Saturday */
    case G_DATE_SATURDAY:   /* Friday 1/9 */
    case G_DATE_BAD_WEEKDAY:
    default:
      g_date_subtract_days (&date, 1);
      break;
    }
  add_day (own, &date, ODS_HOLIDAY_NATIONAL);

  /* Art. 111(3): a holiday on the weekly rest day gives the next working day off. */
  days = sorted_days (own);
  for (guint i = 0; i < days->len; i++)
    {
      guint32 julian = g_array_index (days, guint32, i);
      GDate next;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      if (!is_weekend (&date))
        continue;

      next = date;
      do
        g_date_add_days (&next, 1);
      while (is_weekend (&next) ||
             g_hash_table_contains (own, GUINT_TO_POINTER (g_date_get_julian (&next))));
      g_hash_table_insert (own, GUINT_TO_POINTER (g_date_get_julian (&next)),
                           day_info_new (ODS_HOLIDAY_COMPENSATION, NULL, julian));
    }

  g_hash_table_iter_init (&iter, own);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_insert (table, key, value);
      g_hash_table_iter_steal (&iter);
    }
}

OdsHolidays *
ods_holidays_new (void)
{
  OdsHolidays *self = g_new0 (OdsHolidays, 1);

  self->ref_count = 1;
  g_mutex_init (&self->lock);
  self->computed = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  self->years = g_hash_table_new (NULL, NULL);
  self->extra_off = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  self->extra_work = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return self;
}

OdsHolidays *
ods_holidays_ref (OdsHolidays *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
ods_holidays_unref (OdsHolidays *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_hash_table_unref (self->computed);
  g_hash_table_unref (self->years);
  g_hash_table_unref (self->extra_off);
  g_hash_table_unref (self->extra_work);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Called with the lock held. */
static void
ensure_year (OdsHolidays *self,
             int          year)
{
  if (g_hash_table_contains (self->years, GINT_TO_POINTER (year)))
    return;
  if (year >= ODS_LUNAR_MIN_YEAR + 1 && year <= ODS_LUNAR_MAX_YEAR - 1)
    compute_year (self->computed, year);
  g_hash_table_add (self->years, GINT_TO_POINTER (year));
}

static gboolean
set_invalid (GError    **error,
             const char *path,
             const char *detail)
{
  g_set_error (error, ODS_HOLIDAYS_ERROR, ODS_HOLIDAYS_ERROR_INVALID,
               /* TRANSLATORS: %1$s is a file path, %2$s what is wrong in it */
               _("The holiday file “%1$s” is not valid: %2$s. Correct the file (see the "
                 "example in the documentation) or remove it from the settings."),
               path, detail);
  return FALSE;
}

static char *
read_file (const char  *path,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &local_error))
    g_set_error (error, ODS_HOLIDAYS_ERROR, ODS_HOLIDAYS_ERROR_READ,
                 /* TRANSLATORS: %1$s is a file path, %2$s the system's reason */
                 _("The holiday file “%1$s” cannot be read (%2$s). Check the path in the "
                   "settings or in OPENDATA_SUBMIT_HOLIDAYS."),
                 path, local_error->message);
  return contents;
}

static JsonObject *
parse_json_object (const char  *data,
                   gssize       length,
                   const char  *path,
                   JsonParser  *parser,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      set_invalid (error, path, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, path, _("it must be a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

static const char *
get_string (JsonObject *obj,
            const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Reads the array @member of @obj: objects with a "date", an optional "kind"
 * and "name". Calls @add for each. */
typedef void (*DayFunc) (GHashTable *table, guint32 julian, OdsHolidayKind kind,
                         const char *name, guint32 for_julian);

static gboolean
read_days (JsonObject     *obj,
           const char     *member,
           const char     *path,
           OdsHolidayKind  default_kind,
           GHashTable     *table,
           DayFunc         add,
           GError        **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” must be a list"), member);
      return set_invalid (error, path, detail);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *entry;
      const char *date_text, *kind_text, *name, *for_text;
      OdsHolidayKind kind = default_kind;
      GDate date, for_date;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *detail = g_strdup_printf (_("item %u of “%s” must be an object"),
                                                     i + 1, member);
          return set_invalid (error, path, detail);
        }
      entry = json_node_get_object (item);
      date_text = get_string (entry, "date");
      kind_text = get_string (entry, "kind");
      name = get_string (entry, "name");
      for_text = get_string (entry, "for");

      if (!ods_date_parse_iso (date_text, &date))
        {
          g_autofree char *detail =
            /* TRANSLATORS: %u is a position in a list, %s the list's name */
            g_strdup_printf (_("item %u of “%s” has no valid “date” written YYYY-MM-DD"),
                             i + 1, member);
          return set_invalid (error, path, detail);
        }
      if (kind_text != NULL && !kind_from_string (kind_text, &kind))
        {
          g_autofree char *detail =
            g_strdup_printf (_("item %u of “%s” has an unknown “kind” “%s”"),
                             i + 1, member, kind_text);
          return set_invalid (error, path, detail);
        }
      if (for_text == NULL || !ods_date_parse_iso (for_text, &for_date))
        g_date_clear (&for_date, 1);

      add (table, g_date_get_julian (&date), kind, name,
           g_date_valid (&for_date) ? g_date_get_julian (&for_date) : 0);
    }
  return TRUE;
}

static void
add_day_off (GHashTable     *table,
             guint32         julian,
             OdsHolidayKind  kind,
             const char     *name,
             guint32         for_julian)
{
  g_hash_table_insert (table, GUINT_TO_POINTER (julian), day_info_new (kind, name, for_julian));
}

static void
add_working_day (GHashTable     *table,
                 guint32         julian,
                 OdsHolidayKind  kind,
                 const char     *name,
                 guint32         for_julian)
{
  g_hash_table_insert (table, GUINT_TO_POINTER (julian), g_strdup (name != NULL ? name : ""));
}

static gboolean
get_year_member (JsonObject *obj,
                 const char *member,
                 int        *year)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *year = (int) json_node_get_int (node);
  return *year > ODS_LUNAR_MIN_YEAR && *year < ODS_LUNAR_MAX_YEAR;
}

gboolean
ods_holidays_load_data (OdsHolidays  *self,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) days = NULL;
  g_autofree char *contents = NULL;
  GHashTableIter iter;
  gpointer key, value;
  JsonObject *obj;
  gsize length;
  int first, last;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = read_file (path, &length, error);
  if (contents == NULL)
    return FALSE;
  obj = parse_json_object (contents, (gssize) length, path, parser, error);
  if (obj == NULL)
    return FALSE;
  if (!get_year_member (obj, "first_year", &first) || !get_year_member (obj, "last_year", &last) ||
      last < first)
    return set_invalid (error, path, _("“first_year” and “last_year” must be years"));

  days = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  if (!read_days (obj, "days_off", path, ODS_HOLIDAY_ANNOUNCED, days, add_day_off, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  /* Drop what was computed for those years, then take the file's days. */
  g_hash_table_iter_init (&iter, self->computed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GDate date;
      int year;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, GPOINTER_TO_UINT (key));
      year = g_date_get_year (&date);
      if (year >= first && year <= last)
        g_hash_table_iter_remove (&iter);
    }
  for (int y = first; y <= last; y++)
    g_hash_table_add (self->years, GINT_TO_POINTER (y));

  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GDate date;
      int year;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, GPOINTER_TO_UINT (key));
      year = g_date_get_year (&date);
      if (year < first || year > last)
        continue;
      g_hash_table_insert (self->computed, key, value);
      g_hash_table_iter_steal (&iter);
    }
  g_mutex_unlock (&self->lock);

  return TRUE;
}

gboolean
ods_holidays_load_extra (OdsHolidays  *self,
                         const char   *path,
                         GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contents = read_file (path, &length, error);
  if (contents == NULL)
    return FALSE;
  return ods_holidays_load_extra_from_data (self, contents, (gssize) length, path, error);
}

gboolean
ods_holidays_load_extra_from_data (OdsHolidays  *self,
                                   const char   *data,
                                   gssize        length,
                                   const char   *source_name,
                                   GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) off = NULL;
  g_autoptr(GHashTable) work = NULL;
  const char *path = source_name;
  GHashTableIter iter;
  gpointer key, value;
  JsonObject *obj;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (source_name != NULL, FALSE);

  obj = parse_json_object (data, length, path, parser, error);
  if (obj == NULL)
    return FALSE;

  off = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  work = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  if (!read_days (obj, "days_off", path, ODS_HOLIDAY_ANNOUNCED, off, add_day_off, error) ||
      !read_days (obj, "working_days", path, ODS_HOLIDAY_NONE, work, add_working_day, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, off);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_remove (self->extra_work, key);
      g_hash_table_insert (self->extra_off, key, value);
      g_hash_table_iter_steal (&iter);
    }
  g_hash_table_iter_init (&iter, work);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_remove (self->extra_off, key);
      g_hash_table_insert (self->extra_work, key, value);
      g_hash_table_iter_steal (&iter);
    }
  g_mutex_unlock (&self->lock);

  return TRUE;
}

static char *
find_data_file (void)
{
  const char *env = g_getenv ("OPENDATA_SUBMIT_DATADIR");
  const char *dirs[] = { env, PKGDATADIR, SOURCE_DATADIR };

  for (gsize i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      path = g_build_filename (dirs[i], "holidays", ODS_HOLIDAYS_DATA_FILE, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

OdsHolidays *
ods_holidays_new_default (const char  *extra_path,
                          GError     **error)
{
  g_autoptr(OdsHolidays) self = ods_holidays_new ();
  g_autofree char *data = find_data_file ();

  if (data != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* The shipped file is the same calendar the code computes: a broken
       * installation is no reason to stop. */
      if (!ods_holidays_load_data (self, data, &local_error))
        g_warning ("Ignoring the holiday data: %s", local_error->message);
    }
  else
    {
      g_debug ("No holiday data file; computing the holidays");
    }

  if (extra_path == NULL)
    extra_path = g_getenv ("OPENDATA_SUBMIT_HOLIDAYS");
  if (extra_path != NULL && *extra_path != '\0' &&
      !ods_holidays_load_extra (self, extra_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

OdsHolidayKind
ods_holidays_lookup (OdsHolidays  *self,
                     const GDate  *date,
                     const char  **name)
{
  gpointer key;
  DayInfo *info;
  OdsHolidayKind kind = ODS_HOLIDAY_NONE;
  const char *label = NULL;

  g_return_val_if_fail (self != NULL, ODS_HOLIDAY_NONE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), ODS_HOLIDAY_NONE);

  key = GUINT_TO_POINTER (g_date_get_julian (date));

  g_mutex_lock (&self->lock);
  if (!g_hash_table_contains (self->extra_work, key))
    {
      info = g_hash_table_lookup (self->extra_off, key);
      if (info == NULL)
        {
          ensure_year (self, g_date_get_year (date));
          info = g_hash_table_lookup (self->computed, key);
        }
      if (info != NULL)
        {
          kind = info->kind;
          label = info->name;
        }
    }
  g_mutex_unlock (&self->lock);

  if (name != NULL)
    *name = (label != NULL && *label != '\0') ? label : ods_holiday_kind_get_display_name (kind);
  return kind;
}

gboolean
ods_holidays_is_working_day (OdsHolidays *self,
                             const GDate *date)
{
  gpointer key;
  gboolean working;

  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), TRUE);

  key = GUINT_TO_POINTER (g_date_get_julian (date));

  g_mutex_lock (&self->lock);
  if (g_hash_table_contains (self->extra_work, key))
    working = TRUE;
  else if (g_hash_table_contains (self->extra_off, key))
    working = FALSE;
  else
    {
      ensure_year (self, g_date_get_year (date));
      working = !g_hash_table_contains (self->computed, key) && !is_weekend (date);
    }
  g_mutex_unlock (&self->lock);

  return working;
}

char *
ods_holidays_generate_json (int first_year,
                            int last_year)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (NULL, NULL, NULL, day_info_free);
  g_autoptr(GArray) days = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (first_year <= last_year, NULL);

  for (int y = first_year; y <= last_year; y++)
    compute_year (table, y);
  days = sorted_days (table);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder,
    "Vietnam public holidays for state agencies (Saturday and Sunday weekly rest), "
    "generated by opendata-submit from the Labour Code 2019 art. 112(1) with the "
    "Vietnamese lunar calendar (UTC+7), and days off in lieu per art. 111(3). "
    "Tet: last day of the lunar year and days 1-4; National Day: 2/9 and the day "
    "next to it that joins a weekend. The government's yearly announcements are "
    "not included: add them in an administrator's file.");
  json_builder_set_member_name (builder, "first_year");
  json_builder_add_int_value (builder, first_year);
  json_builder_set_member_name (builder, "last_year");
  json_builder_add_int_value (builder, last_year);
  json_builder_set_member_name (builder, "days_off");
  json_builder_begin_array (builder);
  for (guint i = 0; i < days->len; i++)
    {
      guint32 julian = g_array_index (days, guint32, i);
      DayInfo *info = g_hash_table_lookup (table, GUINT_TO_POINTER (julian));
      GDate date;
      g_autofree char *iso = NULL;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      iso = ods_date_format_iso (&date);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, iso);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, ods_holiday_kind_to_string (info->kind));
      if (info->for_julian != 0)
        {
          g_autofree char *for_iso = NULL;

          g_date_set_julian (&date, info->for_julian);
          for_iso = ods_date_format_iso (&date);
          json_builder_set_member_name (builder, "for");
          json_builder_add_string_value (builder, for_iso);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "working_days");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}
