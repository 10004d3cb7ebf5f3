/* ods-application.h: the desktop application (AdwApplication subclass). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ODS_TYPE_APPLICATION (ods_application_get_type ())

G_DECLARE_FINAL_TYPE (OdsApplication, ods_application, ODS, APPLICATION, AdwApplication)

OdsApplication *ods_application_new          (GApplicationFlags flags);
GSettings      *ods_application_get_settings (OdsApplication   *self);
GtkWindow      *ods_application_get_window   (OdsApplication   *self);
gboolean        ods_application_show_page    (OdsApplication   *self,
                                              const char       *name);

G_END_DECLS
