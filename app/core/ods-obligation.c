#define G_LOG_DOMAIN "ods-obligation"

#include "ods-obligation.h"

#include "ods-i18n.h"

#include <stdlib.h>
#include <string.h>

struct _OdsObligation
{
  GObject              parent_instance;

  OdsObligationStatus  status;
  OdsPeriod            period;
  OdsDeadline          deadline;
  int                  days;
  char                *dataset_id;
  char                *dataset_name;
  char                *dataset_title;
  char                *organization;
  char                *frequency;
  char                *resource_id;
  char                *resource_name;
  char                *url;
  char                *sha256;
  gint64               size;
  GDateTime           *submitted_at;
};

G_DEFINE_FINAL_TYPE (OdsObligation, ods_obligation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PERIOD,
  PROP_DATASET_ID,
  PROP_DATASET_NAME,
  PROP_DATASET_TITLE,
  PROP_ORGANIZATION,
  PROP_RESOURCE_ID,
  PROP_RESOURCE_NAME,
  PROP_URL,
  PROP_SHA256,
  PROP_SIZE,
  PROP_DUE_DATE,
  PROP_SUBMITTED_AT,
  PROP_DAYS,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue status_values[] = {
  { ODS_OBLIGATION_SUBMITTED_ON_TIME, "ODS_OBLIGATION_SUBMITTED_ON_TIME", "on-time" },
  { ODS_OBLIGATION_SUBMITTED_LATE, "ODS_OBLIGATION_SUBMITTED_LATE", "late" },
  { ODS_OBLIGATION_DUE, "ODS_OBLIGATION_DUE", "due" },
  { ODS_OBLIGATION_OVERDUE, "ODS_OBLIGATION_OVERDUE", "overdue" },
  { ODS_OBLIGATION_CONNECTED, "ODS_OBLIGATION_CONNECTED", "connected" },
  { ODS_OBLIGATION_NOT_REQUIRED, "ODS_OBLIGATION_NOT_REQUIRED", "not-required" },
  { 0, NULL, NULL }
};

GType
ods_obligation_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("OdsObligationStatus"),
                                           status_values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

const char *
ods_obligation_status_to_string (OdsObligationStatus status)
{
  g_return_val_if_fail (status < ODS_OBLIGATION_N_STATUSES, NULL);
  return status_values[status].value_nick;
}

const char *
ods_obligation_status_get_display_name (OdsObligationStatus status)
{
  switch (status)
    {
    case ODS_OBLIGATION_SUBMITTED_ON_TIME:
      return _("Submitted on time");
    case ODS_OBLIGATION_SUBMITTED_LATE:
      return _("Submitted late");
    case ODS_OBLIGATION_DUE:
      /* TRANSLATORS: not submitted yet, the deadline has not passed */
      return _("Not yet submitted");
    case ODS_OBLIGATION_OVERDUE:
      /* TRANSLATORS: not submitted, the deadline has passed */
      return _("Overdue");
    case ODS_OBLIGATION_CONNECTED:
      /* TRANSLATORS: the dataset is fed by a link to the unit's own API */
      return _("Connected by API");
    case ODS_OBLIGATION_NOT_REQUIRED:
      /* TRANSLATORS: the dataset is not updated every quarter */
      return _("Not required");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Frequencies, compared after lower-casing and dropping a DCAT/EU vocabulary
 * URI's path ("…/frequency/QUARTERLY" → "quarterly"). ISO 8601 durations
 * ("R/P3M", "P1Y") are handled apart. */
static const char * const required_frequencies[] = {
  "quarterly", "quarter", "3 months", "every 3 months", "quarterly update",
  "monthly", "bimonthly", "semimonthly", "biweekly", "weekly", "semiweekly",
  "daily", "twice a day", "hourly", "continuous", "continuously updated", "realtime", "real-time",
  /* EU Publications Office vocabulary (the URI's last segment) */
  "cont", "update_cont", "monthly_2", "monthly_3", "weekly_2", "weekly_3", "daily_2",
  "bihourly", "trihourly", "12hrs", "1min", "5min", "10min", "15min", "30min",
  "hàng quý", "hằng quý", "theo quý", "quý", "3 tháng", "3 tháng/lần", "định kỳ quý",
  "hàng tháng", "hằng tháng", "theo tháng", "tháng",
  "hàng tuần", "hằng tuần", "hàng ngày", "hằng ngày", "liên tục", "thời gian thực",
  NULL
};

static const char * const other_frequencies[] = {
  "annual", "annually", "yearly", "year", "biennial", "triennial", "quadrennial",
  "quinquennial", "decennial", "semiannual", "biannual", "half-yearly", "six-monthly",
  "irregular", "irreg", "never", "not_planned", "not planned", "as needed", "as_needed",
  "once", "one-off", "annual_2", "annual_3", "bidecennial", "tridecennial",
  "hàng năm", "hằng năm", "theo năm", "năm", "6 tháng", "6 tháng/lần", "nửa năm",
  "hai năm", "5 năm", "không định kỳ", "đột xuất", "một lần", "không cập nhật",
  NULL
};

/* ISO 8601 repeating/duration: "R/P3M", "P3M", "P1Y", "P1W", "PT1H". Sets
 * @required and returns %TRUE when @text is one. */
static gboolean
parse_iso_duration (const char *text,
                    gboolean   *required)
{
  const char *p = text;
  char *end;
  long n;

  if (g_str_has_prefix (p, "r/"))
    p += 2;
  if (*p != 'p')
    return FALSE;
  p++;
  if (*p == 't')
    {
      *required = TRUE;  /* hours, minutes */
      return TRUE;
    }
  n = strtol (p, &end, 10);
  if (end == p || n <= 0 || end[1] != '\0')
    return FALSE;
  switch (*end)
    {
    case 'd':
    case 'w':
      *required = TRUE;
      return TRUE;
    case 'm':
      *required = n <= 3;
      return TRUE;
    case 'y':
      *required = FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ods_obligation_frequency_is_required (const char *frequency)
{
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;
  const char *slash;
  gboolean required;

  if (frequency == NULL)
    return TRUE;
  stripped = g_strstrip (g_strdup (frequency));
  if (*stripped == '\0')
    return TRUE;
  key = g_utf8_strdown (stripped, -1);

  if (parse_iso_duration (key, &required))
    return required;
  /* http://publications.europa.eu/resource/authority/frequency/QUARTERLY,
   * http://purl.org/cld/freq/quarterly */
  if (g_str_has_prefix (key, "http://") || g_str_has_prefix (key, "https://"))
    {
      slash = strrchr (key, '/');
      if (slash != NULL && slash[1] != '\0')
        {
          char *tail = g_strdup (slash + 1);

          g_free (key);
          key = tail;
        }
    }

  if (g_strv_contains (other_frequencies, key))
    return FALSE;
  if (!g_strv_contains (required_frequencies, key))
    g_debug ("Unknown update frequency “%s”: counted as quarterly", frequency);
  return TRUE;
}

static void
ods_obligation_finalize (GObject *object)
{
  OdsObligation *self = ODS_OBLIGATION (object);

  g_free (self->dataset_id);
  g_free (self->dataset_name);
  g_free (self->dataset_title);
  g_free (self->organization);
  g_free (self->frequency);
  g_free (self->resource_id);
  g_free (self->resource_name);
  g_free (self->url);
  g_free (self->sha256);
  g_clear_pointer (&self->submitted_at, g_date_time_unref);
  G_OBJECT_CLASS (ods_obligation_parent_class)->finalize (object);
}

static void
ods_obligation_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OdsObligation *self = ODS_OBLIGATION (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_PERIOD:
      g_value_take_string (value, ods_period_to_string (self->period));
      break;
    case PROP_DATASET_ID:
      g_value_set_string (value, self->dataset_id);
      break;
    case PROP_DATASET_NAME:
      g_value_set_string (value, self->dataset_name);
      break;
    case PROP_DATASET_TITLE:
      g_value_set_string (value, self->dataset_title);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;
    case PROP_RESOURCE_ID:
      g_value_set_string (value, self->resource_id);
      break;
    case PROP_RESOURCE_NAME:
      g_value_set_string (value, self->resource_name);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_DUE_DATE:
      g_value_set_boxed (value, &self->deadline.due_day);
      break;
    case PROP_SUBMITTED_AT:
      g_value_set_boxed (value, self->submitted_at);
      break;
    case PROP_DAYS:
      g_value_set_int (value, self->days);
      break;
    case PROP_LABEL:
      g_value_take_string (value, ods_obligation_dup_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_obligation_class_init (OdsObligationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ods_obligation_finalize;
  object_class->get_property = ods_obligation_get_property;

  /* Every property is read-only: an obligation is a computed snapshot. */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, ODS_TYPE_OBLIGATION_STATUS,
                       ODS_OBLIGATION_DUE, flags);
  properties[PROP_PERIOD] = g_param_spec_string ("period", NULL, NULL, NULL, flags);
  properties[PROP_DATASET_ID] = g_param_spec_string ("dataset-id", NULL, NULL, NULL, flags);
  properties[PROP_DATASET_NAME] = g_param_spec_string ("dataset-name", NULL, NULL, NULL, flags);
  properties[PROP_DATASET_TITLE] = g_param_spec_string ("dataset-title", NULL, NULL, NULL, flags);
  properties[PROP_ORGANIZATION] = g_param_spec_string ("organization", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_ID] = g_param_spec_string ("resource-id", NULL, NULL, NULL, flags);
  properties[PROP_RESOURCE_NAME] = g_param_spec_string ("resource-name", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, NULL, flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_DUE_DATE] = g_param_spec_boxed ("due-date", NULL, NULL, G_TYPE_DATE, flags);
  properties[PROP_SUBMITTED_AT] = g_param_spec_boxed ("submitted-at", NULL, NULL,
                                                      G_TYPE_DATE_TIME, flags);
  properties[PROP_DAYS] = g_param_spec_int ("days", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ods_obligation_init (OdsObligation *self)
{
  self->size = -1;
}

/* When @resource was uploaded: CKAN's last_modified, else its creation. */
static GDateTime *
resource_upload_time (OdsCkanResource *resource)
{
  GDateTime *t = ods_ckan_resource_get_last_modified (resource);

  return t != NULL ? t : ods_ckan_resource_get_created (resource);
}

static gboolean
resource_is_api_link (OdsCkanResource *resource)
{
  const char *url = ods_ckan_resource_get_url (resource);

  return !ods_ckan_resource_is_upload (resource) && url != NULL &&
         (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
          g_ascii_strncasecmp (url, "http://", 7) == 0);
}

/* The resource submitted for @period by @now, or %NULL. */
static OdsCkanResource *
find_submission (OdsCkanPackage *package,
                 OdsPeriod       period,
                 GDateTime      *now)
{
  GPtrArray *resources = ods_ckan_package_get_resources (package);
  g_autoptr(GDateTime) window_start = ods_period_get_window_start (period);
  g_autoptr(GDateTime) window_end = ods_period_get_window_end (period);
  OdsCkanResource *tagged = NULL;
  OdsCkanResource *in_window = NULL;

  for (guint i = 0; i < resources->len; i++)
    {
      OdsCkanResource *res = resources->pdata[i];
      const char *tag = ods_ckan_resource_get_period (res);
      GDateTime *when = resource_upload_time (res);
      OdsPeriod p;

      /* A link has no upload time of its own; a resource changed after
       * @now did not exist yet at @now. */
      if (when == NULL || g_date_time_compare (when, now) > 0)
        continue;
      if (tag != NULL && *tag != '\0')
        {
          /* A resource labelled for another period (or "2026" for a year)
           * belongs to it, whenever it was uploaded. */
          if (!ods_period_parse (tag, &p, NULL) || ods_period_compare (p, period) != 0)
            continue;
          if (tagged == NULL || g_date_time_compare (when, resource_upload_time (tagged)) < 0)
            tagged = res;
        }
      else if (ods_ckan_resource_is_upload (res) &&
               g_date_time_compare (when, window_start) >= 0 &&
               g_date_time_compare (when, window_end) < 0)
        {
          if (in_window == NULL || g_date_time_compare (when, resource_upload_time (in_window)) < 0)
            in_window = res;
        }
    }
  return tagged != NULL ? tagged : in_window;
}

static void
take_resource (OdsObligation   *self,
               OdsCkanResource *res)
{
  const char *sha = ods_ckan_resource_get_sha256 (res);

  self->resource_id = g_strdup (ods_ckan_resource_get_id (res));
  self->resource_name = g_strdup (ods_ckan_resource_get_name (res));
  self->url = g_strdup (ods_ckan_resource_get_url (res));
  self->size = ods_ckan_resource_get_size (res);
  /* CKAN's own "hash" may hold "sha256:…" when a client computed it. */
  if (sha == NULL || *sha == '\0')
    {
      const char *hash = ods_ckan_resource_get_hash (res);

      if (hash != NULL && g_str_has_prefix (hash, "sha256:"))
        sha = hash + strlen ("sha256:");
    }
  self->sha256 = sha != NULL && *sha != '\0' ? g_ascii_strdown (sha, -1) : NULL;
}

OdsObligation *
ods_obligation_new_for_package (OdsCkanPackage        *package,
                                OdsPeriod              period,
                                const OdsDeadlineRule *rule,
                                OdsHolidays           *holidays,
                                GDateTime             *now)
{
  OdsObligation *self;
  OdsCkanOrganization *org;
  OdsCkanResource *submission;

  g_return_val_if_fail (ODS_IS_CKAN_PACKAGE (package), NULL);
  g_return_val_if_fail (ods_period_is_valid (period), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (ODS_TYPE_OBLIGATION, NULL);
  self->period = period;
  ods_deadline_for_period (period, rule, holidays, &self->deadline);
  self->dataset_id = g_strdup (ods_ckan_package_get_id (package));
  self->dataset_name = g_strdup (ods_ckan_package_get_name (package));
  self->dataset_title = g_strdup (ods_ckan_package_get_display_name (package));
  self->frequency = g_strdup (ods_ckan_package_get_frequency (package));
  org = ods_ckan_package_get_organization (package);
  self->organization = g_strdup (org != NULL ? ods_ckan_organization_get_display_name (org)
                                             : ods_ckan_package_get_owner_org (package));

  submission = find_submission (package, period, now);
  if (submission != NULL)
    {
      OdsDeadlineState state;

      take_resource (self, submission);
      self->submitted_at = g_date_time_ref (resource_upload_time (submission));
      state = ods_deadline_evaluate (&self->deadline, self->submitted_at, now, &self->days);
      self->status = state == ODS_DEADLINE_STATE_ON_TIME ? ODS_OBLIGATION_SUBMITTED_ON_TIME
                                                         : ODS_OBLIGATION_SUBMITTED_LATE;
      return self;
    }

  if (!ods_obligation_frequency_is_required (self->frequency))
    {
      self->status = ODS_OBLIGATION_NOT_REQUIRED;
      return self;
    }

  {
    GPtrArray *resources = ods_ckan_package_get_resources (package);

    for (guint i = 0; i < resources->len; i++)
      if (resource_is_api_link (resources->pdata[i]))
        {
          take_resource (self, resources->pdata[i]);
          self->status = ODS_OBLIGATION_CONNECTED;
          return self;
        }
  }

  self->status = ods_deadline_evaluate (&self->deadline, NULL, now, &self->days) ==
                 ODS_DEADLINE_STATE_DUE ? ODS_OBLIGATION_DUE : ODS_OBLIGATION_OVERDUE;
  return self;
}

GListModel *
ods_obligation_list_new (GPtrArray             *packages,
                         OdsPeriod              period,
                         const OdsDeadlineRule *rule,
                         OdsHolidays           *holidays,
                         GDateTime             *now)
{
  GListStore *store = g_list_store_new (ODS_TYPE_OBLIGATION);
  g_autoptr(OdsHolidays) computed = NULL;

  g_return_val_if_fail (packages != NULL, NULL);

  /* One calendar for every dataset rather than one each. */
  if (holidays == NULL)
    holidays = computed = ods_holidays_new ();
  for (guint i = 0; i < packages->len; i++)
    {
      g_autoptr(OdsObligation) o = ods_obligation_new_for_package (packages->pdata[i], period,
                                                                   rule, holidays, now);

      g_list_store_append (store, o);
    }
  return G_LIST_MODEL (store);
}

#define GETTER(type, field) \
  type \
  ods_obligation_get_##field (OdsObligation *self) \
  { \
    g_return_val_if_fail (ODS_IS_OBLIGATION (self), (type) 0); \
    return self->field; \
  }

GETTER (OdsObligationStatus, status)
GETTER (const char *, dataset_id)
GETTER (const char *, dataset_name)
GETTER (const char *, dataset_title)
GETTER (const char *, organization)
GETTER (const char *, frequency)
GETTER (const char *, resource_id)
GETTER (const char *, resource_name)
GETTER (const char *, url)
GETTER (const char *, sha256)
GETTER (gint64, size)
GETTER (GDateTime *, submitted_at)
GETTER (int, days)

#undef GETTER

OdsPeriod
ods_obligation_get_period (OdsObligation *self)
{
  OdsPeriod none = { 0, 0 };

  g_return_val_if_fail (ODS_IS_OBLIGATION (self), none);
  return self->period;
}

const OdsDeadline *
ods_obligation_get_deadline (OdsObligation *self)
{
  g_return_val_if_fail (ODS_IS_OBLIGATION (self), NULL);
  return &self->deadline;
}

char *
ods_obligation_dup_label (OdsObligation *self)
{
  g_return_val_if_fail (ODS_IS_OBLIGATION (self), NULL);

  switch (self->status)
    {
    case ODS_OBLIGATION_SUBMITTED_ON_TIME:
      {
        GDate day;
        g_autofree char *dmy = NULL;

        ods_period_local_date (self->submitted_at, &day);
        dmy = ods_date_format_dmy (&day);
        /* TRANSLATORS: %s is the day it was submitted, 14/10/2026 */
        return g_strdup_printf (_("Submitted on time %s"), dmy);
      }
    case ODS_OBLIGATION_SUBMITTED_LATE:
      /* TRANSLATORS: %d is a number of days */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Submitted %d day late",
                                           "Submitted %d days late", (gulong) self->days),
                              self->days);
    case ODS_OBLIGATION_DUE:
      if (self->days == 0)
        return g_strdup (_("Due today"));
      /* TRANSLATORS: %d is a number of days until the deadline */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left to submit",
                                           "%d days left to submit", (gulong) self->days),
                              self->days);
    case ODS_OBLIGATION_OVERDUE:
      /* TRANSLATORS: %d is a number of days since the deadline */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                           "Overdue by %d days", (gulong) self->days),
                              self->days);
    case ODS_OBLIGATION_CONNECTED:
    case ODS_OBLIGATION_NOT_REQUIRED:
    default:
      return g_strdup (ods_obligation_status_get_display_name (self->status));
    }
}
