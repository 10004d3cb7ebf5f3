/* ods-xlsx-report.h: the quarterly compliance report, as an Excel workbook.
 *
 * Three sheets: Summary (unit, period, deadline, datasets by status, when it
 * was made), Datasets (one row per dataset: resource, status, due date,
 * submitted at, days late, rows, size, SHA-256, link) and History (this
 * computer's validations and uploads for the period). Dates are real Excel
 * dates shown dd/mm/yyyy in Vietnam's time; headings follow the locale.
 * Written with libxlsxwriter, off the main thread with the _async variant.
 */
#pragma once

#include <gio/gio.h>

#include "ods-deadline.h"
#include "ods-history.h"
#include "ods-obligation.h"
#include "ods-xlsx-util.h"

G_BEGIN_DECLS

/**
 * OdsComplianceReport:
 * @unit: the unit(s) the report is for ("Sở Tài chính")
 * @portal: the portal's address, or %NULL
 * @user: who made it (portal account), or %NULL
 * @period: the period
 * @deadline: its deadline
 * @generated_at: when the statuses were computed (%NULL: now)
 * @obligations: (element-type OdsObligation): one per dataset, in order
 * @history: (element-type OdsHistoryEntry): the period's history entries
 */
typedef struct
{
  char        *unit;
  char        *portal;
  char        *user;
  OdsPeriod    period;
  OdsDeadline  deadline;
  GDateTime   *generated_at;
  GPtrArray   *obligations;
  GPtrArray   *history;
} OdsComplianceReport;

/* Empty arrays that free their elements. */
OdsComplianceReport *ods_compliance_report_new  (void);
void                 ods_compliance_report_free (OdsComplianceReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsComplianceReport, ods_compliance_report_free)

/* Writes @report to @path (replaced atomically). Blocks: from the GUI use
 * the _async variant. */
gboolean ods_compliance_report_write_xlsx        (const OdsComplianceReport *report,
                                                  const char                *path,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);
/* In a worker thread. Takes @report (transfer full): nothing else may touch
 * it afterwards. */
void     ods_compliance_report_write_xlsx_async  (OdsComplianceReport       *report,
                                                  const char                *path,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean ods_compliance_report_write_xlsx_finish (GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
