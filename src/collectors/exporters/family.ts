/**
 * One metric family an exporter exposes: its name as exposed, its type and
 * the label names of its series (le and quantile left out: they follow from
 * the type). A tuple, so a catalogue file reads as the exposition's list.
 */
export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export type Family = readonly [name: string, type: FamilyType, labels?: readonly string[]];

export interface ExporterSpec {
  title: string;
  /** The version the names were read at. */
  version: string;
  /**
   * Where they were read: `live` (a daemon run here; test/collectors/exporters-live.test.ts
   * runs it again and checks every family), or the upstream files.
   */
  source: string;
  families: readonly Family[];
}

/**
 * The Go Prometheus client's default collectors (client_golang's Go and
 * process collectors), which every Go exporter registers: the families all
 * four daemons run here expose (test/collectors/exporters-live.test.ts).
 */
export const GO_CLIENT: readonly Family[] = [
  ['go_gc_duration_seconds', 'summary'],
  ['go_goroutines', 'gauge'],
  ['go_info', 'gauge', ['version']],
  ['go_memstats_alloc_bytes', 'gauge'],
  ['go_memstats_alloc_bytes_total', 'counter'],
  ['go_memstats_buck_hash_sys_bytes', 'gauge'],
  ['go_memstats_frees_total', 'counter'],
  ['go_memstats_gc_sys_bytes', 'gauge'],
  ['go_memstats_heap_alloc_bytes', 'gauge'],
  ['go_memstats_heap_idle_bytes', 'gauge'],
  ['go_memstats_heap_inuse_bytes', 'gauge'],
  ['go_memstats_heap_objects', 'gauge'],
  ['go_memstats_heap_released_bytes', 'gauge'],
  ['go_memstats_heap_sys_bytes', 'gauge'],
  ['go_memstats_last_gc_time_seconds', 'gauge'],
  ['go_memstats_lookups_total', 'counter'],
  ['go_memstats_mallocs_total', 'counter'],
  ['go_memstats_mcache_inuse_bytes', 'gauge'],
  ['go_memstats_mcache_sys_bytes', 'gauge'],
  ['go_memstats_mspan_inuse_bytes', 'gauge'],
  ['go_memstats_mspan_sys_bytes', 'gauge'],
  ['go_memstats_next_gc_bytes', 'gauge'],
  ['go_memstats_other_sys_bytes', 'gauge'],
  ['go_memstats_stack_inuse_bytes', 'gauge'],
  ['go_memstats_stack_sys_bytes', 'gauge'],
  ['go_memstats_sys_bytes', 'gauge'],
  ['go_threads', 'gauge'],
  ['process_cpu_seconds_total', 'counter'],
  ['process_max_fds', 'gauge'],
  ['process_open_fds', 'gauge'],
  ['process_resident_memory_bytes', 'gauge'],
  ['process_start_time_seconds', 'gauge'],
  ['process_virtual_memory_bytes', 'gauge'],
  ['process_virtual_memory_max_bytes', 'gauge'],
];

/** promhttp's handler metrics, where an exporter serves /metrics with promhttp.Handler. */
export const PROMHTTP: readonly Family[] = [
  ['promhttp_metric_handler_requests_in_flight', 'gauge'],
  ['promhttp_metric_handler_requests_total', 'counter', ['code']],
];
