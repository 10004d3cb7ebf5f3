/* ods-window.h: the main window: welcome, sign-in, then "This quarter",
 * "History" and the submission wizard. */
#pragma once

#include <adwaita.h>

#include "ods-ckan-package.h"
#include "ods-notice.h"
#include "ods-portal-account.h"
#include "ods-sign-in-page.h"
#include "ods-wizard.h"

G_BEGIN_DECLS

#define ODS_TYPE_WINDOW (ods_window_get_type ())

G_DECLARE_FINAL_TYPE (OdsWindow, ods_window, ODS, WINDOW, AdwApplicationWindow)

OdsWindow     *ods_window_new              (GtkApplication *application);
OdsSignInPage *ods_window_get_sign_in_page (OdsWindow      *self);
const char    *ods_window_get_account      (OdsWindow      *self);
void           ods_window_set_account      (OdsWindow      *self,
                                            const char     *account);
const char    *ods_window_get_page         (OdsWindow      *self);
gboolean       ods_window_show_page        (OdsWindow      *self,
                                            const char     *name);
void           ods_window_add_toast        (OdsWindow      *self,
                                            const char     *title);
OdsWizard     *ods_window_get_wizard       (OdsWindow      *self);
OdsNotice     *ods_window_get_notice       (OdsWindow      *self);
void           ods_window_offer_resume     (OdsWindow      *self,
                                            const char     *description);
OdsPortalAccount *ods_window_get_portal_account (OdsWindow      *self);
void           ods_window_open_portal      (OdsWindow      *self,
                                            const char     *url);
void           ods_window_start_submission (OdsWindow      *self,
                                            OdsCkanPackage *package,
                                            const char     *period);

G_END_DECLS
