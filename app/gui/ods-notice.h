/* ods-notice.h: a strip across the top of a screen for something the
 * officer must not miss ("The deadline is in 2 days"), with an optional
 * button. libadwaita 1.2 has no AdwBanner; this plays its part. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ODS_NOTICE_INFO,
  ODS_NOTICE_WARNING,
  ODS_NOTICE_ERROR,
} OdsNoticeKind;

#define ODS_TYPE_NOTICE (ods_notice_get_type ())

G_DECLARE_FINAL_TYPE (OdsNotice, ods_notice, ODS, NOTICE, GtkWidget)

GtkWidget  *ods_notice_new          (void);
void        ods_notice_show         (OdsNotice     *self,
                                     OdsNoticeKind  kind,
                                     const char    *title,
                                     const char    *button_label);
void        ods_notice_hide         (OdsNotice     *self);
gboolean    ods_notice_get_revealed (OdsNotice     *self);
const char *ods_notice_get_title    (OdsNotice     *self);

G_END_DECLS
