/**
 * The node collectors on Kubernetes (generators/kubernetes/collectors.ts):
 * each node's configs in its own ConfigMaps, a DaemonSet per node and agent
 * pinned to that node, checksums that roll exactly the pods whose config
 * changed, the host access each agent needs and no more, and RBAC only for
 * inputs that read the Kubernetes API.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCluster } from '../../src/build/pipeline.js';
import { GENERATORS } from '../../generators/index.js';
import { CHECKSUM_ANNOTATION, checksum, filesUnder } from '../../generators/kubernetes/context.js';
import { logDir, logDirs } from '../../generators/kubernetes/log-mounts.js';
import { checkRoleLabels } from '../../generators/kubernetes/node-labels.js';
import type { Log } from '../../src/model/lma-types.js';
import { ROOT } from '../helpers/tools.js';
import { appendTo, demoCopy, findObject, kubeFiles, kubeObjects, type KubeObj, type Workload } from './k8s-objects.js';

const demo = buildCluster(ROOT, 'demo', GENERATORS);
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** The demo with `text` appended to one node file (inside its `parameters:`), built. */
function demoWith(node: string, text: string): ReturnType<typeof buildCluster> {
  const root = demoCopy();
  temps.push(root);
  appendTo(root, `clusters/demo/nodes/${node}.yml`, text);
  return buildCluster(root, 'demo', GENERATORS);
}

const AGENT_FILES: Record<string, { agent: string; role: string; files: string[] }> = {
  'telegraf.conf': { agent: 'telegraf', role: 'metric-collector', files: ['telegraf.conf'] },
  'collectd.conf': { agent: 'collectd', role: 'metric-collector', files: ['collectd.conf'] },
  'fluent-bit.conf': { agent: 'fluent-bit', role: 'log-collector', files: ['fluent-bit.conf', 'parsers.conf'] },
};

const daemonSet = (files: ReadonlyMap<string, string>, name: string): Workload => {
  const ds = findObject(files, 'DaemonSet', name);
  if (!ds) throw new Error(`no DaemonSet ${name}`);
  return ds as Workload;
};

const nodesOf = (files: ReadonlyMap<string, string>): string[] =>
  [...new Set([...files.keys()].filter((p) => p.startsWith('collectors/')).map((p) => p.split('/')[1]))].sort();

