#define G_LOG_DOMAIN "ods-validation"

#include "ods-validation.h"

#include "ods-csv-reader.h"
#include "ods-csv-reader-private.h"
#include "ods-i18n.h"
#include "ods-map-guard.h"
#include "ods-record-pipe.h"
#include "ods-sha256.h"
#include "ods-table-error.h"
#include "ods-schema-infer.h"
#include "ods-validator.h"

#ifdef G_OS_UNIX
#include <gio/gfiledescriptorbased.h>
#include <sys/mman.h>
#include <sys/stat.h>
#endif

/* Raw blocks are hashed in a second thread while the first parses and
 * validates, so SHA-256 costs no wall time. The queue is bounded so a slow
 * hasher cannot make memory grow with the file. */
#define HASH_QUEUE_MAX_BYTES (4u << 20)
#define CHECK_EVERY_ROWS 4096

typedef struct
{
  GMutex     lock;
  GCond      cond;
  GQueue     blocks;
  gsize      queued_bytes;
  gboolean   done;
  gboolean   faulted;   /* the mapped file shrank while it was hashed */
  OdsSha256 *sha;
  GThread   *thread;
} Hasher;

/* Blocks may be slices of a mapped file: hashed under a guard. */
static G_GNUC_NO_INLINE void
hash_block (Hasher *h,
            GBytes *block)
{
#ifdef G_OS_UNIX
  OdsMapGuard guard;

  if (ODS_MAP_GUARD_FAULTED (&guard))
    {
      ods_map_guard_leave (&guard);
      h->faulted = TRUE;
      return;
    }
  ods_map_guard_enter (&guard);
#endif
  ods_sha256_update (h->sha, g_bytes_get_data (block, NULL), g_bytes_get_size (block));
#ifdef G_OS_UNIX
  ods_map_guard_leave (&guard);
#endif
}

static gpointer
hasher_thread (gpointer data)
{
  Hasher *h = data;

  for (;;)
    {
      g_autoptr(GBytes) block = NULL;
      gsize len;

      g_mutex_lock (&h->lock);
      while (g_queue_is_empty (&h->blocks) && !h->done)
        g_cond_wait (&h->cond, &h->lock);
      block = g_queue_pop_head (&h->blocks);
      g_mutex_unlock (&h->lock);

      if (block == NULL)
        break;

      len = g_bytes_get_size (block);
      if (!h->faulted)
        hash_block (h, block);

      g_mutex_lock (&h->lock);
      h->queued_bytes -= len;
      g_cond_broadcast (&h->cond);
      g_mutex_unlock (&h->lock);
    }
  return NULL;
}

static void
hasher_push (GBytes   *block,
             gpointer  user_data)
{
  Hasher *h = user_data;
  gsize len = g_bytes_get_size (block);

  g_mutex_lock (&h->lock);
  while (h->queued_bytes > HASH_QUEUE_MAX_BYTES)
    g_cond_wait (&h->cond, &h->lock);
  g_queue_push_tail (&h->blocks, g_bytes_ref (block));
  h->queued_bytes += len;
  g_cond_broadcast (&h->cond);
  g_mutex_unlock (&h->lock);
}

static void
hasher_start (Hasher *h)
{
  g_mutex_init (&h->lock);
  g_cond_init (&h->cond);
  g_queue_init (&h->blocks);
  h->sha = ods_sha256_new ();
  h->thread = g_thread_new ("ods-sha256", hasher_thread, h);
}

/* Waits for the hasher; writes the digest into @hex. */
static void
hasher_stop (Hasher *h,
             char    hex[ODS_SHA256_HEX_LEN + 1])
{
  g_mutex_lock (&h->lock);
  h->done = TRUE;
  g_cond_broadcast (&h->cond);
  g_mutex_unlock (&h->lock);
  g_thread_join (h->thread);

  ods_sha256_finish_hex (h->sha, hex);
  ods_sha256_free (h->sha);
  g_queue_clear_full (&h->blocks, (GDestroyNotify) g_bytes_unref);
  g_cond_clear (&h->cond);
  g_mutex_clear (&h->lock);
}

static void
add_encoding_error (OdsReport    *report,
                    OdsCsvReader *reader)
{
  guint64 n = ods_csv_reader_get_encoding_errors (reader);
  guint64 row = ods_csv_reader_get_first_encoding_error_row (reader);
  g_autofree char *message = NULL;
  g_autofree char *row_text = NULL;
  g_autofree char *n_text = NULL;

  row_text = g_strdup_printf ("%" G_GUINT64_FORMAT, row);
  n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* TRANSLATORS: %1$s is an encoding name such as utf-8,
                                           * %2$s a row number, %3$s a count */
                                          "The file is not valid %1$s text: from row %2$s on, %3$s place could not be read. Save the file again as “CSV UTF-8” (in Excel: File → Save As) or name its encoding with --encoding, then check again.",
                                          "The file is not valid %1$s text: from row %2$s on, %3$s places could not be read. Save the file again as “CSV UTF-8” (in Excel: File → Save As) or name its encoding with --encoding, then check again.",
                                          (gulong) MIN (n, G_MAXULONG)),
                             ods_csv_reader_get_encoding (reader), row_text, n_text);
  ods_report_add_error (report, ODS_REPORT_ERROR_ENCODING_ERROR, row, 0, NULL, NULL, NULL, message);
}

