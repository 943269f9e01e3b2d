/**
 * The metrics the log collector derives from logs (Fluent Bit's
 * log_to_metrics filters, generators/collectors/fluent-bit.ts), as the
 * catalogue and the alarms see them.
 */
import type { Log } from '../model/lma-types.js';

/**
 * The metrics the log_to_metrics filters emit, as Prometheus scrapes them from
 * :2021. log_to_metrics names a metric `<metric_namespace>_<metric_subsystem>_<metric_name>`
 * (cmetrics; the subsystem defaults to the mode, so it is always set here) and
 * prometheus_exporter adds no suffix of its own; a histogram is exposed as
 * `<name>_bucket{le}`, `<name>_sum` and `<name>_count`. Labels are the
 * label_field values (a missing field gives an empty, i.e. absent, label) plus
 * the node's labels other than hostname and environment (region,
 * availability_zone), added by the exporter; hostname and environment come
 * from the scrape target (generators/prometheus/config.ts), so the exporter
 * does not set them (Prometheus would rename them exported_*).
 */
export const LOG_METRICS = {
  /** counter: log records per service and level (StackLight's log_messages; rate() gives log_messages_rate). */
  messages: {
    name: 'log_messages_total', namespace: 'log', subsystem: 'messages', metric: 'total', mode: 'counter',
    labels: ['service', 'level'], tag: 'metrics.log_messages',
    description: 'Log records read, by service and severity level',
  },
  /** counter: HTTP requests in apache/nginx access logs, by service, method and status code. */
  httpRequests: {
    name: 'log_http_requests_total', namespace: 'log', subsystem: 'http', metric: 'requests_total', mode: 'counter',
    labels: ['service', 'http_method', 'http_status'], tag: 'metrics.log_http_requests',
    description: 'HTTP requests in access logs, by service, method and status code',
  },
  /** histogram (seconds): response times from access logs that record them (apache %D, nginx $request_time). */
  httpResponseTime: {
    name: 'log_http_response_time_seconds', namespace: 'log', subsystem: 'http', metric: 'response_time_seconds', mode: 'histogram',
    labels: ['service', 'http_method'], tag: 'metrics.log_http_response_time',
    description: 'HTTP response time in seconds from access logs, by service and method',
  },
} as const;

/** Parsers whose records are HTTP requests (they feed the HTTP metrics). */
export const ACCESS_LOG_PARSERS: readonly Log['parser'][] = ['apache_access', 'nginx_access'];

/**
 * The metric names a node's enabled logs produce, with their labels (global
 * labels excluded). A histogram is scraped as `_bucket`, `_sum` and `_count`.
 */
export function logMetricsOf(logs: readonly Log[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  if (logs.length === 0) return out;
  const add = (m: (typeof LOG_METRICS)[keyof typeof LOG_METRICS]): void => {
    if (m.mode === 'histogram') {
      out.set(`${m.name}_bucket`, [...m.labels, 'le']);
      for (const s of ['_sum', '_count']) out.set(`${m.name}${s}`, m.labels);
    } else out.set(m.name, m.labels);
  };
  add(LOG_METRICS.messages);
  if (logs.some((l) => ACCESS_LOG_PARSERS.includes(l.parser))) {
    add(LOG_METRICS.httpRequests);
    add(LOG_METRICS.httpResponseTime);
  }
  return out;
}
