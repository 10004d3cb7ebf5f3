/* ods-csv-reader-private.h: for OdsRecordPipe, records that outlive the next call. */
#pragma once

#include "ods-csv-reader.h"

G_BEGIN_DECLS

void     ods_csv_reader_keep_text        (OdsCsvReader *self);
void     ods_csv_reader_take_text        (OdsCsvReader *self,
                                          GPtrArray    *texts,
                                          GPtrArray    *extras);
void     ods_csv_reader_give_back_text   (OdsCsvReader *self,
                                          GByteArray   *text);
guint64  ods_csv_reader_get_text_offset  (OdsCsvReader *self);
void     ods_csv_reader_set_mapped       (OdsCsvReader *self,
                                          GBytes       *data);
void     ods_csv_reader_set_file_changed_error (GError **error);

G_END_DECLS
