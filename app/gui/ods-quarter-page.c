#define G_LOG_DOMAIN "ods-quarter-page"

#include "config.h"

#include "ods-quarter-page.h"
#include "ods-rule-settings.h"

#include <adwaita.h>
#include <string.h>

#include "ods-clock.h"
#include "ods-history.h"
#include "ods-save-dialog.h"
#include "ods-i18n.h"
#include "ods-portal-error.h"
#include "ods-status-badge.h"
#include "ods-unit-datasets.h"
#include "ods-xlsx-report.h"

/* Periods offered: the one due now and the ones before it. */
#define N_PERIODS 8
/* The deadline notice appears this many days before the due day. */
#define NOTICE_DAYS 5

struct _OdsQuarterPage
{
  GtkWidget         parent_instance;

  GSettings        *settings;
  OdsPortalAccount *account;
  OdsNotice        *notice;          /* weak */
  GCancellable     *cancellable;
  GPtrArray        *packages;        /* OdsCkanPackage, NULL until loaded */
  GListStore       *obligations;     /* OdsObligation */
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkCustomFilter  *filter;
  OdsPeriod         periods[N_PERIODS];
  OdsDeadline       deadline;
  GDateTime        *now;
  char             *state;
  guint             counts[ODS_OBLIGATION_N_STATUSES];

  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GtkDropDown      *period_dropdown;
  GtkLabel         *deadline_label;
  GtkLabel         *days_left_label;
  GtkLabel         *count_labels[ODS_OBLIGATION_N_STATUSES];
  GtkSearchEntry   *quarter_search_entry;
  GtkColumnView    *column_view;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *unit_column;
  GtkColumnViewColumn *submitted_column;
  GtkWidget        *export_button;
};

G_DEFINE_FINAL_TYPE (OdsQuarterPage, ods_quarter_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum {
  SUBMISSION_REQUESTED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_state (OdsQuarterPage *self,
           const char     *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  g_free (self->state);
  self->state = g_strdup (state);
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quarter.export", g_str_equal (state, "ready"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "quarter.export-to", g_str_equal (state, "ready"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static OdsStatus
badge_status (OdsObligationStatus status)
{
  switch (status)
    {
    case ODS_OBLIGATION_SUBMITTED_ON_TIME: return ODS_STATUS_ON_TIME;
    case ODS_OBLIGATION_SUBMITTED_LATE: return ODS_STATUS_LATE;
    case ODS_OBLIGATION_DUE: return ODS_STATUS_DUE;
    case ODS_OBLIGATION_OVERDUE: return ODS_STATUS_OVERDUE;
    case ODS_OBLIGATION_CONNECTED: return ODS_STATUS_CONNECTED_API;
    case ODS_OBLIGATION_NOT_REQUIRED:
    default: return ODS_STATUS_NOT_REQUIRED;
    }
}

static void
load_rule (OdsQuarterPage  *self,
           OdsDeadlineRule *rule,
           OdsHolidays    **holidays)
{
  g_autoptr(GError) error = NULL;

  /* The same rule and holiday file as the command line (Preferences). */
  ods_rule_settings_load_rule (rule);
  *holidays = ods_rule_settings_load_holidays (&error);
  if (*holidays == NULL)
    {
      /* A broken extra file must not hide the quarter: the law's days still apply. */
      g_warning ("%s", error->message);
      *holidays = ods_holidays_new_default (NULL, NULL);
    }
}

static void
update_notice (OdsQuarterPage *self)
{
  int days_left;

  if (self->notice == NULL)
    return;

  if (self->account == NULL || self->packages == NULL ||
      self->counts[ODS_OBLIGATION_DUE] + self->counts[ODS_OBLIGATION_OVERDUE] == 0)
    {
      ods_notice_hide (self->notice);
      return;
    }

  days_left = ods_deadline_days_left (&self->deadline, self->now);
  if (days_left < 0)
    {
      guint n = self->counts[ODS_OBLIGATION_OVERDUE];
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The deadline has passed and %u dataset is still missing. Submit it as soon as you can.",
                                      "The deadline has passed and %u datasets are still missing. Submit them as soon as you can.",
                                      n), n);

      ods_notice_show (self->notice, ODS_NOTICE_ERROR, title, NULL);
    }
  else if (days_left <= NOTICE_DAYS)
    {
      guint n = self->counts[ODS_OBLIGATION_DUE];
      g_autofree char *when = ods_deadline_describe_days_left (days_left);
      /* TRANSLATORS: %s is "3 days left" or "due today"; %u the datasets not yet submitted */
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Deadline: %s. %u dataset is not submitted yet.",
                                      "Deadline: %s. %u datasets are not submitted yet.",
                                      n), when, n);

      ods_notice_show (self->notice, ODS_NOTICE_WARNING, title, NULL);
    }
  else
    ods_notice_hide (self->notice);
}

