/* ods-history.h: the local history of validations and submissions.
 *
 * One JSON object per line (JSON Lines) in
 * $XDG_DATA_HOME/opendata-submit/history.jsonl. Each append is one write() of
 * a whole line on a file opened with O_APPEND, under an exclusive flock(),
 * followed by fsync(): a crash can at worst leave a partial last line, which
 * readers skip with a warning. The format is described in docs/deadlines-and-history.md.
 * Never put a token or a password in an entry.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ODS_HISTORY_OUTCOME_VALIDATED,  /* checked, no errors */
  ODS_HISTORY_OUTCOME_INVALID,    /* checked, errors found */
  ODS_HISTORY_OUTCOME_UPLOADED,   /* the portal accepted the file */
  ODS_HISTORY_OUTCOME_CONFIRMED,  /* read back from the portal and matched */
  ODS_HISTORY_OUTCOME_FAILED,     /* the upload failed */
  ODS_HISTORY_OUTCOME_CANCELLED,  /* the user cancelled */
} OdsHistoryOutcome;

#define ODS_HISTORY_N_OUTCOMES (ODS_HISTORY_OUTCOME_CANCELLED + 1)
/* For ods_history_query()'s @outcomes. */
#define ODS_HISTORY_OUTCOME_MASK(o) (1u << (o))

const char *ods_history_outcome_to_string   (OdsHistoryOutcome  outcome);
gboolean    ods_history_outcome_from_string (const char        *text,
                                             OdsHistoryOutcome *outcome);
/* Translated ("uploaded" / "đã tải lên"). */
const char *ods_history_outcome_get_display_name (OdsHistoryOutcome outcome);

/**
 * OdsHistoryEntry:
 * @time: when it happened (stored in UTC); %NULL means now when appended
 * @portal: the portal's address
 * @user: the portal user name (never a token)
 * @dataset: the dataset's name or id
 * @resource: the resource's id or name, %NULL before an upload
 * @period: "2026-Q3", or %NULL
 * @file_name: the file's base name
 * @size: bytes, -1 unknown
 * @sha256: 64 lower-case hex digits, or %NULL
 * @rows: data rows, -1 unknown
 * @errors: validation errors, -1 unknown
 * @warnings: validation warnings, -1 unknown
 * @error_counts: (nullable): error type → count (char * → GINT_TO_POINTER)
 * @outcome: what happened
 * @receipt_url: the portal page of the upload, or %NULL
 * @message: a short explanation (the failure's message), or %NULL
 */
typedef struct
{
  GDateTime         *time;
  char              *portal;
  char              *user;
  char              *dataset;
  char              *resource;
  char              *period;
  char              *file_name;
  gint64             size;
  char              *sha256;
  gint64             rows;
  gint64             errors;
  gint64             warnings;
  GHashTable        *error_counts;
  OdsHistoryOutcome  outcome;
  char              *receipt_url;
  char              *message;
} OdsHistoryEntry;

OdsHistoryEntry *ods_history_entry_new           (void);
void             ods_history_entry_free          (OdsHistoryEntry *entry);
/* Adds @count errors of @type to @error_counts (created on first use). */
void             ods_history_entry_add_error_count (OdsHistoryEntry *entry,
                                                  const char      *type,
                                                  guint            count);
/* One line of JSON, without the newline. Addresses lose any user:password@
 * part and query parameters that look like credentials. */
char            *ods_history_entry_to_json       (const OdsHistoryEntry *entry);
OdsHistoryEntry *ods_history_entry_new_from_json (const char      *line,
                                                  GError         **error);

/* Removes userinfo and credential-like query parameters from @url. */
char            *ods_history_redact_url          (const char      *url);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsHistoryEntry, ods_history_entry_free)

#define ODS_TYPE_HISTORY (ods_history_get_type ())

G_DECLARE_FINAL_TYPE (OdsHistory, ods_history, ODS, HISTORY, GObject)

/* @path: the file, or %NULL for $XDG_DATA_HOME/opendata-submit/history.jsonl
 * ($OPENDATA_SUBMIT_HISTORY overrides the default, for tests). */
OdsHistory *ods_history_new      (const char             *path);
const char *ods_history_get_path (OdsHistory             *self);

/* Thread-safe; also safe between processes. Blocks on fsync(): from the
 * GUI's main thread use ods_history_append_async(). */
gboolean    ods_history_append   (OdsHistory             *self,
                                  const OdsHistoryEntry  *entry,
                                  GError                **error);
/* Appends a copy of @entry (its JSON is made before returning) in a worker thread. */
void        ods_history_append_async  (OdsHistory             *self,
                                       const OdsHistoryEntry  *entry,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
gboolean    ods_history_append_finish (OdsHistory             *self,
                                       GAsyncResult           *result,
                                       GError                **error);

/* Entries, oldest first, that match every filter given: @period and @dataset
 * (%NULL for any) and @outcomes (a mask of ODS_HISTORY_OUTCOME_MASK(), 0 for
 * any). A missing file is an empty history; a damaged line is skipped with a
 * warning. Returns: (element-type OdsHistoryEntry): the entries. */
GPtrArray  *ods_history_query    (OdsHistory             *self,
                                  const char             *period,
                                  const char             *dataset,
                                  guint                   outcomes,
                                  GError                **error);
/* The same in a worker thread. */
void        ods_history_query_async   (OdsHistory             *self,
                                       const char             *period,
                                       const char             *dataset,
                                       guint                   outcomes,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
GPtrArray  *ods_history_query_finish  (OdsHistory             *self,
                                       GAsyncResult           *result,
                                       GError                **error);

G_END_DECLS
