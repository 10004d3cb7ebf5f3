/* ods-obligation.h: where a dataset stands for a reporting period.
 *
 * Computed from the portal's data (the dataset and its resources), not from
 * the local history, so a colleague's upload from another computer counts.
 * The submission for a period is, in this order:
 *   1. a resource whose `period` field names the period (the earliest
 *      uploaded, if several);
 *   2. else a resource with no `period` field uploaded (CKAN's last_modified,
 *      UTC) inside the period's submission window (ods_period_get_window_start());
 *   3. else, if the dataset has a resource linked to an outside address
 *      (url_type not "upload"), it is connected by API;
 *   4. else nothing was submitted: due or overdue against the deadline.
 * A dataset whose update frequency is not quarterly or more often (annual,
 * irregular…) and has no submission is "not required". See
 * docs/status-and-reports.md for the frequency values understood.
 */
#pragma once

#include <gio/gio.h>

#include "ods-ckan-package.h"
#include "ods-deadline.h"

G_BEGIN_DECLS

typedef enum
{
  ODS_OBLIGATION_SUBMITTED_ON_TIME,
  ODS_OBLIGATION_SUBMITTED_LATE,
  ODS_OBLIGATION_DUE,
  ODS_OBLIGATION_OVERDUE,
  ODS_OBLIGATION_CONNECTED,
  ODS_OBLIGATION_NOT_REQUIRED,
} OdsObligationStatus;

#define ODS_OBLIGATION_N_STATUSES (ODS_OBLIGATION_NOT_REQUIRED + 1)

#define ODS_TYPE_OBLIGATION_STATUS (ods_obligation_status_get_type ())
GType       ods_obligation_status_get_type         (void) G_GNUC_CONST;
/* "on-time", "late", "due", "overdue", "connected", "not-required" (JSON, scripts). */
const char *ods_obligation_status_to_string        (OdsObligationStatus status);
/* Translated short name: "Submitted late" / "Nộp muộn". */
const char *ods_obligation_status_get_display_name (OdsObligationStatus status);

/* Whether a dataset with update frequency @frequency (as the portal writes it:
 * "quarterly", "hàng quý", "annual", an ISO 8601 "R/P3M", a DCAT URI…; %NULL
 * or empty when unknown) must be submitted every quarter. Quarterly and more
 * often (monthly, weekly, daily, continuous) and unknown values: %TRUE. */
gboolean    ods_obligation_frequency_is_required   (const char *frequency);

#define ODS_TYPE_OBLIGATION (ods_obligation_get_type ())
G_DECLARE_FINAL_TYPE (OdsObligation, ods_obligation, ODS, OBLIGATION, GObject)

/* Where @package stands for @period at @now (any zone). @rule and @holidays
 * may be %NULL for the defaults. */
OdsObligation *ods_obligation_new_for_package (OdsCkanPackage        *package,
                                               OdsPeriod              period,
                                               const OdsDeadlineRule *rule,
                                               OdsHolidays           *holidays,
                                               GDateTime             *now);
/* The same for each dataset of @packages (element-type OdsCkanPackage), in
 * their order. Returns: (transfer full): a GListModel of OdsObligation. */
GListModel    *ods_obligation_list_new        (GPtrArray             *packages,
                                               OdsPeriod              period,
                                               const OdsDeadlineRule *rule,
                                               OdsHolidays           *holidays,
                                               GDateTime             *now);

OdsObligationStatus ods_obligation_get_status        (OdsObligation *self);
OdsPeriod   ods_obligation_get_period          (OdsObligation *self);
const char *ods_obligation_get_dataset_id      (OdsObligation *self);
const char *ods_obligation_get_dataset_name    (OdsObligation *self);
/* The title, or the name when the dataset has none. */
const char *ods_obligation_get_dataset_title   (OdsObligation *self);
const char *ods_obligation_get_organization    (OdsObligation *self);
const char *ods_obligation_get_frequency       (OdsObligation *self);
/* The submitted (or API-linked) resource; %NULL when there is none. */
const char *ods_obligation_get_resource_id     (OdsObligation *self);
const char *ods_obligation_get_resource_name   (OdsObligation *self);
const char *ods_obligation_get_url             (OdsObligation *self);
const char *ods_obligation_get_sha256          (OdsObligation *self);
/* Bytes, -1 when unknown. */
gint64      ods_obligation_get_size            (OdsObligation *self);
/* The deadline: the due day in Vietnam and the exclusive end instant. */
const OdsDeadline *ods_obligation_get_deadline (OdsObligation *self);
/* When the resource was uploaded (UTC), %NULL when nothing was. */
GDateTime  *ods_obligation_get_submitted_at    (OdsObligation *self);
/* Days late (SUBMITTED_LATE), days left (DUE, 0 on the due day), days
 * overdue (OVERDUE), else 0. */
int         ods_obligation_get_days            (OdsObligation *self);
/* What an officer reads: "Đã nộp đúng hạn 14/10/2026", "Nộp muộn 3 ngày",
 * "Còn 5 ngày", "Quá hạn 41 ngày", "Kết nối API", "Không yêu cầu". */
char       *ods_obligation_dup_label           (OdsObligation *self);

G_END_DECLS