static void
update_header (OdsQuarterPage *self)
{
  g_autofree char *due = ods_date_format_dmy (&self->deadline.due_day);
  int days_left = ods_deadline_days_left (&self->deadline, self->now);
  g_autofree char *deadline = NULL;
  g_autofree char *left = NULL;

  /* TRANSLATORS: %s is a weekday, then the date (16/10/2026) */
  deadline = g_strdup_printf (_("Deadline: %s %s"), ods_date_weekday_name (&self->deadline.due_day), due);
  gtk_label_set_text (self->deadline_label, deadline);

  if (days_left >= 0)
    left = ods_deadline_describe_days_left (days_left);
  else
    /* TRANSLATORS: %d is a number of days */
    left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Passed %d day ago", "Passed %d days ago", -days_left),
                            -days_left);
  gtk_label_set_text (self->days_left_label, left);

  for (guint i = 0; i < ODS_OBLIGATION_N_STATUSES; i++)
    {
      /* TRANSLATORS: a status ("Submitted late") and how many datasets have it */
      g_autofree char *text = g_strdup_printf (_("%s: %u"),
                                               ods_obligation_status_get_display_name (i),
                                               self->counts[i]);

      gtk_label_set_text (self->count_labels[i], text);
    }
}

/* Computes the statuses for the selected period from the datasets read. */
static void
compute (OdsQuarterPage *self)
{
  OdsDeadlineRule rule;
  g_autoptr(OdsHolidays) holidays = NULL;
  g_autoptr(GListModel) list = NULL;
  OdsPeriod period = ods_quarter_page_get_period (self);

  load_rule (self, &rule, &holidays);
  ods_deadline_for_period (period, &rule, holidays, &self->deadline);
  memset (self->counts, 0, sizeof self->counts);

  if (self->packages == NULL)
    {
      g_list_store_remove_all (self->obligations);
      update_header (self);
      update_notice (self);
      return;
    }

  list = ods_obligation_list_new (self->packages, period, &rule, holidays, self->now);
  {
    guint n = g_list_model_get_n_items (list);
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n; i++)
      {
        OdsObligation *ob = g_list_model_get_item (list, i);

        self->counts[ods_obligation_get_status (ob)]++;
        g_ptr_array_add (items, ob);
      }
    g_list_store_splice (self->obligations, 0, g_list_model_get_n_items (G_LIST_MODEL (self->obligations)),
                         items->pdata, items->len);
  }
  update_header (self);
  update_notice (self);
}

static void
on_datasets_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OdsQuarterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) packages = NULL;

  packages = ods_unit_datasets_load_finish (ODS_PORTAL_ACCOUNT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (ODS_PORTAL_ACCOUNT (source) != self->account)
    return;

  if (packages == NULL)
    {
      const char *summary = error->domain == ODS_PORTAL_ERROR ? ods_portal_error_get_summary (error) : NULL;

      adw_status_page_set_description (self->error_page, summary != NULL ? summary : error->message);
      set_state (self, "error");
      return;
    }

  g_clear_pointer (&self->packages, g_ptr_array_unref);
  self->packages = g_steal_pointer (&packages);
  compute (self);
  set_state (self, "ready");
}

