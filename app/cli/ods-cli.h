/* ods-cli.h: the headless subcommands of opendata-submit. */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* Exit codes shared by every subcommand. */
typedef enum
{
  ODS_EXIT_OK = 0,        /* success; for validate: the file is valid */
  ODS_EXIT_INVALID = 1,   /* validate: the file has errors */
  ODS_EXIT_USAGE = 2,     /* unusable input or bad command line */
  ODS_EXIT_AUTH = 3,      /* not signed in, token invalid or expired */
  ODS_EXIT_NETWORK = 4,   /* portal unreachable, TLS, proxy, timeout */
  ODS_EXIT_REJECTED = 5,  /* the portal refused the request */
  ODS_EXIT_CANCELLED = 130,
} OdsExitCode;

typedef int (*OdsCliFunc) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *summary;   /* N_() marked; translated when shown */
  OdsCliFunc  run;
} OdsCliCommand;

/* Returns the command named @name, or %NULL. */
const OdsCliCommand *ods_cli_lookup (const char *name);

/* Runs `opendata-submit SUBCOMMAND ARGS…`; argv[0] is the subcommand. */
int  ods_cli_run (int argc, char **argv);
void ods_cli_print_usage (FILE *out);

/* Helpers shared by the subcommands. */
GOptionContext *ods_cli_option_context_new (const char   *command,
                                            const char   *parameter_string,
                                            const char   *summary,
                                            GOptionEntry *entries);
gboolean        ods_cli_parse              (GOptionContext *context,
                                            int            *argc,
                                            char         ***argv);
void            ods_cli_error              (const char *format,
                                            ...) G_GNUC_PRINTF (1, 2);

/* Shared by validate, infer and submit (ods-cli-validate.c). */
typedef struct _OdsSchema OdsSchema;
typedef struct _JsonNode JsonNode;
gboolean   ods_cli_parse_delimiter (const char *text,
                                    char       *out);
OdsSchema *ods_cli_load_schema     (const char *path);
void       ods_cli_print_json      (JsonNode   *node);

/* The subcommands, one file each (ods-cli-NAME.c). */
int ods_cli_validate (int argc, char **argv);
int ods_cli_infer    (int argc, char **argv);
int ods_cli_version  (int argc, char **argv);
int ods_cli_deadline (int argc, char **argv);
int ods_cli_history  (int argc, char **argv);
int ods_cli_status   (int argc, char **argv);
int ods_cli_report   (int argc, char **argv);
int ods_cli_login    (int argc, char **argv);
int ods_cli_logout   (int argc, char **argv);
int ods_cli_datasets (int argc, char **argv);
int ods_cli_submit   (int argc, char **argv);
int ods_cli_link     (int argc, char **argv);


G_END_DECLS
