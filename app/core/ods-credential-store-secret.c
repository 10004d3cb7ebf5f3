#define G_LOG_DOMAIN "ods-credential-store"

/* The libsecret (Secret Service) backend: everything but Windows. */

#include "config.h"

#include <glib.h>

#ifndef G_OS_WIN32

#include "ods-credential-store-private.h"
#include "ods-i18n.h"

#include <libsecret/secret.h>

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

const char *
ods_credential_backend_name (void)
{
  return "libsecret";
}

static GError *
map_error (GError *error)
{
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR)
    mapped = g_error_new (ODS_CREDENTIAL_ERROR, ODS_CREDENTIAL_ERROR_UNAVAILABLE, "%s\n%s",
                          _("The system keyring is not available, so the token cannot be "
                            "kept safely. Start the desktop’s keyring (GNOME Keyring or "
                            "KWallet) and try again; for unattended jobs see "
                            "OPENDATA_SUBMIT_TOKEN."),
                          error->message);
  else if (error->domain == SECRET_ERROR && error->code == SECRET_ERROR_IS_LOCKED)
    mapped = g_error_new (ODS_CREDENTIAL_ERROR, ODS_CREDENTIAL_ERROR_DENIED, "%s\n%s",
                          _("The system keyring is locked. Unlock it (it may ask for your "
                            "computer password) and try again."),
                          error->message);
  else
    mapped = g_error_new (ODS_CREDENTIAL_ERROR, ODS_CREDENTIAL_ERROR_FAILED, "%s\n%s",
                          _("The token could not be kept in the system keyring. Try again; "
                            "if it goes on, tell your IT department."),
                          error->message);
  g_error_free (error);
  return mapped;
}

gboolean
ods_credential_backend_store (const char    *portal_url,
                              const char    *user,
                              const char    *token,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  /* TRANSLATORS: the keyring item's label: %s is user name, then the portal address */
  label = g_strdup_printf (_("Open Data Submit token for %s on %s"), user, portal_url);
  if (!secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                   cancellable, &local_error,
                                   "portal", portal_url, "user", user, NULL))
    {
      g_propagate_error (error, map_error (local_error));
      return FALSE;
    }
  return TRUE;
}

char *
ods_credential_backend_lookup (const char    *portal_url,
                               const char    *user,
                               char         **out_user,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GHashTable) attrs = NULL;
  GError *local_error = NULL;
  GList *items;
  char *token = NULL;

  if (user != NULL)
    {
      char *secret = secret_password_lookup_sync (get_schema (), cancellable, &local_error,
                                                  "portal", portal_url, "user", user, NULL);

      if (local_error != NULL)
        {
          g_propagate_error (error, map_error (local_error));
          return NULL;
        }
      if (secret != NULL && out_user != NULL)
        *out_user = g_strdup (user);
      token = g_strdup (secret);
      secret_password_free (secret);
      return token;
    }

  attrs = secret_attributes_build (get_schema (), "portal", portal_url, NULL);
  items = secret_password_searchv_sync (get_schema (), attrs,
                                        SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                        cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error));
      return NULL;
    }
  if (items != NULL)
    {
      SecretRetrievable *item = items->data;
      g_autoptr(SecretValue) value = secret_retrievable_retrieve_secret_sync (item, cancellable, &local_error);
      g_autoptr(GHashTable) item_attrs = secret_retrievable_get_attributes (item);

      if (local_error != NULL)
        {
          g_list_free_full (items, g_object_unref);
          g_propagate_error (error, map_error (local_error));
          return NULL;
        }
      if (value != NULL)
        {
          token = g_strdup (secret_value_get_text (value));
          if (out_user != NULL)
            *out_user = g_strdup (g_hash_table_lookup (item_attrs, "user"));
        }
    }
  g_list_free_full (items, g_object_unref);
  return token;
}

gboolean
ods_credential_backend_clear (const char    *portal_url,
                              const char    *user,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local_error = NULL;

  if (user != NULL)
    secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                "portal", portal_url, "user", user, NULL);
  else
    secret_password_clear_sync (get_schema (), cancellable, &local_error,
                                "portal", portal_url, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, map_error (local_error));
      return FALSE;
    }
  return TRUE;
}

#endif /* !G_OS_WIN32 */
