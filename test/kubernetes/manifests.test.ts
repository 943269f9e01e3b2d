/**
 * The demo domain's Kubernetes manifests, built in-process (never a stale
 * out/): every object validates against the Kubernetes OpenAPI types
 * (kubernetes-models, whatever kinds the build holds), the kustomization
 * renders with the real `kubectl kustomize`, names carry no cdk8s hashes, and
 * every selector selects its pods by the stable labels.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildCluster } from '../../src/build/pipeline.js';
import { GENERATORS } from '../../generators/index.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';
import { kubeFiles, kubeObjects, type KubeObj, type Workload } from './k8s-objects.js';

const build = buildCluster(ROOT, 'demo', GENERATORS);
const objects = kubeObjects(build.files);

/** A kubernetes-models class: validate() throws on a type error or a missing required field. */
interface ModelClass {
  new (data: object): { validate(): void };
}

/**
 * The model class of an apiVersion and kind, from kubernetes-models' module of
 * that group version (`apps/v1` -> kubernetes-models/apps/v1, `v1` ->
 * kubernetes-models/v1). A kind it does not know fails the test: no object
 * goes unchecked.
 */
async function modelClass(apiVersion: string, kind: string): Promise<ModelClass> {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) throw new Error(`apiVersion ${apiVersion} is not a Kubernetes group version`);
  let mod: Record<string, unknown>;
  try {
    const specifier = `kubernetes-models/${apiVersion}`;
    mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`kubernetes-models has no API group version ${apiVersion} (kind ${kind})`, { cause: e });
  }
  const cls = mod[kind];
  if (typeof cls !== 'function') throw new Error(`kubernetes-models has no kind ${kind} in ${apiVersion}`);
  return cls as ModelClass;
}

async function validate(obj: KubeObj): Promise<void> {
  const Model = await modelClass(obj.apiVersion, obj.kind);
  new Model(obj).validate();
}

const WORKLOAD_KINDS = new Set(['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet', 'Job']);
const isWorkload = (o: KubeObj): o is Workload => WORKLOAD_KINDS.has(o.kind);

