/**
 * A Kafka broker's metrics, from two exporters:
 * - the Prometheus JMX exporter javaagent with the rules of jmx_exporter's
 *   example_configs/kafka-2_0_0.yml (@617b33f0): only what those rules make of
 *   the broker MBeans lmac reads (the names depend on the rules file, so this
 *   list holds for that file: lowercaseOutputName, the first matching rule
 *   wins, so a Percent gauge such as NetworkProcessorAvgIdlePercent falls to
 *   the generic `<>Value` rule and keeps its name whole, while a Percent
 *   meter such as RequestHandlerAvgIdlePercent gets `_percent`);
 * - danielqsj/kafka_exporter (kafka_exporter.go @00498a4a, v1.7.x), for
 *   consumer-group lag, which a broker does not expose over JMX.
 */
import { GO_CLIENT, type ExporterSpec } from './family.js';

// BrokerTopicMetrics come per topic (label topic) and once for all topics (no topic label).
export const KAFKA_JMX: ExporterSpec = {
  title: 'Kafka broker (JMX exporter, kafka-2_0_0.yml rules)',
  version: 'Kafka 3.x, jmx_exporter kafka-2_0_0.yml @617b33f0',
  source: 'prometheus/jmx_exporter example_configs/kafka-2_0_0.yml @617b33f0; the MBeans from apache/kafka docs/ops.html and source',
  families: [
    ['kafka_controller_kafkacontroller_activecontrollercount', 'gauge'],
    ['kafka_controller_kafkacontroller_offlinepartitionscount', 'gauge'],
    ['kafka_log_logmanager_offlinelogdirectorycount', 'gauge'],
    ['kafka_network_socketserver_networkprocessoravgidlepercent', 'gauge'],
    ['kafka_server_brokertopicmetrics_bytesin_total', 'counter', ['topic']],
    ['kafka_server_brokertopicmetrics_bytesout_total', 'counter', ['topic']],
    ['kafka_server_brokertopicmetrics_failedfetchrequests_total', 'counter', ['topic']],
    ['kafka_server_brokertopicmetrics_failedproducerequests_total', 'counter', ['topic']],
    ['kafka_server_brokertopicmetrics_messagesin_total', 'counter', ['topic']],
    ['kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent', 'gauge'],
    ['kafka_server_kafkarequesthandlerpool_requesthandleravgidlepercent_count', 'counter'],
    ['kafka_server_replicamanager_leadercount', 'gauge'],
    ['kafka_server_replicamanager_partitioncount', 'gauge'],
    ['kafka_server_replicamanager_underminisrpartitioncount', 'gauge'],
    ['kafka_server_replicamanager_underreplicatedpartitions', 'gauge'],
  ],
};

export const KAFKA_EXPORTER: ExporterSpec = {
  title: 'kafka_exporter (danielqsj)',
  version: '1.7.x',
  source: 'danielqsj/kafka_exporter kafka_exporter.go @00498a4a',
  families: [
    ['kafka_broker_info', 'gauge', ['address', 'id']],
    ['kafka_brokers', 'gauge'],
    ['kafka_consumergroup_current_offset', 'gauge', ['consumergroup', 'partition', 'topic']],
    ['kafka_consumergroup_current_offset_sum', 'gauge', ['consumergroup', 'topic']],
    ['kafka_consumergroup_lag', 'gauge', ['consumergroup', 'partition', 'topic']],
    ['kafka_consumergroup_lag_sum', 'gauge', ['consumergroup', 'topic']],
    ['kafka_consumergroup_members', 'gauge', ['consumergroup']],
    ['kafka_consumergroupzookeeper_lag_zookeeper', 'gauge', ['consumergroup', 'partition', 'topic']],
    ['kafka_exporter_build_info', 'gauge', ['branch', 'goversion', 'revision', 'version']],
    ['kafka_topic_partition_current_offset', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_in_sync_replica', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_leader', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_leader_is_preferred', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_oldest_offset', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_replicas', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partition_under_replicated_partition', 'gauge', ['partition', 'topic']],
    ['kafka_topic_partitions', 'gauge', ['topic']],
    ...GO_CLIENT,
  ],
};
