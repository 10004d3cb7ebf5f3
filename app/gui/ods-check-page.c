#define G_LOG_DOMAIN "ods-check-page"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ods-check-page.h"
#include "ods-save-dialog.h"
#include "ods-i18n.h"
#include "ods-preview-grid.h"
#include "ods-upload-job.h"
#include "ods-validation.h"
#include "ods-window.h"
#include "ods-xlsx-validation.h"

/* At most this many errors of one type are listed (all are counted). */
#define MAX_LISTED_PER_TYPE 200
#define CHECK_PROGRESS_INTERVAL_MS 100

/* What the validating thread reports, read by the main thread's timer. */
typedef struct
{
  GMutex  lock;
  guint64 bytes_done;
  guint64 bytes_total;
  guint64 rows;
} CheckProgress;

struct _OdsCheckPage
{
  GtkWidget           parent_instance;

  GtkLabel           *check_title;
  GtkWidget          *check_progress_box;
  GtkProgressBar     *check_progress;
  GtkLabel           *check_summary;
  GtkLabel           *schema_label;
  GtkWidget          *errors_scroll;
  GtkListBox         *errors_list;
  OdsPreviewGrid     *preview_grid;

  /* What is checked (from ods_check_page_start()) */
  OdsPortalAccount   *account;
  OdsCkanPackage     *package;
  char               *period;
  char               *resource_id;
  GFile              *checked_file;

  OdsSchema          *schema;
  char               *schema_note;
  gboolean            schema_inferred;
  OdsReport          *report;
  GCancellable       *check_cancellable;
  CheckProgress      *check_progress_data;
  guint               check_timer;
  gboolean            checking;
};

G_DEFINE_FINAL_TYPE (OdsCheckPage, ods_check_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHECKING,
  PROP_REPORT,
  N_PROPS
};

enum {
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void show_summary (OdsCheckPage *self);

static void
update_actions (OdsCheckPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.cancel", self->checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.again",
                                 self->account != NULL && !self->checking && self->checked_file != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "check.export-errors",
                                 !self->checking && self->report != NULL && !ods_report_get_valid (self->report));
}

static void
set_checking (OdsCheckPage *self,
              gboolean      checking)
{
  if (self->checking == checking)
    return;
  self->checking = checking;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

static void
toast (OdsCheckPage *self,
       const char   *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ODS_TYPE_WINDOW);

  if (window != NULL)
    ods_window_add_toast (ODS_WINDOW (window), text);
}

/* Progress */

static gboolean
check_progress_tick (gpointer data)
{
  OdsCheckPage *self = data;
  CheckProgress *p = self->check_progress_data;
  guint64 done, total, rows;
  g_autofree char *text = NULL;

  g_mutex_lock (&p->lock);
  done = p->bytes_done;
  total = p->bytes_total;
  rows = p->rows;
  g_mutex_unlock (&p->lock);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->check_progress, MIN (1.0, (double) done / total));
  else
    gtk_progress_bar_pulse (self->check_progress);
  /* TRANSLATORS: rows read so far */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu row read",
                                       "%lu rows read", (gulong) rows), (gulong) rows);
  gtk_progress_bar_set_text (self->check_progress, text);
  return G_SOURCE_CONTINUE;
}

/* From the validating thread. */
static void
check_progress_cb (guint64  bytes_done,
                   guint64  bytes_total,
                   guint64  rows,
                   gpointer user_data)
{
  CheckProgress *p = user_data;

  g_mutex_lock (&p->lock);
  p->bytes_done = bytes_done;
  p->bytes_total = bytes_total;
  p->rows = rows;
  g_mutex_unlock (&p->lock);
}

static void
check_progress_free (gpointer data)
{
  CheckProgress *p = data;

  g_mutex_clear (&p->lock);
}

static void
check_progress_release (CheckProgress *p)
{
  g_rc_box_release_full (p, check_progress_free);
}

static void
stop_check_timer (OdsCheckPage *self)
{
  g_clear_handle_id (&self->check_timer, g_source_remove);
  gtk_widget_set_visible (self->check_progress_box, FALSE);
}

/* The preview grid */

