#define G_LOG_DOMAIN "ods-table-error"

#include "ods-table-error.h"

G_DEFINE_QUARK (ods-table-error-quark, ods_table_error)
