#define G_LOG_DOMAIN "ods-cli"

#include "ods-cli.h"
#include "ods-i18n.h"

#include <stdio.h>
#include <stdlib.h>

static const OdsCliCommand commands[] = {
  { "login", N_("Sign in to a portal (the token goes to the system keyring)"), ods_cli_login },
  { "logout", N_("Sign out of a portal"), ods_cli_logout },
  { "datasets", N_("List the datasets your unit may update"), ods_cli_datasets },
  { "submit", N_("Send a data file to the portal and confirm it"), ods_cli_submit },
  { "link", N_("Publish the address of the unit’s own data service"), ods_cli_link },

  { "validate", N_("Check a table file against a Table Schema"), ods_cli_validate },
  { "infer", N_("Print a Table Schema guessed from a table file"), ods_cli_infer },
  { "version", N_("Print the version"), ods_cli_version },
  { "deadline", N_("Show when a quarter’s data is due"), ods_cli_deadline },
  { "history", N_("List past validations and uploads"), ods_cli_history },
  { "status", N_("Show which datasets are submitted, due or overdue"), ods_cli_status },
  { "report", N_("Write the quarter’s compliance report as an Excel file"), ods_cli_report },
};

const OdsCliCommand *
ods_cli_lookup (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

void
ods_cli_print_usage (FILE *out)
{
  fprintf (out, "%s\n  opendata-submit\n  opendata-submit %s\n\n%s\n",
           _("Usage:"), _("COMMAND [OPTION…]"),
           _("Without a command the window opens. Commands (each has --help):"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n");
}

int
ods_cli_run (int argc, char **argv)
{
  const OdsCliCommand *cmd;

  g_return_val_if_fail (argc >= 1, ODS_EXIT_USAGE);

  if (g_str_equal (argv[0], "--help") || g_str_equal (argv[0], "-h") || g_str_equal (argv[0], "help"))
    {
      ods_cli_print_usage (stdout);
      return ODS_EXIT_OK;
    }
  if (g_str_equal (argv[0], "--version"))
    {
      printf ("opendata-submit %s\n", PACKAGE_VERSION);
      return ODS_EXIT_OK;
    }

  cmd = ods_cli_lookup (argv[0]);
  if (cmd == NULL)
    {
      /* TRANSLATORS: %s is what the user typed as a command */
      ods_cli_error (_("“%s” is not a command."), argv[0]);
      ods_cli_print_usage (stderr);
      return ODS_EXIT_USAGE;
    }

  /* "Usage: opendata-submit validate [OPTION…] FILE" in each command's --help. */
  {
    g_autofree char *prgname = g_strdup_printf ("opendata-submit %s", cmd->name);
    g_set_prgname (prgname);
  }
  return cmd->run (argc, argv);
}

GOptionContext *
ods_cli_option_context_new (const char   *command,
                            const char   *parameter_string,
                            const char   *summary,
                            GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter_string);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

static gboolean
wants_help (int    argc,
            char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return FALSE;
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "-?"))
        return TRUE;
    }
  return FALSE;
}

/* GLib's --help, with its "[OPTION…]" in the officer's language too: the
 * catalogues of some languages (Vietnamese among them) only know the
 * older "[OPTION...]", so GLib prints it in English. */
static void
print_help (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  g_auto(GStrv) parts = g_strsplit (help, "[OPTION…]", 2);
  /* TRANSLATORS: in “Usage: opendata-submit validate [OPTION…] FILE” */
  g_autofree char *text = g_strjoinv (_("[OPTION…]"), parts);

  fputs (text, stdout);
}

/* Parses the options; prints a translated message on error. --help prints
 * the help and ends the program, as GLib's own handling would. */
gboolean
ods_cli_parse (GOptionContext *context,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GError) error = NULL;

  if (wants_help (*argc, *argv))
    {
      print_help (context);
      exit (ODS_EXIT_OK);
    }
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ods_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
ods_cli_error (const char *format,
               ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: prefix of an error message on the command line */
  fprintf (stderr, "%s %s\n", _("Error:"), msg);
}

int
ods_cli_version (int    argc,
                 char **argv)
{
  printf ("opendata-submit %s\n", PACKAGE_VERSION);
  return ODS_EXIT_OK;
}