describe('GIVEN the demo domain', () => {
  const nodes = nodesOf(demo.files);

  it('WHEN its collector configs are packaged THEN each node and agent has a ConfigMap with exactly its files and a DaemonSet on that node', () => {
    expect(nodes).toEqual(['cmp01', 'cmp02', 'ctl01', 'ctl02', 'ctl03', 'mon01', 'prx01']);
    const expected: string[] = [];
    for (const node of nodes) {
      const files = filesUnder(demo.files, `collectors/${node}/`);
      for (const [main, spec] of Object.entries(AGENT_FILES)) {
        if (!files.has(main)) continue;
        const name = `${spec.agent}-${node}`;
        expected.push(name);
        const cm = findObject(demo.files, 'ConfigMap', name) as KubeObj & { data: Record<string, string> };
        expect(cm.data).toEqual(Object.fromEntries(spec.files.map((f) => [f, files.get(f)])));
        const ds = daemonSet(demo.files, name);
        const pod = ds.spec.template;
        expect(pod.spec.volumes.find((v) => v.name === 'config')?.configMap?.name).toBe(name);
        // THEN the pod's checksum is the checksum of exactly its node's config.
        expect(pod.metadata.annotations?.[CHECKSUM_ANNOTATION]).toBe(checksum(cm.data));
        // THEN it runs on that node only, once the operator has labelled it with the role.
        expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': node, [`lmac.io/demo-${spec.role}`]: 'true' });
        expect(pod.metadata.labels['lmac.io/node']).toBe(node);
      }
    }
    const actual = kubeObjects(demo.files)
      .filter(({ obj }) => obj.kind === 'DaemonSet')
      .map(({ obj }) => obj.metadata.name)
      .sort();
    expect(actual).toEqual(expected.sort());
  });

  it('WHEN Prometheus scrape targets are read THEN each <node>:<port> is a host port of that node\'s collector on the host network', () => {
    const targets = ['metric-collectors', 'log-collectors', 'legacy-collectors']
      .map((f) => demo.files.get(`prometheus/targets/${f}.json`))
      .filter((c): c is string => c !== undefined)
      .flatMap((c) => (JSON.parse(c) as { targets: string[] }[]).flatMap((g) => g.targets));
    expect(targets.length).toBeGreaterThanOrEqual(12);
    const daemonSets = kubeObjects(demo.files)
      .filter(({ obj }) => obj.kind === 'DaemonSet')
      .map(({ obj }) => obj as Workload);
    for (const t of targets) {
      const [node, port] = t.split(':');
      const serving = daemonSets.filter(
        (ds) =>
          ds.spec.template.spec.nodeSelector?.['kubernetes.io/hostname'] === node &&
          ds.spec.template.spec.hostNetwork === true &&
          ds.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.containerPort === Number(port) && p.hostPort === Number(port))),
      );
      expect(serving.length, t).toBe(1);
    }
  });

  it('WHEN the log collector pod is read THEN it reads host logs read-only as root with DAC_READ_SEARCH only, and keeps its tail DB on the host', () => {
    const pod = daemonSet(demo.files, 'fluent-bit-ctl01').spec.template;
    const c = pod.spec.containers[0];
    expect(pod.spec.securityContext?.runAsUser).toBe(0);
    expect(c.securityContext).toMatchObject({ runAsUser: 0, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['DAC_READ_SEARCH'] } });
    const mount = (p: string) => c.volumeMounts.find((m) => m.mountPath === p);
    const volume = (name: string | undefined) => pod.spec.volumes.find((v) => v.name === name);
    expect(mount('/var/log')?.readOnly).toBe(true);
    expect(volume(mount('/var/log')?.name)?.hostPath).toEqual({ path: '/var/log', type: 'Directory' });
    expect(mount('/var/lib/fluent-bit')?.readOnly).not.toBe(true);
    expect(volume(mount('/var/lib/fluent-bit')?.name)?.hostPath).toEqual({ path: '/var/lib/fluent-bit', type: 'DirectoryOrCreate' });
    // The generated fluent-bit.conf keeps its tail DBs there.
    expect(demo.files.get('collectors/ctl01/fluent-bit.conf')).toContain('DB               /var/lib/fluent-bit/');
    expect(mount('/fluent-bit/etc')?.readOnly).toBe(true);
    expect(c.livenessProbe?.httpGet).toMatchObject({ path: '/', port: 2020 });
    expect(c.readinessProbe?.httpGet).toMatchObject({ path: '/api/v1/health', port: 2020 });
    expect(pod.spec.hostPID).toBeUndefined();
  });

  it('WHEN the metric collector pods are read THEN Telegraf runs unprivileged over the host\'s /proc and /sys, with hostPID only where procstat needs it', () => {
    for (const node of ['cmp01', 'ctl01']) {
      const pod = daemonSet(demo.files, `telegraf-${node}`).spec.template;
      const c = pod.spec.containers[0];
      expect(pod.spec.securityContext).toMatchObject({ runAsUser: 65534, runAsNonRoot: true });
      expect(c.securityContext).toMatchObject({ runAsUser: 65534, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(c.securityContext.capabilities?.add).toBeUndefined();
      const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
      expect(env).toMatchObject({ HOST_PROC: '/host/proc', HOST_SYS: '/host/sys', HOST_MOUNT_PREFIX: '/hostfs' });
      for (const m of c.volumeMounts.filter((v) => v.name !== 'config')) expect(m.readOnly, m.mountPath).toBe(true);
      expect(c.livenessProbe?.httpGet).toMatchObject({ path: '/metrics', port: 9273 });
      expect(c.image).toBe('docker.io/library/telegraf:1.32.3');
    }
    // ctl01 watches RabbitMQ's process with procstat (pgrep): it must see the host's processes.
    expect(demo.files.get('collectors/ctl01/telegraf.conf')).toContain('[[inputs.procstat]]');
    expect(daemonSet(demo.files, 'telegraf-ctl01').spec.template.spec.hostPID).toBe(true);
    // Exactly the nodes with a procstat input see the host's processes (the golden collectors case has nodes without).
    const col = buildCluster(path.join(ROOT, 'test/cases/collectors'), 'col', GENERATORS);
    let without = 0;
    for (const built of [demo, col]) {
      for (const [p, conf] of built.files) {
        const m = /^collectors\/([^/]+)\/telegraf\.conf$/.exec(p);
        if (!m) continue;
        const procstat = conf.includes('[[inputs.procstat]]');
        if (!procstat) without++;
        expect(daemonSet(built.files, `telegraf-${m[1]}`).spec.template.spec.hostPID, m[1]).toBe(procstat ? true : undefined);
      }
    }
    expect(without).toBeGreaterThan(0);
  });

  it('WHEN no input reads the Kubernetes API THEN the agents have service accounts without tokens and no RBAC', () => {
    const objs = kubeObjects(demo.files).map(({ obj }) => obj);
    for (const agent of ['telegraf', 'fluent-bit']) {
      const sa = findObject(demo.files, 'ServiceAccount', agent) as KubeObj & { automountServiceAccountToken?: boolean };
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(kubeFiles(demo.files).has(`kubernetes/setup/${agent}-serviceaccount.yaml`)).toBe(true);
    }
    expect(objs.filter((o) => ['ClusterRole', 'ClusterRoleBinding'].includes(o.kind) && ['telegraf', 'fluent-bit', 'collectd'].includes(o.metadata.labels?.['app.kubernetes.io/component'] ?? ''))).toEqual([]);
    for (const o of objs.filter((x) => x.kind === 'DaemonSet')) {
      const spec = (o as Workload).spec.template.spec;
      expect(spec.automountServiceAccountToken, o.metadata.name).toBe(false);
      expect(spec.serviceAccountName).toBe(o.metadata.labels?.['app.kubernetes.io/component']);
    }
  });
});

