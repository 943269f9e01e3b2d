/**
 * The lmac layout: models/ and clusters/<name>/ as classes, clusters/<name>/nodes as
 * the cluster's nodes (DESIGN.md), rendered with the same engine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inventory } from '../../src/inventory/inventory.js';
import { openLmacCluster } from '../../src/inventory/storage.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'lmac-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
function write(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
}

write('models/system/linux/node.yml', 'classes: [service.linux.system]\nparameters: {role: [node]}\n');
write('models/service/linux/system.yml', 'parameters: {role: [system]}\n');
// In init.yml (class cluster.lab) `.x` would mean cluster.x, as in Reclass; relative names are used in control.yml.
write('clusters/lab/init.yml', 'parameters: {_param: {domain: lab.local}}\n');
write('clusters/lab/common.yml', 'parameters: {role: [common]}\n');
write('clusters/lab/control.yml', 'classes: [system.linux.node, cluster.lab, .common]\nparameters: {fqdn: "${_reclass_:name:short}.${_param:domain}"}\n');
write('clusters/lab/nodes/ctl01.yml', 'classes: [cluster.lab.control]\n');
write('clusters/other/nodes/x01.yml', 'classes: [cluster.lab.control]\n');

describe('GIVEN a model repository in the lmac layout', () => {
  const inv = new Inventory(openLmacCluster(root, 'lab'));

  it('WHEN opening cluster lab THEN only its own nodes are built', () => {
    expect(inv.diagnostics).toEqual([]);
    expect(inv.nodeNames()).toEqual(['ctl01']);
  });

  it('WHEN rendering THEN models/ and clusters/ classes resolve by their dotted names, init.yml and relative names included', () => {
    const r = inv.renderNode('ctl01');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.info.classes).toEqual(['service.linux.system', 'system.linux.node', 'cluster.lab', 'cluster.lab.common', 'cluster.lab.control']);
    expect(r.info.parameters.role).toEqual(['system', 'node', 'common']);
    expect(r.info.parameters.fqdn).toBe('ctl01.lab.local');
  });

  it('WHEN the cluster does not exist THEN the diagnostic lists the clusters there are', () => {
    const bad = new Inventory(openLmacCluster(root, 'nope'));
    expect(bad.diagnostics[0].code).toBe('LMAC152');
    expect(bad.diagnostics[0].message).toMatch(/clusters: lab, other/);
  });

  it('WHEN a cluster name tries to leave clusters/ THEN it is refused', () => {
    const bad = new Inventory(openLmacCluster(root, '../models'));
    expect(bad.diagnostics[0].code).toBe('LMAC152');
  });
});
