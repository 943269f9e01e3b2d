/**
 * containerd's /v1/metrics ([metrics] address), read off containerd 1.6 run
 * here with its CRI plugin: the gRPC server's go-grpc-prometheus counters
 * (the CRI services are runtime.v1.RuntimeService and ImageService, and
 * runtime.v1alpha2 for older kubelets) and the CRI plugin's own
 * (scripts/exporter-families.mjs).
 */
import { GO_CLIENT, PROMHTTP, type ExporterSpec } from './family.js';

export const CONTAINERD: ExporterSpec = {
  title: 'containerd',
  version: '1.6.20 (Debian bookworm)',
  source: 'live',
  families: [
    ['containerd_build_info_total', 'counter', ['revision', 'version']],
    ['containerd_cri_container_list_seconds', 'histogram'],
    ['containerd_cri_input_bytes_total', 'counter'],
    ['containerd_cri_input_entries_total', 'counter'],
    ['containerd_cri_output_bytes_total', 'counter'],
    ['containerd_cri_output_entries_total', 'counter'],
    ['containerd_cri_sandbox_create_network_seconds', 'histogram'],
    ['containerd_cri_sandbox_delete_network_seconds', 'histogram'],
    ['containerd_cri_sandbox_list_seconds', 'histogram'],
    ['containerd_cri_split_entries_total', 'counter'],
    ['grpc_server_handled_total', 'counter', ['grpc_code', 'grpc_method', 'grpc_service', 'grpc_type']],
    ['grpc_server_msg_received_total', 'counter', ['grpc_method', 'grpc_service', 'grpc_type']],
    ['grpc_server_msg_sent_total', 'counter', ['grpc_method', 'grpc_service', 'grpc_type']],
    ['grpc_server_started_total', 'counter', ['grpc_method', 'grpc_service', 'grpc_type']],
    ...PROMHTTP,
    ...GO_CLIENT,
  ],
};
