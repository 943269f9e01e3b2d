/**
 * The contract every output generator implements. A generator is pure: it gets
 * the cluster model and returns files (path relative to out/<cluster>/, text);
 * it never reads or writes the file system. Registered in generators/index.ts.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { ClusterModel } from '../model/cluster-model.js';

export interface Artifact {
  /** Relative to out/<cluster>/, '/'-separated; the first segment is the generator's name. */
  path: string;
  content: string;
}

export interface GeneratorContext {
  /** lmac's version, for generators that stamp their output. */
  version: string;
  /** Problems found while generating (not thrown): reported with the build's diagnostics. */
  report(d: Diagnostic): void;
  /**
   * The files of the generators listed before this one (path -> content), for a
   * generator that packages others' output (Kubernetes ConfigMaps). Read-only.
   */
  previous: ReadonlyMap<string, string>;
}

export interface Generator {
  /** Folder name under out/<cluster>/ and the generator's name in messages. */
  readonly name: string;
  readonly description: string;
  generate(cluster: ClusterModel, ctx: GeneratorContext): Artifact[];
}
