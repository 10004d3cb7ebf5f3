/* ods-check-page.h: the wizard's check step.
 *
 * Validates the chosen file against the portal's Table Schema (or one
 * inferred from the previous quarter's file, or from the file itself) in a
 * worker thread, with progress and Cancel; then shows a summary, the errors
 * grouped by type (each jumping to its row), and a preview grid with the
 * offending cells highlighted. "Export Errors to Excel" and "Check Again"
 * are its actions (check.export-errors, check.again; check.cancel stops a
 * check).
 *
 * The wizard starts a check with ods_check_page_start() and learns the
 * outcome from ::checked and the :checking and :report properties.
 */
#pragma once

#include <gtk/gtk.h>

#include "ods-ckan-package.h"
#include "ods-portal-account.h"
#include "ods-report.h"

G_BEGIN_DECLS

#define ODS_TYPE_CHECK_PAGE (ods_check_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsCheckPage, ods_check_page, ODS, CHECK_PAGE, GtkWidget)

GtkWidget *ods_check_page_new          (void);
void       ods_check_page_start        (OdsCheckPage     *self,
                                        OdsPortalAccount *account,
                                        OdsCkanPackage   *package,
                                        const char       *period,
                                        const char       *resource_id,
                                        GFile            *file);
void       ods_check_page_reset        (OdsCheckPage     *self,
                                        gboolean          forget_schema);
gboolean   ods_check_page_get_checking (OdsCheckPage     *self);
OdsReport *ods_check_page_get_report   (OdsCheckPage     *self);
GFile     *ods_check_page_get_file     (OdsCheckPage     *self);

G_END_DECLS
