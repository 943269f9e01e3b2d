/**
 * Types of the validated `lma` namespace (defaults applied), generated from
 * schema/lma.schema.json by `npm run schema`; do not edit: change the schema.
 * test/unit/schema-derived.test.ts fails when this file drifts from it.
 */

/**
 * Whether the backend is used by this domain.
 */
export type BackendEnabled = boolean;
/**
 * A label (tag) name of a metric.
 */
export type LabelName = string;
/**
 * A StackLight status, by name (codes OKAY 0, WARN 1, UNKW 2, CRIT 3, DOWN 4).
 */
export type Severity = 'okay' | 'warning' | 'unknown' | 'critical' | 'down';
/**
 * Comparison of a value with a threshold (`eq ne gte gt lte lt` are aliases).
 */
export type RelationalOperator = '==' | '!=' | '>=' | '>' | '<=' | '<' | 'eq' | 'ne' | 'gte' | 'gt' | 'lte' | 'lt';
/**
 * `disabled`: no alert; `enabled`: an alert with a no-op handler; `enabled_with_notification`: an alert sent to the handler.
 */
export type Alerting = 'disabled' | 'enabled' | 'enabled_with_notification';
/**
 * A policy as data, tried top-down.
 *
 * @minItems 1
 */
export type Policy = PolicyEntry[];
/**
 * The backend a query runs on; it must be enabled (provisioned as a Grafana datasource).
 */
export type Datasource = 'prometheus' | 'influxdb' | 'elasticsearch';
/**
 * A notification handler: a Sensu Go handler, and the Alertmanager receiver of the same name (native receivers from `slack`, `pagerduty`, `email`, `webhook`; a set unites its members').
 */
export type Handler = {
  /**
   * `pipe` runs a command, `tcp`/`udp` send to a socket, `set` lists other handlers.
   */
  type: 'pipe' | 'tcp' | 'udp' | 'set';
  /**
   * Command of a pipe handler.
   */
  command: string;
  /**
   * Handler names of a set handler.
   */
  handlers: string[];
  /**
   * Host of a tcp or udp handler.
   */
  host: string;
  /**
   * Port of a tcp or udp handler.
   */
  port: number;
  /**
   * Seconds the handler may run.
   */
  timeout: number;
  /**
   * Sensu filters applied before the handler.
   */
  filters: string[];
  /**
   * Environment of a pipe handler's command (use secret references for credentials).
   */
  env: {
    /**
     * A value of the environment: sensitive (a secret reference, or opted out in `lma:plaintext_allowed`).
     */
    [k: string]: string;
  };
  /**
   * Alertmanager Slack receiver of this handler; used when `channel` or `api_url` is set (docs/alertmanager.md).
   */
  slack: {
    /**
     * Channel or user to send to (`#ops`); empty means the webhook's own channel.
     */
    channel: string;
    /**
     * Slack incoming webhook URL. A secret reference (`?{secret:slack/webhook_url}`) becomes `api_url_file`, the secret's declared `file` (default /etc/lmac/secrets/<name>); empty reads the implicit secret `<handler>/slack_api_url` the same way. The URL is never written into the output.
     */
    api_url: string;
  };
  /**
   * Alertmanager PagerDuty (Events API v2) receiver of this handler; used when `routing_key` is set.
   */
  pagerduty: {
    /**
     * Integration (routing) key; a secret reference becomes `routing_key_file`, the secret's declared `file` (default /etc/lmac/secrets/<name>).
     */
    routing_key: string;
  };
  /**
   * Alertmanager email receiver of this handler; used when `to` is set, and then `from` and `smarthost` are required.
   */
  email: {
    /**
     * Recipient address(es), comma-separated.
     */
    to: string;
    /**
     * Sender address.
     */
    from: string;
    /**
     * SMTP server, `host:port`.
     */
    smarthost: string;
    /**
     * Whether the SMTP connection must use STARTTLS.
     */
    require_tls: boolean;
    /**
     * SMTP user; empty means no authentication.
     */
    auth_username: string;
    /**
     * SMTP password of `auth_username` (use a secret reference: it becomes `auth_password_file`).
     */
    auth_password: string;
  };
  /**
   * Alertmanager webhook receiver of this handler; used when `url` is set.
   */
  webhook: {
    /**
     * http(s) URL Alertmanager posts alerts to (Alertmanager 0.25 has no url_file: no secret reference here).
     */
    url: string;
  };
};