describe('GIVEN the demo domain built in-process', () => {
  it('WHEN it builds THEN there are no errors and kubernetes/ holds manifests', () => {
    expect(build.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(objects.length).toBeGreaterThan(10);
  });

  it('WHEN every object is validated with kubernetes-models (its apiVersion and kind) THEN all pass', async () => {
    const kinds = new Set<string>();
    for (const { file, obj } of objects) {
      kinds.add(`${obj.apiVersion} ${obj.kind}`);
      await expect(validate(obj), `${file}: ${obj.kind}/${obj.metadata.name}`).resolves.toBeUndefined();
    }
    // The collectors' kinds at least (other components add theirs; each is validated above).
    for (const k of ['v1 Namespace', 'v1 ServiceAccount', 'v1 ConfigMap', 'apps/v1 DaemonSet']) expect(kinds).toContain(k);
  });

  it('WHEN a manifest is broken THEN validation fails (the check can fail)', async () => {
    const ds = objects.find(({ obj }) => obj.kind === 'DaemonSet')!.obj as Workload;
    // A DaemonSet without its required selector.
    const { selector: _selector, ...noSelector } = ds.spec;
    await expect(validate({ ...ds, spec: noSelector } as unknown as KubeObj)).rejects.toThrow(/selector/);
    // A container list that is not a list.
    const badContainers = { ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, containers: { name: 'x' } } } } };
    await expect(validate(badContainers as unknown as KubeObj)).rejects.toThrow();
    // A ConfigMap value that is not a string.
    const cm = objects.find(({ obj }) => obj.kind === 'ConfigMap')!.obj;
    await expect(validate({ ...cm, data: { 'telegraf.conf': 42 } } as unknown as KubeObj)).rejects.toThrow(/data/);
    // A kind kubernetes-models does not know.
    await expect(validate({ ...cm, kind: 'ConfigMapp' })).rejects.toThrow(/no kind ConfigMapp/);
  });

  it('WHEN names and labels are read THEN none carries a cdk8s hash or construct address', () => {
    for (const { obj } of objects) {
      expect(obj.metadata.name, `${obj.kind}/${obj.metadata.name}`).not.toMatch(/-c8[0-9a-f]{6}$/);
      const text = JSON.stringify(obj);
      expect(text, `${obj.kind}/${obj.metadata.name}`).not.toContain('cdk8s.io/metadata.addr');
    }
  });

  it('WHEN objects are listed THEN each kind and name is unique and namespaced objects are in the domain namespace', () => {
    const keys = objects.map(({ obj }) => `${obj.kind}/${obj.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const { obj } of objects) {
      if (['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(obj.kind)) expect(obj.metadata.namespace).toBeUndefined();
      else expect(obj.metadata.namespace, `${obj.kind}/${obj.metadata.name}`).toBe('lma');
    }
  });

  it('WHEN workloads are read THEN every selector equals its pod template labels, and every other selector selects pods', () => {
    const templates: Record<string, string>[] = [];
    for (const { obj } of objects.filter(({ obj }) => isWorkload(obj))) {
      const w = obj as Workload;
      expect(w.spec.selector.matchExpressions, `${w.kind}/${w.metadata.name}`).toBeUndefined();
      expect(w.spec.selector.matchLabels, `${w.kind}/${w.metadata.name}`).toEqual(w.spec.template.metadata.labels);
      templates.push(w.spec.template.metadata.labels);
    }
    // Services and PodDisruptionBudgets select the pods of a workload.
    const selects = (sel: Record<string, string>): boolean => templates.some((l) => Object.entries(sel).every(([k, v]) => l[k] === v));
    for (const { obj } of objects) {
      const spec = obj.spec as { selector?: Record<string, unknown> } | undefined;
      if (obj.kind === 'Service' && spec?.selector) expect(selects(spec.selector as Record<string, string>), `Service/${obj.metadata.name}`).toBe(true);
      if (obj.kind === 'PodDisruptionBudget') {
        const ml = (spec?.selector as { matchLabels?: Record<string, string> }).matchLabels ?? {};
        expect(Object.keys(ml).length).toBeGreaterThan(0);
        expect(selects(ml), `PodDisruptionBudget/${obj.metadata.name}`).toBe(true);
      }
    }
    // Two workloads never select the same pods (their controllers would fight over them).
    const keys = templates.map((l) => JSON.stringify(Object.entries(l).sort()));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('WHEN the same domain builds twice THEN the manifests are byte-identical', () => {
    const again = buildCluster(ROOT, 'demo', GENERATORS);
    expect(kubeFiles(again.files)).toEqual(kubeFiles(build.files));
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = toolAvailable('kubectl (kubectl kustomize)', kubectl.status === 0);

// Kubernetes stores an object in etcd, which refuses one over 1 MiB: a library's rules must be split.
describe('GIVEN the shipped clusters\' ConfigMaps', () => {
  it.each(['demo', 'k8s-demo'])('WHEN %s is built THEN every ConfigMap holds less than 1 MiB of data', (cluster) => {
    const files = buildCluster(ROOT, cluster, GENERATORS).files;
    const maps = kubeObjects(files).map(({ obj }) => obj).filter((o) => o.kind === 'ConfigMap') as unknown as { metadata: { name: string }; data?: Record<string, string> }[];
    expect(maps.length).toBeGreaterThan(0);
    const big = maps.map((m) => [m.metadata.name, Object.entries(m.data ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0)] as const).filter(([, n]) => n >= 1024 * 1024);
    expect(big).toEqual([]);
  });
});

describe.runIf(hasKubectl)('GIVEN the demo kubernetes/ files written to a temp dir', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-kustomize-'));
    for (const [p, c] of kubeFiles(build.files)) {
      mkdirSync(path.join(dir, path.dirname(p)), { recursive: true });
      writeFileSync(path.join(dir, p), c);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('WHEN kubectl kustomize renders kubernetes/ THEN it succeeds with every object, setup first', () => {
    const r = spawnSync('kubectl', ['kustomize', path.join(dir, 'kubernetes')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rendered = parseAllDocuments(r.stdout).map((d) => d.toJS() as KubeObj);
    expect(rendered.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(objects.map(({ obj }) => `${obj.kind}/${obj.metadata.name}`).sort());
    // kustomize orders by kind: the namespace and service accounts before the workloads that need them.
    expect(rendered[0].kind).toBe('Namespace');
    const firstWorkload = rendered.findIndex((o) => WORKLOAD_KINDS.has(o.kind));
    const lastAccount = rendered.map((o) => o.kind).lastIndexOf('ServiceAccount');
    expect(lastAccount).toBeLessThan(firstWorkload);
  });

  it('WHEN kubectl kustomize renders kubernetes/setup alone THEN it succeeds', () => {
    const r = spawnSync('kubectl', ['kustomize', path.join(dir, 'kubernetes/setup')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('kind: Namespace');
  });

  it('WHEN a resource file is missing THEN kubectl kustomize fails (the check can fail)', () => {
    const broken = mkdtempSync(path.join(os.tmpdir(), 'lmac-kustomize-broken-'));
    try {
      writeFileSync(path.join(broken, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- missing-daemonset.yaml\n');
      const r = spawnSync('kubectl', ['kustomize', broken], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/missing-daemonset\.yaml/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
