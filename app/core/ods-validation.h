/* ods-validation.h: validate a table file against a schema in one streaming pass. */
#pragma once

#include <gio/gio.h>

#include "ods-report.h"
#include "ods-schema.h"

G_BEGIN_DECLS

typedef struct
{
  char        delimiter;      /* 0: sniff */
  const char *encoding;       /* NULL: detect */
  guint       limit_errors;   /* 0: the default (1000) */
} OdsValidationOptions;

/* Called from the validating thread about every few megabytes. */
typedef void (*OdsValidationProgressFunc) (guint64  bytes_done,
                                           guint64  bytes_total,
                                           guint64  rows,
                                           gpointer user_data);

OdsReport *ods_validate_file        (GFile                       *file,
                                     OdsSchema                   *schema,
                                     const OdsValidationOptions  *options,
                                     OdsValidationProgressFunc    progress,
                                     gpointer                     progress_data,
                                     GCancellable                *cancellable,
                                     GError                     **error);

void       ods_validate_file_async  (GFile                       *file,
                                     OdsSchema                   *schema,
                                     const OdsValidationOptions  *options,
                                     OdsValidationProgressFunc    progress,
                                     gpointer                     progress_data,
                                     GCancellable                *cancellable,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data);
OdsReport *ods_validate_file_finish (GAsyncResult                *result,
                                     GError                     **error);

OdsSchema *ods_infer_file           (GFile                       *file,
                                     const OdsValidationOptions  *options,
                                     GCancellable                *cancellable,
                                     GError                     **error);

G_END_DECLS
