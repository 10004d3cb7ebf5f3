/* ods-preferences-window.h: language, uploads, deadline rule, portals. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ODS_TYPE_PREFERENCES_WINDOW (ods_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OdsPreferencesWindow, ods_preferences_window, ODS, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *ods_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS
