#define G_LOG_DOMAIN "ods-map-guard"

#include "ods-map-guard.h"

#ifdef G_OS_UNIX

#include <signal.h>
#include <string.h>

/* The innermost guard of each thread (initial-exec TLS: safe to read in a
 * signal handler). */
static __thread OdsMapGuard *current_guard;

static GMutex install_lock;
static struct sigaction previous_action;

static void
on_sigbus (int        sig,
           siginfo_t *info,
           void      *context)
{
  OdsMapGuard *guard = current_guard;

  if (guard != NULL)
    {
      current_guard = guard->outer;
      siglongjmp (guard->env, 1);
    }
  /* Not ours: put back what was there before and return; the instruction
   * faults again and meets that (by default, the end of the program). */
  sigaction (SIGBUS, &previous_action, NULL);
}

/**
 * ods_map_guard_install:
 *
 * Makes sure the SIGBUS handler is in place (again, if someone replaced
 * it). Call it before mapping a file.
 *
 * Returns: %FALSE if it could not be installed: then do not map files.
 */
gboolean
ods_map_guard_install (void)
{
  struct sigaction current, action;
  gboolean ok = TRUE;

  g_mutex_lock (&install_lock);
  if (sigaction (SIGBUS, NULL, &current) != 0)
    ok = FALSE;
  else if (!(current.sa_flags & SA_SIGINFO) || current.sa_sigaction != on_sigbus)
    {
      memset (&action, 0, sizeof action);
      action.sa_sigaction = on_sigbus;
      action.sa_flags = SA_SIGINFO;
      sigemptyset (&action.sa_mask);
      if (sigaction (SIGBUS, &action, &previous_action) != 0)
        ok = FALSE;
    }
  g_mutex_unlock (&install_lock);
  return ok;
}

void
ods_map_guard_enter (OdsMapGuard *guard)
{
  guard->outer = current_guard;
  current_guard = guard;
}

void
ods_map_guard_leave (OdsMapGuard *guard)
{
  /* After a fault the handler has already moved past @guard. */
  if (current_guard == guard)
    current_guard = guard->outer;
}

#endif
