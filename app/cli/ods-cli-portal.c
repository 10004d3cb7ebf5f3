#define G_LOG_DOMAIN "ods-cli-portal"

#include "ods-cli-portal.h"
#include "ods-credential-store.h"
#include "ods-history.h"
#include "ods-i18n.h"
#include "ods-period.h"
#include "ods-submission.h"
#include "ods-portal-error.h"

#include <stdio.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <glib-unix.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#endif
#ifdef G_OS_WIN32
#include <io.h>
#include <windows.h>
#endif

OdsPortalSettings *
ods_cli_portal_settings (OdsPortalConfig *config,
                         const char      *portal)
{
  OdsPortalSettings *settings;
  const char *url = portal ? portal : ods_portal_config_get_last_portal (config);

  if (url == NULL)
    {
      ods_cli_error ("%s", _("No portal given. Sign in first with “opendata-submit login --portal "
                             "URL”, or add --portal URL."));
      return NULL;
    }
  settings = ods_portal_config_get (config, url);
  if (settings == NULL)
    settings = ods_portal_settings_new (url);
  return settings;
}

/* A token refused when nobody said whose it is: CKAN 2.10 cannot tell a good
 * token from a bad one without the account name, so say how to give it. */
GError *
ods_cli_portal_add_user_hint (GError     *error,
                              const char *hint)
{
  GError *with_hint;

  if (!g_error_matches (error, ODS_PORTAL_ERROR, ODS_PORTAL_ERROR_AUTH))
    return error;
  /* The hint goes with the sentence, before the technical detail. */
  {
    g_autofree char *summary = g_strdup_printf ("%s\n%s", ods_portal_error_get_summary (error), hint);

    with_hint = ods_portal_error_new (error->code, ods_portal_error_get_http_status (error), summary,
                                      ods_portal_error_get_detail (error));
  }
  g_error_free (error);
  return with_hint;
}

OdsPortalAccount *
ods_cli_portal_open (const OdsPortalSettings  *settings,
                     GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;
  OdsPortalAccount *account;

  ods_portal_account_open_async (settings, NULL, ods_cli_on_result, &result);
  ods_cli_wait (&result);
  account = ods_portal_account_open_finish (result, &local_error);
  if (account == NULL)
    {
      g_autofree char *env_token = ods_credential_store_token_from_env ();
      g_autofree char *env_user = ods_credential_store_user_from_env ();

      if (env_token != NULL && env_user == NULL)
        local_error = ods_cli_portal_add_user_hint (
          g_steal_pointer (&local_error),
          _("With OPENDATA_SUBMIT_TOKEN, also set OPENDATA_SUBMIT_USER to the user name of the "
            "account the token belongs to: the portal cannot tell whose a token is without it."));
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return account;
}

int
ods_cli_exit_code_for (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ODS_EXIT_CANCELLED;
  if (error->domain == ODS_CREDENTIAL_ERROR)
    return ODS_EXIT_AUTH;
  if (error->domain != ODS_PORTAL_ERROR)
    return ODS_EXIT_USAGE;
  switch (error->code)
    {
    case ODS_PORTAL_ERROR_AUTH:
      return ODS_EXIT_AUTH;
    case ODS_PORTAL_ERROR_NETWORK:
    case ODS_PORTAL_ERROR_TLS:
    case ODS_PORTAL_ERROR_PROXY:
    case ODS_PORTAL_ERROR_TIMEOUT:
    case ODS_PORTAL_ERROR_SERVER:
      return ODS_EXIT_NETWORK;
    case ODS_PORTAL_ERROR_INSECURE_URL:
      return ODS_EXIT_USAGE;
    default:
      return ODS_EXIT_REJECTED;
    }
}

int
ods_cli_portal_fail (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fprintf (stderr, "%s\n", _("Cancelled."));
  else
    {
      GHashTable *fields = ods_portal_error_get_fields (error);

      ods_cli_error ("%s", error->message);
      if (fields != NULL && error->code == ODS_PORTAL_ERROR_VALIDATION)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, fields);
          while (g_hash_table_iter_next (&iter, &key, &value))
            {
              g_autofree char *joined = g_strjoinv ("; ", value);

              fprintf (stderr, "  %s: %s\n", (const char *) key, joined);
            }
        }
    }
  return ods_cli_exit_code_for (error);
}