static void
on_error_row_activated (AdwActionRow *row,
                        OdsCheckPage *self)
{
  guint64 *row_number = g_object_get_data (G_OBJECT (row), "ods-row-number");

  if (row_number != NULL && !ods_preview_grid_show_row (self->preview_grid, *row_number))
    toast (self, _("That row is still being read. Try again in a moment."));
}

/* The summary counts the columns too. */
static void
on_header_ready (OdsCheckPage *self)
{
  if (self->report != NULL)
    show_summary (self);
}

/* The errors, grouped by type */

static char *
describe_error_place (const OdsReportError *e)
{
  g_autofree char *letters = NULL;

  if (e->row_number == 0)
    return g_strdup ("");
  if (e->field_number == 0)
    /* TRANSLATORS: a row of the file */
    return g_strdup_printf (_("Row %lu"), (gulong) e->row_number);

  letters = ods_column_letters (e->column_number > 0 ? e->column_number : e->field_number);
  if (e->field_name == NULL || *e->field_name == '\0')
    /* TRANSLATORS: row number, column letter */
    return g_strdup_printf (_("Row %lu, column %s"), (gulong) e->row_number, letters);
  /* TRANSLATORS: row number, column letter, column name */
  return g_strdup_printf (_("Row %lu, column %s (%s)"), (gulong) e->row_number, letters, e->field_name);
}

/* The rows of one type's errors, made when it is first expanded (up to
 * 200 rows a type: not all at once when the check ends). */
static void
fill_error_type (AdwExpanderRow *expander,
                 GParamSpec     *pspec,
                 OdsCheckPage   *self)
{
  int type = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "ods-error-type"));
  GPtrArray *errors;
  guint64 n;
  guint listed = 0;

  if (!adw_expander_row_get_expanded (expander) || self->report == NULL ||
      g_object_get_data (G_OBJECT (expander), "ods-filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "ods-filled", GINT_TO_POINTER (TRUE));

  errors = ods_report_get_errors (self->report);
  n = ods_report_get_n_errors_of_type (self->report, type);
  for (guint i = 0; i < errors->len && listed < MAX_LISTED_PER_TYPE; i++)
    {
      const OdsReportError *e = g_ptr_array_index (errors, i);
      GtkWidget *row;
      g_autofree char *message = NULL;
      g_autofree char *place = NULL;
      g_autofree char *escaped = NULL;

      if ((int) e->type != type)
        continue;
      listed++;
      row = adw_action_row_new ();
      message = g_markup_escape_text (e->message != NULL ? e->message : "", -1);
      place = describe_error_place (e);
      escaped = g_markup_escape_text (place, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (e->row_number > 1)
        {
          guint64 *row_number = g_new (guint64, 1);
          GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

          *row_number = e->row_number;
          g_object_set_data_full (G_OBJECT (row), "ods-row-number", row_number, g_free);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_tooltip_text (row, _("Show this row in the preview"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          g_signal_connect_object (row, "activated", G_CALLBACK (on_error_row_activated), self, 0);
        }
      adw_expander_row_add_row (expander, row);
    }
  if (n > listed)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *text =
        /* TRANSLATORS: errors of this type not listed here */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "…and %lu more: Export Errors to Excel lists every error that was recorded.",
                                      "…and %lu more: Export Errors to Excel lists every error that was recorded.",
                                      (gulong) (n - listed)), (gulong) (n - listed));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (more), 0);
      adw_expander_row_add_row (expander, more);
    }
}

static void
show_errors (OdsCheckPage *self)
{
  gboolean first = TRUE;

  for (int type = 0; type < ODS_REPORT_N_ERROR_TYPES; type++)
    {
      guint64 n = ods_report_get_n_errors_of_type (self->report, type);
      GtkWidget *expander;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (n == 0)
        continue;

      expander = adw_expander_row_new ();
      title = g_markup_escape_text (ods_report_error_type_get_title (type), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu error",
                                               "%lu errors", (gulong) n), (gulong) n);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      gtk_widget_set_name (expander, ods_report_error_type_to_string (type));
      g_object_set_data (G_OBJECT (expander), "ods-error-type", GINT_TO_POINTER (type));
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (fill_error_type), self, 0);
      /* The first type open, the others on demand. */
      if (first)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      first = FALSE;
      gtk_list_box_append (self->errors_list, expander);
    }
  gtk_widget_set_visible (self->errors_scroll, TRUE);
}

