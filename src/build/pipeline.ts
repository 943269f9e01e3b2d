/**
 * The build of one cluster domain, from model to files (DESIGN.md's pipeline):
 * load + merge + interpolate (inventory), validate (schema and lint), node and
 * cluster models, then every registered generator, then the last-line check
 * of secrets over their files. Nothing here writes: the writer does, at the
 * edge. `lmac validate` stops after the models.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import { Codes, error, hasErrors } from '../diagnostics/index.js';
import type { Entity } from '../inventory/entity.js';
import { Inventory } from '../inventory/inventory.js';
import { openLmacCluster } from '../inventory/storage.js';
import { checkArtifacts, guardedValues } from '../secrets/leak-check.js';
import { clusterModel, type ClusterModel } from '../model/cluster-model.js';
import { nodeModel, type NodeModel } from '../model/node-model.js';
import { checkEntityKeys, checkNode, lintDashboardQueries, lintDomain, lintRemoteSelection } from '../validate/index.js';
import { VERSION } from '../version.js';
import type { Artifact, Generator } from './generator.js';
import { manifestFor, modelDigest, type Manifest } from './manifest.js';

export interface ClusterBuild {
  cluster: string;
  /** Output path -> content, sorted by path; empty when the build failed. */
  files: Map<string, string>;
  manifest: Manifest | null;
  diagnostics: Diagnostic[];
  /** The validated model the files were generated from (null when the model has errors), for commands that report on it (`lmac secrets`). */
  model?: ClusterModel | null;
}

/** Output paths stay inside the generator's folder: no `..`, no absolute paths. */
const SAFE_PATH = /^[A-Za-z0-9_.@+-]+(?:\/[A-Za-z0-9_.@+-]+)*$/;

export interface CompiledModel {
  inventory: Inventory;
  /** Null when the model has errors (every error found is in diagnostics). */
  model: ClusterModel | null;
  diagnostics: Diagnostic[];
}

/** Everything before the generators: the cluster's validated model, or all its errors. */
export function compileModel(root: string, cluster: string): CompiledModel {
  const inventory = new Inventory(openLmacCluster(root, cluster));
  const fail = (diagnostics: Diagnostic[]): CompiledModel => ({ inventory, model: null, diagnostics });
  if (hasErrors(inventory.diagnostics)) return fail(inventory.diagnostics);
  const diagnostics: Diagnostic[] = [];
  const nodes: NodeModel[] = [];
  // Each class once, however many nodes include it.
  const entities = new Set<Entity>();
  // Every metric name some node declares or produces: what the domain's dashboards may read.
  const metrics = new Set<string>();
  for (const name of inventory.nodeNames()) {
    const r = inventory.renderNode(name);
    if (!r.ok) {
      diagnostics.push(...r.diagnostics);
      continue;
    }
    diagnostics.push(...r.warnings);
    for (const e of r.merged.order) entities.add(e);
    const checked = checkNode(r.info, r.merged);
    diagnostics.push(...checked.diagnostics);
    for (const m of checked.metrics) metrics.add(m);
    nodes.push(nodeModel(r.info, r.merged, checked.lma));
  }
  diagnostics.push(...checkEntityKeys(entities));
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const { model, diagnostics: modelDiags } = clusterModel(cluster, nodes);
  diagnostics.push(...modelDiags);
  if (hasErrors(diagnostics)) return fail(diagnostics);
  diagnostics.push(...lintDomain(model), ...lintRemoteSelection(model), ...lintDashboardQueries(model, metrics));
  if (hasErrors(diagnostics)) return fail(diagnostics);
  return { inventory, model, diagnostics };
}

export function buildCluster(root: string, cluster: string, generators: readonly Generator[]): ClusterBuild {
  const { inventory: inv, model, diagnostics } = compileModel(root, cluster);
  const fail = (diagnostics: Diagnostic[]): ClusterBuild => ({ cluster, files: new Map(), manifest: null, diagnostics, model });
  if (!model) return fail(diagnostics);

  const files = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const g of generators) {
    let artifacts: Artifact[];
    try {
      artifacts = g.generate(model, { version: VERSION, report: (d) => diagnostics.push(d), previous: files });
    } catch (e) {
      diagnostics.push(error(Codes.GENERATOR_FAILED, `generator ${g.name} failed: ${(e as Error).message} (a bug in lmac; please report it)`));
      continue;
    }
    for (const a of artifacts) {
      const clash = owners.get(a.path);
      if (!SAFE_PATH.test(a.path) || a.path.split('/').some((p) => p === '.' || p === '..') || !a.path.startsWith(`${g.name}/`)) {
        diagnostics.push(error(Codes.OUTPUT_CONFLICT, `generator ${g.name} produced the path '${a.path}', which is not a plain path inside ${g.name}/`));
      } else if (clash) {
        diagnostics.push(error(Codes.OUTPUT_CONFLICT, `${a.path} is produced twice (by ${clash} and ${g.name})`));
      } else {
        owners.set(a.path, g.name);
        files.set(a.path, a.content);
      }
    }
  }
  // The last line: no plain sensitive value and no unrendered reference leaves lmac (docs/secrets.md).
  diagnostics.push(...checkArtifacts(files, guardedValues(model.nodes)));
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { cluster, files: sorted, manifest: manifestFor(cluster, VERSION, modelDigest(inv.inputs()), sorted), diagnostics, model };
}
