/**
 * The node collectors on Kubernetes: for every node and each of its agents
 * (Telegraf or collectd, Fluent Bit), a ConfigMap `<agent>-<node>` holding
 * that node's generated config (collectors/<node>/) and a DaemonSet
 * `<agent>-<node>` that runs the agent on that node only.
 *
 * Why one DaemonSet per node and not one per agent with per-node keys: every
 * node's config differs (it carries the node's hostname label, its inputs,
 * its log paths), and a pod template is shared by all pods of a DaemonSet. A
 * shared template can hold one checksum annotation only, so with one
 * DaemonSet a change to one node's config would roll every node's collector.
 * Per node, the checksum on a pod template is the checksum of exactly the
 * config that pod reads: a change rolls that node's collector and nothing
 * else. Grouping nodes with byte-identical configs would share a DaemonSet,
 * but since every config names its node, no two are identical.
 * docs/kubernetes.md explains the choice and the node labels.
 */
import { ApiObject, Duration, JsonPatch, Size, type Chart } from 'cdk8s';
import {
  ConfigMap,
  Cpu,
  DaemonSet,
  DnsPolicy,
  EnvValue,
  HostPathVolumeType,
  ImagePullPolicy,
  LabelSelector,
  MountPropagation,
  Node,
  NodeTaintQuery,
  Probe,
  ServiceAccount,
  Volume,
  type ContainerProps,
} from 'cdk8s-plus-27';
import { Codes, error } from '../../src/diagnostics/index.js';
import { locateValue } from '../../src/validate/locate.js';
import { collectorPods, UNPRIVILEGED_ID, type AgentName, type ApiRule, type CollectorPod, type HttpProbe } from './collector-agents.js';
import { CHECKSUM_ANNOTATION, checksum, componentLabels, filesUnder, type KubeContext, type LmaNode } from './context.js';
import { logDirs } from './log-mounts.js';
import { checkNodeName, checkRoleLabels, HOSTNAME_LABEL, NODE_POD_LABEL, roleLabel } from './node-labels.js';
import { addApiAccess, addServiceAccount } from './rbac.js';
import { envSecretsIn, secretEnvValues } from './secrets.js';

/** The label cdk8s-plus puts on every pod template; removed, so each selector equals its pod labels. */
const CDK8S_ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

const AGENTS: readonly AgentName[] = ['telegraf', 'collectd', 'fluent-bit'];

/** The labels of one node's objects of one agent (the pod labels, and so the DaemonSet's selector). */
export function collectorLabels(agent: AgentName, node: string): Record<string, string> {
  return { ...componentLabels(agent), [NODE_POD_LABEL]: node };
}

function probe(p: HttpProbe | null): Probe | undefined {
  if (p === null) return undefined;
  return Probe.fromHttpGet(p.path, {
    port: p.port,
    initialDelaySeconds: Duration.seconds(10),
    periodSeconds: Duration.seconds(30),
    timeoutSeconds: Duration.seconds(5),
    failureThreshold: 3,
  });
}