void
ods_quarter_page_refresh (OdsQuarterPage *self)
{
  g_autoptr(GError) error = NULL;
  GDateTime *now;

  g_return_if_fail (ODS_IS_QUARTER_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->account == NULL)
    {
      g_clear_pointer (&self->packages, g_ptr_array_unref);
      compute (self);
      set_state (self, "empty");
      return;
    }

  now = ods_clock_now (&error);
  if (now == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      set_state (self, "error");
      return;
    }
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now;

  self->cancellable = g_cancellable_new ();
  set_state (self, "loading");
  ods_unit_datasets_load_async (self->account, self->cancellable, on_datasets_loaded, g_object_ref (self));
}

static void
fill_periods (OdsQuarterPage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  OdsPeriod period = ods_period_due_at (self->now);

  for (guint i = 0; i < N_PERIODS; i++)
    {
      g_autofree char *display = ods_period_to_display (period);

      self->periods[i] = period;
      gtk_string_list_append (model, display);
      period = ods_period_prev (period);
    }
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
}

static void
on_period_selected (OdsQuarterPage *self)
{
  compute (self);
}

/* ---- rows --------------------------------------------------------------- */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_title (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  OdsObligation *ob = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), ods_obligation_get_dataset_title (ob));
  gtk_widget_set_tooltip_text (label, ods_obligation_get_dataset_name (ob));
}

static void
bind_unit (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  OdsObligation *ob = gtk_list_item_get_item (item);
  const char *unit = ods_obligation_get_organization (ob);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), unit != NULL ? unit : "");
}

static void
bind_submitted (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  OdsObligation *ob = gtk_list_item_get_item (item);
  GDateTime *at = ods_obligation_get_submitted_at (ob);
  g_autofree char *text = NULL;

  if (at != NULL)
    {
      GDate date;

      ods_period_local_date (at, &date);
      text = ods_date_format_dmy (&date);
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "—");
}

static void
setup_badge (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *badge = ods_status_badge_new ();

  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_list_item_set_child (item, badge);
}

static void
bind_badge (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  OdsObligation *ob = gtk_list_item_get_item (item);

  ods_status_badge_set (ODS_STATUS_BADGE (gtk_list_item_get_child (item)),
                        badge_status (ods_obligation_get_status (ob)),
                        (guint) MAX (ods_obligation_get_days (ob), 0));
}

static void
set_factory (GtkColumnViewColumn *column,
             GCallback            setup,
             GCallback            bind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* Most urgent first: overdue, due (fewest days left first), late, then the rest. */
static int
status_rank (OdsObligation *ob)
{
  static const int rank[] = {
    [ODS_OBLIGATION_OVERDUE] = 0,
    [ODS_OBLIGATION_DUE] = 1,
    [ODS_OBLIGATION_SUBMITTED_LATE] = 2,
    [ODS_OBLIGATION_SUBMITTED_ON_TIME] = 3,
    [ODS_OBLIGATION_CONNECTED] = 4,
    [ODS_OBLIGATION_NOT_REQUIRED] = 5,
  };

  return rank[ods_obligation_get_status (ob)];
}

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  OdsObligation *x = (OdsObligation *) a, *y = (OdsObligation *) b;
  int rx = status_rank (x), ry = status_rank (y);

  if (rx != ry)
    return rx < ry ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  if (ods_obligation_get_status (x) == ODS_OBLIGATION_DUE)
    return gtk_ordering_from_cmpfunc (ods_obligation_get_days (x) - ods_obligation_get_days (y));
  return gtk_ordering_from_cmpfunc (ods_obligation_get_days (y) - ods_obligation_get_days (x));
}

static int
compare_title (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  g_autofree char *x = g_utf8_collate_key (ods_obligation_get_dataset_title ((OdsObligation *) a), -1);
  g_autofree char *y = g_utf8_collate_key (ods_obligation_get_dataset_title ((OdsObligation *) b), -1);

  return gtk_ordering_from_cmpfunc (strcmp (x, y));
}

