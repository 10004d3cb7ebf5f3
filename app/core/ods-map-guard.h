/* ods-map-guard.h: reading a memory-mapped file that may shrink meanwhile.
 *
 * When another program truncates a file while we read it through a memory
 * mapping, touching a page past the new end raises SIGBUS, which would end
 * the whole program. Code that reads the mapping runs inside a guard: a
 * SIGBUS in that thread then jumps back to where the guard was set, and the
 * caller reports that the file changed.
 *
 *   OdsMapGuard guard;
 *
 *   if (ODS_MAP_GUARD_FAULTED (&guard))
 *     {
 *       ods_map_guard_leave (&guard);
 *       return report_changed_file ();
 *     }
 *   ods_map_guard_enter (&guard);
 *   use (mapped_bytes);           // nothing that takes locks or allocates
 *   ods_map_guard_leave (&guard); // from the mapping itself
 *
 * Local variables the guarded code changes must be volatile to be trusted
 * after a fault (the usual sigsetjmp() rule). Guards nest per thread.
 */
#pragma once

#include <glib.h>
#include <setjmp.h>

G_BEGIN_DECLS

#ifdef G_OS_UNIX

typedef struct _OdsMapGuard OdsMapGuard;
struct _OdsMapGuard
{
  sigjmp_buf   env;
  OdsMapGuard *outer;
};

#define ODS_MAP_GUARD_FAULTED(guard) (sigsetjmp ((guard)->env, 1) != 0)

gboolean ods_map_guard_install (void);
void     ods_map_guard_enter   (OdsMapGuard *guard);
void     ods_map_guard_leave   (OdsMapGuard *guard);

#endif

G_END_DECLS
