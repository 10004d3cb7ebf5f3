/* ods-sign-in-page.h: choose a portal and sign in with a token or a password.
 *
 * The page does not talk to the portal itself. Pressing "Sign In" emits
 * ::sign-in-requested with what the officer typed; a handler starts the real
 * sign-in, returns %TRUE (the page then shows a spinner and locks its fields)
 * and later calls ods_sign_in_page_finish() with %NULL or an error message.
 * "Cancel" while busy emits ::sign-in-cancelled.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_SIGN_IN_PAGE (ods_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsSignInPage, ods_sign_in_page, ODS, SIGN_IN_PAGE, GtkWidget)

typedef enum
{
  ODS_SIGN_IN_METHOD_TOKEN = 0,
  ODS_SIGN_IN_METHOD_PASSWORD = 1,
} OdsSignInMethod;

GtkWidget      *ods_sign_in_page_new            (void);
gboolean        ods_sign_in_page_get_busy       (OdsSignInPage  *self);
const char     *ods_sign_in_page_get_error      (OdsSignInPage  *self);
void            ods_sign_in_page_set_error      (OdsSignInPage  *self,
                                                 const char     *message);
char           *ods_sign_in_page_dup_portal_url (OdsSignInPage  *self);
OdsSignInMethod ods_sign_in_page_get_method     (OdsSignInPage  *self);
void            ods_sign_in_page_set_method     (OdsSignInPage  *self,
                                                 OdsSignInMethod method);
void            ods_sign_in_page_finish         (OdsSignInPage  *self,
                                                 const char     *error_message);
void            ods_sign_in_page_focus_first    (OdsSignInPage  *self);
void            ods_sign_in_page_set_portal_url (OdsSignInPage  *self,
                                                 const char     *url);
void            ods_sign_in_page_set_waiting    (OdsSignInPage  *self);

G_END_DECLS
