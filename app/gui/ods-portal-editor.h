/* ods-portal-editor.h: add or edit a portal of the "portals" setting. */
#pragma once

#include <adwaita.h>

#include "ods-portal-choices.h"

G_BEGIN_DECLS

#define ODS_TYPE_PORTAL_EDITOR (ods_portal_editor_get_type ())

G_DECLARE_FINAL_TYPE (OdsPortalEditor, ods_portal_editor, ODS, PORTAL_EDITOR, AdwWindow)

GtkWidget *ods_portal_editor_new (GtkWindow             *transient_for,
                                  GSettings             *settings,
                                  const OdsPortalChoice *choice);

G_END_DECLS
