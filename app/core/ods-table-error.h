/* ods-table-error.h: errors raised while reading a table file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ODS_TABLE_ERROR (ods_table_error_quark ())

/**
 * OdsTableError:
 * @ODS_TABLE_ERROR_IO: the file could not be read
 * @ODS_TABLE_ERROR_UNCLOSED_QUOTE: a quoted cell runs to the end of the file
 * @ODS_TABLE_ERROR_RECORD_TOO_LONG: one record is larger than the reader accepts
 * @ODS_TABLE_ERROR_UNKNOWN_ENCODING: the encoding name given is not supported
 * @ODS_TABLE_ERROR_EMPTY: the file has no content at all
 * @ODS_TABLE_ERROR_BINARY: the file is not text (a workbook, a PDF, an image…)
 */
typedef enum
{
  ODS_TABLE_ERROR_IO,
  ODS_TABLE_ERROR_UNCLOSED_QUOTE,
  ODS_TABLE_ERROR_RECORD_TOO_LONG,
  ODS_TABLE_ERROR_UNKNOWN_ENCODING,
  ODS_TABLE_ERROR_EMPTY,
  ODS_TABLE_ERROR_BINARY,
} OdsTableError;

GQuark ods_table_error_quark (void);

G_END_DECLS
