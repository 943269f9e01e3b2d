/**
 * The Nagios objects of the demo domain (backends.nagios enabled), checked by
 * the real Nagios 4 (Debian package nagios4-core): `nagios4 -v` reads a small
 * nagios.cfg this test writes, whose cfg_dir is the generated folder, and runs
 * its pre-flight check (unknown directives, undefined hosts, contacts,
 * commands, time periods, illegal name characters).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nagiosFiles, nagiosGenerator } from '../../generators/nagios/index.js';
import { nameProblem, text } from '../../generators/nagios/object-format.js';
import type { Artifact } from '../../src/build/generator.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import type { ClusterModel } from '../../src/model/cluster-model.js';
import type { Lma } from '../../src/model/lma-types.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const available = toolAvailable('nagios4 (Debian package nagios4-core)', spawnSync('nagios4', ['--help'], { stdio: 'ignore' }).status !== null);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-nagios-'));
// nagios4 -v drops to the nagios user: it must be able to read the objects and write check results.
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const demo: ClusterModel = (() => {
  const { model, diagnostics } = compileModel(ROOT, 'demo');
  if (!model) throw new Error(`the demo does not compile: ${JSON.stringify(diagnostics)}`);
  return model;
})();
const settings = (): Lma['backends']['nagios'] => ({ enabled: true, host_suffix: '' });

function generate(model: ClusterModel, s = settings()): { files: Artifact[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  return { files: nagiosFiles(model, s, (d) => diagnostics.push(d)), diagnostics };
}

let n = 0;
/** Writes the objects (and any extra files) into a cfg_dir, runs `nagios4 -v` on a nagios.cfg naming it. */
function nagiosVerify(files: Artifact[], extra: Record<string, string> = {}): { code: number; output: string } {
  const dir = path.join(tmp, `run-${n++}`);
  const objects = path.join(dir, 'objects');
  const results = path.join(dir, 'checkresults');
  mkdirSync(objects, { recursive: true });
  mkdirSync(results);
  chmodSync(dir, 0o755);
  chmodSync(objects, 0o755);
  chmodSync(results, 0o777);
  for (const f of files) writeFileSync(path.join(objects, path.basename(f.path)), f.content, { mode: 0o644 });
  for (const [name, content] of Object.entries(extra)) writeFileSync(path.join(objects, name), content, { mode: 0o644 });
  const cfg = path.join(dir, 'nagios.cfg');
  // The illegal characters of Nagios' sample nagios.cfg, so names are checked as most sites would.
  writeFileSync(cfg, [`cfg_dir=${objects}`, `check_result_path=${results}`, "illegal_object_name_chars=`~!$%^&*|'\"<>?,()=", "illegal_macro_output_chars=`~$&|'\"<>", ''].join('\n'), { mode: 0o644 });
  const r = spawnSync('nagios4', ['-v', cfg], { encoding: 'utf8' });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

/** host -> service names, read back from services.cfg. */
function servicesByHost(files: Artifact[]): Map<string, string[]> {
  const text = files.find((f) => f.path === 'nagios/services.cfg')?.content ?? '';
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/host_name\s+(\S+)\n\s+service_description\s+(\S+)/g)) out.set(m[1], [...(out.get(m[1]) ?? []), m[2]]);
  return out;
}

