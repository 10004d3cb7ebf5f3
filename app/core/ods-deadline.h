/* ods-deadline.h: when a period's data is due, and how early or late a submission is.
 *
 * Rule (Decision 51/2022/QĐ-UBND): "within 15 days from the first day of the
 * next quarter", counted as the Civil Code 2015 counts periods in days:
 * art. 147(1) the first day is not counted; art. 148 the period ends at 24:00
 * of the last day, and a last day that is a weekend or public holiday moves to
 * the end of the next working day. All days are calendar days of
 * Asia/Ho_Chi_Minh, whatever the machine's time zone.
 */
#pragma once

#include "ods-holidays.h"
#include "ods-period.h"

G_BEGIN_DECLS

/**
 * OdsDeadlineRule:
 * @days: length of the submission period in days (15)
 * @first_day_counts: whether the first day of the next quarter is day 1
 *   (%FALSE under Civil Code art. 147)
 * @move_to_working_day: whether a last day that is not a working day moves
 *   to the next working day (%TRUE under art. 148(2))
 */
typedef struct
{
  guint    days;
  gboolean first_day_counts;
  gboolean move_to_working_day;
} OdsDeadlineRule;

#define ODS_DEADLINE_RULE_INIT { 15, FALSE, TRUE }

void ods_deadline_rule_init_default (OdsDeadlineRule *rule);

/**
 * OdsDeadline:
 * @period: the period the data is for
 * @nominal_day: the last day by counting alone
 * @due_day: the last day once moved past weekends and holidays; the data is
 *   on time when it arrives before 24:00 (Vietnam) of this day
 */
typedef struct
{
  OdsPeriod period;
  GDate     nominal_day;
  GDate     due_day;
} OdsDeadline;

/* @rule and @holidays may be %NULL for the defaults (the law, computed holidays). */
void        ods_deadline_for_period     (OdsPeriod              period,
                                         const OdsDeadlineRule *rule,
                                         OdsHolidays           *holidays,
                                         OdsDeadline           *deadline);

/* The end of the period, exclusive: 00:00 (Vietnam) of the day after
 * @due_day, i.e. 17:00 UTC on @due_day. Anything strictly before is on time. */
GDateTime  *ods_deadline_get_end        (const OdsDeadline     *deadline);

/* 0 when @submitted (any zone) is on time, else the number of Vietnamese
 * calendar days it is late: a submission on the day after @due_day is 1 day late. */
int         ods_deadline_days_late      (const OdsDeadline     *deadline,
                                         GDateTime             *submitted);

/* Calendar days from @now's date in Vietnam to @due_day: 0 on the due day
 * itself, positive before (days left), negative after (days overdue). */
int         ods_deadline_days_left      (const OdsDeadline     *deadline,
                                         GDateTime             *now);

typedef enum
{
  ODS_DEADLINE_STATE_ON_TIME,   /* submitted before the end */
  ODS_DEADLINE_STATE_LATE,      /* submitted after the end */
  ODS_DEADLINE_STATE_DUE,       /* not submitted, the due day is today or later */
  ODS_DEADLINE_STATE_OVERDUE,   /* not submitted, the due day has passed */
} OdsDeadlineState;

/* Where a period stands: @submitted (%NULL if nothing was submitted) and @now
 * in any zone. @days: (out) (optional): days late for LATE, days left for DUE
 * (0 on the due day), days overdue for OVERDUE, 0 for ON_TIME. */
OdsDeadlineState ods_deadline_evaluate  (const OdsDeadline     *deadline,
                                         GDateTime             *submitted,
                                         GDateTime             *now,
                                         int                   *days);

/* "due today", "3 days left", "overdue by 2 days" (translated). */
char       *ods_deadline_describe_days_left (int days_left);
/* "on time", "2 days late" (translated). */
char       *ods_deadline_describe_days_late (int days_late);

G_END_DECLS
