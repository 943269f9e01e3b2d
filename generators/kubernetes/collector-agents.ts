/**
 * What each collector agent needs to run in a pod on its node, as plain data
 * (collectors.ts turns it into a ConfigMap and a DaemonSet): its config files,
 * image, host mounts, privileges, ports, probes and resources.
 *
 * All three agents use the host's network (`hostNetwork`): Prometheus scrapes
 * them at <node>:<port> (out/<cluster>/prometheus/targets/*.json list
 * `ctl01:9273`, `ctl01:2021`), and the node's inputs reach the services they
 * watch on the node's loopback (`http://127.0.0.1:15672` for RabbitMQ, ntpd on
 * localhost:123). Each declares its ports as host ports too, so the scheduler
 * refuses two agents that would listen on the same port of one node.
 */
import { COLLECTD_PROMETHEUS_PORT } from '../collectors/collectd.js';
import { LOG_COLLECTOR_HTTP_PORT, LOG_COLLECTOR_METRICS_PORT, TAIL_DB_DIR } from '../collectors/fluent-bit.js';
import { METRIC_COLLECTOR_LISTEN } from '../collectors/telegraf.js';
import type { Deploy } from '../../src/model/lma-types.js';
import type { LmaNode } from './context.js';
import type { CollectorRole } from './node-labels.js';
import { logDirs, type LogDirs } from './log-mounts.js';

export type AgentName = 'telegraf' | 'collectd' | 'fluent-bit';

export interface HostMount {
  /** Volume name (a DNS label, unique in the pod). */
  name: string;
  hostPath: string;
  mountPath: string;
  readOnly: boolean;
  /** `Directory`: must exist on the host; `DirectoryOrCreate`: the kubelet creates it. */
  type: 'Directory' | 'DirectoryOrCreate';
  /** HostToContainer: file systems the host mounts later appear in the pod too. */
  followHostMounts?: boolean;
}

export interface HttpProbe {
  path: string;
  port: number;
}

export interface Resources {
  cpu: { request: number; limit: number }; // millicores
  memory: { request: number; limit: number }; // MiB
}

/** Kubernetes API access an agent's inputs need (a ClusterRole's rules): resources, or non-resource URLs such as /metrics. */
export type ApiRule = { apiGroups: string[]; resources: string[]; verbs: string[] } | { nonResourceURLs: string[]; verbs: string[] };

/** Where a pod finds its service account's token: an input naming it authenticates as the pod. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount/';

export interface CollectorPod {
  agent: AgentName;
  role: CollectorRole;
  /** The node's files of this agent under collectors/<node>/ (the ConfigMap's keys). */
  files: string[];
  image: string;
  /** Where the ConfigMap is mounted (read-only). */
  configDir: string;
  /** The container's command; null keeps the image's entrypoint. */
  command: string[] | null;
  args: string[];
  env: Record<string, string>;
  hostMounts: HostMount[];
  /** Writable scratch directories (emptyDir) the agent needs under a read-only root file system. */
  scratch: { name: string; path: string }[];
  /** The host's PID namespace: process inputs (procstat, collectd's processes) must see the host's processes. */
  hostPID: boolean;
  /** Run as root, with only these capabilities; null: run as an unprivileged user. */
  root: { capabilities: string[] } | null;
  ports: { name: string; port: number }[];
  liveness: HttpProbe | null;
  readiness: HttpProbe | null;
  resources: Resources;
  /** Kubernetes API access (RBAC); empty when the agent never calls the API. */
  apiRules: ApiRule[];
}

/** nobody:nogroup, the unprivileged user agents that need no root run as. */
export const UNPRIVILEGED_ID = 65534;

const HOST_PROC = '/host/proc';
const HOST_SYS = '/host/sys';
const HOST_ROOT = '/hostfs';

const METRICS_PORT = Number(METRIC_COLLECTOR_LISTEN.replace(/^.*:/, ''));

/** The enabled node-scoped input plugins of a node: what its metric collector runs. */
function nodePlugins(node: LmaNode): Set<string> {
  return new Set(
    Object.values(node.lma.inputs)
      .filter((i) => i.enabled && i.scope === 'node')
      .map((i) => i.plugin),
  );
}

/**
 * Rules for the Telegraf inputs that read the Kubernetes API: `kubernetes`
 * reads the kubelet's stats API, which the kubelet authorizes as
 * nodes/stats and nodes/proxy; `kube_inventory` lists the cluster's objects
 * (the resources its README names).
 */
const KUBELET_URL = /^https?:\/\/[^/]+:10250(\/|$)/;