static int
compare_unit (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const char *x = ods_obligation_get_organization ((OdsObligation *) a);
  const char *y = ods_obligation_get_organization ((OdsObligation *) b);

  return gtk_ordering_from_cmpfunc (g_utf8_collate (x ? x : "", y ? y : ""));
}

static int
compare_submitted (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GDateTime *x = ods_obligation_get_submitted_at ((OdsObligation *) a);
  GDateTime *y = ods_obligation_get_submitted_at ((OdsObligation *) b);

  if (x == NULL || y == NULL)
    return gtk_ordering_from_cmpfunc ((x == NULL) - (y == NULL));
  return gtk_ordering_from_cmpfunc (g_date_time_compare (x, y));
}

static void
set_sorter (GtkColumnViewColumn *column,
            GCompareDataFunc     compare)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  return strstr (h, needle) != NULL;
}

static gboolean
match_search (gpointer item,
              gpointer user_data)
{
  OdsQuarterPage *self = user_data;
  OdsObligation *ob = item;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->quarter_search_entry));
  g_autofree char *needle = NULL;

  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  return contains_casefold (ods_obligation_get_dataset_title (ob), needle) ||
         contains_casefold (ods_obligation_get_dataset_name (ob), needle) ||
         contains_casefold (ods_obligation_get_organization (ob), needle);
}

static void
on_search_changed (OdsQuarterPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_row_activated (OdsQuarterPage *self,
                  guint           position)
{
  g_autoptr(OdsObligation) ob = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autofree char *period = NULL;

  if (ob == NULL || self->packages == NULL)
    return;

  period = ods_period_to_string (ods_obligation_get_period (ob));
  for (guint i = 0; i < self->packages->len; i++)
    {
      OdsCkanPackage *package = self->packages->pdata[i];

      if (g_strcmp0 (ods_ckan_package_get_id (package), ods_obligation_get_dataset_id (ob)) == 0)
        {
          g_signal_emit (self, signals[SUBMISSION_REQUESTED], 0, package, period);
          return;
        }
    }
}

/* ---- export ------------------------------------------------------------- */

typedef struct
{
  OdsQuarterPage      *self;
  OdsComplianceReport *report;
  char                *path;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_clear_pointer (&export->report, ods_compliance_report_free);
  g_free (export->path);
  g_free (export);
}

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *base = g_path_get_basename (export->path);

  if (ods_compliance_report_write_xlsx_finish (result, &error))
    /* TRANSLATORS: %s is the file name of the Excel report */
    message = g_strdup_printf (_("Saved the report as %s"), base);
  else
    /* TRANSLATORS: %s is the reason */
    message = g_strdup_printf (_("The report could not be saved: %s Choose another folder and try again."),
                               error->message);
  gtk_widget_set_sensitive (export->self->export_button, TRUE);
  g_signal_emit (export->self, signals[TOAST], 0, message);
  export_free (export);
}

static void
on_history_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = ods_history_query_finish (ODS_HISTORY (source), result, &error);

  /* Without this computer's history the report is still worth having. */
  if (history == NULL)
    g_warning ("%s", error->message);
  else
    for (guint i = 0; i < history->len; i++)
      g_ptr_array_add (export->report->history, g_steal_pointer (&history->pdata[i]));

  ods_compliance_report_write_xlsx_async (g_steal_pointer (&export->report), export->path, NULL,
                                          on_report_written, export);
}

