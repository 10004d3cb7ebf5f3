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
