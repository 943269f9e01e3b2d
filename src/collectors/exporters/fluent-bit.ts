/**
 * Fluent Bit's own metrics at /api/v1/metrics/prometheus (HTTP_Server On),
 * the endpoint lmac's collectors scrape: src/http_server/api/v1/metrics.c
 * names each `fluentbit_<input|filter|output>_<counter>` with the label `name`
 * (the plugin instance, tail.0 or its Alias), and the Monitoring page of the
 * 2.x docs (fluent/fluent-bit-docs administration/monitoring.md @065b2e3f)
 * lists them. A C program: no Go runtime series.
 */
import type { ExporterSpec } from './family.js';

export const FLUENT_BIT: ExporterSpec = {
  title: 'Fluent Bit',
  version: '2.x',
  source: 'fluent/fluent-bit src/http_server/api/v1/metrics.c @09c574af; fluent/fluent-bit-docs administration/monitoring.md @065b2e3f',
  families: [
    ['fluentbit_build_info', 'gauge', ['edition', 'version']],
    ['fluentbit_filter_add_records_total', 'counter', ['name']],
    ['fluentbit_filter_drop_records_total', 'counter', ['name']],
    ['fluentbit_filter_records_total', 'counter', ['name']],
    ['fluentbit_input_bytes_total', 'counter', ['name']],
    ['fluentbit_input_files_closed_total', 'counter', ['name']],
    ['fluentbit_input_files_opened_total', 'counter', ['name']],
    ['fluentbit_input_files_rotated_total', 'counter', ['name']],
    ['fluentbit_input_records_total', 'counter', ['name']],
    ['fluentbit_output_dropped_records_total', 'counter', ['name']],
    ['fluentbit_output_errors_total', 'counter', ['name']],
    ['fluentbit_output_proc_bytes_total', 'counter', ['name']],
    ['fluentbit_output_proc_records_total', 'counter', ['name']],
    ['fluentbit_output_retried_records_total', 'counter', ['name']],
    ['fluentbit_output_retries_failed_total', 'counter', ['name']],
    ['fluentbit_output_retries_total', 'counter', ['name']],
    ['fluentbit_uptime', 'counter'],
    ['process_start_time_seconds', 'gauge'],
  ],
};
