#define G_LOG_DOMAIN "ods-cli-datasets"

#include "ods-cli.h"
#include "ods-cli-portal.h"
#include "ods-i18n.h"

#include <stdio.h>

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_resource_json (JsonBuilder     *b,
                   OdsCkanResource *res)
{
  GDateTime *lm = ods_ckan_resource_get_last_modified (res);
  g_autofree char *lm_text = lm ? g_date_time_format_iso8601 (lm) : NULL;

  json_builder_begin_object (b);
  add_string (b, "id", ods_ckan_resource_get_id (res));
  add_string (b, "name", ods_ckan_resource_get_name (res));
  add_string (b, "period", ods_ckan_resource_get_period (res));
  add_string (b, "format", ods_ckan_resource_get_format (res));
  add_string (b, "last_modified", lm_text);
  json_builder_set_member_name (b, "size");
  if (ods_ckan_resource_get_size (res) >= 0)
    json_builder_add_int_value (b, ods_ckan_resource_get_size (res));
  else
    json_builder_add_null_value (b);
  add_string (b, "url", ods_ckan_resource_get_url (res));
  json_builder_set_member_name (b, "upload");
  json_builder_add_boolean_value (b, ods_ckan_resource_is_upload (res));
  json_builder_set_member_name (b, "has_schema");
  json_builder_add_boolean_value (b, ods_ckan_resource_get_schema (res) != NULL);
  add_string (b, "submission_id", ods_ckan_resource_get_submission_id (res));
  json_builder_end_object (b);
}

static void
print_package (OdsCkanPackage *pkg)
{
  GPtrArray *resources = ods_ckan_package_get_resources (pkg);

  /* TRANSLATORS: a dataset line: title, then its identifier */
  printf (_("  %s  [%s]"), ods_ckan_package_get_display_name (pkg), ods_ckan_package_get_name (pkg));
  if (ods_ckan_package_get_private (pkg))
    printf (" %s", _("(private)"));
  if (ods_ckan_package_get_frequency (pkg) != NULL)
    printf (" — %s", ods_ckan_package_get_frequency (pkg));
  printf ("\n");
  if (resources->len == 0)
    printf ("      %s\n", _("no resources yet"));
  for (guint i = 0; i < resources->len; i++)
    {
      OdsCkanResource *res = g_ptr_array_index (resources, i);
      GDateTime *lm = ods_ckan_resource_get_last_modified (res);
      g_autoptr(GDateTime) local = lm ? g_date_time_to_local (lm) : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("—");

      printf ("      %-10s %-6s %s  %s  (%s)\n",
              ods_ckan_resource_get_period (res) ? ods_ckan_resource_get_period (res) : "—",
              ods_ckan_resource_get_format (res) && *ods_ckan_resource_get_format (res)
                ? ods_ckan_resource_get_format (res) : "—",
              when,
              ods_ckan_resource_get_name (res) ? ods_ckan_resource_get_name (res) : "",
              ods_ckan_resource_get_id (res));
    }
}

/* opendata-submit datasets [--portal URL] [--json] */
int
ods_cli_datasets (int    argc,
                  char **argv)
{
  g_autofree char *portal = NULL;
  gboolean as_json = FALSE;
  GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal, N_("The portal (default: the one signed in last)"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    ods_cli_option_context_new ("datasets", NULL,
                                _("Lists the datasets your unit may update, with their resources, "
                                  "periods and formats."), entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalAccount) account = NULL;
  int code;
  g_autoptr(GAsyncResult) result = NULL;
  OdsPortalClient *client;
  GPtrArray *orgs;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  account = ods_cli_portal_account (portal, NULL, &code);
  if (account == NULL)
    return code;
  client = ods_portal_account_get_client (account);
  orgs = ods_portal_account_get_organizations (account);

  json_builder_begin_array (b);
  if (orgs->len == 0 && !as_json)
    printf ("%s\n", _("This account may not publish for any organization yet. Ask the portal "
                      "administrator to make it an editor of your unit."));
  for (guint i = 0; i < orgs->len; i++)
    {
      OdsCkanOrganization *org = g_ptr_array_index (orgs, i);
      g_autoptr(GPtrArray) packages = NULL;

      ods_portal_client_package_search_async (client, ods_ckan_organization_get_id (org), NULL,
                                              ods_cli_on_result, &result);
      ods_cli_wait (&result);
      packages = ods_portal_client_package_search_finish (client, result, &error);
      g_clear_object (&result);
      if (packages == NULL)
        return ods_cli_portal_fail (error);

      if (as_json)
        {
          json_builder_begin_object (b);
          add_string (b, "organization_id", ods_ckan_organization_get_id (org));
          add_string (b, "organization", ods_ckan_organization_get_name (org));
          add_string (b, "organization_title", ods_ckan_organization_get_display_name (org));
          json_builder_set_member_name (b, "datasets");
          json_builder_begin_array (b);
          for (guint j = 0; j < packages->len; j++)
            {
              OdsCkanPackage *pkg = g_ptr_array_index (packages, j);
              GPtrArray *resources = ods_ckan_package_get_resources (pkg);

              json_builder_begin_object (b);
              add_string (b, "id", ods_ckan_package_get_id (pkg));
              add_string (b, "name", ods_ckan_package_get_name (pkg));
              add_string (b, "title", ods_ckan_package_get_title (pkg));
              json_builder_set_member_name (b, "private");
              json_builder_add_boolean_value (b, ods_ckan_package_get_private (pkg));
              add_string (b, "frequency", ods_ckan_package_get_frequency (pkg));
              json_builder_set_member_name (b, "resources");
              json_builder_begin_array (b);
              for (guint k = 0; k < resources->len; k++)
                add_resource_json (b, g_ptr_array_index (resources, k));
              json_builder_end_array (b);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      else
        {
          printf ("%s\n", ods_ckan_organization_get_display_name (org));
          if (packages->len == 0)
            printf ("  %s\n", _("no datasets"));
          for (guint j = 0; j < packages->len; j++)
            print_package (g_ptr_array_index (packages, j));
        }
    }
  json_builder_end_array (b);

  if (as_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  return ODS_EXIT_OK;
}