describe('GIVEN the collectors golden case, with a legacy (collectd) node', () => {
  const col = buildCluster(path.join(ROOT, 'test/cases/collectors'), 'col', GENERATORS);

  it('WHEN it builds THEN cmp02 runs collectd, not Telegraf, unprivileged, in the host PID namespace for its process counts, on the port Prometheus scrapes', () => {
    expect(col.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(findObject(col.files, 'DaemonSet', 'telegraf-cmp02')).toBeUndefined();
    const ds = daemonSet(col.files, 'collectd-cmp02');
    const pod = ds.spec.template;
    const cm = findObject(col.files, 'ConfigMap', 'collectd-cmp02') as KubeObj & { data: Record<string, string> };
    expect(cm.data).toEqual({ 'collectd.conf': col.files.get('collectors/cmp02/collectd.conf') });
    expect(pod.metadata.annotations?.[CHECKSUM_ANNOTATION]).toBe(checksum(cm.data));
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'cmp02', 'lmac.io/col-metric-collector': 'true' });
    expect(col.files.get('collectors/cmp02/collectd.conf')).toContain('LoadPlugin processes');
    expect(pod.spec.hostPID).toBe(true);
    expect(pod.spec.hostNetwork).toBe(true);
    const c = pod.spec.containers[0];
    expect(c.securityContext).toMatchObject({ runAsUser: 65534, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    // BaseDir is writable (an emptyDir) under the read-only root.
    const state = c.volumeMounts.find((m) => m.mountPath === '/var/lib/collectd');
    expect(pod.spec.volumes.find((v) => v.name === state?.name)?.emptyDir).toEqual({});
    const targets = (JSON.parse(col.files.get('prometheus/targets/legacy-collectors.json')!) as { targets: string[] }[]).flatMap((g) => g.targets);
    expect(targets).toEqual(['cmp02:9273']);
    expect(c.ports).toEqual([{ containerPort: 9273, hostPort: 9273, name: 'metrics' }]);
    expect(findObject(col.files, 'ServiceAccount', 'collectd')).toBeDefined();
  });
});

describe('GIVEN a copy of the demo where one node collects one more input', () => {
  const changed = demoWith('cmp01', `  lma:\n    inputs:\n      ssh_port: {plugin: net_response, service: ssh, options: {protocol: tcp, address: '127.0.0.1:22'}}\n`);

  it('WHEN both build THEN only that node\'s metric collector config changed', () => {
    expect(changed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const diff = [...new Set([...demo.files.keys(), ...changed.files.keys()])].filter((p) => demo.files.get(p) !== changed.files.get(p)).sort();
    expect(diff.filter((p) => p.startsWith('collectors/'))).toEqual(['collectors/cmp01/telegraf.conf']);
  });

  it('WHEN the kubernetes/ files are diffed THEN exactly its ConfigMap and DaemonSet changed, the DaemonSet only in its checksum', () => {
    const before = kubeFiles(demo.files);
    const after = kubeFiles(changed.files);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changedFiles = [...after.keys()].filter((p) => before.get(p) !== after.get(p));
    expect(changedFiles).toEqual(['kubernetes/telegraf-configmap.yaml', 'kubernetes/telegraf-daemonset.yaml']);

    const index = (files: ReadonlyMap<string, string>) => new Map(kubeObjects(files).map(({ obj }) => [`${obj.kind}/${obj.metadata.name}`, obj]));
    const a = index(demo.files);
    const b = index(changed.files);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const changedObjects = [...b.keys()].filter((k) => JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
    expect(changedObjects).toEqual(['ConfigMap/telegraf-cmp01', 'DaemonSet/telegraf-cmp01']);

    // The ConfigMap holds the new config.
    expect((b.get('ConfigMap/telegraf-cmp01') as KubeObj & { data: Record<string, string> }).data['telegraf.conf']).toBe(changed.files.get('collectors/cmp01/telegraf.conf'));
    // The DaemonSet differs in its checksum only: the new one is the new config's.
    const dsBefore = a.get('DaemonSet/telegraf-cmp01') as Workload;
    const dsAfter = b.get('DaemonSet/telegraf-cmp01') as Workload;
    const sumBefore = dsBefore.spec.template.metadata.annotations?.[CHECKSUM_ANNOTATION];
    const sumAfter = dsAfter.spec.template.metadata.annotations?.[CHECKSUM_ANNOTATION];
    expect(sumAfter).not.toBe(sumBefore);
    expect(sumAfter).toBe(checksum({ 'telegraf.conf': changed.files.get('collectors/cmp01/telegraf.conf')! }));
    const withoutSum = (w: Workload) => JSON.stringify({ ...w, spec: { ...w.spec, template: { ...w.spec.template, metadata: { ...w.spec.template.metadata, annotations: {} } } } });
    expect(withoutSum(dsAfter)).toBe(withoutSum(dsBefore));
    // Every other node's collector keeps its checksum: its pods do not roll.
    for (const node of ['cmp02', 'ctl01', 'ctl02', 'ctl03', 'mon01']) {
      expect(b.get(`DaemonSet/telegraf-${node}`)).toEqual(a.get(`DaemonSet/telegraf-${node}`));
    }
  });
});

describe('GIVEN a copy of the demo where one node reads the kubelet API (Telegraf kubernetes input)', () => {
  const built = demoWith('cmp02', `  lma:\n    inputs:\n      kubelet: {plugin: kubernetes, service: kubernetes, options: {url: 'https://127.0.0.1:10250', bearer_token: /var/run/secrets/kubernetes.io/serviceaccount/token}}\n`);

  it('WHEN it builds THEN a ClusterRole grants the kubelet stats API to the telegraf service account, and only that node\'s pod mounts a token', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const role = findObject(built.files, 'ClusterRole', 'lmac-lma-telegraf') as KubeObj & { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] };
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['nodes', 'nodes/proxy', 'nodes/stats'], verbs: ['get'] }]);
    const binding = findObject(built.files, 'ClusterRoleBinding', 'lmac-lma-telegraf') as KubeObj & { roleRef: object; subjects: object[] };
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'lmac-lma-telegraf' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'telegraf', namespace: 'lma' }]);
    expect(kubeFiles(built.files).has('kubernetes/setup/telegraf-clusterrole.yaml')).toBe(true);
    expect(kubeFiles(built.files).has('kubernetes/setup/telegraf-clusterrolebinding.yaml')).toBe(true);
    expect(daemonSet(built.files, 'telegraf-cmp02').spec.template.spec.automountServiceAccountToken).toBe(true);
    expect(daemonSet(built.files, 'telegraf-cmp01').spec.template.spec.automountServiceAccountToken).toBe(false);
    // Fluent Bit reads no API: no role for it.
    expect(findObject(built.files, 'ClusterRole', 'lmac-lma-fluent-bit')).toBeUndefined();
  });
});

