/**
 * What the central components (remote collector, Prometheus, Alertmanager,
 * Grafana, Sensu backend) share: a single-replica Deployment that is replaced,
 * never overlapped (strategy Recreate), with explicit resources and security
 * contexts; its ConfigMaps, volume claims and Service; the checksum annotation
 * of the configs it mounts. Each component file says what is its own (image
 * user, mounts, probes).
 */
import { ApiObject, Duration, JsonPatch, Size, type Chart } from 'cdk8s';
import {
  ConfigMap,
  Cpu,
  Deployment,
  DeploymentStrategy,
  DnsPolicy,
  FsGroupChangePolicy,
  ImagePullPolicy,
  LabelSelector,
  PersistentVolumeAccessMode,
  PersistentVolumeClaim,
  Service,
  type ContainerProps,
  type ContainerResources,
  type ContainerSecurityContextProps,
  type PodSecurityContextProps,
} from 'cdk8s-plus-27';
import { CHECKSUM_ANNOTATION, checksum, componentLabels, type KubeContext } from './context.js';

/** A ConfigMap key (and a Secret key): what Kubernetes accepts. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A ConfigMap named `name` of `component` holding `data` (key -> content).
 * Keys are file names the other generators chose from model names; one that
 * Kubernetes would reject is a bug in lmac, so it throws.
 */
