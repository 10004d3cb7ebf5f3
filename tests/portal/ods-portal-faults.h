/* ods-portal-faults.h: fault injection rules for the stand-in portal (tests only). */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  ODS_PORTAL_FAULT_DROP,           /* close the connection after N bytes of the request body */
  ODS_PORTAL_FAULT_DROP_RESPONSE,  /* run the action, then close without answering */
  ODS_PORTAL_FAULT_DELAY,          /* wait delay_ms before answering */
  ODS_PORTAL_FAULT_ERROR_500,      /* HTML 500 Internal Server Error */
  ODS_PORTAL_FAULT_HTML_502,       /* nginx 502 Bad Gateway page */
  ODS_PORTAL_FAULT_HTML_504,       /* nginx 504 Gateway Time-out page */
  ODS_PORTAL_FAULT_HTML_413,       /* nginx 413 Request Entity Too Large page */
  ODS_PORTAL_FAULT_REVOKE,         /* revoke the request's token before running it */
  ODS_PORTAL_FAULT_N_KINDS
} OdsPortalFaultKind;

typedef struct
{
  OdsPortalFaultKind kind;
  char              *action;        /* NULL = any; "upload" = any multipart request */
  int                times;         /* uses left; -1 = unlimited */
  gint64             after_bytes;   /* DROP: -1 = use after_percent */
  int                after_percent; /* DROP: 0..100 of Content-Length */
  guint              delay_ms;      /* DELAY */
} OdsPortalFault;

typedef struct _OdsPortalFaults OdsPortalFaults;

OdsPortalFaults *ods_portal_faults_new        (void);
void             ods_portal_faults_free       (OdsPortalFaults  *self);
/* "kind=drop,action=resource_create,after_percent=50,times=1" */
gboolean         ods_portal_faults_add_spec   (OdsPortalFaults  *self,
                                               const char       *spec,
                                               GError          **error);
gboolean         ods_portal_faults_add_json   (OdsPortalFaults  *self,
                                               JsonObject       *rule,
                                               GError          **error);
void             ods_portal_faults_clear      (OdsPortalFaults  *self);
JsonNode        *ods_portal_faults_to_json    (OdsPortalFaults  *self);
/* Uses one shot of the first matching rule of @kind; returns a copy or NULL. */
OdsPortalFault  *ods_portal_faults_take       (OdsPortalFaults  *self,
                                               OdsPortalFaultKind kind,
                                               const char       *action,
                                               gboolean          is_upload);
void             ods_portal_fault_free        (OdsPortalFault   *fault);
const char      *ods_portal_fault_kind_to_string (OdsPortalFaultKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalFault, ods_portal_fault_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalFaults, ods_portal_faults_free)

G_END_DECLS
