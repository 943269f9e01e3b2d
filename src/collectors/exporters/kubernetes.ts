/**
 * Kubernetes' components on their /metrics, as Kubernetes 1.27 (the version
 * lmac's manifests target) defines them. Upstream files were read through a
 * code index that returned versions near 1.27, not always 1.27 itself; each
 * spec says which. The lists are each component's own metrics file plus the
 * client-go adapters of k8s.io/component-base every component registers; the
 * components expose more (the API server's etcd_*, apiserver_storage_*,
 * apiserver_flowcontrol_*, ...), which a model declares where it reads them.
 */
import { GO_CLIENT, type ExporterSpec, type Family } from './family.js';

/** staging/src/k8s.io/component-base/metrics/prometheus/workqueue/metrics.go (@0834b7b4). */
const WORKQUEUE: readonly Family[] = [
  ['workqueue_adds_total', 'counter', ['name']],
  ['workqueue_depth', 'gauge', ['name']],
  ['workqueue_longest_running_processor_seconds', 'gauge', ['name']],
  ['workqueue_queue_duration_seconds', 'histogram', ['name']],
  ['workqueue_retries_total', 'counter', ['name']],
  ['workqueue_unfinished_work_seconds', 'gauge', ['name']],
  ['workqueue_work_duration_seconds', 'histogram', ['name']],
];

/** staging/src/k8s.io/component-base/metrics/prometheus/restclient/metrics.go (@045bbb19). */
const REST_CLIENT: readonly Family[] = [
  ['rest_client_exec_plugin_call_total', 'counter', ['call_status', 'code']],
  ['rest_client_exec_plugin_certificate_rotation_age', 'histogram'],
  ['rest_client_exec_plugin_ttl_seconds', 'gauge'],
  ['rest_client_rate_limiter_duration_seconds', 'histogram', ['host', 'verb']],
  ['rest_client_request_duration_seconds', 'histogram', ['host', 'verb']],
  ['rest_client_request_size_bytes', 'histogram', ['host', 'verb']],
  ['rest_client_requests_total', 'counter', ['code', 'host', 'method']],
  ['rest_client_response_size_bytes', 'histogram', ['host', 'verb']],
];

/** staging/src/k8s.io/component-base/metrics/prometheus/clientgo/leaderelection/metrics.go (@819ecd4d): components that run leader election. */
const LEADER_ELECTION: readonly Family[] = [
  ['leader_election_master_status', 'gauge', ['name']],
];

