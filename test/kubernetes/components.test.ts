/**
 * The central components on Kubernetes (generators/kubernetes/{remote-collector,
 * prometheus,alertmanager,grafana,sensu}.ts), checked on the demo built
 * in-process (never a stale out/): each Deployment with its Service, one
 * replica replaced with Recreate, the remote collector's budget; every file of
 * the packaged generators in a ConfigMap and mounted at the path its server
 * reads it from (resolved through the mounts, as the kubelet would); the
 * checksum annotation following exactly the files a pod mounts.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { GENERATORS } from '../../generators/index.js';
import { kubernetesGenerator } from '../../generators/kubernetes/index.js';
import { CHECKSUM_ANNOTATION } from '../../generators/kubernetes/context.js';
import { REMOTE_COLLECTOR_PORT } from '../../generators/prometheus/config.js';
import { buildCluster, compileModel } from '../../src/build/pipeline.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import { ROOT } from '../helpers/tools.js';

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests are read as plain YAML
  data?: Record<string, string>;
}
interface Mount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value?: string }[];
  volumeMounts?: Mount[];
  ports?: { containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  livenessProbe?: { httpGet?: { path: string; port: number } };
  readinessProbe?: { httpGet?: { path: string; port: number } };
}
interface KeyRef {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key: string;
  optional: boolean;
}

/** The objects of a build's kubernetes/ files. */
function objectsOf(files: ReadonlyMap<string, string>): Obj[] {
  const out: Obj[] = [];
  for (const [p, c] of files) {
    if (!p.startsWith('kubernetes/') || p.endsWith('kustomization.yaml')) continue;
    for (const d of parseAllDocuments(c)) if (d.contents !== null) out.push(d.toJS() as Obj);
  }
  return out;
}