/* A regular local file, mapped into memory: the reader then neither reads
 * nor copies, and the hasher works on the same pages. NULL where that is
 * not possible (pipes, other file systems, an empty file, no SIGBUS guard):
 * then the reader reads the stream. */
static GBytes *
map_file (GFileInputStream *in)
{
#ifdef G_OS_UNIX
  GMappedFile *mf;
  GBytes *bytes;
  struct stat st;
  int fd;

  if (!G_IS_FILE_DESCRIPTOR_BASED (in))
    return NULL;
  fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (in));
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0 || !ods_map_guard_install ())
    return NULL;
  mf = g_mapped_file_new_from_fd (fd, FALSE, NULL);
  if (mf == NULL)
    return NULL;
  if (g_mapped_file_get_length (mf) == 0)
    {
      g_mapped_file_unref (mf);
      return NULL;
    }
  madvise (g_mapped_file_get_contents (mf), g_mapped_file_get_length (mf), MADV_SEQUENTIAL);
  bytes = g_mapped_file_get_bytes (mf);
  g_mapped_file_unref (mf);
  return bytes;
#else
  return NULL;
#endif
}

/* Whether the mapped file still has the length it had when it was mapped. */
static gboolean
mapped_file_intact (GFileInputStream *in,
                    GBytes           *mapped)
{
#ifdef G_OS_UNIX
  struct stat st;
  int fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (in));

  return fstat (fd, &st) == 0 && (guint64) st.st_size == g_bytes_get_size (mapped);
#else
  return TRUE;
#endif
}

static guint64
query_size (GFile        *file,
            GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  return info != NULL ? (guint64) g_file_info_get_size (info) : 0;
}

/**
 * ods_validate_file:
 * @file: the table file
 * @schema: (nullable): the Table Schema; %NULL checks structure only
 * @options: (nullable): dialect and limits
 * @progress: (nullable): called from this thread every few thousand rows
 *
 * Reads @file once: decodes it, parses it, validates every row and hashes
 * every byte. Blocking: run it in a worker thread (see the async variant).
 *
 * Problems in the data (including an unclosed quote or bytes that are not
 * text in the detected encoding) are errors in the report. @error is set only
 * when the file cannot be used at all: it cannot be opened, the encoding
 * named is unknown, it is empty or not a text table, or the operation was
 * cancelled.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
OdsReport *
ods_validate_file (GFile                       *file,
                   OdsSchema                   *schema,
                   const OdsValidationOptions  *options,
                   OdsValidationProgressFunc    progress,
                   gpointer                     progress_data,
                   GCancellable                *cancellable,
                   GError                     **error)
{
  static const OdsValidationOptions defaults = { 0, NULL, 0 };
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(OdsRecordPipe) pipe = NULL;
  g_autoptr(OdsValidator) validator = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) mapped = NULL;
  OdsReport *report;
  OdsCsvOptions csv_options = { 0 };
  OdsRecord record;
  Hasher hasher = { 0 };
  char sha_hex[ODS_SHA256_HEX_LEN + 1];
  char delimiter[2] = { 0 };
  gint64 started = g_get_monotonic_time ();
  guint64 total = query_size (file, cancellable);
  guint64 rows = 0;
  gboolean have_header = FALSE;

  if (options == NULL)
    options = &defaults;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;

  csv_options.delimiter = options->delimiter;
  csv_options.encoding = options->encoding;
  reader = ods_csv_reader_new (G_INPUT_STREAM (in), &csv_options);
  mapped = map_file (in);
  if (mapped != NULL)
    ods_csv_reader_set_mapped (reader, mapped);
  validator = ods_validator_new (schema);
  if (options->limit_errors > 0)
    ods_validator_set_limit_errors (validator, options->limit_errors);

  hasher_start (&hasher);
  ods_csv_reader_set_raw_block_func (reader, hasher_push, &hasher);
  pipe = ods_record_pipe_new (reader, cancellable);

  while (ods_record_pipe_next (pipe, &record, &local_error))
    {
      if (!have_header)
        {
          ods_validator_add_header (validator, &record);
          have_header = TRUE;
        }
      else
        ods_validator_add_row (validator, &record);

      if (++rows % CHECK_EVERY_ROWS == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (progress != NULL)
            progress (ods_record_pipe_get_bytes_read (pipe), total, rows, progress_data);
        }
    }

  /* Joins the reading thread: the reader is ours again. */
  g_clear_pointer (&pipe, ods_record_pipe_free);
  hasher_stop (&hasher, sha_hex);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A file that shrank or grew while it was read: what was read and
   * hashed is not the file. */
  if (mapped != NULL && (hasher.faulted || !mapped_file_intact (in, mapped)))
    {
      g_clear_error (&local_error);
      ods_csv_reader_set_file_changed_error (error);
      return NULL;
    }

  if (local_error != NULL && local_error->domain == ODS_TABLE_ERROR &&
      (local_error->code == ODS_TABLE_ERROR_UNCLOSED_QUOTE ||
       local_error->code == ODS_TABLE_ERROR_RECORD_TOO_LONG))
    {
      /* The data itself is broken: report it, with the rows read so far. */
      report = ods_validator_finish (validator);
      ods_report_add_error (report, ODS_REPORT_ERROR_SOURCE_ERROR, 0, 0, NULL, NULL, NULL,
                            local_error->message);
    }
  else if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else if (!have_header)
    {
      g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY,
                   _("The file “%s” is empty. Choose the file that holds this quarter’s data."),
                   g_file_peek_path (file));
      return NULL;
    }
  else
    report = ods_validator_finish (validator);

  if (ods_csv_reader_get_encoding_errors (reader) > 0)
    add_encoding_error (report, reader);

  if (progress != NULL)
    progress (ods_csv_reader_get_bytes_read (reader), total, rows, progress_data);

  delimiter[0] = ods_csv_reader_get_delimiter (reader);
  ods_report_set_source_info (report,
                              ods_csv_reader_get_bytes_read (reader),
                              (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                              ods_csv_reader_get_encoding (reader),
                              delimiter,
                              sha_hex);
  return report;
}

