#define G_LOG_DOMAIN "ods-cli-validate"

#include "ods-cli.h"
#include "ods-i18n.h"
#include "ods-validation.h"
#include "ods-xlsx-validation.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

/* Parses --delimiter: one character, or the words "tab", "\t". */
gboolean
ods_cli_parse_delimiter (const char *text,
                         char       *out)
{
  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (g_ascii_strcasecmp (text, "tab") == 0 || g_str_equal (text, "\\t") || g_str_equal (text, "\t"))
    {
      *out = '\t';
      return TRUE;
    }
  if (strlen (text) == 1 && text[0] != '"' && text[0] != '\n' && text[0] != '\r')
    {
      *out = text[0];
      return TRUE;
    }
  /* TRANSLATORS: %s is what the user gave after --delimiter */
  ods_cli_error (_("“%s” cannot be a delimiter. Give one character such as “,” “;” “|” or the word “tab”."),
                 text);
  return FALSE;
}

OdsSchema *
ods_cli_load_schema (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OdsSchema *schema;

  if (path == NULL)
    return NULL;

  file = g_file_new_for_commandline_arg (path);
  schema = ods_schema_new_from_file (file, NULL, &error);
  if (schema == NULL)
    /* TRANSLATORS: first %s is a file name, second the reason */
    ods_cli_error (_("The schema “%s” cannot be used: %s"), path, error->message);
  return schema;
}

void
ods_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

int
ods_cli_validate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(OdsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *schema_path = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *xlsx_path = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean json = FALSE;
  int limit = 1000;
  OdsValidationOptions options = { 0 };
  GOptionEntry entries[] = {
    { "schema", 's', 0, G_OPTION_ARG_FILENAME, &schema_path, N_("Table Schema to check against (JSON)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON (frictionless v5 shape)"), NULL },
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter (default: detected)"), N_("CHAR") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding (default: detected): utf-8, utf-16, windows-1258, tcvn3, vni-windows"), N_("NAME") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_path, N_("Also write the errors and the data, offending cells highlighted, to an Excel file"), N_("FILE") },
    { "limit-errors", 0, 0, G_OPTION_ARG_INT, &limit, N_("Record at most N errors (all are still counted; default 1000)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = ods_cli_option_context_new ("validate", _("FILE"),
                                        _("Checks a CSV file against the dataset’s Table Schema before it is "
                                          "sent. Exit status: 0 valid, 1 errors found, 2 the file or the "
                                          "command cannot be used."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;

  if (rest == NULL || g_strv_length (rest) != 1)
    {
      ods_cli_error (_("Name exactly one file to check, for example: opendata-submit validate --schema schema.json data.csv"));
      return ODS_EXIT_USAGE;
    }
  if (limit < 1)
    {
      ods_cli_error (_("--limit-errors needs a number of 1 or more."));
      return ODS_EXIT_USAGE;
    }
  if (!ods_cli_parse_delimiter (delimiter, &options.delimiter))
    return ODS_EXIT_USAGE;
  if (schema_path != NULL && (schema = ods_cli_load_schema (schema_path)) == NULL)
    return ODS_EXIT_USAGE;

  options.encoding = encoding;
  options.limit_errors = limit;

  file = g_file_new_for_commandline_arg (rest[0]);
  report = ods_validate_file (file, schema, &options, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  if (xlsx_path != NULL)
    {
      if (!ods_validation_report_write_xlsx (report, file, xlsx_path, NULL, &error))
        {
          ods_cli_error ("%s", error->message);
          return ODS_EXIT_USAGE;
        }
      /* On stderr: stdout may be JSON. */
      /* TRANSLATORS: %s is the Excel file written */
      fprintf (stderr, _("Wrote the errors to %s."), xlsx_path);
      fprintf (stderr, "\n");
    }

  if (json)
    {
      g_autoptr(JsonNode) node = ods_report_to_json (report);
      ods_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = ods_report_format_text (report);
      fputs (text, stdout);
    }

  return ods_report_get_valid (report) ? ODS_EXIT_OK : ODS_EXIT_INVALID;
}
