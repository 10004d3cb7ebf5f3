#define G_LOG_DOMAIN "ods-submission"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ods-submission.h"
#include "ods-i18n.h"

OdsHistoryEntry *
ods_submission_history_entry_new (const OdsPortalSettings *settings,
                                  OdsPortalAccount        *account,
                                  const char              *dataset,
                                  const char              *period,
                                  GFile                   *file,
                                  OdsReport               *report)
{
  OdsHistoryEntry *entry = ods_history_entry_new ();
  OdsCkanUser *user = account != NULL ? ods_portal_account_get_user (account) : NULL;
  GPtrArray *errors = ods_report_get_errors (report);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  entry->portal = g_strdup (settings != NULL ? settings->url : NULL);
  entry->user = g_strdup (user != NULL ? ods_ckan_user_get_name (user) : settings != NULL ? settings->user : NULL);
  entry->dataset = g_strdup (dataset);
  entry->period = g_strdup (period);
  entry->file_name = g_file_get_basename (file);
  entry->size = ods_report_get_bytes (report);
  entry->sha256 = g_strdup (ods_report_get_sha256 (report));
  entry->rows = ods_report_get_n_rows (report);
  entry->errors = ods_report_get_n_errors (report);
  entry->outcome = ods_report_get_valid (report) ? ODS_HISTORY_OUTCOME_VALIDATED : ODS_HISTORY_OUTCOME_INVALID;

  /* Counts by type over every error, not only the recorded ones. */
  for (guint i = 0; i < errors->len; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);
      const char *type = ods_report_error_type_to_string (e->type);

      if (g_hash_table_add (seen, (gpointer) type))
        ods_history_entry_add_error_count (entry, type,
                                           ods_report_get_n_errors_of_type (report, e->type));
    }
  return entry;
}

static void
replace_str (char       **slot,
             const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

void
ods_submission_history_entry_set_result (OdsHistoryEntry        *entry,
                                         const OdsUploadReceipt *receipt,
                                         const GError           *error)
{
  g_return_if_fail (entry != NULL);

  g_clear_pointer (&entry->time, g_date_time_unref);
  if (receipt != NULL)
    {
      entry->outcome = receipt->confirmed ? ODS_HISTORY_OUTCOME_CONFIRMED : ODS_HISTORY_OUTCOME_UPLOADED;
      replace_str (&entry->resource, receipt->resource_id);
      replace_str (&entry->receipt_url, receipt->resource_url);
      if (!receipt->confirmed && receipt->problems != NULL && receipt->problems[0] != NULL)
        replace_str (&entry->message, receipt->problems[0]);
    }
  else
    {
      entry->outcome = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? ODS_HISTORY_OUTCOME_CANCELLED : ODS_HISTORY_OUTCOME_FAILED;
      replace_str (&entry->message, error != NULL ? error->message : NULL);
    }
}

/* The state file */

OdsSubmissionState *
ods_submission_state_new (void)
{
  return g_new0 (OdsSubmissionState, 1);
}

void
ods_submission_state_free (OdsSubmissionState *state)
{
  if (state == NULL)
    return;
  g_free (state->portal);
  g_free (state->dataset);
  g_free (state->dataset_title);
  g_free (state->period);
  g_free (state->resource_id);
  g_free (state->link_url);
  g_free (state->file_path);
  g_free (state->sha256);
  g_free (state->submission_id);
  g_free (state);
}

char *
ods_submission_state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "opendata-submit", "submission.json", NULL);
}

static char *
dup_member (JsonObject *obj,
            const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

OdsSubmissionState *
ods_submission_state_load (GError **error)
{
  g_autofree char *path = ods_submission_state_path ();
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OdsSubmissionState) state = NULL;
  JsonObject *obj;

  if (!g_file_get_contents (path, &text, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The unfinished submission in %s cannot be read. It is ignored."), path);
      return NULL;
    }
  obj = json_node_get_object (json_parser_get_root (parser));
  state = ods_submission_state_new ();
  state->portal = dup_member (obj, "portal");
  state->dataset = dup_member (obj, "dataset");
  state->dataset_title = dup_member (obj, "dataset_title");
  state->period = dup_member (obj, "period");
  state->resource_id = dup_member (obj, "resource_id");
  state->link_url = dup_member (obj, "link_url");
  state->file_path = dup_member (obj, "file");
  state->sha256 = dup_member (obj, "sha256");
  state->submission_id = dup_member (obj, "submission_id");
  state->mode = CLAMP (json_object_get_int_member_with_default (obj, "mode", 0),
                       ODS_UPLOAD_MODE_NEW, ODS_UPLOAD_MODE_LINK);
  state->step = json_object_get_int_member_with_default (obj, "step", 0);
  if (state->dataset == NULL || state->submission_id == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The unfinished submission in %s cannot be read. It is ignored."), path);
      return NULL;
    }
  return g_steal_pointer (&state);
}

gboolean
ods_submission_state_save (const OdsSubmissionState  *state,
                           GError                   **error)
{
  g_autofree char *path = ods_submission_state_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (state != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }

  json_builder_begin_object (b);
#define STR(name, value) if ((value) != NULL) { json_builder_set_member_name (b, name); json_builder_add_string_value (b, value); }
  STR ("portal", state->portal);
  STR ("dataset", state->dataset);
  STR ("dataset_title", state->dataset_title);
  STR ("period", state->period);
  STR ("resource_id", state->resource_id);
  STR ("link_url", state->link_url);
  STR ("file", state->file_path);
  STR ("sha256", state->sha256);
  STR ("submission_id", state->submission_id);
#undef STR
  json_builder_set_member_name (b, "mode");
  json_builder_add_int_value (b, state->mode);
  json_builder_set_member_name (b, "step");
  json_builder_add_int_value (b, state->step);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

void
ods_submission_state_clear (void)
{
  g_autofree char *path = ods_submission_state_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
}

char *
ods_submission_state_describe (const OdsSubmissionState *state)
{
  g_autofree char *period = ods_upload_period_label (state->period != NULL ? state->period : "");
  g_autofree char *file = state->file_path != NULL ? g_path_get_basename (state->file_path) : g_strdup ("—");

  /* TRANSLATORS: dataset title, period (Q3/2026), file name */
  return g_strdup_printf (_("“%s” for %s, file %s"),
                          state->dataset_title != NULL ? state->dataset_title : state->dataset,
                          period, file);
}