static void
show_summary (OdsCheckPage *self)
{
  GString *text = g_string_new (NULL);
  guint64 rows = ods_report_get_n_rows (self->report);
  guint columns = ods_preview_grid_get_n_columns (self->preview_grid);
  const char *encoding = ods_report_get_encoding (self->report);
  const char *delimiter = ods_report_get_delimiter (self->report);
  g_autofree char *size = ods_format_size (ods_report_get_bytes (self->report));

  if (ods_report_get_valid (self->report))
    gtk_label_set_text (self->check_title, _("No errors: the file can be sent."));
  else
    {
      guint64 n = ods_report_get_n_errors (self->report);
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%lu error: correct the file, save it, then press Check Again.",
                                      "%lu errors: correct the file, save it, then press Check Again.",
                                      (gulong) n), (gulong) n);
      gtk_label_set_text (self->check_title, title);
    }

  /* TRANSLATORS: data rows, columns, file size */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%lu row", "%lu rows",
                                             (gulong) rows), (gulong) rows);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", columns), columns);
  g_string_append_printf (text, " · %s", size);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "utf-8") != 0)
    {
      g_string_append (text, "\n");
      /* TRANSLATORS: %s is an encoding such as windows-1258 or tcvn3 */
      g_string_append_printf (text, _("Converted from the %s encoding to Unicode."), encoding);
    }
  if (delimiter != NULL)
    {
      g_string_append (text, "\n");
      /* TRANSLATORS: %s is the separator: a comma, a semicolon, tab… */
      g_string_append_printf (text, _("Cells separated by “%s”."),
                              g_str_equal (delimiter, "\t") ? _("tab") : delimiter);
    }
  gtk_label_set_text (self->check_summary, text->str);
  g_string_free (text, TRUE);
}

/* The check */

/* Whether @result is of the check running now, not of one that a newer
 * check (or a reset) replaced, nor of one that ended with the page. */
static gboolean
is_current (OdsCheckPage *self,
            GAsyncResult *result)
{
  return self->check_title != NULL && self->check_cancellable != NULL &&
         G_IS_TASK (result) && g_task_get_cancellable (G_TASK (result)) == self->check_cancellable;
}

/* The check ended without a report: stopped by the officer (said plainly,
 * not as a failure) or the file could not be read. */
static void
check_failed (OdsCheckPage *self,
              const GError *error)
{
  stop_check_timer (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_label_set_text (self->check_title, _("Checking was stopped. Press Check Again to check the file."));
  else
    gtk_label_set_text (self->check_title, error->message);
  set_checking (self, FALSE);
}

static void
validated (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OdsCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsReport) report = ods_validate_file_finish (result, &error);

  if (!is_current (self, result))
    return;
  if (report == NULL)
    {
      check_failed (self, error);
      return;
    }
  stop_check_timer (self);

  self->report = g_steal_pointer (&report);
  ods_report_sort_errors (self->report);
  ods_preview_grid_set_errors (self->preview_grid, ods_report_get_errors (self->report));
  show_summary (self);
  show_errors (self);
  self->checking = FALSE;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
  g_signal_emit (self, signals[CHECKED], 0, self->report);
}

static void
run_validation (OdsCheckPage *self)
{
  OdsValidationOptions options = { 0 };

  if (self->check_cancellable == NULL || g_cancellable_is_cancelled (self->check_cancellable))
    return;
  ods_validate_file_async (self->checked_file, self->schema, &options, check_progress_cb,
                           self->check_progress_data, self->check_cancellable, validated, g_object_ref (self));
}

