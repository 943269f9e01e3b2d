/**
 * Every InfluxQL query of the demo's dashboards (panels and variables) run by
 * a real influxd 1.6 on 127.0.0.1, over sample points shaped like the
 * collectors' output: every documented field of each measurement the demo's
 * Telegraf inputs emit (src/collectors/telegraf-plugins.ts), with Telegraf's
 * global tags (environment, hostname, region) and the input's service tag.
 * A query naming a measurement, field or tag the collectors do not write
 * returns no series, so each must return at least one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELEGRAF_PLUGINS } from '../../src/collectors/telegraf-plugins.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';
import { dashboardsOf, generateGrafana, queriesOf } from './demo-grafana.js';

const available = toolAvailable('influxd 1.6 (Debian package influxdb)', spawnSync('influxd', ['version'], { stdio: 'ignore' }).status === 0);

const demo = generateGrafana(ROOT, 'demo');
const environment = demo.model.alarms.environment;
const queries = queriesOf(dashboardsOf(demo.files), 'influxdb');
const NOW = Date.now();
const FROM = NOW - 3600_000;

/** Grafana's macros as validators.md says; `$hostname` as the "All" value (`.*`). */
function substitute(q: string): string {
  return q
    .replaceAll('$timeFilter', `time >= ${FROM}ms and time <= ${NOW}ms`)
    .replaceAll('$__interval', '1m')
    .replaceAll('$environment', environment)
    .replaceAll('$hostname', '.*');
}

function escapeTag(s: string): string {
  return s.replace(/[ ,=\\]/g, '\\$&');
}

const SAMPLE_TAG: Readonly<Record<string, string>> = { cpu: 'cpu-total', path: '/', fstype: 'ext4', device: 'sda1', name: 'sda', interface: 'eth0', url: 'http://127.0.0.1:15672', node: 'rabbit@ctl01', pattern: 'beam.smp' };

/** Line protocol of what each node's Telegraf writes: every field of every measurement of its inputs, ten points a minute apart. */
function samplePoints(): string {
  const lines: string[] = [];
  for (const n of demo.model.nodes) {
    if (!n.lma?.roles.metric_collector) continue;
    // The remote collector's inputs (scope remote) are written without a hostname (omit_hostname).
    const region = n.lma.region;
    const tagsOf = (scope: string): Record<string, string> => (scope === 'node' ? { environment, hostname: n.name, region } : { environment, region });
    for (const input of Object.values(n.lma.inputs)) {
      if (!input.enabled) continue;
      const global = tagsOf(input.scope);
      const spec = TELEGRAF_PLUGINS[input.plugin];
      if (!spec) continue;
      for (const [measurement, m] of Object.entries(spec.measurements)) {
        const tags = { ...Object.fromEntries(m.tags.filter((t) => SAMPLE_TAG[t]).map((t) => [t, SAMPLE_TAG[t]])), ...global, service: input.service };
        const tagText = Object.keys(tags).sort().map((k) => `${k}=${escapeTag(tags[k as keyof typeof tags])}`).join(',');
        const fields = m.fields.map((f, i) => `${escapeTag(f)}=${(i % 7) + 1.5}`).join(',');
        if (!fields) continue;
        for (let k = 0; k < 10; k++) lines.push(`${escapeTag(measurement)},${tagText} ${fields} ${NOW - k * 60_000}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

let influxd: ChildProcess | undefined;
let base = '';
let log = '';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-influxd-'));

async function query(q: string): Promise<{ results: { error?: string; series?: { name: string; values: unknown[][] }[] }[]; error?: string }> {
  const r = await fetch(`${base}/query?db=lma&epoch=ms&q=${encodeURIComponent(q)}`);
  return (await r.json()) as { results: { error?: string; series?: { name: string; values: unknown[][] }[] }[]; error?: string };
}

describe.runIf(available)('GIVEN a real influxd 1.6 holding sample points of the demo collectors', () => {
  beforeAll(async () => {
    const [rpc, http] = [await freePort(), await freePort()];
    const conf = path.join(tmp, 'influxdb.conf');
    writeFileSync(
      conf,
      [
        'reporting-disabled = true',
        `bind-address = "127.0.0.1:${rpc}"`,
        '[meta]',
        `  dir = "${path.join(tmp, 'meta')}"`,
        '[data]',
        `  dir = "${path.join(tmp, 'data')}"`,
        `  wal-dir = "${path.join(tmp, 'wal')}"`,
        '  query-log-enabled = false',
        '[http]',
        `  bind-address = "127.0.0.1:${http}"`,
        '  log-enabled = false',
        '[monitor]',
        '  store-enabled = false',
        '[continuous_queries]',
        '  enabled = false',
        '',
      ].join('\n'),
    );
    influxd = spawn('influxd', ['run', '-config', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    influxd.stdout?.on('data', (b: Buffer) => (log += b.toString()));
    influxd.stderr?.on('data', (b: Buffer) => (log += b.toString()));
    base = `http://127.0.0.1:${http}`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/ping`)).status === 204) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`influxd did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const created = await fetch(`${base}/query?q=${encodeURIComponent('CREATE DATABASE lma')}`, { method: 'POST' });
    expect(created.status).toBe(200);
    const written = await fetch(`${base}/write?db=lma&precision=ms`, { method: 'POST', body: samplePoints() });
    expect(written.status, await written.text()).toBe(204);
  }, 30_000);

  afterAll(() => {
    influxd?.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('WHEN the demo dashboards are read THEN they hold InfluxQL panel and variable queries', () => {
    expect(queries.filter(([w]) => w.includes('panel')).length).toBeGreaterThanOrEqual(2);
    expect(queries.filter(([w]) => w.includes('variable')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(queries)('WHEN %s runs THEN it parses and returns at least one series', async (_where, q) => {
    const r = await query(substitute(q));
    expect(r.error, r.error).toBeUndefined();
    expect(r.results[0].error, r.results[0].error).toBeUndefined();
    expect(r.results[0].series?.length ?? 0, `no series for ${substitute(q)}`).toBeGreaterThan(0);
  });

  it('WHEN a query names a field the collectors do not write, or is not InfluxQL THEN it returns no series or an error', async () => {
    const [, good] = queries.find(([w]) => w.includes('panel'))!;
    const wrongField = await query(substitute(good.replace(/SELECT (\w+)\("(\w+)"\)/, 'SELECT $1("no_such_field")')));
    expect(wrongField.results[0].series ?? []).toEqual([]);
    const broken = await query(substitute(good.replace('FROM', 'FORM')));
    expect(broken.error ?? broken.results[0].error).toBeTruthy();
  });
});
