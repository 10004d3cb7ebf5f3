/* ods-record-pipe.h: runs a CSV reader in its own thread and hands its records over in batches. */
#pragma once

#include <gio/gio.h>

#include "ods-csv-reader.h"
#include "ods-record.h"

G_BEGIN_DECLS

typedef struct _OdsRecordPipe OdsRecordPipe;

OdsRecordPipe *ods_record_pipe_new            (OdsCsvReader   *reader,
                                               GCancellable   *cancellable);
gboolean       ods_record_pipe_next           (OdsRecordPipe  *self,
                                               OdsRecord      *record,
                                               GError        **error);
guint64        ods_record_pipe_get_bytes_read (OdsRecordPipe  *self);
void           ods_record_pipe_free           (OdsRecordPipe  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OdsRecordPipe, ods_record_pipe_free)

G_END_DECLS
