/**
 * Secrets in the pods. The generated configs read a secret reference through
 * an indirection (src/secrets/reference.ts): `${ENV}` (Telegraf, Fluent Bit),
 * `$ENV` (Grafana provisioning), a Sensu Secret with the `env` provider, or a
 * file (Alertmanager's `*_file` fields). Here each pod gets exactly the
 * secrets its packaged files name:
 * - an environment variable: an `env` entry with `valueFrom.secretKeyRef`
 *   {name: kubernetes.secret, key: kubernetes.key} of the secret's declaration;
 * - a file: a projected volume of the Secrets' keys, mounted read-only so each
 *   key appears at its declared path.
 * The Secret objects are not generated (they would hold the values); the
 * references are required, so a pod whose Secret or key is missing waits
 * (CreateContainerConfigError, or a volume that cannot be mounted) naming it,
 * instead of running with an empty credential. `lmac secrets <cluster>` lists
 * them (docs/secrets.md).
 */
import path from 'node:path';
import { ApiObject, JsonPatch, type Chart } from 'cdk8s';
import { EnvValue, Secret, type Deployment, type ISecret } from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { Codes, error } from '../../src/diagnostics/index.js';
import { DEFAULT_SECRET_DIR, referencesIn, secretSource, type SecretSource } from '../../src/secrets/reference.js';
import { locateValue } from '../../src/validate/locate.js';
import { slackUrlSecret } from '../alertmanager/receivers.js';
import { domainSecrets } from '../secrets/indirection.js';
import type { LmaNode } from './context.js';

/** The domain's secrets by the environment variable and by the file they are read from. */
export interface DomainSecretSources {
  byEnv: ReadonlyMap<string, SecretSource>;
  byFile: ReadonlyMap<string, SecretSource>;
}

const sameKube = (a: SecretSource, b: SecretSource): boolean => a.kubernetes.secret === b.kubernetes.secret && a.kubernetes.key === b.kubernetes.key;

/**
 * Every secret of the domain (referenced on a node, declared, or the implicit
 * Slack URL of a receiver without api_url), with its source. Two secrets read
 * from one environment variable or file but from different Secret keys cannot
 * both reach a pod: LMAC358, at the second one's declaration.
 */
export function domainSecretSources(nodes: readonly LmaNode[], report: (d: ReturnType<typeof error>) => void): DomainSecretSources {
  const declared = domainSecrets(nodes);
  const where = new Map<string, { node: LmaNode; path: (string | number)[] }>();
  for (const n of nodes) {
    for (const name of Object.keys(n.lma.secrets)) if (!where.has(name)) where.set(name, { node: n, path: ['lma', 'secrets', name] });
    for (const r of referencesIn(n.lma, ['lma'])) if (!where.has(r.name)) where.set(r.name, { node: n, path: r.path });
    for (const [h, handler] of Object.entries(n.lma.handlers)) {
      const implicit = slackUrlSecret(h);
      if ((handler.slack.channel || handler.slack.api_url) && handler.slack.api_url === '' && !where.has(implicit)) where.set(implicit, { node: n, path: ['lma', 'handlers', h, 'slack'] });
    }
  }
  const byEnv = new Map<string, SecretSource>();
  const byFile = new Map<string, SecretSource>();
  for (const name of [...where.keys()].sort()) {
    const src = secretSource(name, Object.hasOwn(declared, name) ? declared[name] : undefined);
    for (const [map, k, what] of [[byEnv, src.env, 'environment variable'], [byFile, src.file, 'file']] as const) {
      const other = map.get(k);
      if (other === undefined) map.set(k, src);
      else if (!sameKube(other, src)) {
        const w = where.get(name) as { node: LmaNode; path: (string | number)[] };
        const at = locateValue(w.node, w.path);
        report(error(Codes.SECRET_SOURCE_CONFLICT, `secrets ${other.name} and ${name} are both read from ${what} ${k} but come from different Kubernetes Secret keys (${other.kubernetes.secret}/${other.kubernetes.key}, ${src.kubernetes.secret}/${src.kubernetes.key}); give one its own ${what === 'file' ? 'file' : 'env'} in lma.secrets`, at.location, at.related));
      }
    }
  }
  return { byEnv, byFile };
}

const ENV_USE = /(?<![$\\])\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The secrets that configs read from the environment: `${ENV}` (Telegraf,
 * Fluent Bit) or `$ENV` (Grafana) naming a secret's variable. Model text never
 * has such a `$` (Telegraf's is \u0024, Fluent Bit refuses it, Grafana's is
 * doubled), so every match of a secret's variable is a reference.
 */
