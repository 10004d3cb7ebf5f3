/* ods-credential-store.h: API tokens in the system keyring, never in a file.
 *
 * One small interface, two implementations chosen at build time: libsecret
 * (Secret Service: GNOME Keyring, KWallet) and, on Windows, the Credential
 * Manager (wincred). There is no plaintext fallback. A token is keyed by the
 * portal's normalized URL and the user name; the keyring item's schema is the
 * application id.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ODS_CREDENTIAL_ERROR (ods_credential_error_quark ())

typedef enum
{
  ODS_CREDENTIAL_ERROR_UNAVAILABLE,  /* no keyring service */
  ODS_CREDENTIAL_ERROR_DENIED,       /* locked, or the officer refused */
  ODS_CREDENTIAL_ERROR_FAILED,
} OdsCredentialErrorCode;

GQuark      ods_credential_error_quark           (void);

/* "libsecret" or "wincred". */
const char *ods_credential_store_get_backend_name (void);

gboolean    ods_credential_store_store  (const char    *portal_url,
                                         const char    *user,
                                         const char    *token,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The token for @portal_url and @user (or the first one stored for the portal
 * when @user is %NULL; its user name goes to @out_user). %NULL without an
 * error when nothing is stored. */
char       *ods_credential_store_lookup (const char    *portal_url,
                                         const char    *user,
                                         char         **out_user,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* Removes the token of @user, or every token of the portal when @user is %NULL.
 * Nothing stored is not an error. */
gboolean    ods_credential_store_clear  (const char    *portal_url,
                                         const char    *user,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The same, in a worker thread (the keyring may prompt). */
void        ods_credential_store_lookup_async  (const char          *portal_url,
                                                const char          *user,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char       *ods_credential_store_lookup_finish (GAsyncResult        *result,
                                                char               **out_user,
                                                GError             **error);
void        ods_credential_store_store_async   (const char          *portal_url,
                                                const char          *user,
                                                const char          *token,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    ods_credential_store_store_finish  (GAsyncResult        *result,
                                                GError             **error);

/* OPENDATA_SUBMIT_TOKEN, for unattended jobs only (less safe: the environment
 * of a process can be read by the same user). %NULL when unset or empty. */
char       *ods_credential_store_token_from_env (void);
/* OPENDATA_SUBMIT_USER: the account name that goes with OPENDATA_SUBMIT_TOKEN
 * (CKAN 2.10 cannot tell whose a token is without it). %NULL when unset or empty. */
char       *ods_credential_store_user_from_env  (void);

/* Overwrites and frees a secret string. */
void        ods_credential_store_free_secret   (char *secret);

G_END_DECLS
