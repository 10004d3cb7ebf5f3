/* ods-history-page.h: "History": every validation and upload made on this
 * computer (ods-history.h), newest first, filtered by period, dataset and
 * outcome, each with its details and a link to its receipt on the portal.
 *
 * Actions: history.refresh. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_HISTORY_PAGE (ods_history_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsHistoryPage, ods_history_page, ODS, HISTORY_PAGE, GtkWidget)

GtkWidget  *ods_history_page_new              (void);
/* Reads the history file again (in a worker thread). */
void        ods_history_page_refresh          (OdsHistoryPage *self);
/* "loading", "empty" (nothing recorded), "ready", "error". */
const char *ods_history_page_get_state        (OdsHistoryPage *self);
/* Rows shown now (after the filters). */
guint       ods_history_page_get_n_visible    (OdsHistoryPage *self);
/* The list, for tests and accessibility checks. (transfer none) */
GtkListBox *ods_history_page_get_list         (OdsHistoryPage *self);

G_END_DECLS
