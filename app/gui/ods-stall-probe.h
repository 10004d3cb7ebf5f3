/* ods-stall-probe.h: measures how long the main loop goes without running.
 *
 * A timeout ticks every few milliseconds on the thread-default main context;
 * the longest gap beyond the interval is the longest stall the officer would
 * have felt as a frozen window. Used by the GUI tests and benchmarks to check
 * that validating and uploading never block the loop for more than 50 ms.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ODS_TYPE_STALL_PROBE (ods_stall_probe_get_type ())

G_DECLARE_FINAL_TYPE (OdsStallProbe, ods_stall_probe, ODS, STALL_PROBE, GObject)

OdsStallProbe *ods_stall_probe_new                 (guint          interval_ms,
                                                    guint          threshold_ms);
void           ods_stall_probe_start               (OdsStallProbe *self);
void           ods_stall_probe_stop                (OdsStallProbe *self);
gint64         ods_stall_probe_get_longest_stall_us (OdsStallProbe *self);
gint64         ods_stall_probe_get_longest_busy_us (OdsStallProbe *self);
guint          ods_stall_probe_get_n_stalls        (OdsStallProbe *self);
guint          ods_stall_probe_get_n_ticks         (OdsStallProbe *self);

G_END_DECLS
