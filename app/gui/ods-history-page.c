#define G_LOG_DOMAIN "ods-history-page"

#include "config.h"

#include "ods-history-page.h"

#include <adwaita.h>
#include <string.h>

#include "ods-history.h"
#include "ods-i18n.h"
#include "ods-period.h"

struct _OdsHistoryPage
{
  GtkWidget      parent_instance;

  GCancellable  *cancellable;
  GPtrArray     *entries;          /* OdsHistoryEntry, newest first */
  GPtrArray     *periods;          /* char *, for the period filter (index 0: all) */
  char          *state;

  GtkStack      *stack;
  AdwStatusPage *error_page;
  GtkDropDown   *period_dropdown;
  GtkDropDown   *outcome_dropdown;
  GtkSearchEntry *history_search_entry;
  GtkListBox    *list;
  GtkLabel      *history_count_label;
};

G_DEFINE_FINAL_TYPE (OdsHistoryPage, ods_history_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (OdsHistoryPage *self,
           const char     *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  g_free (self->state);
  self->state = g_strdup (state);
  gtk_stack_set_visible_child_name (self->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static char *
format_local_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, ods_period_get_timezone ());

  return g_date_time_format (local, "%d/%m/%Y %H:%M");
}

/* "đã tải lên" → "Đã tải lên": it starts a line or a choice. */
static char *
dup_outcome_name (OdsHistoryOutcome outcome)
{
  const char *name = ods_history_outcome_get_display_name (outcome);
  char first[8] = { 0 };

  if (*name == '\0')
    return g_strdup (name);
  g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (name)), first);
  return g_strconcat (first, g_utf8_next_char (name), NULL);
}

static void
add_detail (AdwExpanderRow *row,
            const char     *title,
            const char     *value)
{
  GtkWidget *detail = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (detail), label);
  adw_expander_row_add_row (row, detail);
}

static void
on_receipt_clicked (GtkButton *button,
                    const char *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
make_row (const OdsHistoryEntry *entry)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *when = entry->time != NULL ? format_local_time (entry->time) : g_strdup ("");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *outcome = NULL;
  OdsPeriod period;

  if (entry->period != NULL && ods_period_parse (entry->period, &period, NULL))
    {
      g_autofree char *display = ods_period_to_display (period);

      /* TRANSLATORS: a dataset, then a period ("Quý 3/2026") */
      title = g_strdup_printf (_("%s — %s"), entry->dataset ? entry->dataset : "", display);
    }
  else
    title = g_strdup (entry->dataset ? entry->dataset : "");

  /* TRANSLATORS: what happened ("uploaded"), then when ("22/10/2026 15:05") */
  outcome = dup_outcome_name (entry->outcome);
  subtitle = g_strdup_printf (_("%s, %s"), outcome, when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  if (entry->file_name != NULL)
    add_detail (ADW_EXPANDER_ROW (row), _("File"), entry->file_name);
  if (entry->size >= 0)
    {
      g_autofree char *size = ods_format_size (entry->size);

      add_detail (ADW_EXPANDER_ROW (row), _("Size"), size);
    }
  if (entry->rows >= 0)
    {
      g_autofree char *rows = g_strdup_printf ("%" G_GINT64_FORMAT, entry->rows);

      add_detail (ADW_EXPANDER_ROW (row), _("Rows"), rows);
    }
  if (entry->errors >= 0)
    {
      g_autofree char *errors = g_strdup_printf ("%" G_GINT64_FORMAT, entry->errors);

      add_detail (ADW_EXPANDER_ROW (row), _("Errors"), errors);
    }
  if (entry->sha256 != NULL)
    add_detail (ADW_EXPANDER_ROW (row), _("SHA-256"), entry->sha256);
  if (entry->resource != NULL)
    add_detail (ADW_EXPANDER_ROW (row), _("Resource"), entry->resource);
  if (entry->message != NULL)
    add_detail (ADW_EXPANDER_ROW (row), _("Message"), entry->message);
  if (entry->receipt_url != NULL)
    {
      GtkWidget *receipt = adw_action_row_new ();
      /* No Alt+letter: several rows may be open at once. */
      GtkWidget *button = gtk_button_new_with_label (_("Open Receipt"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (receipt), _("Receipt"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (receipt), entry->receipt_url);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Open the resource’s page on the portal in the web browser"));
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_receipt_clicked),
                             g_strdup (entry->receipt_url), (GClosureNotify) (void (*) (void)) g_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (receipt), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), receipt);
    }
  if (entry->period != NULL && ods_period_parse (entry->period, &period, NULL))
    {
      GtkWidget *report = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Export Report…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (report), _("The quarter’s compliance report"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.export-report");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", entry->period);
      adw_action_row_add_suffix (ADW_ACTION_ROW (report), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), report);
    }
  return row;
}