function addNodeCollector(chart: Chart, ctx: KubeContext, node: LmaNode, pod: CollectorPod, files: ReadonlyMap<string, string>): void {
  const name = `${pod.agent}-${node.name}`;
  const labels = collectorLabels(pod.agent, node.name);
  const data: Record<string, string> = {};
  for (const f of pod.files) {
    const content = files.get(f);
    if (content !== undefined) data[f] = content;
  }
  const configMap = new ConfigMap(chart, `${name}-configmap`, { metadata: { name, labels }, data });

  const root = pod.root !== null;
  const id = root ? 0 : UNPRIVILEGED_ID;
  const ds = new DaemonSet(chart, `${name}-daemonset`, {
    metadata: { name, labels },
    // The selector is set below from the stable labels, not cdk8s' construct address.
    select: false,
    podMetadata: { labels, annotations: { [CHECKSUM_ANNOTATION]: checksum(data) } },
    serviceAccount: ServiceAccount.fromServiceAccountName(chart, `${name}-sa`, pod.agent),
    automountServiceAccountToken: pod.apiRules.length > 0,
    // Scrape targets are <node>:<port>, and inputs reach the node's own services on its loopback.
    hostNetwork: true,
    // Cluster DNS still resolves service names (Elasticsearch, InfluxDB in the cluster) on the host network.
    dns: { policy: DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET },
    securityContext: { ensureNonRoot: !root, user: id, group: id },
  });
  ds.select(LabelSelector.of({ labels }));
  // The operator chose this node for the role (the label): run there whatever
  // its taints (control-plane nodes are tainted NoSchedule), as node agents do.
  ds.scheduling.tolerate(Node.tainted(NodeTaintQuery.any()));

  const mounts: NonNullable<ContainerProps['volumeMounts']> = [
    { volume: Volume.fromConfigMap(chart, `${name}-config`, configMap, { name: 'config' }), path: pod.configDir, readOnly: true },
  ];
  for (const m of pod.hostMounts) {
    const type = m.type === 'Directory' ? HostPathVolumeType.DIRECTORY : HostPathVolumeType.DIRECTORY_OR_CREATE;
    mounts.push({ volume: Volume.fromHostPath(chart, `${name}-${m.name}`, m.name, { path: m.hostPath, type }), path: m.mountPath, readOnly: m.readOnly, ...(m.followHostMounts ? { propagation: MountPropagation.HOST_TO_CONTAINER } : {}) });
  }
  for (const s of pod.scratch) mounts.push({ volume: Volume.fromEmptyDir(chart, `${name}-${s.name}`, s.name), path: s.path });

  const env: Record<string, EnvValue> = {};
  for (const [k, v] of Object.entries(pod.env)) env[k] = EnvValue.fromValue(v);
  // The secrets the agent's config reads (`${ENV}`, substituted by Telegraf and Fluent Bit; collectd has none).
  Object.assign(env, secretEnvValues(chart, envSecretsIn(Object.values(data), ctx.secrets)));
  ds.addContainer({
    name: pod.agent,
    image: pod.image,
    // Images are pinned to a version (lma.deploy.images): pulled once per node.
    imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    ...(pod.command !== null ? { command: pod.command } : {}),
    ...(pod.args.length > 0 ? { args: pod.args } : {}),
    envVariables: env,
    ports: pod.ports.map((p) => ({ name: p.name, number: p.port, hostPort: p.port })),
    volumeMounts: mounts,
    liveness: probe(pod.liveness),
    readiness: probe(pod.readiness),
    resources: {
      cpu: { request: Cpu.millis(pod.resources.cpu.request), limit: Cpu.millis(pod.resources.cpu.limit) },
      memory: { request: Size.mebibytes(pod.resources.memory.request), limit: Size.mebibytes(pod.resources.memory.limit) },
    },
    // The agent writes nothing outside its mounts: a read-only root file system, no privilege escalation.
    securityContext: { ensureNonRoot: !root, user: id, group: id, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false },
  });

  const api = ApiObject.of(ds);
  api.addJsonPatch(
    JsonPatch.remove(`/spec/template/metadata/labels/${CDK8S_ADDRESS_LABEL.replace('/', '~1')}`),
    // This node, and only while the operator has labelled it with the role (node-labels.ts).
    JsonPatch.add('/spec/template/spec/nodeSelector', { [HOSTNAME_LABEL]: node.name, [roleLabel(ctx.cluster.name, pod.role)]: 'true' }),
    // Every capability dropped; a root agent keeps only the ones named in collector-agents.ts.
    // (cdk8s-plus-27's Capability enum has no ALL and writes CAP_-prefixed names, hence the patch.)
    JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'], ...(pod.root && pod.root.capabilities.length > 0 ? { add: pod.root.capabilities } : {}) }),
    JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
  );
  // Patches apply before the imported KubeDaemonSet type converts its props to
  // JSON, so they use its property names: `hostPid` becomes `hostPID`.
  if (pod.hostPID) api.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPid', true));
}

export function addCollectors(chart: Chart, ctx: KubeContext): void {
  const labelProblem = checkRoleLabels(ctx.cluster.name);
  if (labelProblem) {
    ctx.report(labelProblem);
    return;
  }
  const used = new Set<AgentName>();
  const rules = new Map<AgentName, ApiRule[]>();
  for (const node of ctx.nodes) {
    const files = filesUnder(ctx.files, `collectors/${node.name}/`);
    const pods = collectorPods(node, files, ctx.deploy);
    if (pods.length === 0) continue;
    const nameProblem = checkNodeName(node);
    if (nameProblem) {
      ctx.report(nameProblem);
      continue;
    }
    if (pods.some((p) => p.agent === 'fluent-bit')) {
      for (const u of logDirs(node.lma.logs).unmountable) {
        const where = locateValue(node, ['lma', 'logs', u.name, 'path']);
        ctx.report({
          ...error(Codes.KUBE_LOG_PATH_UNMOUNTABLE, `log ${u.name} of ${node.name}: path "${u.path}" cannot be mounted from the host into the log collector's pod (it must be absolute, with a directory other than / before any glob)`, where.location, where.related),
          node: node.name,
        });
      }
    }
    for (const pod of pods) {
      used.add(pod.agent);
      rules.set(pod.agent, [...(rules.get(pod.agent) ?? []), ...pod.apiRules]);
      addNodeCollector(chart, ctx, node, pod, files);
    }
  }
  for (const agent of AGENTS.filter((a) => used.has(a))) {
    addServiceAccount(chart, agent);
    addApiAccess(chart, ctx.namespace, agent, rules.get(agent) ?? []);
  }
}
