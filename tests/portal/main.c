#define G_LOG_DOMAIN "ods-stand-in-portal"

/* ods-stand-in-portal: a CKAN 2.10 look-alike for tests and the README demo.
 * Listens on 127.0.0.1 only; prints "listening on http://127.0.0.1:PORT/" first. */

#include "ods-portal-server-private.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
remove_tree (GFile   *dir,
             GError **error)
{
  g_autoptr(GFileEnumerator) e = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (e != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (e, NULL, NULL);
      g_autoptr(GFile) child = NULL;

      if (info == NULL)
        break;
      child = g_file_get_child (dir, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child, NULL);
      else
        g_file_delete (child, NULL, NULL);
    }
  return g_file_delete (dir, NULL, error);
}

int
main (int   argc,
      char *argv[])
{
  int port = 8780;
  g_autofree char *data_dir = NULL;
  g_autofree char *seed = NULL;
  int max_mb = 10;
  gboolean print_port = FALSE;
  gboolean enable_faults = FALSE;
  gboolean no_validation = FALSE;
  gboolean scheming = FALSE;
  gboolean xloader = FALSE;
  gboolean user_show_requires_id = FALSE;
  gboolean user_show_whoami = FALSE;
  gboolean verbose = FALSE;
  gboolean print_demo_tokens = FALSE;
  int validation_delay_ms = 0;
  g_auto(GStrv) fault_specs = NULL;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port on 127.0.0.1 (0 = any free port; default 8780)", "N" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "State and uploaded files (created and seeded if empty; default: a temporary folder removed at exit)", "DIR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, "Data for an empty data dir: demo (default) or none", "demo|none" },
    { "max-resource-size-mb", 0, 0, G_OPTION_ARG_INT, &max_mb, "Largest upload accepted, like ckan.max_resource_size (default 10)", "N" },
    { "print-port", 0, 0, G_OPTION_ARG_NONE, &print_port, "Also print the bare port number on the second line", NULL },
    { "enable-faults", 0, 0, G_OPTION_ARG_NONE, &enable_faults, "Serve /__faults and /__stats (tests only)", NULL },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fault_specs, "Fault rule, e.g. kind=drop,action=resource_create,after_percent=50,times=1", "SPEC" },
    { "no-validation", 0, 0, G_OPTION_ARG_NONE, &no_validation, "Behave as a portal without ckanext-validation", NULL },
    { "validation-delay-ms", 0, 0, G_OPTION_ARG_INT, &validation_delay_ms, "Report validation as pending this long after an upload", "MS" },
    { "scheming", 0, 0, G_OPTION_ARG_NONE, &scheming, "Behave as a portal with ckanext-scheming (extras shown as top-level fields)", NULL },
    { "xloader", 0, 0, G_OPTION_ARG_NONE, &xloader, "List the xloader plugin in status_show", NULL },
    { "user-show-requires-id", 0, 0, G_OPTION_ARG_NONE, &user_show_requires_id, "As real CKAN 2.10: user_show without id answers 404 and api_token_list needs user_id, even when signed in (the default)", NULL },
    { "user-show-whoami", 0, 0, G_OPTION_ARG_NONE, &user_show_whoami, "Unlike real CKAN 2.10: user_show without id answers with the signed-in user and api_token_list defaults to the signed-in user (to test a client's lenient path)", NULL },
    { "print-demo-tokens", 0, 0, G_OPTION_ARG_NONE, &print_demo_tokens, "Print the demo accounts and their fixed tokens, then exit", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Log each request line (never headers or bodies)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- stand-in CKAN portal for Open Data Submit tests and demos");
  g_autoptr(GError) error = NULL;
  g_autoptr(OdsPortalStore) store = NULL;
  g_autoptr(OdsPortalServer) server = NULL;
  g_autoptr(OdsPortalFaults) faults = ods_portal_faults_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *temp_dir = NULL;
  OdsPortalConfig config = { 0 };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || max_mb < 0 || validation_delay_ms < 0)
    {
      g_printerr ("--port, --max-resource-size-mb and --validation-delay-ms need sensible numbers\n");
      return 2;
    }
  if (user_show_requires_id && user_show_whoami)
    {
      g_printerr ("--user-show-requires-id and --user-show-whoami contradict each other\n");
      return 2;
    }
  if (seed != NULL && !g_str_equal (seed, "demo") && !g_str_equal (seed, "none"))
    {
      g_printerr ("--seed must be demo or none\n");
      return 2;
    }
  for (guint i = 0; fault_specs && fault_specs[i]; i++)
    if (!ods_portal_faults_add_spec (faults, fault_specs[i], &error))
      {
        g_printerr ("--fault: %s\n", error->message);
        return 2;
      }

  if (data_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("ods-portal-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      data_dir = g_strdup (temp_dir);
    }
  store = ods_portal_store_new (data_dir, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open the data directory: %s\n", error->message);
      return 1;
    }
  if (ods_portal_store_is_empty (store) && (seed == NULL || g_str_equal (seed, "demo")))
    {
      if (!ods_portal_seed_demo (store, &error))
        {
          g_printerr ("Cannot seed the demo data: %s\n", error->message);
          return 1;
        }
    }
  if (print_demo_tokens)
    {
      ods_portal_seed_print_tokens (store);
      if (temp_dir)
        {
          g_autoptr(GFile) dir = g_file_new_for_path (temp_dir);
          remove_tree (dir, NULL);
        }
      return 0;
    }

  config.max_resource_size = (guint64) max_mb * 1024 * 1024;
  config.validation = !no_validation;
  config.validation_delay_ms = (guint) validation_delay_ms;
  config.scheming = scheming;
  config.xloader = xloader;
  config.enable_faults = enable_faults;
  config.user_show_whoami = user_show_whoami;
  config.verbose = verbose;

  server = ods_portal_server_new (store, &config, faults);
  if (!ods_portal_server_listen (server, (guint) port, &error))
    {
      g_printerr ("Cannot listen on 127.0.0.1:%d: %s\n", port, error->message);
      return 1;
    }
  g_print ("listening on %s/\n", ods_portal_server_get_site_url (server));
  if (print_port)
    g_print ("%u\n", ods_portal_server_get_port (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);

  ods_portal_server_save (server);
  g_clear_object (&server);
  if (temp_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (temp_dir);
      remove_tree (dir, NULL);
    }
  return 0;
}
