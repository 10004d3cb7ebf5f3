#define G_LOG_DOMAIN "ods-cli-infer"

#include "ods-cli.h"
#include "ods-i18n.h"
#include "ods-validation.h"

#include <json-glib/json-glib.h>

int
ods_cli_infer (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OdsSchema) schema = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *encoding = NULL;
  g_auto(GStrv) rest = NULL;
  OdsValidationOptions options = { 0 };
  GOptionEntry entries[] = {
    { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter (default: detected)"), N_("CHAR") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding (default: detected): utf-8, utf-16, windows-1258, tcvn3, vni-windows"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = ods_cli_option_context_new ("infer", _("FILE"),
                                        _("Prints a Table Schema guessed from a CSV file: the type and format "
                                          "of each column, and which columns are always filled. Save it and "
                                          "use it with “validate --schema”."),
                                        entries);
  if (!ods_cli_parse (context, &argc, &argv))
    return ODS_EXIT_USAGE;

  if (rest == NULL || g_strv_length (rest) != 1)
    {
      ods_cli_error (_("Name exactly one file, for example: opendata-submit infer data.csv > schema.json"));
      return ODS_EXIT_USAGE;
    }
  if (!ods_cli_parse_delimiter (delimiter, &options.delimiter))
    return ODS_EXIT_USAGE;
  options.encoding = encoding;

  file = g_file_new_for_commandline_arg (rest[0]);
  schema = ods_infer_file (file, &options, NULL, &error);
  if (schema == NULL)
    {
      ods_cli_error ("%s", error->message);
      return ODS_EXIT_USAGE;
    }

  node = ods_schema_to_json (schema);
  ods_cli_print_json (node);
  return ODS_EXIT_OK;
}
