/* ods-portal-error.h: one error domain for everything that can go wrong talking to a CKAN portal. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ODS_PORTAL_ERROR (ods_portal_error_quark ())

/**
 * OdsPortalErrorCode:
 * @ODS_PORTAL_ERROR_AUTH: not signed in, or the token is invalid or expired
 * @ODS_PORTAL_ERROR_FORBIDDEN: signed in, but this account may not do that
 * @ODS_PORTAL_ERROR_NOT_FOUND: the dataset or resource does not exist (or is hidden)
 * @ODS_PORTAL_ERROR_VALIDATION: the portal rejected fields; see ods_portal_error_get_fields()
 * @ODS_PORTAL_ERROR_TOO_LARGE: the file is larger than the portal accepts
 * @ODS_PORTAL_ERROR_SERVER: the portal failed or is unavailable (5xx); try again later
 * @ODS_PORTAL_ERROR_NETWORK: no connection, connection dropped, address not found
 * @ODS_PORTAL_ERROR_TLS: the secure connection could not be checked (certificate)
 * @ODS_PORTAL_ERROR_PROXY: the proxy refused or failed
 * @ODS_PORTAL_ERROR_TIMEOUT: the portal did not answer in time
 * @ODS_PORTAL_ERROR_BAD_REQUEST: the portal did not understand the request (bare 400)
 * @ODS_PORTAL_ERROR_BAD_RESPONSE: the answer is not what a CKAN portal sends
 * @ODS_PORTAL_ERROR_INSECURE_URL: an http:// address that is not allowed
 * @ODS_PORTAL_ERROR_NOT_CONFIRMED: the upload finished but the portal does not hold the same file
 * @ODS_PORTAL_ERROR_INVALID_DATA: a linked data service's answer does not match the dataset's schema
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED, never with this domain.
 */
typedef enum
{
  ODS_PORTAL_ERROR_AUTH,
  ODS_PORTAL_ERROR_FORBIDDEN,
  ODS_PORTAL_ERROR_NOT_FOUND,
  ODS_PORTAL_ERROR_VALIDATION,
  ODS_PORTAL_ERROR_TOO_LARGE,
  ODS_PORTAL_ERROR_SERVER,
  ODS_PORTAL_ERROR_NETWORK,
  ODS_PORTAL_ERROR_TLS,
  ODS_PORTAL_ERROR_PROXY,
  ODS_PORTAL_ERROR_TIMEOUT,
  ODS_PORTAL_ERROR_BAD_REQUEST,
  ODS_PORTAL_ERROR_BAD_RESPONSE,
  ODS_PORTAL_ERROR_INSECURE_URL,
  ODS_PORTAL_ERROR_NOT_CONFIRMED,
  ODS_PORTAL_ERROR_INVALID_DATA,
} OdsPortalErrorCode;

/* Largest JSON answer read from a portal; more is an error, not an allocation. */
#define ODS_PORTAL_MAX_RESPONSE_BYTES (64 * 1024 * 1024)

GQuark      ods_portal_error_quark (void);

/* Builds an error: @message is the translated sentence for the officer, @detail
 * the technical part (may be %NULL); the GError message is both, detail last. */
GError     *ods_portal_error_new            (OdsPortalErrorCode code,
                                             guint              http_status,
                                             const char        *message,
                                             const char        *detail);

/* Same, with the standard sentence for @code. */
GError     *ods_portal_error_new_simple     (OdsPortalErrorCode code,
                                             guint              http_status,
                                             const char        *detail);

/* Maps an HTTP answer that is not a CKAN success to an error. When the body
 * is a CKAN success envelope with status 200, returns %NULL and sets
 * @result (transfer full) to the "result" member. */
GError     *ods_portal_error_from_response  (guint              http_status,
                                             const char        *content_type,
                                             GBytes            *body,
                                             JsonNode         **result);

/* Maps a transport error (GIO, GTLS, GResolver, libsoup) to this domain.
 * Cancellation stays %G_IO_ERROR_CANCELLED. */
GError     *ods_portal_error_from_transport (const GError      *error);

/* Field name -> NULL-terminated array of messages, for VALIDATION errors
 * (and TOO_LARGE from a 409); %NULL otherwise. Owned by the error. */
GHashTable *ods_portal_error_get_fields     (const GError      *error);
/* The HTTP status the error came from, or 0. */
guint       ods_portal_error_get_http_status (const GError     *error);
/* The technical detail (the portal's own words), or %NULL. */
const char *ods_portal_error_get_detail     (const GError      *error);
/* The translated sentence without the detail. */
const char *ods_portal_error_get_summary    (const GError      *error);

/* Connection dropped, timeout, 5xx: worth retrying the same request. */
gboolean    ods_portal_error_is_transient   (const GError      *error);

G_END_DECLS
