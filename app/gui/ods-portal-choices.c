#define G_LOG_DOMAIN "ods-portal-choices"

#include "ods-portal-choices.h"
#include "ods-i18n.h"

/* Built-in presets. A province build adds its own portal here, first. */
static const struct
{
  const char *name;   /* N_() */
  const char *url;
  gboolean    allow_insecure;
} presets[] = {
  { N_("Demo portal on this computer"), "http://127.0.0.1:5000", TRUE },
};

void
ods_portal_choice_free (OdsPortalChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->name);
  g_free (choice->url);
  g_free (choice->ca_file);
  g_free (choice);
}

static gboolean
has_url (GPtrArray  *choices,
         const char *url)
{
  for (guint i = 0; i < choices->len; i++)
    {
      const OdsPortalChoice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->url, url))
        return TRUE;
    }

  return FALSE;
}

/**
 * ods_portal_choices_load:
 * @settings: (nullable): the application settings, or %NULL for presets only
 *
 * Returns: (transfer full): a #GPtrArray of #OdsPortalChoice, presets first,
 *   then the portals the user added, without duplicate addresses.
 */
GPtrArray *
ods_portal_choices_load (GSettings *settings)
{
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_portal_choice_free);
  g_autoptr(GVariant) stored = NULL;
  GVariantIter iter;
  const char *name, *url, *ca_file;
  gboolean allow_insecure;

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      OdsPortalChoice *choice = g_new0 (OdsPortalChoice, 1);

      choice->name = g_strdup (_(presets[i].name));
      choice->url = g_strdup (presets[i].url);
      choice->ca_file = g_strdup ("");
      choice->allow_insecure = presets[i].allow_insecure;
      choice->preset = TRUE;
      g_ptr_array_add (choices, choice);
    }

  if (settings == NULL)
    return g_steal_pointer (&choices);

  stored = g_settings_get_value (settings, "portals");
  g_variant_iter_init (&iter, stored);
  while (g_variant_iter_next (&iter, "(&s&s&sb)", &name, &url, &ca_file, &allow_insecure))
    {
      OdsPortalChoice *choice;

      if (*url == '\0' || has_url (choices, url))
        continue;

      choice = g_new0 (OdsPortalChoice, 1);
      choice->name = g_strdup (*name != '\0' ? name : url);
      choice->url = g_strdup (url);
      choice->ca_file = g_strdup (ca_file);
      choice->allow_insecure = allow_insecure;
      g_ptr_array_add (choices, choice);
    }

  return g_steal_pointer (&choices);
}

/**
 * ods_portal_address_check:
 * @url: what the officer typed, trimmed
 *
 * Plain HTTP is only accepted for a portal on this computer (the demo
 * portal), and only when the portal entry allows it.
 */
OdsPortalAddress
ods_portal_address_check (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return ODS_PORTAL_ADDRESS_INVALID;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return ODS_PORTAL_ADDRESS_INVALID;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return ODS_PORTAL_ADDRESS_INVALID;

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return ODS_PORTAL_ADDRESS_OK;

  if (g_ascii_strcasecmp (scheme, "http") != 0)
    return ODS_PORTAL_ADDRESS_INVALID;

  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_prefix (host, "127.") ||
      g_str_equal (host, "::1") || g_str_equal (host, "[::1]"))
    return ODS_PORTAL_ADDRESS_LOOPBACK_HTTP;

  return ODS_PORTAL_ADDRESS_INSECURE;
}

/**
 * ods_portal_choices_store:
 * @replace_url: (nullable): the address of the portal being edited, or %NULL
 *   to add one
 *
 * Adds or replaces a portal in the "portals" setting.
 *
 * Returns: %FALSE if another stored portal already has @url
 */
gboolean
ods_portal_choices_store (GSettings  *settings,
                          const char *replace_url,
                          const char *name,
                          const char *url,
                          const char *ca_file,
                          gboolean    allow_insecure)
{
  g_autoptr(GVariant) stored = g_settings_get_value (settings, "portals");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sssb)"));
  const char *s_name, *s_url, *s_ca;
  gboolean s_insecure;
  gboolean replaced = FALSE;
  GVariantIter iter;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (name != NULL && url != NULL, FALSE);

  g_variant_iter_init (&iter, stored);
  while (g_variant_iter_next (&iter, "(&s&s&sb)", &s_name, &s_url, &s_ca, &s_insecure))
    {
      if (replace_url != NULL && g_str_equal (s_url, replace_url))
        {
          g_variant_builder_add (builder, "(sssb)", name, url, ca_file ? ca_file : "", allow_insecure);
          replaced = TRUE;
          continue;
        }

      if (g_str_equal (s_url, url))
        return FALSE;

      g_variant_builder_add (builder, "(sssb)", s_name, s_url, s_ca, s_insecure);
    }

  if (!replaced)
    g_variant_builder_add (builder, "(sssb)", name, url, ca_file ? ca_file : "", allow_insecure);

  return g_settings_set_value (settings, "portals", g_variant_builder_end (builder));
}

/**
 * ods_portal_choices_remove:
 *
 * Returns: %TRUE if a stored portal with @url was removed
 */
gboolean
ods_portal_choices_remove (GSettings  *settings,
                           const char *url)
{
  g_autoptr(GVariant) stored = g_settings_get_value (settings, "portals");
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a(sssb)"));
  const char *s_name, *s_url, *s_ca;
  gboolean s_insecure;
  gboolean removed = FALSE;
  GVariantIter iter;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  g_variant_iter_init (&iter, stored);
  while (g_variant_iter_next (&iter, "(&s&s&sb)", &s_name, &s_url, &s_ca, &s_insecure))
    {
      if (g_strcmp0 (s_url, url) == 0)
        removed = TRUE;
      else
        g_variant_builder_add (builder, "(sssb)", s_name, s_url, s_ca, s_insecure);
    }

  if (removed)
    g_settings_set_value (settings, "portals", g_variant_builder_end (builder));

  return removed;
}