describe('GIVEN the demo domain with backends.nagios enabled', () => {
  const { files, diagnostics } = generate(demo);

  it('WHEN the generator runs THEN it writes templates, hosts and services, without diagnostics, deterministically', () => {
    const ctx = { version: 't', report: (d: Diagnostic) => diagnostics.push(d), previous: new Map() };
    expect(nagiosGenerator.generate(demo, ctx)).toEqual(files);
    expect(files.map((f) => f.path)).toEqual(['nagios/lmac-templates.cfg', 'nagios/hosts.cfg', 'nagios/services.cfg']);
    expect(diagnostics).toEqual([]);
  });

  it('WHEN its services are listed THEN node alarms are on their nodes, clusters on their nagios_host host, the remote alarm on 00-clusters, all suffixed with the environment', () => {
    const s = servicesByHost(files);
    const env = demo.alarms.environment;
    // Each alarm cluster on its nagios_host's host; the remote alarms on 00-clusters.
    const clusters = Object.values(demo.alarms.clusters);
    for (const tier of ['00-top-clusters', '01-service-clusters', '01-node-clusters']) {
      const expected = clusters.filter((c) => c.dimension.nagios_host === tier).map((c) => c.name).sort();
      expect(expected.length, tier).toBeGreaterThan(0);
      expect(s.get(`${tier}-${env}`), tier).toEqual(expected);
    }
    expect(s.get(`00-top-clusters-${env}`)).toContain('rabbitmq');
    expect(s.get(`01-service-clusters-${env}`)).toEqual(expect.arrayContaining(['rabbitmq_cluster', 'rabbitmq_service']));
    expect(s.get(`00-clusters-${env}`)).toEqual(Object.keys(demo.alarms.remote).sort());
    expect(s.get(`00-clusters-${env}`)).toContain('rabbitmq_check');
    for (const node of ['cmp01', 'cmp02', 'ctl01', 'ctl02', 'ctl03', 'mon01', 'prx01']) expect(s.get(node)).toContain('linux_system_cpu');
    expect(s.get('ctl01')).toContain('rabbitmq_server_process');
    expect(s.get('cmp01')).not.toContain('rabbitmq_server_process');
  });

  it.runIf(available)('WHEN nagios4 -v checks them THEN there are no errors and no warnings', () => {
    const r = nagiosVerify(files);
    expect(r.output).toContain('Total Errors:   0');
    expect(r.output).toContain('Total Warnings: 0');
    // Every service written, on the 7 nodes and the 4 cluster hosts (00-clusters, 00-top-clusters, 01-service-clusters, 01-node-clusters).
    const written = [...servicesByHost(files).values()].reduce((n, l) => n + l.length, 0);
    expect(r.output).toMatch(new RegExp(`Checked ${written} services\\.[\\s\\S]*Checked 11 hosts\\.`));
    expect(r.code, r.output).toBe(0);
  });

  it.runIf(available)('WHEN a service names an undefined host THEN nagios4 -v fails: the check is real', () => {
    const r = nagiosVerify(files, { 'broken.cfg': 'define service {\n    use lmac-passive-service\n    host_name ctl99\n    service_description x\n}\n' });
    expect(r.output).toContain("Could not find any host matching 'ctl99'");
    expect(r.code).not.toBe(0);
  });

  it.runIf(available)('WHEN the generated services lose their template (an unknown directive instead) THEN nagios4 -v fails', () => {
    const broken = files.map((f) => (f.path.endsWith('services.cfg') ? { ...f, content: f.content.replace('use                  lmac-passive-service', 'usse  lmac-passive-service') } : f));
    const r = nagiosVerify(broken);
    expect(r.code).not.toBe(0);
  });
});

describe('GIVEN model text Nagios object files cannot hold as is', () => {
  it('WHEN a description holds `;` and a line break THEN it is escaped into one line, and nagios4 reads it', () => {
    const clusters = { ...demo.alarms.clusters, rabbitmq: { ...demo.alarms.clusters.rabbitmq, description: 'RabbitMQ; the broker\nof the control plane' } };
    const { files, diagnostics } = generate({ ...demo, alarms: { ...demo.alarms, clusters } });
    expect(diagnostics).toEqual([]);
    expect(files[2].content).toContain('notes                RabbitMQ\\; the broker of the control plane\n');
    if (available) expect(nagiosVerify(files).code).toBe(0);
  });

  it('WHEN host_suffix holds `;` or the environment (the default suffix) holds a comma THEN the name is refused with LMAC325 and the output still verifies', () => {
    const a = generate(demo, { enabled: true, host_suffix: 'lab;1' });
    expect(a.diagnostics.map((d) => d.code)).toEqual(['LMAC325']);
    expect(a.diagnostics[0].message).toContain('backends.nagios.host_suffix');
    const b = generate({ ...demo, alarms: { ...demo.alarms, environment: 'lab,1' } });
    expect(b.diagnostics.map((d) => d.code)).toEqual(['LMAC325']);
    expect(b.diagnostics[0].message).toContain('environment');
    if (available) expect(nagiosVerify(a.files).code).toBe(0);
  });

  it('WHEN a node is named like a cluster host THEN LMAC326 says so', () => {
    const { diagnostics } = generate(demo, { enabled: true, host_suffix: 'x' });
    expect(diagnostics).toEqual([]);
    const renamed = demo.nodes.map((x) => (x.name === 'cmp01' ? { ...x, name: '00-top-clusters-x' } : x));
    const r = generate({ ...demo, nodes: renamed }, { enabled: true, host_suffix: 'x' });
    expect(r.diagnostics.map((d) => d.code)).toContain('LMAC326');
  });

  it('THEN nameProblem refuses what the format cannot hold, and text() keeps one line', () => {
    expect(nameProblem('ctl01.example.net')).toBeNull();
    expect(nameProblem('a;b')).toContain('comment');
    expect(nameProblem('a\nb')).toContain('line break');
    expect(nameProblem('a(b)')).toContain('illegal');
    expect(nameProblem(' a')).toContain('white space');
    expect(text('a;\n b')).toBe('a\\; b');
  });

  it('WHEN backends.nagios is disabled THEN nothing is generated', () => {
    const nodes = demo.nodes.map((x) => (x.lma ? { ...x, lma: { ...x.lma, backends: { ...x.lma.backends, nagios: { enabled: false, host_suffix: '' } } } } : x));
    expect(nagiosGenerator.generate({ ...demo, nodes }, { version: 't', report: () => {}, previous: new Map() })).toEqual([]);
  });
});
