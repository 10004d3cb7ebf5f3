/* ods-cli-portal.h: the signed-in portal, for the subcommands that talk to it.
 *
 * Shared by every subcommand with a --portal option: which portal (the option,
 * else the one signed in last), which token (OPENDATA_SUBMIT_TOKEN, else the
 * keyring), waiting for an async call, and the exit code for an error.
 */
#pragma once

#include "ods-portal-client.h"

G_BEGIN_DECLS

/* A client for @portal_url (%NULL: the portal signed in last, from
 * portals.ini) with its settings and token. @out_user: (optional): the
 * account name when known. Fails with a sentence saying how to sign in. */
OdsPortalClient *ods_cli_portal_open           (const char     *portal_url,
                                                char          **out_user,
                                                GError        **error);

/* Runs the default main context until *@result is set by
 * ods_cli_portal_on_result (pass @result as its user data). */
void             ods_cli_portal_wait           (GAsyncResult  **result);
void             ods_cli_portal_on_result      (GObject        *source,
                                                GAsyncResult   *result,
                                                gpointer        user_data);

/* Checks the token (who am I: ODS_PORTAL_ERROR_AUTH when invalid or
 * expired), then reads the datasets of every unit the account may add data
 * to (organization_list_for_user with create_dataset), unit by unit.
 * @out_user: (optional): the account.
 * @out_units: (optional) (element-type OdsCkanOrganization): those units.
 * Returns: (element-type OdsCkanPackage): the datasets. */
GPtrArray       *ods_cli_portal_unit_packages  (OdsPortalClient *client,
                                                OdsCkanUser    **out_user,
                                                GPtrArray      **out_units,
                                                GError         **error);

/* ODS_EXIT_AUTH, ODS_EXIT_NETWORK, ODS_EXIT_REJECTED… for @error. */
int              ods_cli_exit_code_for_error   (const GError   *error);

G_END_DECLS