static void
inferred_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  OdsValidationOptions options = { 0 };
  GError *error = NULL;
  OdsSchema *schema = ods_infer_file (task_data, &options, cancellable, &error);

  if (schema != NULL)
    g_task_return_pointer (task, schema, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
inferred (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsSchema) schema = g_task_propagate_pointer (G_TASK (result), &error);
  GFile *previous = g_task_get_task_data (G_TASK (result));

  /* A downloaded file of an earlier quarter is not kept. */
  if (g_object_get_data (G_OBJECT (previous), "ods-temporary") != NULL)
    g_file_delete (previous, NULL, NULL);
  if (!is_current (self, result))
    return;
  if (schema == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      check_failed (self, error);
      return;
    }
  /* Without an inferred schema the structure is still checked. */
  g_set_object (&self->schema, schema);
  run_validation (self);
}

static void
infer_from (OdsCheckPage *self,
            GFile        *file)
{
  g_autoptr(GTask) task = g_task_new (self, self->check_cancellable, inferred, NULL);

  gtk_label_set_text (self->schema_label, self->schema_note);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, inferred_thread);
}

/* The upload of the latest earlier period, to infer the schema from. */
static OdsCkanResource *
find_previous_upload (OdsCheckPage *self)
{
  GPtrArray *all = ods_ckan_package_get_resources (self->package);
  OdsCkanResource *best = NULL;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      OdsCkanResource *r = g_ptr_array_index (all, i);
      const char *period = ods_ckan_resource_get_period (r);

      if (!ods_ckan_resource_is_upload (r) || ods_ckan_resource_get_url (r) == NULL || period == NULL ||
          self->period == NULL || strcmp (period, self->period) >= 0)
        continue;
      if (best == NULL || strcmp (period, ods_ckan_resource_get_period (best)) > 0)
        best = r;
    }
  return best;
}

static const char *
inferred_from_file_note (void)
{
  return _("The portal keeps no Table Schema for this dataset: the column types "
           "were inferred from this file, so only values that disagree with "
           "the rest of their column are found. Ask the portal’s administrator "
           "to add a schema.");
}

static void
previous_downloaded (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GFile) destination = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = ods_portal_client_download_finish (ODS_PORTAL_CLIENT (source), result, NULL, &error);
  OdsCheckPage *self = g_object_get_data (G_OBJECT (destination), "ods-check-page");

  if (!is_current (self, result))
    {
      g_file_delete (destination, NULL, NULL);
      return;
    }
  if (sha256 == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_file_delete (destination, NULL, NULL);
      check_failed (self, error);
      return;
    }
  if (sha256 == NULL)
    {
      /* Then from the file itself. */
      g_file_delete (destination, NULL, NULL);
      g_free (self->schema_note);
      self->schema_note = g_strdup (inferred_from_file_note ());
      infer_from (self, self->checked_file);
      return;
    }
  infer_from (self, destination);
}

