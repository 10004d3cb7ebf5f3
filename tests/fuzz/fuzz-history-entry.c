/* Fuzz target: one line of the history file, and URL redaction. */
#include "ods-history.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *line = g_strndup ((const char *) data, size);
  g_autoptr(OdsHistoryEntry) entry = NULL;
  g_autofree char *redacted = ods_history_redact_url (line);

  g_autofree char *twice = ods_history_redact_url (redacted);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  /* Redacting is idempotent: nothing is left to remove. */
  g_assert_cmpstr (twice, ==, redacted);
  entry = ods_history_entry_new_from_json (line, NULL);
  if (entry != NULL)
    {
      g_autofree char *json = ods_history_entry_to_json (entry);
      g_autoptr(OdsHistoryEntry) again = ods_history_entry_new_from_json (json, NULL);

      g_assert_nonnull (again);
      g_assert_cmpint (again->outcome, ==, entry->outcome);
    }
  return 0;
}
