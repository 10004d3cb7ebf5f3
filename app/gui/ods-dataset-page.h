/* ods-dataset-page.h: the wizard's first step: which dataset, and what to
 * send to it.
 *
 * Lists the account's datasets (or holds the one preselected on the
 * dashboard), reads the chosen one from the portal (package_show: its
 * resources and schema), and offers the target: a new resource for the
 * period, the file of an existing resource replaced, or a link to the
 * unit's own API endpoint, whose address is probed first (dataset.probe).
 *
 * :package is the dataset read from the portal (%NULL while it is read);
 * :complete says whether Next may leave the step; ::target-changed is
 * emitted when the officer picks another target or resource.
 */
#pragma once

#include <gtk/gtk.h>

#include "ods-ckan-package.h"
#include "ods-portal-account.h"
#include "ods-upload-job.h"

G_BEGIN_DECLS

#define ODS_TYPE_DATASET_PAGE (ods_dataset_page_get_type ())

G_DECLARE_FINAL_TYPE (OdsDatasetPage, ods_dataset_page, ODS, DATASET_PAGE, GtkWidget)

GtkWidget       *ods_dataset_page_new          (void);
void             ods_dataset_page_begin        (OdsDatasetPage   *self,
                                                OdsPortalAccount *account,
                                                OdsCkanPackage   *package,
                                                const char       *dataset,
                                                const char       *period);
void             ods_dataset_page_set_target   (OdsDatasetPage   *self,
                                                OdsUploadMode     mode,
                                                const char       *resource_id,
                                                const char       *link_url);
OdsCkanPackage  *ods_dataset_page_get_package  (OdsDatasetPage   *self);
OdsUploadMode    ods_dataset_page_get_mode     (OdsDatasetPage   *self);
OdsCkanResource *ods_dataset_page_get_resource (OdsDatasetPage   *self);
const char      *ods_dataset_page_get_link_url (OdsDatasetPage   *self);
gboolean         ods_dataset_page_get_complete (OdsDatasetPage   *self);

G_END_DECLS
