/**
 * Alertmanager's own /metrics, read off Alertmanager 0.25 run here without
 * clustering (a clustered one adds alertmanager_cluster_* and
 * alertmanager_peer_*; scripts/exporter-families.mjs).
 */
import { GO_CLIENT, PROMHTTP, type ExporterSpec } from './family.js';

export const ALERTMANAGER: ExporterSpec = {
  title: 'Prometheus Alertmanager',
  version: '0.25.0 (Debian bookworm)',
  source: 'live',
  families: [
    ['alertmanager_alerts', 'gauge', ['state']],
    ['alertmanager_alerts_invalid_total', 'counter', ['version']],
    ['alertmanager_alerts_received_total', 'counter', ['status', 'version']],
    ['alertmanager_build_info', 'gauge', ['branch', 'goarch', 'goos', 'goversion', 'revision', 'version']],
    ['alertmanager_cluster_enabled', 'gauge'],
    ['alertmanager_config_hash', 'gauge'],
    ['alertmanager_config_last_reload_success_timestamp_seconds', 'gauge'],
    ['alertmanager_config_last_reload_successful', 'gauge'],
    ['alertmanager_dispatcher_aggregation_groups', 'gauge'],
    ['alertmanager_dispatcher_alert_processing_duration_seconds', 'summary'],
    ['alertmanager_http_concurrency_limit_exceeded_total', 'counter', ['method']],
    ['alertmanager_http_request_duration_seconds', 'histogram', ['handler', 'method']],
    ['alertmanager_http_requests_in_flight', 'gauge', ['method']],
    ['alertmanager_http_response_size_bytes', 'histogram', ['handler', 'method']],
    ['alertmanager_integrations', 'gauge'],
    ['alertmanager_marked_alerts', 'gauge', ['state']],
    ['alertmanager_nflog_gc_duration_seconds', 'summary'],
    ['alertmanager_nflog_gossip_messages_propagated_total', 'counter'],
    ['alertmanager_nflog_queries_total', 'counter'],
    ['alertmanager_nflog_query_duration_seconds', 'histogram'],
    ['alertmanager_nflog_query_errors_total', 'counter'],
    ['alertmanager_nflog_snapshot_duration_seconds', 'summary'],
    ['alertmanager_nflog_snapshot_size_bytes', 'gauge'],
    ['alertmanager_notification_latency_seconds', 'histogram', ['integration']],
    ['alertmanager_notification_requests_failed_total', 'counter', ['integration']],
    ['alertmanager_notification_requests_total', 'counter', ['integration']],
    ['alertmanager_notifications_failed_total', 'counter', ['integration']],
    ['alertmanager_notifications_total', 'counter', ['integration']],
    ['alertmanager_receivers', 'gauge'],
    ['alertmanager_silences', 'gauge', ['state']],
    ['alertmanager_silences_gc_duration_seconds', 'summary'],
    ['alertmanager_silences_gossip_messages_propagated_total', 'counter'],
    ['alertmanager_silences_queries_total', 'counter'],
    ['alertmanager_silences_query_duration_seconds', 'histogram'],
    ['alertmanager_silences_query_errors_total', 'counter'],
    ['alertmanager_silences_snapshot_duration_seconds', 'summary'],
    ['alertmanager_silences_snapshot_size_bytes', 'gauge'],
    ...PROMHTTP,
    ...GO_CLIENT,
  ],
};