/**
 * The `lma` namespace of a node's parameters, after merging and interpolation: what lmac compiles into collector configs, alarm rules, dashboards, notification and manifests. Items are maps keyed by stable names so a class can override one item.
 */
export interface Lma {
  /**
   * The cluster domain label put on every metric, log and event (for example `mk22-lab.local`). Required.
   */
  environment: string;
  /**
   * Optional `region` label on every metric, log and event; empty means no such label.
   */
  region: string;
  /**
   * Optional `availability_zone` label on every metric, log and event; empty means no such label.
   */
  availability_zone: string;
  roles: Roles;
  backends: Backends;
  /**
   * Metric collection, keyed by input name (a Telegraf input on the node, or on the remote collector when `scope` is remote).
   */
  inputs: {
    [k: string]: Input;
  };
  /**
   * Log collection, keyed by log name (a tail input of the log collector).
   */
  logs: {
    [k: string]: Log;
  };
  /**
   * The metrics catalogue: every metric the node's inputs and logs produce (with the name the collector really emits), and derived metrics computed from others. Trigger rules and dashboards are checked against it.
   */
  metrics: {
    [k: string]: Metric;
  };
  /**
   * Triggers (a set of rules with one severity), keyed by trigger name; alarms name them.
   */
  triggers: {
    [k: string]: Trigger;
  };
  /**
   * Alarms (StackLight AFD), keyed by alarm name. Node alarms run on every node that has them; remote alarms once per cluster domain.
   */
  alarms: {
    [k: string]: Alarm;
  };
  /**
   * Alarm clusters (StackLight GSE), keyed by cluster name; united across the domain's nodes.
   */
  clusters: {
    [k: string]: Cluster;
  };
  /**
   * User-defined alarm-cluster policies, keyed by policy name, in addition to the built-in ones (highest_severity, availability_of_members, status_of_members, majority_of_node_members, majority_of_members). A policy is a list of entries tried top-down; the first that matches gives the cluster's status; nothing matched gives unknown.
   */
  policies: {
    [k: string]: Policy;
  };
  /**
   * Grafana dashboards, keyed by dashboard name; rows and panels are keyed by name too, so a class can change one panel.
   */
  dashboards: {
    [k: string]: Dashboard;
  };
  /**
   * Notification handlers (Sensu Go handlers), keyed by handler name. `default` is the handler of alarms and clusters that name none.
   */
  handlers: {
    [k: string]: Handler;
  };
  /**
   * Sensu checks of the LMA pipeline itself (collector processes, endpoints), keyed by check name.
   */
  checks: {
    [k: string]: Check;
  };
  /**
   * Secrets the model references as `?{secret:<name>}` (a whole value), keyed by that name: where each comes from at deploy time. Generators write an indirection (an environment variable, a file, a Kubernetes secretKeyRef), never the value; `lmac secrets <cluster>` lists them.
   */
  secrets: {
    [k: string]: Secret;
  };
  /**
   * Sensitive fields (passwords, tokens, webhook URLs, API keys) whose plain value is allowed, by their path under `lma` with `:` between keys (e.g. `backends:influxdb:password`): an explicit opt-out of the rule that a sensitive field holds a secret reference.
   */
  plaintext_allowed: string[];
  deploy: Deploy;
}
/**
 * What this node runs of the LMA pipeline itself.
 */
export interface Roles {
  /**
   * The node runs the log collector (Fluent Bit) over its `logs`.
   */
  log_collector: boolean;
  /**
   * The node runs the metric collector (Telegraf, or collectd when `legacy_collector` is set) over its node-scoped `inputs`.
   */
  metric_collector: boolean;
  /**
   * The node runs the remote collector (endpoint checks through VIPs, remote-scoped inputs) for the whole domain.
   */
  remote_collector: boolean;
  /**
   * The node evaluates the domain's alarm clusters (GSE).
   */
  aggregator: boolean;
  /**
   * Use collectd instead of Telegraf as this node's metric collector.
   */
  legacy_collector: boolean;
}
/**
 * Where data goes. Each backend has `enabled`; a disabled backend gets no configuration and no datasource.
 */