static void
start_check (OdsCheckPage *self)
{
  GFile *file = self->checked_file;
  const char *schema_text;

  if (self->account == NULL || self->package == NULL || file == NULL)
    return;

  self->check_cancellable = g_cancellable_new ();
  if (self->check_progress_data == NULL)
    {
      self->check_progress_data = g_rc_box_new0 (CheckProgress);
      g_mutex_init (&self->check_progress_data->lock);
    }
  else
    check_progress_cb (0, 0, 0, self->check_progress_data);
  gtk_widget_set_visible (self->check_progress_box, TRUE);
  gtk_progress_bar_set_fraction (self->check_progress, 0);
  gtk_label_set_text (self->check_title, _("Checking every row of the file…"));
  self->check_timer = g_timeout_add (CHECK_PROGRESS_INTERVAL_MS, check_progress_tick, self);
  set_checking (self, TRUE);

  ods_preview_grid_load (self->preview_grid, file, self->check_cancellable);

  schema_text = ods_ckan_package_find_schema (self->package, self->resource_id);
  if (self->schema == NULL && schema_text != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->schema = ods_schema_new_from_string (schema_text, -1, &error);
      g_clear_pointer (&self->schema_note, g_free);
      if (self->schema == NULL)
        /* TRANSLATORS: %s says what is wrong with the schema */
        self->schema_note = g_strdup_printf (_("The portal’s Table Schema for this dataset cannot be used (%s): "
                                               "only the file’s structure is checked. Ask the portal’s "
                                               "administrator to correct it."), error->message);
      else
        self->schema_note = g_strdup (_("Checked against the Table Schema the portal keeps for this dataset."));
      self->schema_inferred = FALSE;
    }

  if (schema_text == NULL && (self->schema == NULL || self->schema_inferred))
    {
      OdsCkanResource *previous = find_previous_upload (self);

      g_clear_object (&self->schema);
      self->schema_inferred = TRUE;
      g_clear_pointer (&self->schema_note, g_free);
      if (previous != NULL)
        {
          g_autoptr(GFileIOStream) stream = NULL;
          g_autoptr(GError) error = NULL;
          GFile *destination = g_file_new_tmp ("opendata-submit-previous-XXXXXX.csv", &stream, &error);
          g_autofree char *period = ods_upload_period_label (ods_ckan_resource_get_period (previous));

          if (destination != NULL)
            {
              g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
              /* TRANSLATORS: %s is the earlier period, e.g. Q2/2026 */
              self->schema_note = g_strdup_printf (_("The portal keeps no Table Schema for this dataset: the "
                                                     "column types were inferred from the file of %s on the "
                                                     "portal. Ask the portal’s administrator to add a schema."),
                                                   period);
              gtk_label_set_text (self->schema_label, self->schema_note);
              g_object_set_data_full (G_OBJECT (destination), "ods-check-page", g_object_ref (self),
                                      g_object_unref);
              g_object_set_data (G_OBJECT (destination), "ods-temporary", GINT_TO_POINTER (TRUE));
              ods_portal_client_download_async (ods_portal_account_get_client (self->account),
                                                ods_ckan_resource_get_url (previous), destination,
                                                self->check_cancellable, previous_downloaded, destination);
              return;
            }
        }
      self->schema_note = g_strdup (inferred_from_file_note ());
      infer_from (self, file);
      return;
    }

  gtk_label_set_text (self->schema_label, self->schema_note != NULL ? self->schema_note : "");
  run_validation (self);
}

/* Clears what the last check showed; keeps what it was asked to check. */
static void
clear_results (OdsCheckPage *self)
{
  GtkWidget *child;

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  stop_check_timer (self);
  ods_preview_grid_clear (self->preview_grid);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->errors_list))) != NULL)
    gtk_list_box_remove (self->errors_list, child);
  gtk_widget_set_visible (self->errors_scroll, FALSE);
  gtk_label_set_text (self->check_title, "");
  gtk_label_set_text (self->check_summary, "");
  if (self->report != NULL)
    {
      g_clear_object (&self->report);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
    }
  set_checking (self, FALSE);
}

/* Actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (widget);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (widget);

  if (self->checking)
    return;
  clear_results (self);
  start_check (self);
}

static void
errors_exported (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsCheckPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ods_validation_report_write_xlsx_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, _("The errors were saved to the Excel file."));
}

static void
on_export_errors_response (GtkNativeDialog *dialog,
                           int              response,
                           OdsCheckPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ods_validation_report_write_xlsx_async (self->report, self->checked_file, path, NULL,
                                                errors_exported, g_object_ref (self));
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_errors_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->report == NULL || self->checked_file == NULL)
    return;
  base = g_file_get_basename (self->checked_file);
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  /* TRANSLATORS: the Excel file's suggested name; %s is the data file's name */
  name = g_strdup_printf (_("%s-errors.xlsx"), base);
  dialog = ods_save_dialog_new (widget, _("Export Errors to Excel"), name, _("Excel workbooks"), "xlsx");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_errors_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject */

static void
ods_check_page_dispose (GObject *object)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (object);
  GtkWidget *child;

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->check_timer, g_source_remove);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->account);
  g_clear_object (&self->package);
  g_clear_object (&self->schema);
  g_clear_object (&self->report);
  g_clear_object (&self->checked_file);

  gtk_widget_dispose_template (GTK_WIDGET (object), ODS_TYPE_CHECK_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ods_check_page_parent_class)->dispose (object);
}

static void
ods_check_page_finalize (GObject *object)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (object);

  g_free (self->period);
  g_free (self->resource_id);
  g_free (self->schema_note);
  /* Here, not in dispose: a validating thread writes to it until its task,
   * which holds a reference to the page, completes. */
  g_clear_pointer (&self->check_progress_data, check_progress_release);

  G_OBJECT_CLASS (ods_check_page_parent_class)->finalize (object);
}

