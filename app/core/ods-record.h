/* ods-record.h: one record (row) of a table, as readers hand it to the validator. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OdsRecord:
 * @cells: the cells, each a NUL-terminated UTF-8 string in NFC
 * @lengths: the byte length of each cell (without the NUL)
 * @n_cells: number of cells; 0 for an empty line
 * @row_number: frictionless row number: the header is row 1, the first
 *   data record row 2; a quoted cell spanning several lines counts once
 * @line_number: physical line (1-based) where the record starts, for messages
 *
 * The memory belongs to the reader and is valid until its next call.
 */
typedef struct
{
  char *const  *cells;
  const gsize  *lengths;
  guint         n_cells;
  guint64       row_number;
  guint64       line_number;
} OdsRecord;

G_END_DECLS