export interface Backends {
  /**
   * Prometheus (pull model); it also evaluates the alarms and alarm clusters compiled to rules.
   */
  prometheus: {
    enabled: BackendEnabled;
    /**
     * Base URL of Prometheus as Grafana and the notification path reach it.
     */
    url: string;
    /**
     * How often Prometheus scrapes the collectors (a Prometheus duration).
     */
    scrape_interval: string;
    /**
     * How often alarm and cluster rules are evaluated (a Prometheus duration).
     */
    evaluation_interval: string;
    /**
     * How long Prometheus keeps samples (a Prometheus duration).
     */
    retention: string;
  };
  /**
   * InfluxDB 1.x (push model); the collectors write metrics to it.
   */
  influxdb: {
    enabled: BackendEnabled;
    /**
     * Base URL of InfluxDB.
     */
    url: string;
    /**
     * Database the metrics are written to.
     */
    database: string;
    /**
     * Retention of the default retention policy (an InfluxDB duration).
     */
    retention: string;
    /**
     * User the collectors write as; empty means no authentication.
     */
    username: string;
    /**
     * Password of `username` (use a secret reference).
     */
    password: string;
  };
  /**
   * Elasticsearch; the log collector writes logs to it.
   */
  elasticsearch: {
    enabled: BackendEnabled;
    /**
     * Base URL of Elasticsearch.
     */
    url: string;
    /**
     * Logs go to daily indices `<prefix>-YYYY.MM.DD`.
     */
    index_prefix: string;
    /**
     * User the collectors write as; empty means no authentication.
     */
    username: string;
    /**
     * Password of `username` (use a secret reference).
     */
    password: string;
  };
  /**
   * Kafka as a buffer; with it, collectors publish to topics and a consumer forwards to InfluxDB and Elasticsearch.
   */
  kafka: {
    enabled: BackendEnabled;
    /**
     * Bootstrap brokers, `host:port`.
     */
    brokers: string[];
    /**
     * Topic the metric collectors publish to.
     */
    metrics_topic: string;
    /**
     * Topic the log collectors publish to.
     */
    logs_topic: string;
  };
  /**
   * Sensu Go; alerting-enabled alarms and clusters reach it as events.
   */
  sensu: {
    enabled: BackendEnabled;
    /**
     * Base URL of the Sensu Go API.
     */
    url: string;
    /**
     * Sensu namespace of the generated resources (one per cluster domain: events of clusters are tied to shared proxy entities such as `00-top-clusters`).
     */
    namespace: string;
    /**
     * Base URL of the Sensu agent API on the aggregator nodes, where the delivery check posts one event per alarm and cluster (docs/alerting.md).
     */
    agent_url: string;
    /**
     * Seconds between two reads of the alarm and cluster statuses by the delivery check (`lma_alerts`).
     */
    interval: number;
    /**
     * Directory on the aggregator nodes holding out/<cluster>/sensu/bin/ (the delivery script and its configuration).
     */
    install_dir: string;
  };
  /**
   * Alertmanager; routes alerts to receivers built from the handlers.
   */
  alertmanager: {
    enabled: BackendEnabled;
    /**
     * Base URL of Alertmanager as Prometheus reaches it.
     */
    url: string;
  };
  /**
   * A remote syslog server the log collector forwards to.
   */
  syslog: {
    enabled: BackendEnabled;
    /**
     * Host name or address of the syslog server.
     */
    host: string;
    /**
     * Port of the syslog server.
     */
    port: number;
    /**
     * Transport.
     */
    protocol: 'udp' | 'tcp';
  };
  /**
   * Nagios (optional, as in StackLight); passive services for alerting-enabled alarms and clusters.
   */
  nagios: {
    enabled: BackendEnabled;
    /**
     * Suffix of the cluster hosts (`00-top-clusters`, ...); empty means the environment.
     */
    host_suffix: string;
  };
}
/**
 * One metric input.
 */
export interface Input {
  /**
   * The collector plugin (a Telegraf input name such as cpu, procstat, http_response).
   */
  plugin: string;
  /**
   * `node`: run by the node's metric collector; `remote`: run once per domain by the remote collector (checks through VIPs).
   */
  scope: 'node' | 'remote';
  /**
   * The service this input watches (a `service` label on what it produces); empty means none.
   */
  service: string;
  /**
   * A disabled input is not configured, and its metrics count as not produced.
   */
  enabled: boolean;
  /**
   * For a `prometheus` input: what it scrapes, by its name in lmac's exporter catalogue (src/collectors/exporters/, docs/collectors.md). Its metric names are then checked as a Telegraf plugin's are, and rules may read any name it exposes and the input keeps. Empty: the names the model declares for the input are taken as they are.
   */
  exporter: string;
  /**
   * Collection interval (a Telegraf duration); empty means the collector's default.
   */
  interval: string;
  /**
   * Options passed to the plugin as they are (see the plugin's documentation). Keys named like credentials (password, passwd, token, bearer_token_string, secret, api_key, apikey, routing_key, webhook_url; any case, at any depth) are sensitive: their values are secret references, or opted out in `lma:plaintext_allowed`.
   */
  options: {};
}
/**
 * One log source (a tail input of the log collector).
 */
