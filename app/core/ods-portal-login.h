/* ods-portal-login.h: password sign-in that ends with an API token.
 *
 * The portal's own login form, as CKAN 2.10 needs it: GET /user/login for the
 * CSRF token, POST the form (session cookie), GET a page for a fresh CSRF
 * token, POST api_token_create named "Open Data Submit on <host>" with
 * X-CSRFToken. The password is only sent, never stored or logged.
 */
#pragma once

#include "ods-portal-client.h"

G_BEGIN_DECLS

void  ods_portal_login_async  (OdsPortalClient     *client,
                               const char          *user,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
/* Returns: (transfer full): the new API token. A wrong user name or password
 * is ODS_PORTAL_ERROR_AUTH. */
char *ods_portal_login_finish (OdsPortalClient     *client,
                               GAsyncResult        *result,
                               GError             **error);

/* The CSRF token of a CKAN page (<meta name="_csrf_token" content="…">, or
 * the form's hidden input), or %NULL. Exposed for tests. */
char *ods_portal_login_find_csrf (const char *html,
                                  gsize       len);

G_END_DECLS
