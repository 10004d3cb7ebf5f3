#define G_LOG_DOMAIN "ods-stall-probe"

#include "ods-stall-probe.h"

#include <time.h>

struct _OdsStallProbe
{
  GObject  parent_instance;

  guint    interval_ms;
  guint    threshold_ms;
  GSource *source;
  gint64   last_tick;
  gint64   last_cpu;
  gint64   longest_stall;
  gint64   longest_busy;
  guint    n_stalls;
  guint    n_ticks;
};

G_DEFINE_FINAL_TYPE (OdsStallProbe, ods_stall_probe, G_TYPE_OBJECT)

/* The CPU time the calling thread has used, in µs (-1 where unknown). */
static gint64
thread_cpu_time (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif
  return -1;
}

static gboolean
tick_cb (gpointer data)
{
  OdsStallProbe *self = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint64 stall = now - self->last_tick - (gint64) self->interval_ms * 1000;

  /* On a shared machine a gap is partly the main thread waiting for a
   * core: what it ran itself is the work that made the gap. */
  if (cpu >= 0 && self->last_cpu >= 0 && cpu - self->last_cpu > self->longest_busy)
    self->longest_busy = cpu - self->last_cpu;
  self->last_cpu = cpu;
  if (stall > self->longest_stall)
    self->longest_stall = stall;
  if (stall > (gint64) self->threshold_ms * 1000)
    {
      self->n_stalls++;
      g_debug ("Main loop stalled for %" G_GINT64_FORMAT " ms", stall / 1000);
    }

  self->n_ticks++;
  self->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
ods_stall_probe_finalize (GObject *object)
{
  OdsStallProbe *self = (OdsStallProbe *) object;

  ods_stall_probe_stop (self);

  G_OBJECT_CLASS (ods_stall_probe_parent_class)->finalize (object);
}

static void
ods_stall_probe_class_init (OdsStallProbeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ods_stall_probe_finalize;
}

static void
ods_stall_probe_init (OdsStallProbe *self)
{
}

/**
 * ods_stall_probe_new:
 * @interval_ms: how often to tick (a few milliseconds)
 * @threshold_ms: a gap longer than the interval by more than this counts as
 *   a stall (50 for the GUI's promise)
 */
OdsStallProbe *
ods_stall_probe_new (guint interval_ms,
                     guint threshold_ms)
{
  OdsStallProbe *self;

  g_return_val_if_fail (interval_ms > 0, NULL);

  self = g_object_new (ODS_TYPE_STALL_PROBE, NULL);
  self->interval_ms = interval_ms;
  self->threshold_ms = threshold_ms;

  return self;
}

/**
 * ods_stall_probe_start:
 *
 * Starts ticking on the thread-default main context and forgets earlier
 * measurements.
 */
void
ods_stall_probe_start (OdsStallProbe *self)
{
  g_autoptr(GMainContext) context = NULL;

  g_return_if_fail (ODS_IS_STALL_PROBE (self));

  ods_stall_probe_stop (self);

  self->longest_stall = 0;
  self->longest_busy = 0;
  self->last_cpu = thread_cpu_time ();
  self->n_stalls = 0;
  self->n_ticks = 0;
  self->last_tick = g_get_monotonic_time ();

  context = g_main_context_ref_thread_default ();
  self->source = g_timeout_source_new (self->interval_ms);
  g_source_set_name (self->source, "[ods] stall probe");
  g_source_set_callback (self->source, tick_cb, self, NULL);
  g_source_attach (self->source, context);
}

void
ods_stall_probe_stop (OdsStallProbe *self)
{
  g_return_if_fail (ODS_IS_STALL_PROBE (self));

  if (self->source == NULL)
    return;

  g_source_destroy (self->source);
  g_clear_pointer (&self->source, g_source_unref);
}

/**
 * ods_stall_probe_get_longest_stall_us:
 *
 * Returns: the longest time, in microseconds, by which a tick came later
 *   than its interval
 */
gint64
ods_stall_probe_get_longest_stall_us (OdsStallProbe *self)
{
  g_return_val_if_fail (ODS_IS_STALL_PROBE (self), 0);

  return self->longest_stall;
}

/**
 * ods_stall_probe_get_longest_busy_us:
 *
 * Returns: the most CPU time, in microseconds, the main loop's thread used
 *   between two ticks (0 where the system does not tell); unlike the
 *   longest stall, it does not grow when other programs keep the cores busy
 */
gint64
ods_stall_probe_get_longest_busy_us (OdsStallProbe *self)
{
  g_return_val_if_fail (ODS_IS_STALL_PROBE (self), 0);

  return self->longest_busy;
}

/**
 * ods_stall_probe_get_n_stalls:
 *
 * Returns: how many ticks came later than the threshold
 */
guint
ods_stall_probe_get_n_stalls (OdsStallProbe *self)
{
  g_return_val_if_fail (ODS_IS_STALL_PROBE (self), 0);

  return self->n_stalls;
}

guint
ods_stall_probe_get_n_ticks (OdsStallProbe *self)
{
  g_return_val_if_fail (ODS_IS_STALL_PROBE (self), 0);

  return self->n_ticks;
}