export interface Log {
  /**
   * File path or glob of the log files.
   */
  path: string;
  /**
   * How lines are parsed into fields.
   */
  parser:
    | 'syslog'
    | 'openstack'
    | 'apache_access'
    | 'apache_error'
    | 'nginx_access'
    | 'nginx_error'
    | 'rabbitmq'
    | 'mysql'
    | 'json'
    | 'logfmt'
    | 'none';
  /**
   * The service that writes the log (a `service` label on every record and log-derived metric); empty means none.
   */
  service: string;
  /**
   * A disabled log is not collected, and its metrics count as not produced.
   */
  enabled: boolean;
  tags: StringMap;
}
/**
 * A map of names to strings.
 */
export interface StringMap {
  [k: string]: string;
}
/**
 * One metric of the catalogue. Exactly one of `source` (an input or log of the node) and `derived` (an expression over other metrics).
 */
export interface Metric {
  /**
   * Metric type.
   */
  type: 'gauge' | 'counter' | 'histogram' | 'summary';
  /**
   * Unit for dashboards (bytes, percent, seconds, ...); empty means none.
   */
  unit: string;
  /**
   * Labels the metric has besides the global ones (hostname, environment, region, availability_zone, service).
   */
  labels: LabelName[];
  /**
   * What the metric measures.
   */
  description: string;
  /**
   * The input or log (by name) that produces the metric; empty for a derived metric.
   */
  source: string;
  /**
   * A PromQL expression over other catalogue metrics; lmac records it with a recording rule. Empty for a collected metric.
   */
  derived: string;
  /**
   * Value names of a multi-value metric (for a rule's `value`, e.g. `upper_90`); empty for a single-value metric.
   */
  values: string[];
}
/**
 * A set of rules with one severity.
 */
export interface Trigger {
  /**
   * What the trigger detects and why its threshold is what it is.
   */
  description: string;
  severity: Severity;
  /**
   * A disabled trigger is dropped from every alarm that names it.
   */
  enabled: boolean;
  /**
   * `or`: any matching rule fires; `and`: all rules must match.
   */
  logical_operator: 'or' | 'and';
  /**
   * Status when a rule lacks data (a severity name), or `skip` to emit nothing.
   */
  no_data_policy: 'skip' | 'okay' | 'warning' | 'unknown' | 'critical' | 'down';
  /**
   * The rules; list order is kept, and `~rules` replaces an inherited list.
   *
   * @minItems 1
   */
  rules: Rule[];
}
/**
 * One trigger rule: `function(metric{field}[window*periods]) relational_operator threshold`, evaluated per group_by group.
 */
export interface Rule {
  /**
   * The catalogue metric the rule reads.
   */
  metric: string;
  /**
   * Matchers on the metric's labels: `{label: expression}`, where an expression is values compared with `== != > >= < <=` or patterns with `=~ !~`, combined with `&&` and `||`; a bare value means `==` (e.g. `'== GET || == POST'`).
   */
  field: {
    [k: string]: string | number | boolean;
  };
  relational_operator: RelationalOperator;
  /**
   * The value the function's result is compared with.
   */
  threshold: number;
  /**
   * Window in seconds over which the function is computed.
   */
  window: number;
  /**
   * Number of windows in the data range (0 means 1).
   */
  periods: number;
  /**
   * `last avg max min sum variance sd diff` (diff = last - first in the range); `roc` is not expressible in PromQL.
   */
  function: 'last' | 'avg' | 'max' | 'min' | 'sum' | 'variance' | 'sd' | 'diff' | 'roc';
  /**
   * Labels to evaluate the rule once per distinct value tuple; the rule matches if any group matches.
   */
  group_by: LabelName[];
  /**
   * Which value of a multi-value metric to read (e.g. `upper_90`); empty for a single-value metric.
   */
  value: string;
}
/**
 * An alarm (AFD): triggers evaluated in order, the first warning, critical or down wins.
 */
