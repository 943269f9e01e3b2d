/**
 * Calico Felix's /metrics (FELIX_PROMETHEUSMETRICSENABLED), from the Calico
 * 3.26 reference (tigera/docs calico_versioned_docs/version-3.26/reference/felix/prometheus.mdx
 * @34bc27d7), with types from Felix's source where it creates them
 * (projectcalico/calico felix/). Felix's counters carry no _total suffix.
 */
import { GO_CLIENT, type ExporterSpec } from './family.js';

export const FELIX: ExporterSpec = {
  title: 'Calico Felix',
  version: '3.26',
  source: 'tigera/docs version-3.26/reference/felix/prometheus.mdx @34bc27d7',
  families: [
    ['felix_active_local_endpoints', 'gauge'],
    ['felix_active_local_policies', 'gauge'],
    ['felix_active_local_selectors', 'gauge'],
    ['felix_calc_graph_output_events', 'counter'],
    ['felix_calc_graph_update_time_seconds', 'summary'],
    ['felix_calc_graph_updates_processed', 'counter'],
    ['felix_cluster_num_host_endpoints', 'gauge'],
    ['felix_cluster_num_hosts', 'gauge'],
    ['felix_cluster_num_policies', 'gauge'],
    ['felix_cluster_num_profiles', 'gauge'],
    ['felix_cluster_num_workload_endpoints', 'gauge'],
    ['felix_exec_time_micros', 'summary'],
    ['felix_int_dataplane_addr_msg_batch_size', 'summary'],
    ['felix_int_dataplane_apply_time_seconds', 'summary'],
    ['felix_int_dataplane_failures', 'counter'],
    ['felix_int_dataplane_iface_msg_batch_size', 'summary'],
    ['felix_int_dataplane_messages', 'counter', ['type']],
    ['felix_int_dataplane_msg_batch_size', 'summary'],
    ['felix_ipset_calls', 'counter'],
    ['felix_ipset_errors', 'counter'],
    ['felix_ipset_lines_executed', 'counter'],
    ['felix_ipsets_calico', 'gauge'],
    ['felix_ipsets_total', 'gauge'],
    ['felix_iptables_chains', 'gauge'],
    ['felix_iptables_lines_executed', 'counter'],
    ['felix_iptables_restore_calls', 'counter'],
    ['felix_iptables_restore_errors', 'counter'],
    ['felix_iptables_rules', 'gauge'],
    ['felix_iptables_save_calls', 'counter'],
    ['felix_iptables_save_errors', 'counter'],
    ['felix_resync_state', 'gauge'],
    ['felix_resyncs_started', 'counter'],
    ['felix_route_table_list_seconds', 'summary'],
    ['felix_route_table_per_iface_sync_seconds', 'summary'],
    ['wireguard_bytes_rcvd', 'counter'],
    ['wireguard_bytes_sent', 'counter'],
    ['wireguard_latest_handshake_seconds', 'gauge'],
    ['wireguard_meta', 'gauge'],
    ...GO_CLIENT,
  ],
};
