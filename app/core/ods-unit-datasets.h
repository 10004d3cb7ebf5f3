/* ods-unit-datasets.h: every dataset of the units a signed-in account may
 * add data to: package_search (every page, private datasets included) unit
 * by unit, for the units of ods_portal_account_get_organizations(). What the
 * status view, `opendata-submit status` and the compliance report start
 * from. Runs on the caller's main context (libsoup async).
 */
#pragma once

#include "ods-portal-account.h"

G_BEGIN_DECLS

void       ods_unit_datasets_load_async  (OdsPortalAccount    *account,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Returns: (element-type OdsCkanPackage): the datasets, unit by unit. */
GPtrArray *ods_unit_datasets_load_finish (OdsPortalAccount    *account,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