export interface Alarm {
  /**
   * What the alarm watches.
   */
  description: string;
  /**
   * A disabled alarm is not compiled, and clusters do not count it as a member.
   */
  enabled: boolean;
  /**
   * Trigger names, most severe first.
   *
   * @minItems 1
   */
  triggers: string[];
  /**
   * `node`: evaluated per node, with a hostname label; `remote`: evaluated once per domain (remote collector checks).
   */
  scope: 'node' | 'remote';
  alerting: Alerting;
  dimension: Dimension;
  /**
   * Notification handler when alerting is `enabled_with_notification`.
   */
  handler: string;
  /**
   * The service the alarm belongs to, as the `service` label of its status when its dimension has no `service` (a dimension's service wins, since clusters match on it); empty means none.
   */
  service: string;
}
/**
 * Labels carried by an alarm's or cluster's status so that alarm clusters can match it. Names and values match `^[a-z0-9_/-]+$`; the names name, value, hostname, member, alerting_enabled, notification_enabled, notification_handler and tag_fields are reserved (StackLight), and so are alarm, cluster, environment, severity, handler, alerting and alertname (labels lmac sets on statuses and alerts).
 */
export interface Dimension {
  [k: string]: string;
}
/**
 * An alarm cluster (GSE): a policy over the statuses of its members.
 */
export interface Cluster {
  /**
   * What the cluster stands for.
   */
  description: string;
  /**
   * A disabled cluster is not compiled, and higher clusters do not count it as a member.
   */
  enabled: boolean;
  /**
   * A built-in policy name or a key of `lma.policies`.
   */
  policy: string;
  /**
   * Names of the alarms or clusters whose statuses the cluster combines.
   *
   * @minItems 1
   */
  members: string[];
  /**
   * `hostname`: one group per host (max of its members); `member`: one group per member; `none`: per member, max over hosts.
   */
  group_by: 'member' | 'hostname' | 'none';
  match: StringMap;
  match_re: StringMap;
  dimension: Dimension;
  alerting: Alerting;
  /**
   * Notification handler when alerting is `enabled_with_notification`.
   */
  handler: string;
  /**
   * Other clusters whose alarms are attached as context when this one is not OKAY; never changes the status.
   */
  hints: string[];
  /**
   * Evaluation interval in seconds.
   */
  interval: number;
  /**
   * Seconds after start during which the cluster emits nothing (its members warm up).
   */
  warm_up_period: number;
}
/**
 * One policy entry: the status given when its trigger matches.
 */
export interface PolicyEntry {
  status: Severity;
  /**
   * When the entry applies; null (the default) means it always applies, as the last entry of a policy usually does.
   */
  trigger: {
    /**
     * `or`: any rule; `and`: all rules.
     */
    logical_operator: 'or' | 'and';
    /**
     * Counting rules over the groups' statuses.
     *
     * @minItems 1
     */
    rules: PolicyRule[];
  } | null;
}
/**
 * A counting rule: function(arguments) relational_operator threshold.
 */
export interface PolicyRule {
  /**
   * `count`: groups with one of the statuses; `percent`: that count * 100 / groups.
   */
  function: 'count' | 'percent';
  /**
   * The statuses counted.
   *
   * @minItems 1
   */
  arguments: Severity[];
  relational_operator: RelationalOperator;
  /**
   * The count or percentage compared with.
   */
  threshold: number;
}
/**
 * A Grafana dashboard.
 */
export interface Dashboard {
  /**
   * Dashboard title.
   */
  title: string;
  /**
   * Stable Grafana uid; empty means derived from the dashboard name. Unique across the domain.
   */
  uid: string;
  /**
   * A disabled dashboard is not generated.
   */
  enabled: boolean;
  /**
   * Dashboard description.
   */
  description: string;
  datasource: Datasource;
  /**
   * Grafana tags.
   */
  tags: string[];
  /**
   * Auto-refresh interval; empty means none.
   */
  refresh: string;
  /**
   * Start of the default time range.
   */
  time_from: string;
  /**
   * Rows, keyed by name, in name order unless `order` says otherwise.
   */
  rows: {
    [k: string]: Row;
  };
}
/**
 * A dashboard row.
 */
