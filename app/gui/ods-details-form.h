/* ods-details-form.h: the details step: the resource's name (prefilled) and
 * description, and a summary of exactly what will be sent. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ODS_TYPE_DETAILS_FORM (ods_details_form_get_type ())

G_DECLARE_FINAL_TYPE (OdsDetailsForm, ods_details_form, ODS, DETAILS_FORM, GtkWidget)

GtkWidget *ods_details_form_new             (void);
void       ods_details_form_set_name        (OdsDetailsForm *self,
                                             const char     *name);
char      *ods_details_form_dup_name        (OdsDetailsForm *self);
void       ods_details_form_set_description (OdsDetailsForm *self,
                                             const char     *description);
char      *ods_details_form_dup_description (OdsDetailsForm *self);
void       ods_details_form_set_summary     (OdsDetailsForm *self,
                                             const char     *dataset,
                                             const char     *resource,
                                             const char     *period,
                                             const char     *file);
gboolean   ods_details_form_get_complete    (OdsDetailsForm *self);

G_END_DECLS
