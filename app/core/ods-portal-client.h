/* ods-portal-client.h: one CKAN portal (Action API v3), spoken to asynchronously.
 *
 * One SoupSession per portal: user agent "opendata-submit/VERSION", timeouts,
 * the system proxy, an optional CA file. https:// is required; http:// only
 * for loopback (the stand-in portal) or with allow-insecure. Every failure is
 * an ODS_PORTAL_ERROR (or G_IO_ERROR_CANCELLED). Set OPENDATA_SUBMIT_DEBUG_HTTP=1
 * to log request and response headers, with tokens and cookies redacted.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "ods-ckan-organization.h"
#include "ods-ckan-package.h"
#include "ods-ckan-resource.h"
#include "ods-ckan-status.h"
#include "ods-ckan-user.h"
#include "ods-multipart-stream.h"

G_BEGIN_DECLS

#define ODS_TYPE_PORTAL_CLIENT (ods_portal_client_get_type ())
G_DECLARE_FINAL_TYPE (OdsPortalClient, ods_portal_client, ODS, PORTAL_CLIENT, GObject)

/* Checks @url (https, or http on loopback / with @allow_insecure) and loads
 * @ca_file (PEM, may be %NULL: the system's authorities). */
OdsPortalClient *ods_portal_client_new          (const char       *url,
                                                 gboolean          allow_insecure,
                                                 const char       *ca_file,
                                                 GError          **error);
/* Normalized: scheme, host, path ending in "/". */
const char      *ods_portal_client_get_url      (OdsPortalClient  *self);
const char      *ods_portal_client_get_host     (OdsPortalClient  *self);
/* The API token sent in the Authorization header; %NULL for anonymous. Never logged. */
void             ods_portal_client_set_token    (OdsPortalClient  *self,
                                                 const char       *token);
gboolean         ods_portal_client_has_token    (OdsPortalClient  *self);
/* The account name, when known: lets user_show check a token on portals
 * where user_show without id is not "who am I". */
void             ods_portal_client_set_user_name (OdsPortalClient *self,
                                                  const char      *user_name);
/* Seconds without progress before a request fails with TIMEOUT (default 60).
 * Only before the first request: the session may then be sending a file
 * from a worker thread, and libsoup's session settings are not to change
 * under it. */
void             ods_portal_client_set_timeout  (OdsPortalClient  *self,
                                                 guint             seconds);
SoupSession     *ods_portal_client_get_session  (OdsPortalClient  *self);
/* Datasets per package_search page (default 100); all pages are always read. */
void             ods_portal_client_set_page_size (OdsPortalClient *self,
                                                  guint            rows);