export interface Row {
  /**
   * Row title; empty means the row name.
   */
  title: string;
  /**
   * Position among the rows (lower first; ties by name).
   */
  order: number;
  /**
   * Whether the row starts collapsed.
   */
  collapsed: boolean;
  /**
   * Panels, keyed by name.
   */
  panels: {
    [k: string]: Panel;
  };
}
/**
 * A dashboard panel with one query.
 */
export interface Panel {
  /**
   * Panel title.
   */
  title: string;
  /**
   * Grafana panel type.
   */
  type: 'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'table' | 'text' | 'heatmap' | 'logs' | 'state-timeline';
  /**
   * Position in the row (lower first; ties by name).
   */
  order: number;
  /**
   * The panel's backend; empty means the dashboard's. It must be enabled (provisioned as a Grafana datasource).
   */
  datasource: '' | 'prometheus' | 'influxdb' | 'elasticsearch';
  /**
   * The query (PromQL for prometheus, InfluxQL for influxdb, Lucene for elasticsearch); empty for text panels.
   */
  expr: string;
  /**
   * Value mappings: `status` shows StackLight status codes (lma_afd_status, lma_gse_status) as OKAY/WARN/UNKW/CRIT/DOWN with their colours; empty means none.
   */
  mappings: '' | 'status';
  /**
   * Legend format (e.g. `{{hostname}}`); empty means Grafana's default.
   */
  legend: string;
  /**
   * Grafana unit of the values; empty means none.
   */
  unit: string;
  /**
   * Width in grid columns (of 24).
   */
  width: number;
  /**
   * Height in grid rows.
   */
  height: number;
  /**
   * Panel description.
   */
  description: string;
}
/**
 * A Sensu check of the LMA pipeline itself.
 */
export interface Check {
  /**
   * The check command.
   */
  command: string;
  /**
   * Seconds between runs.
   */
  interval: number;
  /**
   * Seconds the command may run.
   */
  timeout: number;
  /**
   * Sensu subscriptions that run the check; empty means the node's own.
   */
  subscribers: string[];
  /**
   * Handlers of the check's events; empty means `default`.
   */
  handlers: string[];
  /**
   * A disabled check is not generated.
   */
  enabled: boolean;
  /**
   * What the check verifies.
   */
  description: string;
}
/**
 * Where a secret comes from at deploy time.
 */
export interface Secret {
  /**
   * What the secret is, for `lmac secrets`.
   */
  description: string;
  /**
   * Environment variable the agents read it from; empty means `LMAC_SECRET_<NAME>` (the name upper-cased, other characters as `_`).
   */
  env: string;
  /**
   * File the agents that read secrets from files (Alertmanager) find it in; empty means `/etc/lmac/secrets/<name>`.
   */
  file: string;
  /**
   * The Kubernetes Secret holding it (not generated: the manifests reference it, `lmac secrets` lists it).
   */
  kubernetes: {
    /**
     * Secret name; empty means `lmac-secrets`.
     */
    secret: string;
    /**
     * Key in the Secret; empty means the secret's name with `/` as `.`.
     */
    key: string;
  };
}
/**
 * How the stack is deployed on Kubernetes.
 */
export interface Deploy {
  /**
   * Namespace of every generated resource.
   */
  namespace: string;
  /**
   * Container images, keyed by component, pinned to a version.
   */
  images: {
    /**
     * Metric collector image.
     */
    telegraf: string;
    /**
     * Log collector image.
     */
    fluent_bit: string;
    /**
     * Legacy collector image.
     */
    collectd: string;
    /**
     * Prometheus image.
     */
    prometheus: string;
    /**
     * Alertmanager image.
     */
    alertmanager: string;
    /**
     * Grafana image.
     */
    grafana: string;
    /**
     * Sensu Go backend image.
     */
    sensu: string;
  };
  /**
   * Persistent volumes of the central components that keep state across restarts (a config change restarts them). Sizes are Kubernetes quantities in Mi, Gi or Ti.
   */
  storage: {
    /**
     * StorageClass of the volume claims; empty uses the cluster's default StorageClass.
     */
    storage_class: string;
    /**
     * Prometheus's TSDB volume (samples kept for backends.prometheus.retention).
     */
    prometheus: string;
    /**
     * Alertmanager's volume (silences and the notification log, so a restart neither drops silences nor repeats notifications).
     */
    alertmanager: string;
    /**
     * The Sensu backend's embedded etcd (entities, events, silences, users).
     */
    sensu: string;
  };
}