static char *
dup_unit_names (OdsQuarterPage *self)
{
  GPtrArray *orgs = ods_portal_account_get_organizations (self->account);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ods_ckan_organization_get_display_name (orgs->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
export_to (OdsQuarterPage *self,
           const char     *path)
{
  Export *export;
  g_autoptr(OdsHistory) history = NULL;
  g_autofree char *period = NULL;
  guint n;

  if (self->account == NULL || self->packages == NULL)
    return;

  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->path = g_strdup (path);
  export->report = ods_compliance_report_new ();
  export->report->unit = dup_unit_names (self);
  export->report->portal = g_strdup (ods_portal_client_get_url (ods_portal_account_get_client (self->account)));
  export->report->user = g_strdup (ods_ckan_user_get_display_name (ods_portal_account_get_user (self->account)));
  export->report->period = ods_quarter_page_get_period (self);
  export->report->deadline = self->deadline;
  export->report->generated_at = g_date_time_ref (self->now);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->obligations));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (export->report->obligations, g_list_model_get_item (G_LIST_MODEL (self->obligations), i));

  gtk_widget_set_sensitive (self->export_button, FALSE);
  period = ods_period_to_string (export->report->period);
  history = ods_history_new (NULL);
  ods_history_query_async (history, period, NULL, 0, NULL, on_history_read, export);
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  export_to (ODS_QUARTER_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  OdsQuarterPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        export_to (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OdsQuarterPage *self = ODS_QUARTER_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *period = ods_period_to_string (ods_quarter_page_get_period (self));
  /* TRANSLATORS: the suggested file name of the report; %s is the period (2026-Q3). Keep it ASCII. */
  g_autofree char *name = g_strdup_printf (_("compliance-report-%s.xlsx"), period);

  dialog = ods_save_dialog_new (widget, _("Save the Compliance Report"), name, _("Excel workbooks"), "xlsx");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ods_quarter_page_refresh (ODS_QUARTER_PAGE (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (ODS_QUARTER_PAGE (widget)->quarter_search_entry));
}

/* ---- object ------------------------------------------------------------- */

static void
ods_quarter_page_dispose (GObject *object)
{
  OdsQuarterPage *self = (OdsQuarterPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_QUARTER_PAGE);
  g_clear_object (&self->account);
  g_clear_object (&self->settings);
  g_clear_object (&self->sorted);
  g_clear_object (&self->obligations);
  g_clear_pointer (&self->packages, g_ptr_array_unref);
  if (self->notice != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->notice), (gpointer *) &self->notice);
  self->notice = NULL;

  G_OBJECT_CLASS (ods_quarter_page_parent_class)->dispose (object);
}

static void
ods_quarter_page_finalize (GObject *object)
{
  OdsQuarterPage *self = (OdsQuarterPage *) object;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_free (self->state);

  G_OBJECT_CLASS (ods_quarter_page_parent_class)->finalize (object);
}

static void
ods_quarter_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsQuarterPage *self = ODS_QUARTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_quarter_page_class_init (OdsQuarterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_quarter_page_dispose;
  object_class->finalize = ods_quarter_page_finalize;
  object_class->get_property = ods_quarter_page_get_property;

  /**
   * OdsQuarterPage:state:
   *
   * "empty", "loading", "error" or "ready".
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OdsQuarterPage::submission-requested:
   * @package: the dataset (OdsCkanPackage)
   * @period: "2026-Q3"
   *
   * A row was activated: the officer wants to submit this dataset.
   */
  signals[SUBMISSION_REQUESTED] =
    g_signal_new ("submission-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ODS_TYPE_CKAN_PACKAGE, G_TYPE_STRING);

  /**
   * OdsQuarterPage::toast:
   * @message: a short sentence for the officer ("Saved the report as …")
   */
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-quarter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, days_left_label);
  gtk_widget_class_bind_template_child_full (widget_class, "count_on_time", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_SUBMITTED_ON_TIME]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_late", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_SUBMITTED_LATE]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_due", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_DUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_overdue", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_OVERDUE]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_connected", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_CONNECTED]));
  gtk_widget_class_bind_template_child_full (widget_class, "count_not_required", FALSE,
                                             G_STRUCT_OFFSET (OdsQuarterPage, count_labels[ODS_OBLIGATION_NOT_REQUIRED]));
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, quarter_search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, unit_column);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, submitted_column);
  gtk_widget_class_bind_template_child (widget_class, OdsQuarterPage, export_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "quarter.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "quarter.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "quarter.export-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "quarter.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "quarter.search", NULL);
}

