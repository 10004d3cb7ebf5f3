#define G_LOG_DOMAIN "ods-history"

#include "ods-history.h"
#include "ods-i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#ifdef G_OS_UNIX
#include <sys/file.h>
#include <unistd.h>
#else
#include <io.h>
#endif

#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif

#define FORMAT_VERSION 1

static const char *outcome_ids[] = {
  "validated", "invalid", "uploaded", "confirmed", "failed", "cancelled",
};

static const char *outcome_names[] = {
  /* TRANSLATORS: history outcomes, shown in a column */
  N_("validated"), N_("invalid"), N_("uploaded"), N_("confirmed"), N_("failed"), N_("cancelled"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (outcome_ids) == ODS_HISTORY_N_OUTCOMES);
G_STATIC_ASSERT (G_N_ELEMENTS (outcome_names) == ODS_HISTORY_N_OUTCOMES);

const char *
ods_history_outcome_to_string (OdsHistoryOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < ODS_HISTORY_N_OUTCOMES, NULL);
  return outcome_ids[outcome];
}

gboolean
ods_history_outcome_from_string (const char        *text,
                                 OdsHistoryOutcome *outcome)
{
  for (guint i = 0; i < ODS_HISTORY_N_OUTCOMES; i++)
    if (g_strcmp0 (text, outcome_ids[i]) == 0)
      {
        *outcome = (OdsHistoryOutcome) i;
        return TRUE;
      }
  return FALSE;
}

const char *
ods_history_outcome_get_display_name (OdsHistoryOutcome outcome)
{
  g_return_val_if_fail ((guint) outcome < ODS_HISTORY_N_OUTCOMES, NULL);
  return _(outcome_names[outcome]);
}

/* Entries */

OdsHistoryEntry *
ods_history_entry_new (void)
{
  OdsHistoryEntry *entry = g_new0 (OdsHistoryEntry, 1);

  entry->size = -1;
  entry->rows = -1;
  entry->errors = -1;
  entry->warnings = -1;
  return entry;
}

void
ods_history_entry_free (OdsHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_clear_pointer (&entry->time, g_date_time_unref);
  g_free (entry->portal);
  g_free (entry->user);
  g_free (entry->dataset);
  g_free (entry->resource);
  g_free (entry->period);
  g_free (entry->file_name);
  g_free (entry->sha256);
  g_clear_pointer (&entry->error_counts, g_hash_table_unref);
  g_free (entry->receipt_url);
  g_free (entry->message);
  g_free (entry);
}

void
ods_history_entry_add_error_count (OdsHistoryEntry *entry,
                                   const char      *type,
                                   guint            count)
{
  guint old;

  g_return_if_fail (entry != NULL);
  g_return_if_fail (type != NULL);

  if (entry->error_counts == NULL)
    entry->error_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  old = GPOINTER_TO_UINT (g_hash_table_lookup (entry->error_counts, type));
  g_hash_table_insert (entry->error_counts, g_strdup (type), GUINT_TO_POINTER (old + count));
}

