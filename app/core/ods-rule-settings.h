/* ods-rule-settings.h: the deadline rule and the holiday file, as the administrator set them.
 *
 * Read from GSettings (io.github.opendatasubmit.OpenDataSubmit: deadline-days,
 * deadline-first-day-counts, extra-holidays-file) when that schema is
 * installed, so the command line and the window count deadlines the same
 * way; the law's defaults otherwise. $OPENDATA_SUBMIT_HOLIDAYS, when set,
 * names the holiday file instead (scripts and tests).
 */
#pragma once

#include "ods-deadline.h"
#include "ods-holidays.h"

G_BEGIN_DECLS

void         ods_rule_settings_load_rule     (OdsDeadlineRule *rule);
OdsHolidays *ods_rule_settings_load_holidays (GError         **error);

G_END_DECLS
