/* ods-status-badge.h: the status of a dataset for the period, as a small
 * coloured label ("Due in 3 days", "Overdue by 2 days", "Submitted on
 * time"…) for the rows of "This quarter". The deadline arithmetic is the
 * core's; the badge only shows its outcome. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ODS_STATUS_NOT_REQUIRED,
  ODS_STATUS_DUE,            /* @days: days left, 0 = due today */
  ODS_STATUS_OVERDUE,        /* @days: days late */
  ODS_STATUS_ON_TIME,
  ODS_STATUS_LATE,           /* @days: days late when it was submitted */
  ODS_STATUS_CONNECTED_API,
} OdsStatus;

#define ODS_TYPE_STATUS_BADGE (ods_status_badge_get_type ())

G_DECLARE_FINAL_TYPE (OdsStatusBadge, ods_status_badge, ODS, STATUS_BADGE, GtkWidget)

GtkWidget  *ods_status_badge_new      (void);
void        ods_status_badge_set      (OdsStatusBadge *self,
                                       OdsStatus       status,
                                       guint           days);
OdsStatus   ods_status_badge_get_status (OdsStatusBadge *self);
const char *ods_status_badge_get_text (OdsStatusBadge *self);
char       *ods_status_describe       (OdsStatus       status,
                                       guint           days);

G_END_DECLS