describe('GIVEN models Kubernetes cannot deploy', () => {
  it('WHEN a log path is relative or globs right under / THEN the build fails with LMAC342 at the path in the model', () => {
    const built = demoWith('cmp01', `  lma:\n    logs:\n      app: {path: app/app.log, service: app, parser: none}\n      top: {path: '/*.log', service: app, parser: none}\n      opt: {path: '/opt/app/logs/*/app.log', service: app, parser: none}\n`);
    const errs = built.diagnostics.filter((d) => d.code === 'LMAC342');
    expect(errs.map((d) => d.message)).toEqual([
      'log app of cmp01: path "app/app.log" cannot be mounted from the host into the log collector\'s pod (it must be absolute, with a directory other than / before any glob)',
      'log top of cmp01: path "/*.log" cannot be mounted from the host into the log collector\'s pod (it must be absolute, with a directory other than / before any glob)',
    ]);
    expect(errs[0].location?.file).toMatch(/clusters\/demo\/nodes\/cmp01\.yml$/);
    expect(errs[0].location?.line).toBeGreaterThan(1);
    expect(built.files.size).toBe(0);
  });

  it('WHEN a node name is not a Kubernetes name THEN the build fails with LMAC340 naming the node', () => {
    const root = demoCopy();
    temps.push(root);
    // A node file named Cmp_03: upper case and '_' are not allowed in object names.
    const nodes = path.join(root, 'clusters/demo/nodes');
    writeFileSync(path.join(nodes, 'Cmp_03.yml'), readFileSync(path.join(nodes, 'cmp02.yml'), 'utf8'));
    rmSync(path.join(nodes, 'cmp02.yml'));
    const built = buildCluster(root, 'demo', GENERATORS);
    const errs = built.diagnostics.filter((d) => d.code === 'LMAC340');
    expect(errs).toHaveLength(1);
    expect(errs[0].message).toMatch(/^node Cmp_03 cannot be deployed on Kubernetes/);
    expect(errs[0].location?.file).toMatch(/Cmp_03\.yml$/);
  });

  it('WHEN the domain name makes a node label key too long THEN it is LMAC341', () => {
    expect(checkRoleLabels('demo')).toBeNull();
    expect(checkRoleLabels('a'.repeat(46))).toBeNull();
    expect(checkRoleLabels('a'.repeat(47))?.code).toBe('LMAC341');
  });
});

describe('GIVEN log paths', () => {
  it('WHEN their host directories are computed THEN /var/log covers its subdirectories and others mount up to the first glob', () => {
    expect(logDir('/var/log/syslog')).toBe('/var/log');
    expect(logDir('/var/log/rabbitmq/rabbit@*.log')).toBe('/var/log');
    expect(logDir('/opt/app/logs/*/app.log')).toBe('/opt/app/logs');
    expect(logDir('/srv/log/app.log')).toBe('/srv/log');
    expect(logDir('app.log')).toBeNull();
    expect(logDir('/*.log')).toBeNull();
    expect(logDir('/var/../etc/shadow')).toBeNull();
    const log = (p: string, enabled = true): Log => ({ path: p, parser: 'none', service: 's', enabled, tags: {} });
    expect(logDirs({ a: log('/srv/x/a.log'), b: log('/srv/x/y/b.log'), c: log('/var/log/c.log'), d: log('/data/d.log', false) })).toEqual({ dirs: ['/srv/x', '/var/log'], unmountable: [] });
  });
});