export function envSecretsIn(texts: Iterable<string>, d: DomainSecretSources): SecretSource[] {
  const found = new Map<string, SecretSource>();
  for (const t of texts) {
    for (const m of t.matchAll(ENV_USE)) {
      const src = d.byEnv.get(m[1] ?? m[2]);
      if (src) found.set(src.env, src);
    }
  }
  return [...found.values()].sort((a, b) => (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
}

/** The secrets of Sensu's secrets.yml: each Secret of the `env` provider names the backend's variable (its id). */
export function sensuEnvSecrets(secretsYml: string | undefined, d: DomainSecretSources): SecretSource[] {
  if (secretsYml === undefined) return [];
  const found = new Map<string, SecretSource>();
  for (const doc of parseAllDocuments(secretsYml)) {
    const r = doc.toJS() as { type?: string; spec?: { provider?: string; id?: string } } | null;
    if (r?.type !== 'Secret' || r.spec?.provider !== 'env' || typeof r.spec.id !== 'string') continue;
    const src = d.byEnv.get(r.spec.id);
    if (!src) throw new Error(`sensu/secrets.yml: Secret with id ${r.spec.id} is no secret of the domain`);
    found.set(src.env, src);
  }
  return [...found.values()].sort((a, b) => (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
}

/** The files of the domain's secrets that a parsed config names (any string value equal to a secret's file), sorted. */
export function fileSecretsIn(config: unknown, d: DomainSecretSources): { file: string; source: SecretSource }[] {
  const found = new Map<string, SecretSource>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const src = d.byFile.get(v);
      if (src) found.set(v, src);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(config);
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, source]) => ({ file, source }));
}

const secretRefs = new WeakMap<Chart, Map<string, ISecret>>();

/** The chart's reference to an existing Secret (one construct per name). */
function secretRef(chart: Chart, name: string): ISecret {
  let m = secretRefs.get(chart);
  if (!m) secretRefs.set(chart, (m = new Map()));
  let s = m.get(name);
  if (!s) m.set(name, (s = Secret.fromSecretName(chart, `secret-ref-${name}`, name)));
  return s;
}

/** One environment variable per secret, from its Secret key (required: the pod waits, naming the Secret, until it exists). */
export function secretEnvValues(chart: Chart, sources: readonly SecretSource[]): Record<string, EnvValue> {
  return Object.fromEntries(sources.map((s) => [s.env, EnvValue.fromSecretValue({ secret: secretRef(chart, s.kubernetes.secret), key: s.kubernetes.key })]));
}

/**
 * Where the secret files are mounted: one directory per group of files, the
 * default directory (/etc/lmac/secrets) for the files under it, else the
 * file's own directory; a directory inside another is folded into it.
 */
function mountRoots(files: readonly string[]): string[] {
  const roots = [...new Set(files.map((f) => (f.startsWith(`${DEFAULT_SECRET_DIR}/`) ? DEFAULT_SECRET_DIR : path.posix.dirname(f))))].sort();
  return roots.filter((r) => !roots.some((o) => o !== r && r.startsWith(`${o}/`)));
}

/**
 * Mounts the secret files a container reads: per mount directory a projected
 * volume with, per Kubernetes Secret, the items key -> path below it. Files
 * that cannot be mounted (not absolute, right under `/`, or inside a directory
 * the container already mounts, `reserved`) are LMAC359 at their declaration.
 */
export function mountSecretFiles(
  deployment: Deployment,
  containerIndex: number,
  files: readonly { file: string; source: SecretSource }[],
  reserved: readonly string[],
  nodes: readonly LmaNode[],
  report: (d: ReturnType<typeof error>) => void,
): void {
  const ok = files.filter(({ file, source }) => {
    const norm = path.posix.normalize(file);
    const dir = path.posix.dirname(norm);
    const bad = !path.posix.isAbsolute(file) || norm !== file || dir === '/' || reserved.some((r) => file === r || file.startsWith(`${r}/`) || r.startsWith(`${dir}/`));
    if (bad) {
      const n = nodes.find((x) => Object.hasOwn(x.lma.secrets, source.name)) ?? nodes[0];
      const at = locateValue(n, ['lma', 'secrets', source.name, 'file']);
      report(error(Codes.SECRET_FILE_UNMOUNTABLE, `secret ${source.name} is read from file ${file}, which cannot be mounted into the pod (it must be an absolute path in a directory other than / and outside ${reserved.join(', ')})`, at.location, at.related));
    }
    return !bad;
  });
  const api = ApiObject.of(deployment);
  mountRoots(ok.map((f) => f.file)).forEach((root, i) => {
    const bySecret = new Map<string, { key: string; path: string }[]>();
    for (const { file, source } of ok) {
      if (!file.startsWith(`${root}/`)) continue;
      const items = bySecret.get(source.kubernetes.secret) ?? [];
      items.push({ key: source.kubernetes.key, path: file.slice(root.length + 1) });
      bySecret.set(source.kubernetes.secret, items);
    }
    const name = `secrets-${i}`;
    const sources = [...bySecret.keys()].sort().map((s) => ({ secret: { name: s, items: bySecret.get(s) } }));
    // Readable by the pod's group only (fsGroup): 0440.
    api.addJsonPatch(
      JsonPatch.add('/spec/template/spec/volumes/-', { name, projected: { defaultMode: 0o440, sources } }),
      JsonPatch.add(`/spec/template/spec/containers/${containerIndex}/volumeMounts/-`, { name, mountPath: root, readOnly: true }),
    );
  });
}