static void
ods_quarter_page_init (OdsQuarterPage *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->state = g_strdup ("empty");
  self->now = g_date_time_new_now_utc ();
  self->obligations = g_list_store_new (ODS_TYPE_OBLIGATION);

  set_factory (self->status_column, G_CALLBACK (setup_badge), G_CALLBACK (bind_badge));
  set_factory (self->title_column, G_CALLBACK (setup_label), G_CALLBACK (bind_title));
  set_factory (self->unit_column, G_CALLBACK (setup_label), G_CALLBACK (bind_unit));
  set_factory (self->submitted_column, G_CALLBACK (setup_label), G_CALLBACK (bind_submitted));
  set_sorter (self->status_column, compare_status);
  set_sorter (self->title_column, compare_title);
  set_sorter (self->unit_column, compare_unit);
  set_sorter (self->submitted_column, compare_submitted);

  self->filter = gtk_custom_filter_new (match_search, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->obligations)),
                                              GTK_FILTER (self->filter));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  gtk_column_view_set_model (self->column_view, selection);
  gtk_column_view_sort_by_column (self->column_view, self->status_column, GTK_SORT_ASCENDING);

  fill_periods (self);
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_period_selected), self, G_CONNECT_SWAPPED);
  compute (self);
  set_state (self, "loading");
  set_state (self, "empty");
}

GtkWidget *
ods_quarter_page_new (void)
{
  return g_object_new (ODS_TYPE_QUARTER_PAGE, NULL);
}

void
ods_quarter_page_set_account (OdsQuarterPage   *self,
                              OdsPortalAccount *account)
{
  g_return_if_fail (ODS_IS_QUARTER_PAGE (self));

  if (!g_set_object (&self->account, account))
    return;

  g_clear_pointer (&self->packages, g_ptr_array_unref);
  if (account != NULL)
    {
      g_autoptr(GDateTime) now = ods_clock_now (NULL);

      /* The period due now is the default again for a new account. */
      if (now != NULL)
        {
          g_clear_pointer (&self->now, g_date_time_unref);
          self->now = g_steal_pointer (&now);
        }
      fill_periods (self);
    }
  ods_quarter_page_refresh (self);
}

void
ods_quarter_page_set_notice (OdsQuarterPage *self,
                             OdsNotice      *notice)
{
  g_return_if_fail (ODS_IS_QUARTER_PAGE (self));

  if (self->notice != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->notice), (gpointer *) &self->notice);
  self->notice = notice;
  if (notice != NULL)
    g_object_add_weak_pointer (G_OBJECT (notice), (gpointer *) &self->notice);
  update_notice (self);
}

OdsPeriod
ods_quarter_page_get_period (OdsQuarterPage *self)
{
  static const OdsPeriod none = { 0, 0 };
  guint selected;

  g_return_val_if_fail (ODS_IS_QUARTER_PAGE (self), none);

  selected = gtk_drop_down_get_selected (self->period_dropdown);
  return self->periods[selected < N_PERIODS ? selected : 0];
}

gboolean
ods_quarter_page_set_period (OdsQuarterPage *self,
                             OdsPeriod       period)
{
  g_return_val_if_fail (ODS_IS_QUARTER_PAGE (self), FALSE);

  for (guint i = 0; i < N_PERIODS; i++)
    if (ods_period_compare (self->periods[i], period) == 0)
      {
        gtk_drop_down_set_selected (self->period_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

const char *
ods_quarter_page_get_state (OdsQuarterPage *self)
{
  g_return_val_if_fail (ODS_IS_QUARTER_PAGE (self), NULL);

  return self->state;
}

/**
 * ods_quarter_page_get_rows:
 *
 * Returns: (transfer none): the OdsObligation rows in the order shown,
 *   without those the search hides
 */
GListModel *
ods_quarter_page_get_rows (OdsQuarterPage *self)
{
  g_return_val_if_fail (ODS_IS_QUARTER_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
ods_quarter_page_get_count (OdsQuarterPage      *self,
                            OdsObligationStatus  status)
{
  g_return_val_if_fail (ODS_IS_QUARTER_PAGE (self), 0);
  g_return_val_if_fail (status < ODS_OBLIGATION_N_STATUSES, 0);

  return self->counts[status];
}
