/* ods-cli-portal.h: what the portal subcommands share (login, logout, datasets, link, submit). */
#pragma once

#include "ods-cli.h"
#include "ods-history.h"
#include "ods-portal-account.h"
#include "ods-portal-client.h"
#include "ods-portal-config.h"
#include "ods-upload-job.h"

G_BEGIN_DECLS

/* The settings of --portal, or of the portal signed in last; a usage error
 * (printed) when there is neither. */
OdsPortalSettings *ods_cli_portal_settings (OdsPortalConfig *config,
                                            const char      *portal);
/* The signed-in account for @settings (token from OPENDATA_SUBMIT_TOKEN with
 * OPENDATA_SUBMIT_USER, or the keyring, checked with the portal). */
OdsPortalAccount  *ods_cli_portal_open     (const OdsPortalSettings *settings,
                                            GError                 **error);
/* Takes @error; an ODS_PORTAL_ERROR_AUTH comes back with @hint as a second line. */
GError            *ods_cli_portal_add_user_hint (GError     *error,
                                                 const char *hint);
/* Loads the portals file, picks --portal @portal (or the one signed in last)
 * and opens its signed-in account. On failure prints why and sets
 * @exit_code; @settings_out (optional) receives the portal's settings. */
OdsPortalAccount  *ods_cli_portal_account  (const char         *portal,
                                            OdsPortalSettings **settings_out,
                                            int                *exit_code);
/* Prints @error for the officer and returns the exit code it means. */
int                ods_cli_portal_fail     (const GError *error);
int                ods_cli_exit_code_for   (const GError *error);
/* Runs the main loop until *result is set (the CLI is synchronous). */
void               ods_cli_wait            (GAsyncResult **result);
void               ods_cli_on_result       (GObject      *source,
                                            GAsyncResult *result,
                                            gpointer      user_data);
/* A line from the terminal without echo, or from stdin when it is not a
 * terminal. Free with ods_credential_store_free_secret(). */
char              *ods_cli_read_secret     (const char   *prompt);

/* Runs @job to the end (Ctrl+C cancels), shows progress on a terminal, prints
 * the receipt as text or JSON and returns the exit code: OK only when confirmed.
 * @history (nullable) is completed with the outcome and appended to the history. */
int                ods_cli_run_upload_job  (OdsUploadJob    *job,
                                            gboolean         as_json,
                                            OdsHistoryEntry *history);

G_END_DECLS