static gboolean
is_secret_param (const char *param,
                 gsize       len)
{
  static const char *names[] = {
    "token", "access_token", "api_key", "apikey", "key", "auth", "authorization",
    "password", "passwd", "secret", "signature", "sig", "x-amz-signature",
    "x-amz-credential", "x-amz-security-token",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (param, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

char *
ods_history_redact_url (const char *url)
{
  g_autoptr(GString) out = NULL;
  const char *scheme_end, *authority, *authority_end, *at, *query, *fragment;

  if (url == NULL)
    return NULL;

  out = g_string_new (NULL);
  scheme_end = strstr (url, "://");
  authority = scheme_end != NULL ? scheme_end + 3 : url;
  authority_end = authority + strcspn (authority, "/?#");

  /* Drop "user:password@". */
  g_string_append_len (out, url, authority - url);
  at = NULL;
  for (const char *c = authority; c < authority_end; c++)
    if (*c == '@')
      at = c;
  if (scheme_end != NULL && at != NULL)
    authority = at + 1;

  query = strchr (authority_end, '?');
  fragment = strchr (authority_end, '#');
  if (query != NULL && fragment != NULL && fragment < query)
    query = NULL;

  if (query == NULL)
    {
      g_string_append (out, authority);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_string_append_len (out, authority, query - authority);

  /* Keep the harmless query parameters. */
  {
    const char *end = fragment != NULL ? fragment : query + strlen (query);
    const char *p = query + 1;
    gboolean first = TRUE;

    while (p < end)
      {
        const char *amp = memchr (p, '&', end - p);
        const char *stop = amp != NULL ? amp : end;
        const char *eq = memchr (p, '=', stop - p);
        gsize name_len = (eq != NULL ? eq : stop) - p;

        if (stop > p && !is_secret_param (p, name_len))
          {
            g_string_append_c (out, first ? '?' : '&');
            g_string_append_len (out, p, stop - p);
            first = FALSE;
          }
        p = stop + 1;
      }
    if (fragment != NULL)
      g_string_append (out, fragment);
  }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  if (value < 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

char *
ods_history_entry_to_json (const OdsHistoryEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *time = NULL;
  g_autofree char *portal = NULL;
  g_autofree char *receipt = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->time == NULL)
    now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (entry->time != NULL ? entry->time : now);
  time = g_date_time_format_iso8601 (utc);
  portal = ods_history_redact_url (entry->portal);
  receipt = ods_history_redact_url (entry->receipt_url);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "v");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  add_string (builder, "time", time);
  add_string (builder, "outcome", ods_history_outcome_to_string (entry->outcome));
  add_string (builder, "portal", portal);
  add_string (builder, "user", entry->user);
  add_string (builder, "dataset", entry->dataset);
  add_string (builder, "resource", entry->resource);
  add_string (builder, "period", entry->period);
  add_string (builder, "file", entry->file_name);
  add_int (builder, "size", entry->size);
  add_string (builder, "sha256", entry->sha256);
  add_int (builder, "rows", entry->rows);
  add_int (builder, "errors", entry->errors);
  add_int (builder, "warnings", entry->warnings);
  if (entry->error_counts != NULL && g_hash_table_size (entry->error_counts) > 0)
    {
      g_autofree gpointer *keys = NULL;
      guint n;

      /* Sorted, so that the same entry always gives the same line. */
      keys = g_hash_table_get_keys_as_array (entry->error_counts, &n);
      qsort (keys, n, sizeof (gpointer), compare_strings);
      json_builder_set_member_name (builder, "error_counts");
      json_builder_begin_object (builder);
      for (guint i = 0; i < n; i++)
        {
          json_builder_set_member_name (builder, keys[i]);
          json_builder_add_int_value (builder,
            GPOINTER_TO_UINT (g_hash_table_lookup (entry->error_counts, keys[i])));
        }
      json_builder_end_object (builder);
    }
  add_string (builder, "receipt_url", receipt);
  add_string (builder, "message", entry->message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static char *
get_string (JsonObject *obj,
            const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
get_int (JsonObject *obj,
         const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return MAX (json_node_get_int (node), -1);
}

OdsHistoryEntry *
ods_history_entry_new_from_json (const char  *line,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OdsHistoryEntry) entry = NULL;
  g_autofree char *time = NULL;
  g_autofree char *outcome = NULL;
  JsonNode *root, *counts;
  JsonObject *obj;

  g_return_val_if_fail (line != NULL, NULL);

  if (!json_parser_load_from_data (parser, line, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "not a JSON object");
      return NULL;
    }
  obj = json_node_get_object (root);

  entry = ods_history_entry_new ();
  time = get_string (obj, "time");
  outcome = get_string (obj, "outcome");
  if (time == NULL || (entry->time = g_date_time_new_from_iso8601 (time, NULL)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no valid \"time\"");
      return NULL;
    }
  if (!ods_history_outcome_from_string (outcome, &entry->outcome))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no valid \"outcome\"");
      return NULL;
    }

  entry->portal = get_string (obj, "portal");
  entry->user = get_string (obj, "user");
  entry->dataset = get_string (obj, "dataset");
  entry->resource = get_string (obj, "resource");
  entry->period = get_string (obj, "period");
  entry->file_name = get_string (obj, "file");
  entry->size = get_int (obj, "size");
  entry->sha256 = get_string (obj, "sha256");
  entry->rows = get_int (obj, "rows");
  entry->errors = get_int (obj, "errors");
  entry->warnings = get_int (obj, "warnings");
  entry->receipt_url = get_string (obj, "receipt_url");
  entry->message = get_string (obj, "message");

  counts = json_object_get_member (obj, "error_counts");
  if (counts != NULL && JSON_NODE_HOLDS_OBJECT (counts))
    {
      JsonObject *counts_obj = json_node_get_object (counts);
      g_autoptr(GList) members = json_object_get_members (counts_obj);

      for (GList *l = members; l != NULL; l = l->next)
        {
          gint64 n = get_int (counts_obj, l->data);

          if (n >= 0 && n <= G_MAXUINT)
            ods_history_entry_add_error_count (entry, l->data, (guint) n);
        }
    }

  return g_steal_pointer (&entry);
}

/* The history file */

struct _OdsHistory
{
  GObject  parent_instance;
  char    *path;
  GMutex   lock;   /* serialises appends within the process */
};

G_DEFINE_FINAL_TYPE (OdsHistory, ods_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ods_history_finalize (GObject *object)
{
  OdsHistory *self = ODS_HISTORY (object);

  g_free (self->path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ods_history_parent_class)->finalize (object);
}

static void
ods_history_constructed (GObject *object)
{
  OdsHistory *self = ODS_HISTORY (object);

  G_OBJECT_CLASS (ods_history_parent_class)->constructed (object);

  if (self->path == NULL)
    {
      const char *env = g_getenv ("OPENDATA_SUBMIT_HISTORY");

      if (env != NULL && *env != '\0')
        self->path = g_strdup (env);
      else
        self->path = g_build_filename (g_get_user_data_dir (), "opendata-submit",
                                       "history.jsonl", NULL);
    }
}

static void
ods_history_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OdsHistory *self = ODS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_history_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OdsHistory *self = ODS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ods_history_class_init (OdsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ods_history_constructed;
  object_class->finalize = ods_history_finalize;
  object_class->get_property = ods_history_get_property;
  object_class->set_property = ods_history_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ods_history_init (OdsHistory *self)
{
  g_mutex_init (&self->lock);
}

OdsHistory *
ods_history_new (const char *path)
{
  return g_object_new (ODS_TYPE_HISTORY, "path", path, NULL);
}

const char *
ods_history_get_path (OdsHistory *self)
{
  g_return_val_if_fail (ODS_IS_HISTORY (self), NULL);

  return self->path;
}

static gboolean
set_write_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               /* TRANSLATORS: %1$s is a file path, %2$s the system's reason */
               _("The submission history “%1$s” could not be saved (%2$s). Check that the "
                 "disk is not full and that you may write in that folder."),
               path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
append_locked (OdsHistory  *self,
               const char  *line,
               gsize        len,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *buf = NULL;
  const char *data = line;
  gsize size = len;
  gboolean ok = FALSE;
  gboolean created;
  GStatBuf st;
  gssize written;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_write_error (error, self->path, errno);

  fd = g_open (self->path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  created = fd >= 0;
  if (fd < 0 && errno == EEXIST)
    fd = g_open (self->path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (fd < 0)
    return set_write_error (error, self->path, errno);

#ifdef G_OS_UNIX
  /* Another process (the CLI and the window) may append at the same time. */
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        set_write_error (error, self->path, errno);
        goto out;
      }

  /* A crash may have left a partial last line: start ours on a new line so
   * that only the damaged one is lost. */
  if (fstat (fd, &st) == 0 && st.st_size > 0)
    {
      char last = '\n';
      int rfd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);

      if (rfd >= 0)
        {
          if (pread (rfd, &last, 1, st.st_size - 1) != 1)
            last = '\n';
          close (rfd);
        }
      if (last != '\n')
        {
          buf = g_strconcat ("\n", line, NULL);
          data = buf;
          size = len + 1;
        }
    }
#else
  (void) st;
  (void) created;
#endif

  /* The whole line in a single write(): with O_APPEND it lands after every
   * earlier line and is never interleaved with another writer's. */
  do
    written = write (fd, data, size);
  while (written < 0 && errno == EINTR);

  if (written < 0)
    {
      set_write_error (error, self->path, errno);
      goto out;
    }
  if ((gsize) written != size)
    {
      set_write_error (error, self->path, ENOSPC);
      goto out;
    }
  if (g_fsync (fd) != 0)
    {
      set_write_error (error, self->path, errno);
      goto out;
    }
#ifdef G_OS_UNIX
  /* A new file is only durable once its directory entry is. */
  if (created)
    {
      int dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      if (dfd >= 0)
        {
          fsync (dfd);
          close (dfd);
        }
    }
#endif
  ok = TRUE;

out:
  /* Closing releases the lock. */
  if (close (fd) != 0 && ok)
    ok = set_write_error (error, self->path, errno);
  return ok;
}

static gboolean
append_line (OdsHistory  *self,
             const char  *json,
             GError     **error)
{
  g_autofree char *line = g_strconcat (json, "\n", NULL);
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = append_locked (self, line, strlen (line), error);
  g_mutex_unlock (&self->lock);

  return ok;
}

gboolean
ods_history_append (OdsHistory             *self,
                    const OdsHistoryEntry  *entry,
                    GError                **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (ODS_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  json = ods_history_entry_to_json (entry);
  return append_line (self, json, error);
}

static void
append_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (append_line (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ods_history_append_async (OdsHistory             *self,
                          const OdsHistoryEntry  *entry,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ODS_IS_HISTORY (self));
  g_return_if_fail (entry != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_history_append_async);
  /* The line is made now, so the caller may free @entry at once. Once
   * started, the write is not cancelled: half an entry is worse than a late one. */
  g_task_set_task_data (task, ods_history_entry_to_json (entry), g_free);
  g_task_run_in_thread (task, append_thread);
}

gboolean
ods_history_append_finish (OdsHistory    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
ods_history_query (OdsHistory  *self,
                   const char  *period,
                   const char  *dataset,
                   guint        outcomes,
                   GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  char *p, *end;
  guint line_no = 0;

  g_return_val_if_fail (ODS_IS_HISTORY (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ods_history_entry_free);

  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                   /* TRANSLATORS: %1$s is a file path, %2$s the system's reason */
                   _("The submission history “%1$s” could not be read (%2$s). Check that "
                     "the file is yours and readable."),
                   self->path, local_error->message);
      return NULL;
    }

  for (p = contents, end = contents + length; p < end; p++)
    {
      g_autoptr(OdsHistoryEntry) entry = NULL;
      g_autoptr(GError) line_error = NULL;
      char *nl = memchr (p, '\n', end - p);
      char *line = p;

      line_no++;
      if (nl != NULL)
        *nl = '\0';
      p = nl != NULL ? nl : end;

      if (*g_strstrip (line) == '\0')
        continue;

      entry = ods_history_entry_new_from_json (line, &line_error);
      if (entry == NULL)
        {
          g_warning ("%s:%u: skipping a damaged history line (%s)",
                     self->path, line_no, line_error->message);
          continue;
        }

      if (period != NULL && g_strcmp0 (entry->period, period) != 0)
        continue;
      if (dataset != NULL && g_strcmp0 (entry->dataset, dataset) != 0)
        continue;
      if (outcomes != 0 && (outcomes & ODS_HISTORY_OUTCOME_MASK (entry->outcome)) == 0)
        continue;

      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  return g_steal_pointer (&entries);
}

typedef struct
{
  char  *period;
  char  *dataset;
  guint  outcomes;
} QueryData;

static void
query_data_free (gpointer data)
{
  QueryData *q = data;

  g_free (q->period);
  g_free (q->dataset);
  g_free (q);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryData *q = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  if (g_task_return_error_if_cancelled (task))
    return;

  entries = ods_history_query (source_object, q->period, q->dataset, q->outcomes, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
ods_history_query_async (OdsHistory          *self,
                         const char          *period,
                         const char          *dataset,
                         guint                outcomes,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *q;

  g_return_if_fail (ODS_IS_HISTORY (self));

  q = g_new0 (QueryData, 1);
  q->period = g_strdup (period);
  q->dataset = g_strdup (dataset);
  q->outcomes = outcomes;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_history_query_async);
  g_task_set_task_data (task, q, query_data_free);
  g_task_run_in_thread (task, query_thread);
}

GPtrArray *
ods_history_query_finish (OdsHistory    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