function telegrafApiRules(plugins: Set<string>, node: LmaNode): ApiRule[] {
  const rules: ApiRule[] = [];
  // A `prometheus` input scraping a control-plane component (the API server's /metrics) with the
  // pod's token is authorized as a non-resource URL.
  const asPod = Object.values(node.lma.inputs).filter(
    (i) => i.enabled && i.scope === 'node' && i.plugin === 'prometheus' && String((i.options as Record<string, unknown>).bearer_token ?? '').startsWith(SERVICE_ACCOUNT_DIR),
  );
  const urls = asPod.flatMap((i) => {
    const u = (i.options as Record<string, unknown>).urls;
    return Array.isArray(u) ? u.map(String) : [];
  });
  // The kubelet (port 10250) authorizes its own /metrics as the resource nodes/metrics
  // (kubelet authorization: path to subresource); the other components as a non-resource URL.
  if (urls.some((u) => !KUBELET_URL.test(u))) rules.push({ nonResourceURLs: ['/metrics'], verbs: ['get'] });
  if (urls.some((u) => KUBELET_URL.test(u))) rules.push({ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get'] });
  if (plugins.has('kubernetes')) {
    rules.push({ apiGroups: [''], resources: ['nodes', 'nodes/proxy', 'nodes/stats'], verbs: ['get'] });
  }
  if (plugins.has('kube_inventory')) {
    rules.push(
      { apiGroups: [''], resources: ['endpoints', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'resourcequotas', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'statefulsets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
    );
  }
  return rules;
}

function telegraf(node: LmaNode, deploy: Deploy): CollectorPod {
  const plugins = nodePlugins(node);
  const prometheus = node.lma.backends.prometheus.enabled;
  const hostMounts: HostMount[] = [
    // Telegraf's system inputs (cpu, mem, net, processes, diskio, system) read
    // /proc and /sys through HOST_PROC/HOST_SYS: the host's, mounted read-only,
    // not the container's own.
    { name: 'host-proc', hostPath: '/proc', mountPath: HOST_PROC, readOnly: true, type: 'Directory' },
    { name: 'host-sys', hostPath: '/sys', mountPath: HOST_SYS, readOnly: true, type: 'Directory' },
  ];
  const env: Record<string, string> = { HOST_PROC, HOST_SYS };
  if (plugins.has('disk')) {
    // The disk input stats every mount point of the host (from HOST_PROC/1/mounts)
    // under HOST_MOUNT_PREFIX: the host's root, read-only, and only on nodes
    // that collect disk usage.
    hostMounts.push({ name: 'host-root', hostPath: '/', mountPath: HOST_ROOT, readOnly: true, type: 'Directory', followHostMounts: true });
    env.HOST_MOUNT_PREFIX = HOST_ROOT;
  }
  const probe = prometheus ? { path: '/metrics', port: METRICS_PORT } : null;
  return {
    agent: 'telegraf',
    role: 'metric-collector',
    files: ['telegraf.conf'],
    image: deploy.images.telegraf,
    configDir: '/etc/telegraf',
    // The image's entrypoint runs Telegraf directly when started as a non-root user.
    command: null,
    args: ['--config', '/etc/telegraf/telegraf.conf'],
    env,
    hostMounts,
    scratch: [],
    // procstat finds processes with pgrep, which reads the container's /proc:
    // only the host's PID namespace shows it the host's processes.
    hostPID: plugins.has('procstat'),
    // Not root: /proc, /sys and mount points are world-readable; per-process
    // counters that need ptrace access (procstat's I/O) are left out rather
    // than running the agent as root on every node.
    root: null,
    ports: prometheus ? [{ name: 'metrics', port: METRICS_PORT }] : [],
    // Without the Prometheus backend Telegraf serves no HTTP endpoint, so
    // there is nothing to probe; a crashed Telegraf still restarts.
    liveness: probe,
    readiness: probe,
    resources: { cpu: { request: 100, limit: 500 }, memory: { request: 128, limit: 256 } },
    apiRules: telegrafApiRules(plugins, node),
  };
}

function collectd(node: LmaNode, deploy: Deploy): CollectorPod {
  const plugins = nodePlugins(node);
  const prometheus = node.lma.backends.prometheus.enabled;
  const probe = prometheus ? { path: '/metrics', port: COLLECTD_PROMETHEUS_PORT } : null;
  return {
    agent: 'collectd',
    role: 'metric-collector',
    files: ['collectd.conf'],
    image: deploy.images.collectd,
    configDir: '/etc/collectd',
    // In the foreground (-f), as the container's main process.
    command: ['collectd', '-f', '-C', '/etc/collectd/collectd.conf'],
    args: [],
    env: {},
    // collectd has no host-prefix setting: it reads /proc and /sys as the
    // container sees them. CPU, memory, load, disk I/O and uptime are not
    // namespaced, interfaces are the host's through hostNetwork, processes
    // through hostPID; df sees the container's mounts (docs/kubernetes.md).
    hostMounts: [],
    // collectd's BaseDir (/var/lib/collectd, the default) under a read-only root.
    scratch: [{ name: 'state', path: '/var/lib/collectd' }],
    // The processes plugin (lmac's processes and procstat inputs) counts the
    // processes it sees in /proc: the host's only in the host's PID namespace.
    hostPID: plugins.has('processes') || plugins.has('procstat'),
    root: null,
    ports: prometheus ? [{ name: 'metrics', port: COLLECTD_PROMETHEUS_PORT }] : [],
    liveness: probe,
    readiness: probe,
    resources: { cpu: { request: 50, limit: 250 }, memory: { request: 32, limit: 128 } },
    apiRules: [],
  };
}

function fluentBit(node: LmaNode, deploy: Deploy, dirs: LogDirs): CollectorPod {
  const prometheus = node.lma.backends.prometheus.enabled;
  const hostMounts: HostMount[] = dirs.dirs.map((d, i) => ({
    // The tail inputs read the host's log files at their host paths: read-only.
    name: i === 0 ? 'host-logs' : `host-logs-${i}`,
    hostPath: d,
    mountPath: d,
    readOnly: true,
    type: 'Directory',
  }));
  // tail keeps its read offsets (DB) in TAIL_DB_DIR: on the host, writable,
  // so a restarted or updated pod resumes where the last one stopped instead
  // of re-reading (or skipping) the logs.
  hostMounts.push({ name: 'tail-db', hostPath: TAIL_DB_DIR, mountPath: TAIL_DB_DIR, readOnly: false, type: 'DirectoryOrCreate' });
  return {
    agent: 'fluent-bit',
    role: 'log-collector',
    files: ['fluent-bit.conf', 'parsers.conf'],
    image: deploy.images.fluent_bit,
    configDir: '/fluent-bit/etc',
    command: ['/fluent-bit/bin/fluent-bit'],
    // parsers.conf is found next to fluent-bit.conf (Parsers_File is relative).
    args: ['--config', '/fluent-bit/etc/fluent-bit.conf'],
    env: {},
    hostMounts,
    scratch: [],
    hostPID: false,
    // Root, because host logs belong to their services (rabbitmq:rabbitmq
    // 0640, root:adm 0640) and the tail DB directory to root: as root with
    // every capability dropped but DAC_READ_SEARCH, Fluent Bit can read any
    // log file and write its own root-owned DB directory, and nothing else a
    // root process could (no DAC_OVERRIDE: it cannot write the logs).
    root: { capabilities: ['DAC_READ_SEARCH'] },
    ports: [{ name: 'http', port: LOG_COLLECTOR_HTTP_PORT }, ...(prometheus ? [{ name: 'metrics', port: LOG_COLLECTOR_METRICS_PORT }] : [])],
    // Live while its HTTP server answers; ready while /api/v1/health is good
    // (Health_Check: few output errors and retries). Health is not liveness:
    // restarting Fluent Bit does not mend an unreachable Elasticsearch.
    liveness: { path: '/', port: LOG_COLLECTOR_HTTP_PORT },
    readiness: { path: '/api/v1/health', port: LOG_COLLECTOR_HTTP_PORT },
    // Each tail input buffers at most 5MB (Mem_Buf_Limit in fluent-bit.conf).
    resources: { cpu: { request: 50, limit: 500 }, memory: { request: 64, limit: 256 } },
    // lmac's Fluent Bit config has no kubernetes filter: no API access.
    apiRules: [],
  };
}

/**
 * The collector pods of one node, from the files the collectors generator
 * wrote for it (collectors/<node>/): the files decide which agents run.
 */
export function collectorPods(node: LmaNode, files: ReadonlyMap<string, string>, deploy: Deploy): CollectorPod[] {
  const pods: CollectorPod[] = [];
  if (files.has('telegraf.conf')) pods.push(telegraf(node, deploy));
  if (files.has('collectd.conf')) pods.push(collectd(node, deploy));
  if (files.has('fluent-bit.conf')) pods.push(fluentBit(node, deploy, logDirs(node.lma.logs)));
  return pods;
}
