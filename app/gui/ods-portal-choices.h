/* ods-portal-choices.h: the portals offered at sign-in: built-in presets,
 * then the ones stored in GSettings ("portals", a(sssb)). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char     *name;            /* translated, for display */
  char     *url;
  char     *ca_file;         /* "" when the system certificates apply */
  gboolean  allow_insecure;  /* plain HTTP allowed (loopback demo portal) */
  gboolean  preset;          /* built in, not removable */
} OdsPortalChoice;

typedef enum
{
  ODS_PORTAL_ADDRESS_OK,
  ODS_PORTAL_ADDRESS_INVALID,      /* not an http(s) address with a host */
  ODS_PORTAL_ADDRESS_INSECURE,     /* http:// to another computer */
  ODS_PORTAL_ADDRESS_LOOPBACK_HTTP /* http:// to this computer: needs allow_insecure */
} OdsPortalAddress;

void             ods_portal_choice_free   (OdsPortalChoice *choice);
GPtrArray       *ods_portal_choices_load  (GSettings       *settings);
OdsPortalAddress ods_portal_address_check (const char      *url);
gboolean         ods_portal_choices_store (GSettings       *settings,
                                           const char      *replace_url,
                                           const char      *name,
                                           const char      *url,
                                           const char      *ca_file,
                                           gboolean         allow_insecure);
gboolean         ods_portal_choices_remove (GSettings      *settings,
                                            const char     *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalChoice, ods_portal_choice_free)

G_END_DECLS
