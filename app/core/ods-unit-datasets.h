/* ods-unit-datasets.h: the signed-in account's units and all their datasets.
 *
 * What the status view, `opendata-submit status` and the compliance report
 * start from: who-am-I first (CKAN answers a bad or expired token as
 * anonymous, with no units and no error; this makes it an
 * ODS_PORTAL_ERROR_AUTH), then organization_list_for_user with
 * create_dataset, then package_search (every page, private datasets
 * included) unit by unit. Runs on the caller's main context (libsoup async).
 */
#pragma once

#include "ods-portal-client.h"

G_BEGIN_DECLS

/**
 * OdsUnitDatasets:
 * @user: the account
 * @units: (element-type OdsCkanOrganization): the units it may add data to
 * @packages: (element-type OdsCkanPackage): their datasets, unit by unit
 */
typedef struct
{
  OdsCkanUser *user;
  GPtrArray   *units;
  GPtrArray   *packages;
} OdsUnitDatasets;

void             ods_unit_datasets_free        (OdsUnitDatasets     *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsUnitDatasets, ods_unit_datasets_free)

void             ods_unit_datasets_load_async  (OdsPortalClient     *client,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
OdsUnitDatasets *ods_unit_datasets_load_finish (OdsPortalClient     *client,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