export const KUBE_APISERVER: ExporterSpec = {
  title: 'Kubernetes API server',
  version: '1.27',
  source: 'k8s.io/apiserver pkg/endpoints/metrics/metrics.go as vendored at about v0.23/v0.24 (openshift/cluster-network-operator @13a798d7; kmodules/resource-metadata @4e29f899, about v0.21); the families lmac reads are STABLE, with the same labels in the v1.29 metrics reference',
  families: [
    ['apiserver_current_inflight_requests', 'gauge', ['request_kind']],
    ['apiserver_current_inqueue_requests', 'gauge', ['request_kind']],
    ['apiserver_dropped_requests_total', 'counter', ['request_kind']],
    ['apiserver_longrunning_gauge', 'gauge', ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_longrunning_requests', 'gauge', ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_registered_watchers', 'gauge', ['group', 'kind', 'version']],
    ['apiserver_request_aborts_total', 'counter', ['group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_request_duration_seconds', 'histogram', ['component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_request_filter_duration_seconds', 'histogram', ['filter']],
    ['apiserver_request_post_timeout_total', 'counter', ['source', 'status']],
    ['apiserver_request_sli_duration_seconds', 'histogram', ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_request_slo_duration_seconds', 'histogram', ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_request_terminations_total', 'counter', ['code', 'component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_request_total', 'counter', ['code', 'component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_requested_deprecated_apis', 'gauge', ['group', 'removed_release', 'resource', 'subresource', 'version']],
    ['apiserver_response_sizes', 'histogram', ['component', 'group', 'resource', 'scope', 'subresource', 'verb', 'version']],
    ['apiserver_selfrequest_total', 'counter', ['resource', 'subresource', 'verb']],
    ['apiserver_tls_handshake_errors_total', 'counter'],
    ['apiserver_watch_events_sizes', 'histogram', ['group', 'kind', 'version']],
    ['apiserver_watch_events_total', 'counter', ['group', 'kind', 'version']],
    ...REST_CLIENT,
    ...WORKQUEUE,
    ...GO_CLIENT,
  ],
};

export const KUBE_CONTROLLER_MANAGER: ExporterSpec = {
  title: 'Kubernetes controller manager',
  version: '1.27',
  source: 'the component-base adapters it registers (cmd/kube-controller-manager/app/controllermanager.go, about v1.26/1.27)',
  families: [...WORKQUEUE, ...REST_CLIENT, ...LEADER_ELECTION, ...GO_CLIENT],
};

export const KUBE_SCHEDULER: ExporterSpec = {
  title: 'Kubernetes scheduler',
  version: '1.27',
  source: 'kubernetes/kubernetes pkg/scheduler/metrics/metrics.go @00534a66 (v1.28: scheduler_pod_scheduling_sli_duration_seconds may be newer than 1.27); its volume-binding metrics are not listed',
  families: [
    ['scheduler_framework_extension_point_duration_seconds', 'histogram', ['extension_point', 'profile', 'status']],
    ['scheduler_goroutines', 'gauge', ['operation']],
    ['scheduler_pending_pods', 'gauge', ['queue']],
    ['scheduler_permit_wait_duration_seconds', 'histogram', ['result']],
    ['scheduler_plugin_evaluation_total', 'counter', ['extension_point', 'plugin', 'profile']],
    ['scheduler_plugin_execution_duration_seconds', 'histogram', ['extension_point', 'plugin', 'status']],
    ['scheduler_pod_scheduling_attempts', 'histogram'],
    ['scheduler_pod_scheduling_duration_seconds', 'histogram', ['attempts']],
    ['scheduler_pod_scheduling_sli_duration_seconds', 'histogram', ['attempts']],
    ['scheduler_preemption_attempts_total', 'counter'],
    ['scheduler_preemption_victims', 'histogram'],
    ['scheduler_queue_incoming_pods_total', 'counter', ['event', 'queue']],
    ['scheduler_schedule_attempts_total', 'counter', ['profile', 'result']],
    ['scheduler_scheduler_cache_size', 'gauge', ['type']],
    ['scheduler_scheduling_algorithm_duration_seconds', 'histogram'],
    ['scheduler_scheduling_attempt_duration_seconds', 'histogram', ['profile', 'result']],
    ['scheduler_unschedulable_pods', 'gauge', ['plugin', 'profile']],
    ...WORKQUEUE,
    ...REST_CLIENT,
    ...LEADER_ELECTION,
    ...GO_CLIENT,
  ],
};

export const KUBELET: ExporterSpec = {
  title: 'Kubernetes kubelet',
  version: '1.27',
  source: 'kubernetes/kubernetes pkg/kubelet/metrics/metrics.go @0028b26b (about v1.27/1.28); kubelet_volume_stats_*, kubelet_certificate_manager_*, kubelet_http_* and the /metrics/cadvisor endpoint are not listed',
  families: [
    ['kubelet_active_pods', 'gauge', ['static']],
    ['kubelet_cgroup_manager_duration_seconds', 'histogram', ['operation_type']],
    ['kubelet_containers_per_pod_count', 'histogram'],
    ['kubelet_cpu_manager_pinning_errors_total', 'counter'],
    ['kubelet_cpu_manager_pinning_requests_total', 'counter'],
    ['kubelet_desired_pods', 'gauge', ['static']],
    ['kubelet_device_plugin_alloc_duration_seconds', 'histogram', ['resource_name']],
    ['kubelet_device_plugin_registration_total', 'counter', ['resource_name']],
    ['kubelet_evented_pleg_connection_error_count', 'counter'],
    ['kubelet_evented_pleg_connection_latency_seconds', 'histogram'],
    ['kubelet_evented_pleg_connection_success_count', 'counter'],
    ['kubelet_eviction_stats_age_seconds', 'histogram', ['eviction_signal']],
    ['kubelet_evictions', 'counter', ['eviction_signal']],
    ['kubelet_graceful_shutdown_end_time_seconds', 'gauge'],
    ['kubelet_graceful_shutdown_start_time_seconds', 'gauge'],
    ['kubelet_image_garbage_collected_total', 'counter'],
    ['kubelet_lifecycle_handler_http_fallbacks_total', 'counter'],
    ['kubelet_managed_ephemeral_containers', 'gauge'],
    ['kubelet_mirror_pods', 'gauge'],
    ['kubelet_node_name', 'gauge', ['node']],
    ['kubelet_node_startup_duration_seconds', 'gauge'],
    ['kubelet_node_startup_post_registration_duration_seconds', 'gauge'],
    ['kubelet_node_startup_pre_kubelet_duration_seconds', 'gauge'],
    ['kubelet_node_startup_pre_registration_duration_seconds', 'gauge'],
    ['kubelet_node_startup_registration_duration_seconds', 'gauge'],
    ['kubelet_orphan_pod_cleaned_volumes', 'gauge'],
    ['kubelet_orphan_pod_cleaned_volumes_errors', 'gauge'],
    ['kubelet_orphaned_runtime_pods_total', 'counter'],
    ['kubelet_pleg_discard_events', 'counter'],
    ['kubelet_pleg_last_seen_seconds', 'gauge'],
    ['kubelet_pleg_relist_duration_seconds', 'histogram'],
    ['kubelet_pleg_relist_interval_seconds', 'histogram'],
    ['kubelet_pod_resources_endpoint_errors_get', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_errors_get_allocatable', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_errors_list', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_requests_get', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_requests_get_allocatable', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_requests_list', 'counter', ['server_api_version']],
    ['kubelet_pod_resources_endpoint_requests_total', 'counter', ['server_api_version']],
    ['kubelet_pod_start_duration_seconds', 'histogram'],
    ['kubelet_pod_start_sli_duration_seconds', 'histogram', ['first_with_network']],
    ['kubelet_pod_start_total_duration_seconds', 'histogram', ['first_with_network']],
    ['kubelet_pod_status_sync_duration_seconds', 'histogram'],
    ['kubelet_pod_worker_duration_seconds', 'histogram', ['operation_type']],
    ['kubelet_pod_worker_start_duration_seconds', 'histogram'],
    ['kubelet_preemptions', 'counter', ['preemption_signal']],
    ['kubelet_restarted_pods_total', 'counter', ['static']],
    ['kubelet_run_podsandbox_duration_seconds', 'histogram', ['runtime_handler']],
    ['kubelet_run_podsandbox_errors_total', 'counter', ['runtime_handler']],
    ['kubelet_running_containers', 'gauge', ['container_state']],
    ['kubelet_running_pods', 'gauge'],
    ['kubelet_runtime_operations_duration_seconds', 'histogram', ['operation_type']],
    ['kubelet_runtime_operations_errors_total', 'counter', ['operation_type']],
    ['kubelet_runtime_operations_total', 'counter', ['operation_type']],
    ['kubelet_started_containers_errors_total', 'counter', ['code', 'container_type']],
    ['kubelet_started_containers_total', 'counter', ['container_type']],
    ['kubelet_started_host_process_containers_errors_total', 'counter', ['code', 'container_type']],
    ['kubelet_started_host_process_containers_total', 'counter', ['container_type']],
    ['kubelet_started_pods_errors_total', 'counter'],
    ['kubelet_started_pods_total', 'counter'],
    ['kubelet_topology_manager_admission_duration_ms', 'histogram'],
    ['kubelet_topology_manager_admission_errors_total', 'counter'],
    ['kubelet_topology_manager_admission_requests_total', 'counter'],
    ['kubelet_working_pods', 'gauge', ['config', 'lifecycle', 'static']],
    ...REST_CLIENT,
    ...WORKQUEUE,
    ...GO_CLIENT,
  ],
};

export const KUBE_PROXY: ExporterSpec = {
  title: 'Kubernetes kube-proxy',
  version: '1.27',
  source: 'kubernetes/kubernetes pkg/proxy/metrics/metrics.go @99600aa1 (older than 1.27, which adds partial-sync and rule-count families not listed here)',
  families: [
    ['kubeproxy_network_programming_duration_seconds', 'histogram'],
    ['kubeproxy_sync_proxy_rules_duration_seconds', 'histogram'],
    ['kubeproxy_sync_proxy_rules_endpoint_changes_pending', 'gauge'],
    ['kubeproxy_sync_proxy_rules_endpoint_changes_total', 'counter'],
    ['kubeproxy_sync_proxy_rules_iptables_restore_failures_total', 'counter'],
    ['kubeproxy_sync_proxy_rules_last_timestamp_seconds', 'gauge'],
    ['kubeproxy_sync_proxy_rules_service_changes_pending', 'gauge'],
    ['kubeproxy_sync_proxy_rules_service_changes_total', 'counter'],
    ...REST_CLIENT,
    ...WORKQUEUE,
    ...GO_CLIENT,
  ],
};
