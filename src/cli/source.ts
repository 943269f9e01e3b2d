/**
 * Which inventory a command reads: a plain Reclass directory (--reclass DIR)
 * or one cluster of the lmac model repository (--root, default: the working directory).
 */
import { openLmacCluster, openReclassDir, listClusters, type Storage } from '../inventory/storage.js';
import { Inventory } from '../inventory/inventory.js';
import { UsageError } from './usage-error.js';

export interface SourceOptions {
  reclass?: string;
  root?: string;
}

export function openInventory(cluster: string | undefined, opts: SourceOptions): Inventory {
  let storage: Storage;
  if (opts.reclass) {
    if (cluster) throw new UsageError('give either a cluster name or --reclass DIR, not both');
    storage = openReclassDir(opts.reclass);
  } else {
    const root = opts.root ?? process.cwd();
    if (!cluster) {
      const known = listClusters(root);
      throw new UsageError(`name a cluster${known.length ? ` (${known.join(', ')})` : ''} or give --reclass DIR`);
    }
    storage = openLmacCluster(root, cluster);
  }
  return new Inventory(storage);
}