static const OdsHistoryEntry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "ods-history-entry");
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  OdsHistoryPage *self = user_data;
  const OdsHistoryEntry *entry = row_entry (row);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  guint outcome = gtk_drop_down_get_selected (self->outcome_dropdown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->history_search_entry));

  if (entry == NULL)
    return TRUE;
  if (period > 0 && period < self->periods->len &&
      g_strcmp0 (entry->period, self->periods->pdata[period]) != 0)
    return FALSE;
  if (outcome > 0 && outcome != GTK_INVALID_LIST_POSITION && entry->outcome != (OdsHistoryOutcome) (outcome - 1))
    return FALSE;
  if (*text != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (text, -1);
      g_autofree char *dataset = g_utf8_casefold (entry->dataset ? entry->dataset : "", -1);
      g_autofree char *file = g_utf8_casefold (entry->file_name ? entry->file_name : "", -1);

      if (strstr (dataset, needle) == NULL && strstr (file, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
update_count (OdsHistoryPage *self)
{
  guint n = ods_history_page_get_n_visible (self);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", n), n);
  gtk_label_set_text (self->history_count_label, text);
}

static void
on_filter_changed (OdsHistoryPage *self)
{
  gtk_list_box_invalidate_filter (self->list);
  update_count (self);
}

static void
fill (OdsHistoryPage *self)
{
  GtkWidget *child;
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autofree char *selected_period = NULL;
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  guint select = 0;

  if (selected > 0 && selected < self->periods->len)
    selected_period = g_strdup (self->periods->pdata[selected]);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_ptr_array_set_size (self->periods, 0);
  g_ptr_array_add (self->periods, g_strdup (""));
  gtk_string_list_append (periods, _("All periods"));

  for (guint i = 0; i < self->entries->len; i++)
    {
      OdsHistoryEntry *entry = self->entries->pdata[i];
      GtkWidget *row = make_row (entry);
      gboolean known = FALSE;

      g_object_set_data (G_OBJECT (row), "ods-history-entry", entry);
      gtk_list_box_append (self->list, row);

      if (entry->period == NULL)
        continue;
      for (guint j = 1; j < self->periods->len && !known; j++)
        known = g_str_equal (self->periods->pdata[j], entry->period);
      if (!known)
        {
          OdsPeriod period;
          g_autofree char *display = NULL;

          if (!ods_period_parse (entry->period, &period, NULL))
            continue;
          display = ods_period_to_display (period);
          if (g_strcmp0 (entry->period, selected_period) == 0)
            select = self->periods->len;
          g_ptr_array_add (self->periods, g_strdup (entry->period));
          gtk_string_list_append (periods, display);
        }
    }
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, select);
  on_filter_changed (self);
}

static void
on_history_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(OdsHistoryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = ods_history_query_finish (ODS_HISTORY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    {
      /* TRANSLATORS: %s is the reason */
      g_autofree char *message = g_strdup_printf (_("%s Check that the file can be read, then try again."),
                                                  error->message);

      adw_status_page_set_description (self->error_page, message);
      set_state (self, "error");
      return;
    }

  /* Newest first. */
  g_ptr_array_set_size (self->entries, 0);
  for (guint i = entries->len; i > 0; i--)
    g_ptr_array_add (self->entries, g_steal_pointer (&entries->pdata[i - 1]));
  fill (self);
  set_state (self, self->entries->len > 0 ? "ready" : "empty");
}

void
ods_history_page_refresh (OdsHistoryPage *self)
{
  g_autoptr(OdsHistory) history = NULL;

  g_return_if_fail (ODS_IS_HISTORY_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->entries->len == 0)
    set_state (self, "loading");
  history = ods_history_new (NULL);
  ods_history_query_async (history, NULL, NULL, 0, self->cancellable, on_history_read, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ods_history_page_refresh (ODS_HISTORY_PAGE (widget));
}

static void
ods_history_page_dispose (GObject *object)
{
  OdsHistoryPage *self = (OdsHistoryPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ODS_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (ods_history_page_parent_class)->dispose (object);
}

static void
ods_history_page_finalize (GObject *object)
{
  OdsHistoryPage *self = (OdsHistoryPage *) object;

  g_ptr_array_unref (self->entries);
  g_ptr_array_unref (self->periods);
  g_free (self->state);

  G_OBJECT_CLASS (ods_history_page_parent_class)->finalize (object);
}

static void
ods_history_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OdsHistoryPage *self = ODS_HISTORY_PAGE (object);

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
ods_history_page_class_init (OdsHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ods_history_page_dispose;
  object_class->finalize = ods_history_page_finalize;
  object_class->get_property = ods_history_page_get_property;

  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/opendatasubmit/OpenDataSubmit/ods-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, outcome_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, history_search_entry);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, list);
  gtk_widget_class_bind_template_child (widget_class, OdsHistoryPage, history_count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "history.refresh", NULL, refresh_action);
}

static void
ods_history_page_init (OdsHistoryPage *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_history_entry_free);
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->state = g_strdup ("loading");

  gtk_string_list_append (outcomes, _("All outcomes"));
  for (guint i = 0; i < ODS_HISTORY_N_OUTCOMES; i++)
    {
      g_autofree char *name = dup_outcome_name (i);

      gtk_string_list_append (outcomes, name);
    }
  gtk_drop_down_set_model (self->outcome_dropdown, G_LIST_MODEL (outcomes));
  g_signal_connect_object (self->period_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outcome_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_set_filter_func (self->list, filter_row, self, NULL);
  fill (self);
}

GtkWidget *
ods_history_page_new (void)
{
  return g_object_new (ODS_TYPE_HISTORY_PAGE, NULL);
}

const char *
ods_history_page_get_state (OdsHistoryPage *self)
{
  g_return_val_if_fail (ODS_IS_HISTORY_PAGE (self), NULL);

  return self->state;
}

guint
ods_history_page_get_n_visible (OdsHistoryPage *self)
{
  guint n = 0;

  g_return_val_if_fail (ODS_IS_HISTORY_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_entry (GTK_LIST_BOX_ROW (child)) != NULL &&
        filter_row (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}

GtkListBox *
ods_history_page_get_list (OdsHistoryPage *self)
{
  g_return_val_if_fail (ODS_IS_HISTORY_PAGE (self), NULL);

  return self->list;
}
