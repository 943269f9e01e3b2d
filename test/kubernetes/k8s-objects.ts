/**
 * Reading a build's kubernetes/ files back as objects, and temp copies of the
 * shipped model to build changed variants of the demo from.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/tools.js';

export interface KubeObj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [k: string]: unknown;
}

/** A pod template as the tests read it (the fields they look at). */
export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    hostNetwork?: boolean;
    hostPID?: boolean;
    automountServiceAccountToken?: boolean;
    serviceAccountName?: string;
    nodeSelector?: Record<string, string>;
    securityContext?: { runAsUser?: number; runAsNonRoot?: boolean };
    containers: {
      name: string;
      image: string;
      env?: { name: string; value: string }[];
      ports?: { containerPort: number; hostPort?: number; name?: string }[];
      volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
      securityContext: { runAsUser?: number; readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { add?: string[]; drop?: string[] } };
      livenessProbe?: { httpGet?: { path: string; port: number } };
      readinessProbe?: { httpGet?: { path: string; port: number } };
      resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    }[];
    volumes: { name: string; configMap?: { name: string }; hostPath?: { path: string; type?: string }; emptyDir?: object }[];
  };
}

export interface Workload extends KubeObj {
  spec: { selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }; template: PodTemplate };
}

/** The kubernetes/ files of a build (path -> content). */
export function kubeFiles(files: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...files].filter(([p]) => p.startsWith('kubernetes/')));
}

const parsed = new WeakMap<ReadonlyMap<string, string>, { file: string; obj: KubeObj }[]>();

/** Every object of the manifest files (not the kustomizations), with the file it is in (parsed once per build). */
export function kubeObjects(files: ReadonlyMap<string, string>): { file: string; obj: KubeObj }[] {
  const known = parsed.get(files);
  if (known) return known;
  const out: { file: string; obj: KubeObj }[] = [];
  for (const [p, content] of kubeFiles(files)) {
    if (p.endsWith('/kustomization.yaml')) continue;
    for (const doc of parseAllDocuments(content)) {
      if (doc.errors.length > 0) throw new Error(`${p}: ${doc.errors[0].message}`);
      const obj = doc.toJS() as KubeObj | null;
      if (obj !== null) out.push({ file: p, obj });
    }
  }
  parsed.set(files, out);
  return out;
}

export function findObject(files: ReadonlyMap<string, string>, kind: string, name: string): KubeObj | undefined {
  return kubeObjects(files).find(({ obj }) => obj.kind === kind && obj.metadata.name === name)?.obj;
}

/** A temp model repository: the shipped models/ and clusters/demo/, to change and build. */
export function demoCopy(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-k8s-'));
  cpSync(path.join(ROOT, 'models'), path.join(dir, 'models'), { recursive: true });
  cpSync(path.join(ROOT, 'clusters/demo'), path.join(dir, 'clusters/demo'), { recursive: true });
  return dir;
}

/** Appends YAML text to a file of a temp repository (a node file ends inside `parameters:`). */
export function appendTo(root: string, file: string, text: string): void {
  const p = path.join(root, file);
  writeFileSync(p, readFileSync(p, 'utf8') + text);
}
