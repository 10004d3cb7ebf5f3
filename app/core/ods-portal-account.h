/* ods-portal-account.h: a portal the officer is signed in to.
 *
 * What the sign-in dialog, the CLI and the dataset list share: sign in (API
 * token, or user name and password), check who the token belongs to, keep it
 * in the keyring, remember the portal in portals.ini, list the organizations
 * the account may publish for; open the account again later from the keyring
 * (or OPENDATA_SUBMIT_TOKEN); sign out (withdraw the token, forget it).
 */
#pragma once

#include "ods-portal-client.h"
#include "ods-portal-config.h"

G_BEGIN_DECLS

#define ODS_TYPE_PORTAL_ACCOUNT (ods_portal_account_get_type ())
G_DECLARE_FINAL_TYPE (OdsPortalAccount, ods_portal_account, ODS, PORTAL_ACCOUNT, GObject)

/* Exactly one of @password (with @user) or @token. The token is stored under
 * the account's real user name; @settings (with user filled in) is saved
 * and becomes the portal signed in last. */
void              ods_portal_account_sign_in_async  (const OdsPortalSettings *settings,
                                                     const char              *user,
                                                     const char              *password,
                                                     const char              *token,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
OdsPortalAccount *ods_portal_account_sign_in_finish (GAsyncResult            *result,
                                                     GError                 **error);

/* The account kept for @settings: token from OPENDATA_SUBMIT_TOKEN (with the
 * account name from OPENDATA_SUBMIT_USER, else @settings->user) or the
 * keyring, checked with the portal. Not signed in is ODS_PORTAL_ERROR_AUTH. */
void              ods_portal_account_open_async     (const OdsPortalSettings *settings,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
OdsPortalAccount *ods_portal_account_open_finish    (GAsyncResult            *result,
                                                     GError                 **error);

OdsPortalClient         *ods_portal_account_get_client        (OdsPortalAccount *self);
OdsCkanUser             *ods_portal_account_get_user          (OdsPortalAccount *self);
/* (element-type OdsCkanOrganization): where the account may create datasets. */
GPtrArray               *ods_portal_account_get_organizations (OdsPortalAccount *self);
const OdsPortalSettings *ods_portal_account_get_settings      (OdsPortalAccount *self);

/* Signing out: withdraws the token on the portal (api_token_revoke) when it
 * can, then removes every token of this portal from the keyring and the user
 * name from portals.ini. Only a keyring or settings failure is an error;
 * @revoked tells whether the portal confirmed, @revoke_error why not. */
void              ods_portal_sign_out_async         (const OdsPortalSettings *settings,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
gboolean          ods_portal_sign_out_finish        (GAsyncResult            *result,
                                                     gboolean                *revoked,
                                                     GError                 **revoke_error,
                                                     GError                 **error);

G_END_DECLS