typedef struct
{
  GFile                    *file;
  OdsSchema                *schema;
  OdsValidationOptions      options;
  char                     *encoding;
  OdsValidationProgressFunc progress;
  gpointer                  progress_data;
} ValidateData;

static void
validate_data_free (ValidateData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->schema);
  g_free (data->encoding);
  g_free (data);
}

static void
validate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ValidateData *data = task_data;
  GError *error = NULL;
  OdsReport *report;

  report = ods_validate_file (data->file, data->schema, &data->options,
                              data->progress, data->progress_data, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/**
 * ods_validate_file_async:
 *
 * Runs ods_validate_file() in a worker thread. @progress is called from that
 * thread: marshal it to the main context (g_main_context_invoke) to update
 * widgets.
 */
void
ods_validate_file_async (GFile                       *file,
                         OdsSchema                   *schema,
                         const OdsValidationOptions  *options,
                         OdsValidationProgressFunc    progress,
                         gpointer                     progress_data,
                         GCancellable                *cancellable,
                         GAsyncReadyCallback          callback,
                         gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  ValidateData *data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ods_validate_file_async);

  data = g_new0 (ValidateData, 1);
  data->file = g_object_ref (file);
  data->schema = schema != NULL ? g_object_ref (schema) : NULL;
  if (options != NULL)
    {
      data->options = *options;
      data->encoding = g_strdup (options->encoding);
      data->options.encoding = data->encoding;
    }
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) validate_data_free);
  g_task_run_in_thread (task, validate_thread);
}

OdsReport *
ods_validate_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ods_infer_file:
 * @options: (nullable): the dialect (delimiter, encoding); limits are ignored
 *
 * Reads the whole of @file and guesses its Table Schema: types and formats
 * from every value, `required` where no value is missing. Blocking.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set
 */
OdsSchema *
ods_infer_file (GFile                       *file,
                const OdsValidationOptions  *options,
                GCancellable                *cancellable,
                GError                     **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(OdsCsvReader) reader = NULL;
  g_autoptr(OdsSchemaInferrer) inferrer = NULL;
  g_autoptr(GError) local_error = NULL;
  OdsCsvOptions csv_options = { 0 };
  OdsRecord record;
  gboolean have_header = FALSE;

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;

  if (options != NULL)
    {
      csv_options.delimiter = options->delimiter;
      csv_options.encoding = options->encoding;
    }
  reader = ods_csv_reader_new (G_INPUT_STREAM (in), &csv_options);
  inferrer = ods_schema_inferrer_new ();

  while (ods_csv_reader_next (reader, &record, cancellable, &local_error))
    {
      if (!have_header)
        ods_schema_inferrer_add_header (inferrer, &record);
      else
        ods_schema_inferrer_add_row (inferrer, &record);
      have_header = TRUE;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!have_header)
    {
      g_set_error (error, ODS_TABLE_ERROR, ODS_TABLE_ERROR_EMPTY,
                   _("The file “%s” is empty. Choose the file that holds this quarter’s data."),
                   g_file_peek_path (file));
      return NULL;
    }

  return ods_schema_inferrer_finish (inferrer, error);
}