export function configMap(chart: Chart, component: string, name: string, data: ReadonlyMap<string, string>): ConfigMap {
  for (const k of data.keys()) if (!CONFIG_KEY.test(k)) throw new Error(`ConfigMap ${name}: '${k}' is not a valid ConfigMap key`);
  const sorted = Object.fromEntries([...data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return new ConfigMap(chart, `${name}-configmap`, { metadata: { name, labels: componentLabels(component) }, data: sorted });
}

/**
 * Kubernetes refuses a ConfigMap whose data passes 1 MiB (etcd's object limit);
 * lmac keeps a margin for keys and metadata.
 */
export const CONFIGMAP_DATA_LIMIT = 900 * 1024;

/**
 * The files of one directory in as few groups as keep each under
 * CONFIGMAP_DATA_LIMIT (name order; a file alone over the limit is its own
 * group, which the build's ConfigMap check then reports).
 */
export function configMapChunks(data: ReadonlyMap<string, string>): Map<string, string>[] {
  const chunks: Map<string, string>[] = [];
  let size = 0;
  for (const k of [...data.keys()].sort()) {
    const v = data.get(k) ?? '';
    const n = Buffer.byteLength(k) + Buffer.byteLength(v);
    if (chunks.length === 0 || size + n > CONFIGMAP_DATA_LIMIT) {
      chunks.push(new Map());
      size = 0;
    }
    chunks[chunks.length - 1].set(k, v);
    size += n;
  }
  return chunks;
}

/**
 * A ReadWriteOnce claim. RWO is enough because every central workload runs
 * one pod and is replaced with Recreate: the old pod has released the volume
 * before the new one mounts it.
 */
export function volumeClaim(chart: Chart, ctx: KubeContext, component: string, name: string, size: string): PersistentVolumeClaim {
  const cls = ctx.deploy.storage.storage_class;
  return new PersistentVolumeClaim(chart, `${name}-pvc`, {
    metadata: { name, labels: componentLabels(component) },
    accessModes: [PersistentVolumeAccessMode.READ_WRITE_ONCE],
    storage: quantity(size),
    ...(cls !== '' ? { storageClassName: cls } : {}),
  });
}

/** `50Gi` (schema: Mi, Gi or Ti) as a cdk8s Size. */
function quantity(q: string): Size {
  const m = /^([0-9]+)(Mi|Gi|Ti)$/.exec(q);
  if (!m) throw new Error(`'${q}' is not a size in Mi, Gi or Ti`);
  const n = Number(m[1]);
  return m[2] === 'Mi' ? Size.mebibytes(n) : m[2] === 'Gi' ? Size.gibibytes(n) : Size.tebibytes(n);
}

export function secs(n: number): Duration {
  return Duration.seconds(n);
}

/** Requests and limits, written out so cdk8s-plus's defaults (1000m/512Mi) never apply. */
export function resources(cpuRequestMillis: number, memRequestMi: number, cpuLimitMillis: number, memLimitMi: number): ContainerResources {
  return {
    cpu: { request: Cpu.millis(cpuRequestMillis), limit: Cpu.millis(cpuLimitMillis) },
    memory: { request: Size.mebibytes(memRequestMi), limit: Size.mebibytes(memLimitMi) },
  };
}

/**
 * The container security context of a server that needs no privilege: its
 * image's unprivileged user, no privilege escalation, no capabilities
 * (cdk8s-plus cannot drop them, see dropAllCapabilities), and a read-only root
 * file system (what a server writes goes to its own volumes).
 */
export function unprivileged(uid: number, gid: number): ContainerSecurityContextProps {
  return { ensureNonRoot: true, user: uid, group: gid, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false };
}

/** The pod security context: the same user; fsGroup makes the pod's volumes writable by it. */
export function podSecurity(uid: number, gid: number): PodSecurityContextProps {
  // OnRootMismatch: a large volume (a TSDB) is not chowned file by file at every start, only when its root is not the group's yet.
  return { ensureNonRoot: true, user: uid, group: gid, fsGroup: gid, fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH };
}

export interface CentralWorkloadProps {
  component: string;
  /** Deployment name (and the Service's, when it has one). */
  name: string;
  containers: ContainerProps[];
  securityContext: PodSecurityContextProps;
  /** out/<cluster>/ paths -> contents of every file the pod reads; their checksum rolls it when one changes. */
  configs: ReadonlyMap<string, string>;
  hostNetwork?: boolean;
  /** Kubernetes node labels the pod must run on (e.g. a hostname the scrape targets name). */
  nodeSelector?: Record<string, string>;
  /** Mount the service account's token and CA: an input of the pod names them (e.g. a check of the API server over TLS). */
  serviceAccountFiles?: boolean;
}

/**
 * One active replica, replaced with Recreate: a server with state on a
 * ReadWriteOnce volume (TSDB, silences, etcd) or a collector whose checks must
 * not run twice can never have two pods at once, which RollingUpdate would
 * allow during a rollout.
 */
export function centralDeployment(chart: Chart, p: CentralWorkloadProps): Deployment {
  const labels = componentLabels(p.component);
  const d = new Deployment(chart, `${p.name}-deployment`, {
    metadata: { name: p.name, labels },
    replicas: 1,
    strategy: DeploymentStrategy.recreate(),
    // The selector is the component labels only, set below: stable across lmac versions.
    select: false,
    podMetadata: { labels, annotations: { [CHECKSUM_ANNOTATION]: checksum(p.configs) } },
    // No token in the pod unless one of its inputs names the service account's files.
    automountServiceAccountToken: p.serviceAccountFiles ?? false,
    securityContext: p.securityContext,
    hostNetwork: p.hostNetwork ?? false,
    // A pod on the host network still resolves the Services by name.
    ...(p.hostNetwork ? { dns: { policy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } } : {}),
    containers: p.containers.map((c) => ({ imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT, ...c })),
  });
  d.select(LabelSelector.of({ labels }));
  const api = ApiObject.of(d);
  if (p.nodeSelector) api.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', p.nodeSelector));
  // cdk8s-plus labels every pod with its construct address (a hash); the pods carry exactly the component labels.
  api.addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
  dropAllCapabilities(api, p.containers.length);
  return d;
}

/** cdk8s-plus has no capability setting: every container drops all Linux capabilities (none of these servers needs one). */
function dropAllCapabilities(api: ApiObject, containers: number): void {
  for (let i = 0; i < containers; i++) api.addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/${i}/securityContext/capabilities`, { drop: ['ALL'] }));
}

export interface ServicePort {
  name: string;
  port: number;
}

/** A ClusterIP Service named like the workload, selecting its pods by the component labels. */
export function centralService(chart: Chart, component: string, name: string, ports: readonly ServicePort[]): Service {
  const s = new Service(chart, `${name}-service`, {
    metadata: { name, labels: componentLabels(component) },
    ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port })),
  });
  for (const [k, v] of Object.entries(componentLabels(component))) s.selectLabel(k, v);
  return s;
}