void
ods_cli_on_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
ods_cli_wait (GAsyncResult **result)
{
  /* The default main context runs the async calls; this is the CLI's main loop. */
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

char *
ods_cli_read_secret (const char *prompt)
{
  char buf[4096];
  gboolean tty = FALSE;
  char *line;
#if defined (G_OS_UNIX)
  struct termios saved, quiet;

  tty = isatty (STDIN_FILENO) && tcgetattr (STDIN_FILENO, &saved) == 0;
  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
#elif defined (G_OS_WIN32)
  /* The console the command was typed in (main.c attaches it): no echo. */
  HANDLE in = (HANDLE) _get_osfhandle (_fileno (stdin));
  DWORD saved_mode = 0;

  tty = in != INVALID_HANDLE_VALUE && GetConsoleMode (in, &saved_mode);
  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      SetConsoleMode (in, saved_mode & ~(DWORD) ENABLE_ECHO_INPUT);
    }
#endif
  line = fgets (buf, sizeof buf, stdin);
  if (tty)
    {
#if defined (G_OS_UNIX)
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
#elif defined (G_OS_WIN32)
      SetConsoleMode (in, saved_mode);
#endif
      fprintf (stderr, "\n");
    }
  if (line == NULL)
    {
      memset (buf, 0, sizeof buf);
      return NULL;
    }
  buf[strcspn (buf, "\r\n")] = '\0';
  line = g_strdup (buf);
  for (volatile char *p = buf; p < buf + sizeof buf; p++)
    *p = '\0';
  return line;
}

static void
on_job_progress (OdsUploadJob *job,
                 guint64       done,
                 guint64       total,
                 double        rate,
                 double        eta,
                 gpointer      user_data)
{
  g_autofree char *done_text = ods_format_size (done);
  g_autofree char *total_text = ods_format_size (total);
  g_autofree char *rate_text = ods_format_size ((guint64) rate);

  fputc ('\r', stderr);
  if (eta >= 0)
    /* TRANSLATORS: upload progress: sent / total, percent, rate per second, seconds left */
    fprintf (stderr, _("Sending: %s / %s (%.0f %%), %s/s, %.0f s left   "),
             done_text, total_text, total ? 100.0 * done / total : 100.0, rate_text, eta);
  else
    fprintf (stderr, _("Sending: %s / %s (%.0f %%)   "),
             done_text, total_text, total ? 100.0 * done / total : 100.0);
  if (done == total)
    fprintf (stderr, "\n");
}

static void
on_job_retry (OdsUploadJob *job,
              guint         attempt,
              guint         delay_ms,
              const char   *reason,
              gpointer      user_data)
{
  /* TRANSLATORS: %s is why the last attempt failed; then attempt number and seconds */
  fprintf (stderr, _("\n%s\nTrying again (attempt %u) in %.0f s…\n"), reason, attempt, delay_ms / 1000.0);
}

#ifdef G_OS_UNIX
static gboolean
on_sigint (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}
#endif

/* One "label value" line; labels padded by characters, not bytes, so the
 * values line up in Vietnamese too. */
static void
print_field (const char *label,
             const char *value)
{
  glong pad = 18 - g_utf8_strlen (label, -1);

  printf ("  %s%*s %s\n", label, (int) MAX (pad, 0), "", value != NULL ? value : "");
}

