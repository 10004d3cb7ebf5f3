#define G_LOG_DOMAIN "ods-cli-obligations"

#include "ods-cli-obligations.h"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-cli-time.h"
#include "ods-i18n.h"

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

/* Checks the token (a bad or expired one is answered as anonymous, with no
 * units and no error: who-am-I turns it into a sign-in error), then reads
 * the datasets of every unit the account may add data to. */
static GPtrArray *
unit_packages (OdsPortalClient  *client,
               OdsCkanUser     **out_user,
               GPtrArray       **out_units,
               GError          **error)
{
  g_autoptr(GAsyncResult) who = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) packages = g_ptr_array_new_with_free_func (g_object_unref);

  ods_portal_client_whoami_async (client, NULL, ods_cli_on_result, &who);
  ods_cli_wait (&who);
  user = ods_portal_client_whoami_finish (client, who, error);
  if (user == NULL)
    return NULL;

  ods_portal_client_organization_list_for_user_async (client, NULL, ods_cli_on_result, &result);
  ods_cli_wait (&result);
  units = ods_portal_client_organization_list_for_user_finish (client, result, error);
  if (units == NULL)
    return NULL;

  for (guint i = 0; i < units->len; i++)
    {
      g_autoptr(GAsyncResult) search = NULL;
      g_autoptr(GPtrArray) found = NULL;

      ods_portal_client_package_search_async (client,
                                              ods_ckan_organization_get_id (units->pdata[i]),
                                              NULL, ods_cli_on_result, &search);
      ods_cli_wait (&search);
      found = ods_portal_client_package_search_finish (client, search, error);
      if (found == NULL)
        return NULL;
      for (guint j = 0; j < found->len; j++)
        g_ptr_array_add (packages, g_object_ref (found->pdata[j]));
    }

  *out_user = g_steal_pointer (&user);
  *out_units = g_steal_pointer (&units);
  return g_steal_pointer (&packages);
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
  g_autoptr(OdsPortalClient) client = NULL;
  g_autoptr(GPtrArray) packages = NULL;
  g_autoptr(GPtrArray) packages_kept = NULL;
  g_autoptr(OdsCkanUser) user = NULL;
  OdsDeadlineRule rule = ODS_DEADLINE_RULE_INIT;

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

  holidays = ods_holidays_new_default (NULL, &error);
  if (holidays == NULL)
    {
      ods_cli_error ("%s", error->message);
      return NULL;
    }
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
  client = ods_cli_portal_client (settings, TRUE, &error);
  if (client != NULL)
    packages = unit_packages (client, &user, &self->units, &error);
  if (packages == NULL)
    {
      *exit_code = ods_cli_portal_fail (error);
      return NULL;
    }
  self->portal_url = g_strdup (ods_portal_client_get_url (client));
  self->user = g_strdup (ods_ckan_user_get_display_name (user));

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
