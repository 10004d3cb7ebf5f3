/* ods-portal-server.h: the stand-in CKAN 2.10 portal (SoupServer on 127.0.0.1). */
#pragma once

#include "ods-portal-faults.h"
#include "ods-portal-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint64   max_resource_size;     /* bytes */
  gboolean  validation;            /* ckanext-validation present */
  gboolean  scheming;              /* ckanext-scheming present */
  gboolean  xloader;
  guint     validation_delay_ms;   /* report "pending" this long after an upload */
  gboolean  enable_faults;         /* /__faults and /__stats */
  gboolean  user_show_whoami;      /* lenient, unlike CKAN 2.10: user_show without id is "who am I" */
  gboolean  verbose;
} OdsPortalConfig;

#define ODS_TYPE_PORTAL_SERVER (ods_portal_server_get_type ())
G_DECLARE_FINAL_TYPE (OdsPortalServer, ods_portal_server, ODS, PORTAL_SERVER, GObject)

OdsPortalServer *ods_portal_server_new        (OdsPortalStore        *store,
                                               const OdsPortalConfig *config,
                                               OdsPortalFaults       *faults);
gboolean         ods_portal_server_listen     (OdsPortalServer       *self,
                                               guint                  port,
                                               GError               **error);
guint            ods_portal_server_get_port   (OdsPortalServer       *self);
const char      *ods_portal_server_get_site_url (OdsPortalServer     *self);

G_END_DECLS