function find(objs: readonly Obj[], kind: string, name: string): Obj {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} in the manifests`);
  return o;
}

function container(dep: Obj, name: string): Container {
  const c = (dep.spec.template.spec.containers as Container[]).find((x) => x.name === name);
  if (!c) throw new Error(`${dep.metadata.name} has no container ${name}`);
  return c;
}

/**
 * What a container sees at an absolute path: the ConfigMap or Secret key the
 * kubelet puts there (a subPath mount of a file, or a file of a directory
 * mount, through `items` when given), or null.
 */
function keyAt(dep: Obj, c: Container, abs: string, objs: readonly Obj[] = []): KeyRef | null {
  const volumes = dep.spec.template.spec.volumes as { name: string; configMap?: any; secret?: any; projected?: any }[];
  for (const m of c.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    // A projected volume of Secrets (secret files): each source's items map a key to a path below the mount.
    if (v?.projected && m.subPath === undefined && abs.startsWith(`${m.mountPath}/`)) {
      const rel = abs.slice(m.mountPath.length + 1);
      for (const s of v.projected.sources as { secret?: { name: string; items: { key: string; path: string }[]; optional?: boolean }; configMap?: { name: string } }[]) {
        const item = s.secret?.items.find((i) => i.path === rel);
        if (s.secret && item) return { kind: 'Secret', name: s.secret.name, key: item.key, optional: s.secret.optional === true };
        // A projected ConfigMap without items: each of its keys is a file below the mount.
        const cm = s.configMap ? objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === s.configMap?.name) : undefined;
        if (cm && Object.hasOwn(cm.data ?? {}, rel)) return { kind: 'ConfigMap', name: cm.metadata.name, key: rel, optional: false };
      }
    }
    const src = v?.configMap ?? v?.secret;
    if (!v || !src) continue;
    const kind = v.configMap ? 'ConfigMap' : 'Secret';
    const name: string = v.configMap ? src.name : src.secretName;
    const items = src.items as { key: string; path: string }[] | undefined;
    let rel: string | null = null;
    if (m.subPath !== undefined) rel = m.mountPath === abs ? m.subPath : null;
    else if (abs.startsWith(`${m.mountPath}/`)) rel = abs.slice(m.mountPath.length + 1);
    if (rel === null) continue;
    const key = items ? items.find((i) => i.path === rel)?.key : rel.includes('/') ? undefined : rel;
    if (key !== undefined) return { kind, name, key, optional: src.optional === true };
  }
  return null;
}

/** The content of the ConfigMap key at an absolute path in the container. */
function fileAt(objs: readonly Obj[], dep: Obj, c: Container, abs: string): string | undefined {
  const ref = keyAt(dep, c, abs, objs);
  if (!ref || ref.kind !== 'ConfigMap') return undefined;
  return find(objs, 'ConfigMap', ref.name).data?.[ref.key];
}

function argValue(c: Container, flag: string): string {
  const a = (c.args ?? []).find((x) => x.startsWith(`${flag}=`));
  if (a === undefined) throw new Error(`${c.name} has no ${flag}`);
  return a.slice(flag.length + 1);
}

const checksumOf = (objs: readonly Obj[], name: string): string => find(objs, 'Deployment', name).spec.template.metadata.annotations[CHECKSUM_ANNOTATION];

const CENTRAL = ['remote-collector', 'prometheus', 'alertmanager', 'grafana', 'sensu-backend'] as const;

let files: Map<string, string>;
let objs: Obj[];
let model: ClusterModel;

beforeAll(() => {
  const build = buildCluster(ROOT, 'demo', GENERATORS);
  expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = build.files;
  objs = objectsOf(files);
  const compiled = compileModel(ROOT, 'demo');
  if (!compiled.model) throw new Error('the demo model does not compile');
  model = compiled.model;
});

/** The kubernetes/ files generated from the demo's other outputs with `change` applied to them. */
function regenerate(change: (m: Map<string, string>) => void): Obj[] {
  const previous = new Map([...files].filter(([p]) => !p.startsWith('kubernetes/')));
  change(previous);
  const out = kubernetesGenerator.generate(model, { version: 'test', report: () => undefined, previous });
  return objectsOf(new Map(out.map((a) => [a.path, a.content])));
}

describe('GIVEN the demo domain built in-process', () => {
  it('WHEN its manifests are read THEN each central Deployment runs one replica, replaced with Recreate, and has a Service selecting exactly its pods on its ports', () => {
    for (const name of CENTRAL) {
      const dep = find(objs, 'Deployment', name);
      expect(dep.spec.replicas, name).toBe(1);
      expect(dep.spec.strategy, name).toEqual({ type: 'Recreate' });
      const podLabels = dep.spec.template.metadata.labels;
      expect(dep.spec.selector.matchLabels, name).toEqual(podLabels);
      const svc = find(objs, 'Service', name);
      expect(svc.spec.selector, name).toEqual(podLabels);
      // No other Deployment's pods match this Service.
      for (const other of objs.filter((o) => o.kind === 'Deployment' && o.metadata.name !== name)) {
        const l = other.spec.template.metadata.labels as Record<string, string>;
        expect(Object.entries(svc.spec.selector).every(([k, v]) => l[k] === v), `${name} selects ${other.metadata.name}`).toBe(false);
      }
      const containerPorts = (dep.spec.template.spec.containers as Container[]).flatMap((c) => (c.ports ?? []).map((p) => p.containerPort));
      for (const p of svc.spec.ports as { port: number; targetPort: number }[]) expect(containerPorts, `${name} :${p.targetPort}`).toContain(p.targetPort);
    }
    const ports = (name: string): number[] => (find(objs, 'Service', name).spec.ports as { port: number }[]).map((p) => p.port);
    expect(ports('prometheus')).toEqual([9090]);
    expect(ports('alertmanager')).toEqual([9093]);
    expect(ports('grafana')).toEqual([3000]);
    expect(ports('sensu-backend')).toEqual([8080, 8081, 3000]);
    expect(ports('remote-collector')).toEqual([REMOTE_COLLECTOR_PORT]);
  });

  it('WHEN the remote collector is read THEN a PodDisruptionBudget covers its single pod and it runs on the node its scrape target names', () => {
    const dep = find(objs, 'Deployment', 'remote-collector');
    const pdb = find(objs, 'PodDisruptionBudget', 'remote-collector');
    expect(pdb.spec.selector.matchLabels).toEqual(dep.spec.template.metadata.labels);
    expect(pdb.spec.maxUnavailable).toBe(1);
    const targets = JSON.parse(files.get('prometheus/targets/remote-collector.json') ?? '[]') as { targets: string[] }[];
    const [host, port] = targets[0].targets[0].split(':');
    expect(Number(port)).toBe(REMOTE_COLLECTOR_PORT);
    expect(dep.spec.template.spec.hostNetwork).toBe(true);
    expect(dep.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': host });
  });

  it('WHEN Prometheus is read THEN prometheus.yml, every rule file and every file_sd file it names is mounted where it resolves them (relative to the config file)', () => {
    const dep = find(objs, 'Deployment', 'prometheus');
    const c = container(dep, 'prometheus');
    const configFile = argValue(c, '--config.file');
    expect(fileAt(objs, dep, c, configFile)).toBe(files.get('prometheus/prometheus.yml'));
    const config = parse(files.get('prometheus/prometheus.yml') ?? '') as { rule_files: string[]; scrape_configs: { file_sd_configs?: { files: string[] }[] }[] };
    const named = [...config.rule_files, ...config.scrape_configs.flatMap((s) => (s.file_sd_configs ?? []).flatMap((f) => f.files))];
    expect(named.length).toBeGreaterThan(4);
    const seen = new Set<string>(['prometheus/prometheus.yml']);
    for (const rel of named) {
      const abs = path.posix.resolve(path.posix.dirname(configFile), rel);
      expect(fileAt(objs, dep, c, abs), rel).toBe(files.get(`prometheus/${rel}`));
      seen.add(`prometheus/${rel}`);
    }
    // Every file Prometheus reads is deployed; only promtool's tests are not.
    const deployed = [...files.keys()].filter((p) => p.startsWith('prometheus/') && !p.startsWith('prometheus/tests/'));
    expect(deployed.sort()).toEqual([...seen].sort());
    expect(argValue(c, '--storage.tsdb.path')).toBe('/prometheus');
    const dataMount = (c.volumeMounts ?? []).find((m) => m.mountPath === '/prometheus');
    const dataVolume = (dep.spec.template.spec.volumes as { name: string; persistentVolumeClaim?: { claimName: string } }[]).find((v) => v.name === dataMount?.name);
    expect(find(objs, 'PersistentVolumeClaim', dataVolume?.persistentVolumeClaim?.claimName ?? '').spec.resources.requests.storage).toBe('50Gi');
  });

  it('WHEN Alertmanager is read THEN its config is mounted at --config.file and every secret file it names comes from its declared Secret key (required)', () => {
    const dep = find(objs, 'Deployment', 'alertmanager');
    const c = container(dep, 'alertmanager');
    const config = files.get('alertmanager/alertmanager.yml') ?? '';
    expect(fileAt(objs, dep, c, argValue(c, '--config.file'))).toBe(config);
    const secretFiles = [...config.matchAll(/_file: '([^']+)'/g)].map((m) => m[1]);
    expect(secretFiles).toContain('/etc/lmac/secrets/slack/webhook_url');
    for (const f of secretFiles) expect(keyAt(dep, c, f), f).toEqual({ kind: 'Secret', name: 'lmac-secrets', key: 'slack.webhook_url', optional: false });
  });

  it('WHEN Grafana is read THEN the provisioning files are in its provisioning directories and every dashboard is in the directory dashboards.yml names', () => {
    const dep = find(objs, 'Deployment', 'grafana');
    const c = container(dep, 'grafana');
    const dir = c.env?.find((e) => e.name === 'GF_PATHS_PROVISIONING')?.value;
    expect(dir).toBe('/etc/grafana/provisioning');
    expect(fileAt(objs, dep, c, `${dir}/datasources/datasources.yml`)).toBe(files.get('grafana/provisioning/datasources.yml'));
    expect(fileAt(objs, dep, c, `${dir}/dashboards/dashboards.yml`)).toBe(files.get('grafana/provisioning/dashboards.yml'));
    const providers = (parse(files.get('grafana/provisioning/dashboards.yml') ?? '') as { providers: { options: { path: string } }[] }).providers;
    const dashboards = [...files.keys()].filter((p) => p.startsWith('grafana/dashboards/'));
    expect(dashboards.length).toBeGreaterThan(3);
    for (const d of dashboards) expect(fileAt(objs, dep, c, `${providers[0].options.path}/${path.posix.basename(d)}`), d).toBe(files.get(d));
  });

  it('WHEN the remote collector and the Sensu backend are read THEN Telegraf reads its telegraf.conf and the sidecar creates every Sensu resource file, in dependency order', () => {
    const rc = find(objs, 'Deployment', 'remote-collector');
    const t = container(rc, 'telegraf');
    const conf = (t.args ?? [])[(t.args ?? []).indexOf('--config') + 1];
    expect(fileAt(objs, rc, t, conf)).toBe(files.get('remote-collector/telegraf.conf'));

    const sensu = find(objs, 'Deployment', 'sensu-backend');
    const applier = container(sensu, 'apply-resources');
    const script = (applier.command ?? []).join(' ');
    const created = [...script.matchAll(/-f (\S+)/g)].map((m) => m[1]);
    expect(created.map((p) => path.posix.basename(p))).toEqual(['secrets.yml', 'filters.yml', 'handlers.yml', 'checks.yml']);
    for (const p of created) expect(fileAt(objs, sensu, applier, p), p).toBe(files.get(`sensu/${path.posix.basename(p)}`));
    // The delivery script runs on a Sensu agent: packaged for it, not mounted in the backend.
    const bin = find(objs, 'ConfigMap', 'sensu-bin');
    for (const p of [...files.keys()].filter((k) => k.startsWith('sensu/bin/'))) expect(bin.data?.[path.posix.basename(p)], p).toBe(files.get(p));
  });

  it('WHEN the central pods are read THEN each container has pinned images, explicit resources, probes on HTTP servers, and runs as non-root on a read-only root file system', () => {
    for (const name of CENTRAL) {
      const dep = find(objs, 'Deployment', name);
      expect(dep.spec.template.spec.securityContext.runAsNonRoot, name).toBe(true);
      expect(dep.spec.template.spec.automountServiceAccountToken, name).toBe(false);
      for (const c of dep.spec.template.spec.containers as Container[]) {
        expect(c.image, c.name).toMatch(/:[0-9v][^:]*$/);
        expect(Object.keys(c.resources?.requests ?? {}).sort(), c.name).toEqual(['cpu', 'memory']);
        expect(Object.keys(c.resources?.limits ?? {}).sort(), c.name).toEqual(['cpu', 'memory']);
        expect(c.securityContext, c.name).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect((c.securityContext?.runAsUser as number) > 0, c.name).toBe(true);
      }
    }
    const probe = (name: string, c: string): [string | undefined, string | undefined] => {
      const x = container(find(objs, 'Deployment', name), c);
      return [x.livenessProbe?.httpGet?.path, x.readinessProbe?.httpGet?.path];
    };
    expect(probe('prometheus', 'prometheus')).toEqual(['/-/healthy', '/-/ready']);
    expect(probe('alertmanager', 'alertmanager')).toEqual(['/-/healthy', '/-/ready']);
    expect(probe('grafana', 'grafana')).toEqual(['/api/health', '/api/health']);
    expect(probe('sensu-backend', 'sensu-backend')).toEqual(['/health', '/health']);
    expect(probe('remote-collector', 'telegraf')).toEqual(['/metrics', '/metrics']);
    expect(container(find(objs, 'Deployment', 'prometheus'), 'prometheus').image).toBe('quay.io/prometheus/prometheus:v2.55.1');
  });
});

describe('GIVEN the demo with one packaged file changed', () => {
  const cases: [string, string, string][] = [
    ['prometheus/rules/afd.yml', 'prometheus', 'prometheus-rules-1'],
    ['prometheus/rules/metrics.yml', 'prometheus', 'prometheus-rules-2'],
    ['prometheus/targets/metric-collectors.json', 'prometheus', 'prometheus-targets'],
    ['alertmanager/alertmanager.yml', 'alertmanager', 'alertmanager-config'],
    ['grafana/dashboards/rabbitmq.json', 'grafana', 'grafana-dashboards'],
    ['grafana/provisioning/datasources.yml', 'grafana', 'grafana-provisioning'],
    ['sensu/checks.yml', 'sensu-backend', 'sensu-resources'],
    ['remote-collector/telegraf.conf', 'remote-collector', 'remote-collector-config'],
  ];
  for (const [file, deployment, configMap] of cases) {
    it(`WHEN ${file} changes THEN only the checksum of ${deployment} and the ConfigMap ${configMap} change`, () => {
      const before = regenerate(() => undefined);
      const after = regenerate((m) => m.set(file, `${m.get(file) ?? ''}\n`));
      for (const name of CENTRAL) {
        if (name === deployment) expect(checksumOf(after, name), name).not.toBe(checksumOf(before, name));
        else expect(checksumOf(after, name), name).toBe(checksumOf(before, name));
      }
      const changed = after.filter((o, i) => JSON.stringify(o) !== JSON.stringify(before[i])).map((o) => `${o.kind}/${o.metadata.name}`);
      expect(changed.sort()).toEqual([`ConfigMap/${configMap}`, `Deployment/${deployment}`].sort());
    });
  }

  it('WHEN the delivery script in sensu/bin changes THEN the backend does not restart (it does not mount it)', () => {
    const before = regenerate(() => undefined);
    const after = regenerate((m) => m.set('sensu/bin/lma-sensu-events.json', '{}\n'));
    expect(checksumOf(after, 'sensu-backend')).toBe(checksumOf(before, 'sensu-backend'));
  });
});

describe('GIVEN a domain without some outputs', () => {
  it('WHEN there are no Sensu or Grafana files THEN no Sensu backend or Grafana objects are generated, and the others are unchanged', () => {
    const full = regenerate(() => undefined);
    const without = regenerate((m) => {
      for (const k of [...m.keys()]) if (k.startsWith('sensu/') || k.startsWith('grafana/')) m.delete(k);
    });
    const component = (o: Obj): string | undefined => o.metadata.labels?.['app.kubernetes.io/component'];
    expect(without.filter((o) => component(o) === 'sensu' || component(o) === 'grafana')).toEqual([]);
    expect(without).toEqual(full.filter((o) => component(o) !== 'sensu' && component(o) !== 'grafana'));
  });
});