static void
print_receipt (const OdsUploadReceipt *r)
{
  g_autofree char *resource = g_strdup_printf ("%s (%s)", r->resource_name ? r->resource_name : "",
                                               r->resource_id);

  if (r->confirmed)
    printf ("%s\n", _("Confirmed: the portal holds exactly this submission."));
  else
    printf ("%s\n", _("Sent, but NOT confirmed:"));
  for (gsize i = 0; r->problems != NULL && r->problems[i] != NULL; i++)
    printf ("  - %s\n", r->problems[i]);
  print_field (_("Dataset:"), r->dataset_title);
  print_field (_("Resource:"), resource);
  if (r->period)
    print_field (_("Period:"), r->period);
  print_field (_("Format:"), r->format);
  print_field (_("Address:"), r->resource_url);
  if (r->sha256)
    print_field (_("SHA-256:"), r->sha256);
  if (r->size >= 0)
    {
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, r->size);
      print_field (_("Size (bytes):"), size);
    }
  if (r->last_modified)
    {
      /* Vietnam's time, as the history and the deadline. */
      g_autoptr(GDateTime) local = g_date_time_to_timezone (r->last_modified, ods_period_get_timezone ());
      g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M:%S");

      print_field (_("Received:"), when);
    }
  print_field (_("Submission:"), r->submission_id);
  {
    g_autofree char *attempts = g_strdup_printf ("%u", r->attempts);
    print_field (_("Attempts:"), attempts);
  }
}

/* Completes @entry with what the upload ended in and appends it to the
 * local history; a history that cannot be written is a warning only. */
static void
record_history (OdsHistoryEntry        *entry,
                const OdsUploadReceipt *receipt,
                const GError           *error)
{
  g_autoptr(OdsHistory) history = NULL;
  g_autoptr(GError) local_error = NULL;

  if (entry == NULL)
    return;

  ods_submission_history_entry_set_result (entry, receipt, error);
  history = ods_history_new (NULL);
  if (!ods_history_append (history, entry, &local_error))
    g_warning ("Could not add to the history: %s", local_error->message);
}

int
ods_cli_run_upload_job (OdsUploadJob    *job,
                        gboolean         as_json,
                        OdsHistoryEntry *history)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsUploadReceipt) receipt = NULL;
#ifdef G_OS_UNIX
  guint sigint = g_unix_signal_add (SIGINT, on_sigint, cancellable);
  gboolean tty = isatty (STDERR_FILENO);
#else
  gboolean tty = FALSE;
#endif

  if (tty && !as_json)
    g_signal_connect (job, "progress", G_CALLBACK (on_job_progress), NULL);
  g_signal_connect (job, "retry", G_CALLBACK (on_job_retry), NULL);
  ods_upload_job_run_async (job, cancellable, ods_cli_on_result, &result);
  ods_cli_wait (&result);
  receipt = ods_upload_job_run_finish (job, result, &error);
#ifdef G_OS_UNIX
  g_source_remove (sigint);
#endif
  record_history (history, receipt, error);
  if (receipt == NULL)
    return ods_cli_portal_fail (error);

  if (as_json)
    {
      g_autoptr(JsonNode) node = ods_upload_receipt_to_json (receipt);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (gen, node);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
    }
  else
    print_receipt (receipt);
  return receipt->confirmed ? ODS_EXIT_OK : ODS_EXIT_REJECTED;
}

OdsPortalAccount *
ods_cli_portal_account (const char         *portal,
                        OdsPortalSettings **settings_out,
                        int                *exit_code)
{
  g_autoptr(OdsPortalConfig) config = NULL;
  g_autoptr(OdsPortalSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  OdsPortalAccount *account;

  *exit_code = ODS_EXIT_USAGE;
  config = ods_portal_config_load (NULL, &error);
  if (config == NULL)
    {
      ods_cli_error ("%s", error->message);
      return NULL;
    }
  settings = ods_cli_portal_settings (config, portal);
  if (settings == NULL)
    return NULL;
  /* Opening checks the token: a bad one would otherwise act as anonymous. */
  account = ods_cli_portal_open (settings, &error);
  if (account == NULL)
    {
      *exit_code = ods_cli_portal_fail (error);
      return NULL;
    }
  *exit_code = ODS_EXIT_OK;
  if (settings_out != NULL)
    *settings_out = g_steal_pointer (&settings);
  return account;
}
