/* ods-quarter-page.h: "This quarter": where each dataset of the officer's
 * units stands for a period.
 *
 * The period selector (the period due now by default), its deadline and the
 * days left, the datasets counted by status, and the datasets themselves with
 * a status badge each, searchable and sortable. The statuses are the core's
 * (ods-obligation.h, from the portal's data); the page only shows them.
 * Activating a row emits ::submission-requested. "Export report" writes the
 * core's compliance workbook (ods-xlsx-report.h).
 *
 * Actions: quarter.refresh, quarter.export (asks where, then writes),
 * quarter.export-to (string: the .xlsx path).
 */
#pragma once

#include <gtk/gtk.h>

#include "ods-notice.h"
#include "ods-obligation.h"
#include "ods-portal-account.h"

G_BEGIN_DECLS

#define ODS_TYPE_QUARTER_PAGE (ods_quarter_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsQuarterPage, ods_quarter_page, ODS, QUARTER_PAGE, GtkWidget)

GtkWidget        *ods_quarter_page_new          (void);
/* @account: (nullable): loads its units' datasets; %NULL empties the page. */
void              ods_quarter_page_set_account  (OdsQuarterPage   *self,
                                                 OdsPortalAccount *account);
/* Where the deadline news goes ("due in 2 days", "overdue"); may be %NULL. */
void              ods_quarter_page_set_notice   (OdsQuarterPage   *self,
                                                 OdsNotice        *notice);
/* Reads the datasets from the portal again. */
void              ods_quarter_page_refresh      (OdsQuarterPage   *self);
OdsPeriod         ods_quarter_page_get_period   (OdsQuarterPage   *self);
/* Selects @period when it is one of the periods offered. */
gboolean          ods_quarter_page_set_period   (OdsQuarterPage   *self,
                                                 OdsPeriod         period);
/* "empty" (signed out), "loading", "error", "ready". */
const char       *ods_quarter_page_get_state    (OdsQuarterPage   *self);
/* The rows as shown: searched and sorted. (transfer none) */
GListModel       *ods_quarter_page_get_rows     (OdsQuarterPage   *self);
guint             ods_quarter_page_get_count    (OdsQuarterPage   *self,
                                                 OdsObligationStatus status);

G_END_DECLS
