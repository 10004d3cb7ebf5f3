/* The declarations of GNU gettext's libintl.h (glib/gi18n-lib.h includes it),
 * for tests/wincred/check-wincred.sh only: a Windows build gets the real header
 * from gettext-runtime; Debian's mingw-w64 has none. */
#pragma once

char *gettext (const char *msgid);
char *dgettext (const char *domainname, const char *msgid);
char *dcgettext (const char *domainname, const char *msgid, int category);
char *ngettext (const char *msgid1, const char *msgid2, unsigned long int n);
char *dngettext (const char *domainname, const char *msgid1, const char *msgid2, unsigned long int n);
char *dcngettext (const char *domainname, const char *msgid1, const char *msgid2, unsigned long int n,
                  int category);
char *textdomain (const char *domainname);
char *bindtextdomain (const char *domainname, const char *dirname);
char *bind_textdomain_codeset (const char *domainname, const char *codeset);

/* gettext's libintl.h defines LC_MESSAGES where the C library has none
 * (Windows), for its own setlocale(). */
#include <locale.h>
#ifndef LC_MESSAGES
#define LC_MESSAGES 1729
#endif
