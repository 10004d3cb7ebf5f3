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

void       ods_portal_choice_free  (OdsPortalChoice *choice);
GPtrArray *ods_portal_choices_load (GSettings       *settings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsPortalChoice, ods_portal_choice_free)

G_END_DECLS
