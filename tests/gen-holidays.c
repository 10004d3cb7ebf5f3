/* gen-holidays: prints the holiday data file for a range of years.
 *
 *   build/tests/gen-holidays 2025 2035 > data/holidays/vn-holidays-2025-2035.json
 *
 * The test /holidays/data-file-in-sync fails when the shipped file and the
 * code disagree.
 */
#include "ods-holidays.h"

#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  g_autofree char *json = NULL;
  int first, last;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s FIRST_YEAR LAST_YEAR\n", argv[0]);
      return 2;
    }
  first = atoi (argv[1]);
  last = atoi (argv[2]);
  if (first < 1901 || last > 2198 || last < first)
    {
      fprintf (stderr, "years must be 1901–2198, FIRST ≤ LAST\n");
      return 2;
    }

  json = ods_holidays_generate_json (first, last);
  printf ("%s\n", json);
  return 0;
}
