/**
 * The exporter catalogue against the real daemons: the exporters lmac's
 * library scrapes that Debian packages run here (Prometheus, Alertmanager,
 * etcd, containerd) are started on free loopback ports, and every family their
 * catalogue entry lists (src/collectors/exporters/, the names lint checks
 * the models' scraped metrics against) must be on their /metrics. The entries
 * were read off these daemons with scripts/exporter-families.mjs; this keeps
 * them honest when either side changes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTERS, seriesOf } from '../../src/collectors/exporters/index.js';
import { toolAvailable } from '../helpers/tools.js';
import { freePort } from '../helpers/ports.js';

const runs = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const available =
  toolAvailable('prometheus (Debian package prometheus)', runs('prometheus', ['--version'])) &&
  toolAvailable('Alertmanager (Debian package prometheus-alertmanager)', runs('prometheus-alertmanager', ['--version'])) &&
  toolAvailable('etcd (Debian package etcd-server)', runs('etcd', ['--version'])) &&
  toolAvailable('containerd (Debian package containerd)', runs('containerd', ['--version']));

/** The series names on an endpoint now (empty while it is not up). */
async function scrape(url: string): Promise<Set<string>> {
  try {
    const text = await (await fetch(url)).text();
    return new Set(text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.replace(/[{ ].*$/, '')));
  } catch {
    return new Set();
  }
}

/** The catalogue's series of an exporter that the endpoint does not expose, once it has had up to `ms` to expose them. */
async function missingSeries(id: string, url: string, ms = 30_000): Promise<string[]> {
  // A summary without objectives (most of client_golang's) exposes only _sum and _count.
  const want = EXPORTERS[id].families.flatMap((f) => seriesOf(f).map(([name]) => name).filter((n) => f[1] !== 'summary' || n !== f[0]));
  const deadline = Date.now() + ms;
  for (;;) {
    // Some families appear only after a first event (an Alertmanager discovered, a first scrape).
    const have = await scrape(url);
    const missing = [...new Set(want.filter((n) => !have.has(n)))].sort();
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.runIf(available)('GIVEN the exporters lmac can run here', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-exporters-'));
  const children: ChildProcess[] = [];
  const urls: Record<string, string> = {};
  const start = (cmd: string, args: string[]): void => {
    children.push(spawn(cmd, args, { cwd: tmp, stdio: 'ignore' }));
  };

  beforeAll(async () => {
    const [prom, am, amCluster, etcdClient, etcdPeer, etcdMetrics, ctMetrics] = await Promise.all(Array.from({ length: 7 }, freePort));
    writeFileSync(path.join(tmp, 'alertmanager.yml'), 'route: {receiver: none}\nreceivers: [{name: none}]\n');
    writeFileSync(path.join(tmp, 'rules.yml'), 'groups: [{name: g, rules: [{record: r, expr: vector(1)}]}]\n');
    writeFileSync(
      path.join(tmp, 'prometheus.yml'),
      `global: {evaluation_interval: 1s}\nrule_files: [rules.yml]\nalerting: {alertmanagers: [{static_configs: [{targets: ['127.0.0.1:${am}']}]}]}\n`,
    );
    // containerd with its own root, state and socket: nothing of a host containerd is touched.
    writeFileSync(
      path.join(tmp, 'containerd.toml'),
      `version = 2\nroot = "${tmp}/containerd/root"\nstate = "${tmp}/containerd/state"\n[grpc]\n  address = "${tmp}/containerd.sock"\n[metrics]\n  address = "127.0.0.1:${ctMetrics}"\n`,
    );
    start('prometheus-alertmanager', [`--config.file=alertmanager.yml`, `--storage.path=${tmp}/am`, `--web.listen-address=127.0.0.1:${am}`, `--cluster.listen-address=127.0.0.1:${amCluster}`, '--log.level=error']);
    start('prometheus', ['--config.file=prometheus.yml', `--storage.tsdb.path=${tmp}/prom`, `--web.listen-address=127.0.0.1:${prom}`, '--log.level=error']);
    start('etcd', [
      `--data-dir=${tmp}/etcd`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      `--listen-metrics-urls=http://127.0.0.1:${etcdMetrics}`,
    ]);
    start('containerd', ['--config', 'containerd.toml', '--log-level', 'error']);
    Object.assign(urls, {
      prometheus: `http://127.0.0.1:${prom}/metrics`,
      alertmanager: `http://127.0.0.1:${am}/metrics`,
      etcd: `http://127.0.0.1:${etcdMetrics}/metrics`,
      containerd: `http://127.0.0.1:${ctMetrics}/v1/metrics`,
    });
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('WHEN the catalogue is read THEN the entries read off a daemon are the ones this test runs', () => {
    expect(Object.keys(EXPORTERS).filter((id) => EXPORTERS[id].source === 'live').sort()).toEqual(Object.keys(urls).sort());
  });

  it.each(['prometheus', 'alertmanager', 'etcd', 'containerd'])('WHEN %s runs THEN its /metrics has every family its catalogue entry lists', async (id) => {
    expect(await missingSeries(id, urls[id])).toEqual([]);
  }, 60_000);
});
