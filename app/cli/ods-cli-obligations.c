#define G_LOG_DOMAIN "ods-cli-obligations"

#include "ods-cli-obligations.h"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-cli-time.h"
#include "ods-i18n.h"
#include "ods-rule-settings.h"
#include "ods-unit-datasets.h"

void
ods_cli_obligations_free (OdsCliObligations *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->portal_url);
  g_free (self->user);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_object (&self->obligations);
  g_free (self);
}

static gboolean
unit_matches (OdsCkanOrganization *org,
              const char          *unit)
{
  return g_strcmp0 (ods_ckan_organization_get_name (org), unit) == 0 ||
         g_strcmp0 (ods_ckan_organization_get_id (org), unit) == 0 ||
         g_strcmp0 (ods_ckan_organization_get_title (org), unit) == 0;
}

OdsCliObligations *
ods_cli_obligations_load (const char *portal_url,
                          const char *period_text,
                          const char *unit,
                          int        *exit_code)
{
  g_autoptr(OdsCliObligations) self = g_new0 (OdsCliObligations, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsHolidays) holidays = NULL;
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) packages_kept = NULL;
  GPtrArray *orgs;
  OdsDeadlineRule rule;

  *exit_code = ODS_EXIT_USAGE;
  self->now = ods_cli_now (&error);
  if (self->now == NULL)
    {
      ods_cli_error ("%s", error->message);
      return NULL;
    }
  if (period_text != NULL)
    {
      if (!ods_period_parse (period_text, &self->period, &error))
        {
          ods_cli_error ("%s", error->message);
          return NULL;
        }
    }
  else
    self->period = ods_period_due_at (self->now);

  holidays = ods_rule_settings_load_holidays (&error);
  if (holidays == NULL)
    {
      ods_cli_error ("%s", error->message);
      return NULL;
    }
  ods_rule_settings_load_rule (&rule);
  ods_deadline_for_period (self->period, &rule, holidays, &self->deadline);

  config = ods_portal_config_load (NULL, &error);
  if (config == NULL)
    {
      ods_cli_error ("%s", error->message);
      return NULL;
    }
  settings = ods_cli_portal_settings (config, portal_url);
  if (settings == NULL)
    return NULL;
  /* Opening checks the token with the portal (who am I) and lists the units. */
  account = ods_cli_portal_open (settings, &error);
  if (account != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;

      ods_unit_datasets_load_async (account, NULL, ods_cli_on_result, &result);
      ods_cli_wait (&result);
      packages = ods_unit_datasets_load_finish (account, result, &error);
    }
  if (packages == NULL)
    {
      *exit_code = ods_cli_portal_fail (error);
      return NULL;
    }
  /* A copy: --unit below narrows it. */
  orgs = ods_portal_account_get_organizations (account);
  self->units = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < orgs->len; i++)
    g_ptr_array_add (self->units, g_object_ref (orgs->pdata[i]));
  self->portal_url = g_strdup (ods_portal_client_get_url (ods_portal_account_get_client (account)));
  self->user = g_strdup (ods_ckan_user_get_display_name (ods_portal_account_get_user (account)));

  if (unit != NULL)
    {
      g_autoptr(GPtrArray) kept = g_ptr_array_new ();
      const char *org_id = NULL;

      for (guint i = self->units->len; i > 0; i--)
        if (unit_matches (self->units->pdata[i - 1], unit))
          org_id = ods_ckan_organization_get_id (self->units->pdata[i - 1]);
        else
          g_ptr_array_remove_index (self->units, i - 1);
      if (org_id == NULL)
        {
          /* TRANSLATORS: %s is the unit the user asked for, then the portal */
          ods_cli_error (_("Your account may not add data to a unit called “%s” on %s. Check "
                           "the unit’s name, or leave out --unit to see all of yours."),
                         unit, self->portal_url);
          *exit_code = ODS_EXIT_USAGE;
          return NULL;
        }
      for (guint i = 0; i < packages->len; i++)
        if (g_strcmp0 (ods_ckan_package_get_owner_org (packages->pdata[i]), org_id) == 0)
          g_ptr_array_add (kept, packages->pdata[i]);
      packages_kept = g_steal_pointer (&kept);
    }
  else if (self->units->len == 0)
    {
      /* TRANSLATORS: %s is the portal's address */
      ods_cli_error (_("This account may not add data to any unit on %s. Ask the portal’s "
                       "administrator to make you an editor of your unit."), self->portal_url);
      *exit_code = ODS_EXIT_REJECTED;
      return NULL;
    }

  self->obligations = ods_obligation_list_new (packages_kept ? packages_kept : packages,
                                               self->period, &rule, holidays, self->now);

  *exit_code = ODS_EXIT_OK;
  return g_steal_pointer (&self);
}

char *
ods_cli_obligations_dup_unit_names (OdsCliObligations *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->units->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ods_ckan_organization_get_display_name (self->units->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}
