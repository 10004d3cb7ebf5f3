#define G_LOG_DOMAIN "ods-deadline"

#include "ods-deadline.h"
#include "ods-i18n.h"

void
ods_deadline_rule_init_default (OdsDeadlineRule *rule)
{
  const OdsDeadlineRule defaults = ODS_DEADLINE_RULE_INIT;

  g_return_if_fail (rule != NULL);

  *rule = defaults;
}

void
ods_deadline_for_period (OdsPeriod              period,
                         const OdsDeadlineRule *rule,
                         OdsHolidays           *holidays,
                         OdsDeadline           *deadline)
{
  const OdsDeadlineRule defaults = ODS_DEADLINE_RULE_INIT;
  static OdsHolidays *computed = NULL;
  GDate day;
  guint add;

  g_return_if_fail (ods_period_is_valid (period));
  g_return_if_fail (deadline != NULL);

  if (rule == NULL)
    rule = &defaults;
  if (holidays == NULL)
    {
      /* One shared calendar computed from the law alone (it is thread-safe). */
      if (g_once_init_enter (&computed))
        g_once_init_leave (&computed, ods_holidays_new ());
      holidays = computed;
    }

  /* The period starts on the first day of the next quarter. Art. 147: that
   * day is not counted, so with 15 days the last day is the 16th. */
  ods_period_get_first_day (ods_period_next (period), &day);
  add = rule->days;
  if (rule->first_day_counts && add > 0)
    add--;
  g_date_add_days (&day, add);

  deadline->period = period;
  deadline->nominal_day = day;

  /* Art. 148(2): a weekend or holiday moves the end to the next working day. */
  if (rule->move_to_working_day)
    while (!ods_holidays_is_working_day (holidays, &day))
      g_date_add_days (&day, 1);
  deadline->due_day = day;
}

GDateTime *
ods_deadline_get_end (const OdsDeadline *deadline)
{
  GDate next;

  g_return_val_if_fail (deadline != NULL, NULL);

  next = deadline->due_day;
  g_date_add_days (&next, 1);
  return ods_period_local_midnight (&next);
}

int
ods_deadline_days_late (const OdsDeadline *deadline,
                        GDateTime         *submitted)
{
  GDate day;
  int diff;

  g_return_val_if_fail (deadline != NULL, 0);
  g_return_val_if_fail (submitted != NULL, 0);

  ods_period_local_date (submitted, &day);
  diff = g_date_days_between (&deadline->due_day, &day);
  return MAX (diff, 0);
}

int
ods_deadline_days_left (const OdsDeadline *deadline,
                        GDateTime         *now)
{
  GDate today;

  g_return_val_if_fail (deadline != NULL, 0);
  g_return_val_if_fail (now != NULL, 0);

  ods_period_local_date (now, &today);
  return g_date_days_between (&today, &deadline->due_day);
}

OdsDeadlineState
ods_deadline_evaluate (const OdsDeadline *deadline,
                       GDateTime         *submitted,
                       GDateTime         *now,
                       int               *days)
{
  OdsDeadlineState state;
  int n;

  g_return_val_if_fail (deadline != NULL, ODS_DEADLINE_STATE_DUE);
  g_return_val_if_fail (submitted != NULL || now != NULL, ODS_DEADLINE_STATE_DUE);

  if (submitted != NULL)
    {
      n = ods_deadline_days_late (deadline, submitted);
      state = n > 0 ? ODS_DEADLINE_STATE_LATE : ODS_DEADLINE_STATE_ON_TIME;
    }
  else
    {
      n = ods_deadline_days_left (deadline, now);
      state = n >= 0 ? ODS_DEADLINE_STATE_DUE : ODS_DEADLINE_STATE_OVERDUE;
      n = ABS (n);
    }

  if (days != NULL)
    *days = n;
  return state;
}

char *
ods_deadline_describe_days_left (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("due today"));
  if (days_left > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                         (gulong) days_left),
                            days_left);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d day", "overdue by %d days",
                                       (gulong) -days_left),
                          -days_left);
}

char *
ods_deadline_describe_days_late (int days_late)
{
  if (days_late <= 0)
    return g_strdup (_("on time"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late", "%d days late",
                                       (gulong) days_late),
                          days_late);
}
