#define G_LOG_DOMAIN "ods-rule-settings"

#include "config.h"

#include "ods-rule-settings.h"

#include <gio/gio.h>

/* The application's settings, or %NULL when the schema is not installed
 * (g_settings_new() would abort). */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * ods_rule_settings_load_rule:
 *
 * Fills @rule with the law's defaults (15 days, the first day not counted,
 * a last day off moved to the next working day), then with the settings'
 * number of days and first-day choice when they are installed.
 */
void
ods_rule_settings_load_rule (OdsDeadlineRule *rule)
{
  g_autoptr(GSettings) settings = app_settings ();

  ods_deadline_rule_init_default (rule);
  if (settings == NULL)
    return;

  rule->days = g_settings_get_uint (settings, "deadline-days");
  rule->first_day_counts = g_settings_get_boolean (settings, "deadline-first-day-counts");
  if (rule->days == 0)
    rule->days = 15;
}

/**
 * ods_rule_settings_load_holidays:
 *
 * The shipped holiday data plus the administrator's file: the one named by
 * $OPENDATA_SUBMIT_HOLIDAYS, else the one in the settings.
 *
 * Returns: (transfer full): the holidays, or %NULL when the administrator's
 *   file is unusable (@error says why and what to do)
 */
OdsHolidays *
ods_rule_settings_load_holidays (GError **error)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("OPENDATA_SUBMIT_HOLIDAYS") == NULL && (settings = app_settings ()) != NULL)
    path = g_settings_get_string (settings, "extra-holidays-file");

  return ods_holidays_new_default (path, error);
}