/* status_show: version and plugins (validation, scheming_datasets, xloader). */
void             ods_portal_client_status_show_async   (OdsPortalClient     *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OdsCkanStatus   *ods_portal_client_status_show_finish  (OdsPortalClient     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Who am I. A bad or expired token makes CKAN answer as anonymous, not 401:
 * that, or no token, is an ODS_PORTAL_ERROR_AUTH "the token is invalid or expired". */
void             ods_portal_client_whoami_async        (OdsPortalClient     *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OdsCkanUser     *ods_portal_client_whoami_finish       (OdsPortalClient     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* api_token_revoke of the client's own token (sign-out): the token stops
 * working on the portal. Returns TRUE when the portal confirmed. */
void             ods_portal_client_revoke_token_async  (OdsPortalClient     *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         ods_portal_client_revoke_token_finish (OdsPortalClient     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* organization_list_for_user?permission=create_dataset.
 * Returns: (element-type OdsCkanOrganization) */
void             ods_portal_client_organization_list_for_user_async  (OdsPortalClient     *self,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
GPtrArray       *ods_portal_client_organization_list_for_user_finish (OdsPortalClient     *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);

/* package_search fq=owner_org:"@owner_org" include_private=true, all pages.
 * @owner_org may be %NULL (every dataset the account can see).
 * Returns: (element-type OdsCkanPackage) */
void             ods_portal_client_package_search_async  (OdsPortalClient     *self,
                                                          const char          *owner_org,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray       *ods_portal_client_package_search_finish (OdsPortalClient     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

void             ods_portal_client_package_show_async  (OdsPortalClient     *self,
                                                        const char          *id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
OdsCkanPackage  *ods_portal_client_package_show_finish (OdsPortalClient     *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void             ods_portal_client_resource_show_async  (OdsPortalClient     *self,
                                                         const char          *id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
OdsCkanResource *ods_portal_client_resource_show_finish (OdsPortalClient     *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* resource_create (@fields must hold "package_id") or resource_patch (@fields
 * must hold "id"; never resource_update, which drops custom fields).
 * @fields: NULL-terminated name, value, … pairs. With @upload the request is a
 * streamed multipart/form-data with the file as "upload"; without, JSON.
 * @progress is called on the main thread while the body is sent. */
void             ods_portal_client_resource_create_async  (OdsPortalClient     *self,
                                                           const char * const  *fields,
                                                           GFile               *upload,
                                                           const char          *upload_content_type,
                                                           OdsProgressFunc      progress,
                                                           gpointer             progress_data,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
OdsCkanResource *ods_portal_client_resource_create_finish (OdsPortalClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void             ods_portal_client_resource_patch_async   (OdsPortalClient     *self,
                                                           const char * const  *fields,
                                                           GFile               *upload,
                                                           const char          *upload_content_type,
                                                           OdsProgressFunc      progress,
                                                           gpointer             progress_data,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
OdsCkanResource *ods_portal_client_resource_patch_finish  (OdsPortalClient     *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* ckanext-validation's resource_validation_show. */
void               ods_portal_client_resource_validation_show_async  (OdsPortalClient     *self,
                                                                      const char          *resource_id,
                                                                      GCancellable        *cancellable,
                                                                      GAsyncReadyCallback  callback,
                                                                      gpointer             user_data);
OdsCkanValidation *ods_portal_client_resource_validation_show_finish (OdsPortalClient     *self,
                                                                      GAsyncResult        *result,
                                                                      GError             **error);

/* Downloads @url into @destination (replaced; %NULL: only hashed, nothing
 * written) while computing its SHA-256.
 * The token is sent only when @url is on the portal itself.
 * Returns: (transfer full): the hex digest; @size receives the byte count. */
void             ods_portal_client_download_async  (OdsPortalClient     *self,
                                                    const char          *url,
                                                    GFile               *destination,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char            *ods_portal_client_download_finish (OdsPortalClient     *self,
                                                    GAsyncResult        *result,
                                                    goffset             *size,
                                                    GError             **error);

/* What a URL answers (link mode): never sends the portal's token. */
typedef struct
{
  guint   status;
  char   *content_type;   /* without parameters, lower case; may be NULL */
  GBytes *sample;         /* up to the first 64 KiB */
} OdsLinkProbe;

void             ods_link_probe_free                (OdsLinkProbe *probe);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsLinkProbe, ods_link_probe_free)

void             ods_portal_client_probe_url_async  (OdsPortalClient     *self,
                                                     const char          *url,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
OdsLinkProbe    *ods_portal_client_probe_url_finish (OdsPortalClient     *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* Downloads what a link answers into @destination (replaced), to check it:
 * never sends the portal's token (nor any cookie), stops with
 * ODS_PORTAL_ERROR_TOO_LARGE beyond @max_bytes (0: no limit). */
void             ods_portal_client_fetch_link_async  (OdsPortalClient     *self,
                                                      const char          *url,
                                                      GFile               *destination,
                                                      guint64              max_bytes,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         ods_portal_client_fetch_link_finish (OdsPortalClient     *self,
                                                      GAsyncResult        *result,
                                                      goffset             *size,
                                                      GError             **error);

/* For sign-in (ods-portal-login): a new session with the same settings (proxy,
 * CA, timeouts, logging) and its own cookie jar, and the portal address of @path. */
SoupSession     *ods_portal_client_new_cookie_session (OdsPortalClient *self);
char            *ods_portal_client_build_url          (OdsPortalClient *self,
                                                       const char      *path);

/* Sends @msg on @session and reads at most ODS_PORTAL_MAX_RESPONSE_BYTES of the
 * answer; transport failures become ODS_PORTAL_ERROR. The status is not checked. */
void             ods_portal_send_and_read_async   (SoupSession         *session,
                                                   SoupMessage         *msg,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GBytes          *ods_portal_send_and_read_finish  (GAsyncResult        *result,
                                                   GError             **error);

G_END_DECLS
