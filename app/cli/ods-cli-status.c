#define G_LOG_DOMAIN "ods-cli-status"

#include "ods-cli.h"
#include "ods-cli-obligations.h"
#include "ods-i18n.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
print_json (OdsCliObligations *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *period = ods_period_to_string (o->period);
  g_autofree char *due = ods_date_format_iso (&o->deadline.due_day);
  guint n = g_list_model_get_n_items (o->obligations);

  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdsObligation) ob = g_list_model_get_item (o->obligations, i);
      GDateTime *submitted = ods_obligation_get_submitted_at (ob);
      g_autofree char *label = ods_obligation_dup_label (ob);
      g_autofree char *submitted_s = submitted ? g_date_time_format_iso8601 (submitted) : NULL;

      json_builder_begin_object (b);
      add_string (b, "dataset", ods_obligation_get_dataset_name (ob));
      add_string (b, "dataset_id", ods_obligation_get_dataset_id (ob));
      add_string (b, "title", ods_obligation_get_dataset_title (ob));
      add_string (b, "organization", ods_obligation_get_organization (ob));
      add_string (b, "frequency", ods_obligation_get_frequency (ob));
      add_string (b, "period", period);
      add_string (b, "due", due);
      add_string (b, "status", ods_obligation_status_to_string (ods_obligation_get_status (ob)));
      add_string (b, "label", label);
      json_builder_set_member_name (b, "days");
      json_builder_add_int_value (b, ods_obligation_get_days (ob));
      add_string (b, "submitted_at", submitted_s);
      add_string (b, "resource_id", ods_obligation_get_resource_id (ob));
      add_string (b, "resource_name", ods_obligation_get_resource_name (ob));
      add_string (b, "url", ods_obligation_get_url (ob));
      json_builder_set_member_name (b, "size");
      if (ods_obligation_get_size (ob) >= 0)
        json_builder_add_int_value (b, ods_obligation_get_size (ob));
      else
        json_builder_add_null_value (b);
      add_string (b, "sha256", ods_obligation_get_sha256 (ob));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

/* Pads @text with spaces to @width characters (not bytes). */
static void
append_padded (GString    *line,
               const char *text,
               long        width)
{
  g_string_append (line, text);
  for (long n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (line, ' ');
}

static void
print_text (OdsCliObligations *o)
{
  g_autofree char *units = ods_cli_obligations_dup_unit_names (o);
  g_autofree char *period = ods_period_to_display (o->period);
  g_autofree char *due = ods_date_format_dmy (&o->deadline.due_day);
  guint n = g_list_model_get_n_items (o->obligations);

  /* TRANSLATORS: unit(s), then the period ("Quý 3/2026"), then the due day */
  printf (_("%s — %s, due %s"), units, period, due);
  printf ("\n");
  if (n == 0)
    printf ("%s\n", _("The unit has no datasets on the portal."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OdsObligation) ob = g_list_model_get_item (o->obligations, i);
      g_autofree char *label = ods_obligation_dup_label (ob);
      g_autoptr(GString) line = g_string_new (NULL);

      append_padded (line, label, 28);
      g_string_append (line, "  ");
      append_padded (line, ods_obligation_get_dataset_name (ob), 28);
      g_string_append (line, "  ");
      g_string_append (line, ods_obligation_get_dataset_title (ob));
      printf ("%s\n", line->str);
    }
}

int
ods_cli_status (int    argc,
                char **argv)
{
  g_autofree char *period = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *unit = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period,
      N_("The period, for example 2026-Q3 (default: the one due now)"), N_("PERIOD") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit,
      N_("Only this unit (its name on the portal, e.g. so-tai-chinh)"), N_("NAME") },
    { "portal", 0, 0, G_OPTION_ARG_STRING, &portal,
      N_("The portal’s address (default: the one signed in last)"), N_("URL") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OdsCliObligations) o = NULL;
  int exit_code;

  context = ods_cli_option_context_new ("status", NULL,
                                        _("Shows, for each dataset of your unit, whether the "
                                          "period’s data was submitted on time, late, or is "
                                          "still due, as the portal has it."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;
  if (argc > 1)
    {
      /* TRANSLATORS: %s is an unexpected argument */
      ods_cli_error (_("Unexpected “%s”. Use --period to choose a period."), argv[1]);
      return ODS_EXIT_USAGE;
    }

  o = ods_cli_obligations_load (portal, period, unit, &exit_code);
  if (o == NULL)
    return exit_code;
  if (o->units->len == 0)
    {
      /* TRANSLATORS: %s is the portal's address */
      ods_cli_error (_("This account may not add data to any unit on %s. Ask the portal’s "
                       "administrator to make you an editor of your unit."), o->portal_url);
      return ODS_EXIT_REJECTED;
    }

  if (json)
    print_json (o);
  else
    print_text (o);
  return ODS_EXIT_OK;
}