static void
ods_check_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OdsCheckPage *self = ODS_CHECK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_check_page_class_init (OdsCheckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_check_page_dispose;
  object_class->finalize = ods_check_page_finalize;
  object_class->get_property = ods_check_page_get_property;

  /**
   * OdsCheckPage:checking:
   *
   * Whether a check runs (reading the schema, inferring one, validating).
   */
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * OdsCheckPage:report:
   *
   * The last check's report, or %NULL.
   */
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, ODS_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsCheckPage::checked:
   * @report: the report
   *
   * A check ended with a report (valid or not).
   */
  signals[CHECKED] =
    g_signal_new ("checked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ODS_TYPE_REPORT);

  g_type_ensure (ODS_TYPE_PREVIEW_GRID);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-check-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, check_title);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, check_progress_box);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, check_progress);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, check_summary);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, schema_label);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, errors_scroll);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, errors_list);
  gtk_widget_class_bind_template_child (widget_class, OdsCheckPage, preview_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_header_ready);

  gtk_widget_class_install_action (widget_class, "check.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "check.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "check.export-errors", NULL, export_errors_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ods_check_page_init (OdsCheckPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
ods_check_page_new (void)
{
  return g_object_new (ODS_TYPE_CHECK_PAGE, NULL);
}

/**
 * ods_check_page_start:
 * @account: the signed-in account (its client reads the previous file)
 * @package: the dataset, as package_show gave it (its schema)
 * @period: the reporting period, e.g. "2026-Q3"
 * @resource_id: (nullable): the resource replaced, whose schema applies
 * @file: the file to check
 *
 * Checks @file anew (what a check before showed is cleared). The schema is
 * read or inferred once; ods_check_page_reset() forgets it.
 */
void
ods_check_page_start (OdsCheckPage     *self,
                      OdsPortalAccount *account,
                      OdsCkanPackage   *package,
                      const char       *period,
                      const char       *resource_id,
                      GFile            *file)
{
  g_return_if_fail (ODS_IS_CHECK_PAGE (self));
  g_return_if_fail (ODS_IS_PORTAL_ACCOUNT (account));
  g_return_if_fail (ODS_IS_CKAN_PACKAGE (package));
  g_return_if_fail (G_IS_FILE (file));

  clear_results (self);
  g_set_object (&self->account, account);
  g_set_object (&self->package, package);
  g_free (self->period);
  self->period = g_strdup (period);
  g_free (self->resource_id);
  self->resource_id = g_strdup (resource_id);
  g_set_object (&self->checked_file, file);
  start_check (self);
}

/**
 * ods_check_page_reset:
 * @forget_schema: whether the next check reads the schema again (another
 *   dataset or resource)
 *
 * Stops a check and clears what the page shows; Check Again is off until
 * the next ods_check_page_start().
 */
void
ods_check_page_reset (OdsCheckPage *self,
                      gboolean      forget_schema)
{
  g_return_if_fail (ODS_IS_CHECK_PAGE (self));

  clear_results (self);
  g_clear_object (&self->checked_file);
  if (forget_schema)
    {
      g_clear_object (&self->schema);
      g_clear_pointer (&self->schema_note, g_free);
      self->schema_inferred = FALSE;
    }
  update_actions (self);
}

gboolean
ods_check_page_get_checking (OdsCheckPage *self)
{
  g_return_val_if_fail (ODS_IS_CHECK_PAGE (self), FALSE);

  return self->checking;
}

/**
 * ods_check_page_get_report:
 *
 * Returns: (nullable) (transfer none): the last check's report
 */
OdsReport *
ods_check_page_get_report (OdsCheckPage *self)
{
  g_return_val_if_fail (ODS_IS_CHECK_PAGE (self), NULL);

  return self->report;
}

/**
 * ods_check_page_get_file:
 *
 * Returns: (nullable) (transfer none): the file checked (or being checked)
 */
GFile *
ods_check_page_get_file (OdsCheckPage *self)
{
  g_return_val_if_fail (ODS_IS_CHECK_PAGE (self), NULL);

  return self->checked_file;
}
