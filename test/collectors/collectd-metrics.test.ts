/**
 * A legacy node's metrics reach Prometheus under the catalogue's names: the
 * real collectd runs the node's generated collectd.conf, the real Prometheus
 * scrapes it with the generated metric_relabel_configs, and the series it
 * stores are compared with what src/collectors/collectd-metrics.ts says the
 * node produces (the lint and the alarms rely on it).
 *
 * Only what a test machine cannot provide is changed in the generated config:
 * the interval (1 s, to be quick), the port (a free one), the network output
 * (no InfluxDB here) and the interfaces (the machine's loopback).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectdConf } from '../../generators/collectors/collectd.js';
import { collectorNode } from '../../generators/collectors/index.js';
import { collectdRelabelConfigs } from '../../generators/prometheus/collectd-relabel.js';
import { LEGACY_TARGETS, targetFiles } from '../../generators/prometheus/config.js';
import { producedMetrics } from '../../src/collectors/catalogue.js';
import { collectdMetricsOf, COLLECTD_TRANSLATED_PLUGINS } from '../../src/collectors/collectd-metrics.js';
import { metricsOf } from '../../src/collectors/telegraf-plugins.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Lma } from '../../src/model/lma-types.js';
import type { NodeModel } from '../../src/model/node-model.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';
import { freePort } from '../helpers/ports.js';

const CASE = path.join(ROOT, 'test/cases/collectors');
const tools =
  toolAvailable('collectd (Debian package collectd-core)', spawnSync('/usr/sbin/collectd', ['-h'], { stdio: 'ignore' }).status !== null) &&
  toolAvailable('prometheus (Debian package prometheus)', spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0);

type LmaNode = NodeModel & { lma: Lma };
const nodes = (() => {
  const { model } = compileModel(CASE, 'col');
  if (!model) throw new Error('the collectors case does not compile');
  return model.nodes.filter((n): n is LmaNode => n.lma !== null);
})();
const legacy = nodes.find((n) => n.lma.roles.legacy_collector);

describe('GIVEN the collectd translations', () => {
  it('WHEN a translation names a metric THEN it is one the Telegraf plugin emits, with labels that metric has', () => {
    // Each plugin with the options that change its translation.
    const options: Record<string, Record<string, unknown>[]> = { procstat: [{ pattern: 'x' }, { exe: 'x' }], cpu: [{}, { percpu: true, totalcpu: false }] };
    for (const plugin of COLLECTD_TRANSLATED_PLUGINS) {
      for (const o of options[plugin] ?? [{}]) {
        const telegraf = metricsOf(plugin, o);
        const c = collectdMetricsOf(plugin, 'input', o);
        expect(c?.translations.length, plugin).toBeGreaterThan(0);
        for (const [metric, labels] of c?.labels ?? []) {
          expect(telegraf?.names.has(metric), `${plugin}: ${metric}`).toBe(true);
          for (const l of labels) expect(telegraf?.labels.get(metric), `${plugin}: ${metric}{${l}}`).toContain(l);
        }
      }
    }
  });
});

interface Series {
  [label: string]: string;
}

async function getJson(url: string): Promise<{ status: string; data: unknown } | null> {
  try {
    const r = await fetch(url);
    return (await r.json()) as { status: string; data: unknown };
  } catch {
    return null;
  }
}

describe.runIf(tools && legacy)('GIVEN a legacy node run by the real collectd and scraped by the real Prometheus', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-collectd-prom-'));
  const children: ChildProcess[] = [];
  let series: Series[] = [];
  const node = legacy as LmaNode;

  beforeAll(async () => {
    const [exporterPort, webPort] = [await freePort(), await freePort()];
    const conf = collectdConf(collectorNode(node), node.lma.backends)
      .text.replace(/^Interval .*$/m, 'Interval 1')
      .replace(/^  Port "9273"$/m, `  Port "${exporterPort}"`)
      .replace(/^LoadPlugin network\n<Plugin network>\n[\s\S]*?<\/Plugin>\n/m, '')
      .replace(/^(  Interface ").*(")$/gm, '$1lo$2');
    expect(conf).toContain(`Port "${exporterPort}"`);
    expect(conf).not.toContain('LoadPlugin network');
    writeFileSync(path.join(tmp, 'collectd.conf'), conf);

    const group = targetFiles(nodes, node.lma.environment)[LEGACY_TARGETS].find((g) => g.labels.hostname === node.name);
    const prom = {
      global: { scrape_interval: '1s', scrape_timeout: '1s' },
      scrape_configs: [{
        job_name: 'legacy',
        honor_labels: true,
        static_configs: [{ targets: [`127.0.0.1:${exporterPort}`], labels: group?.labels }],
        metric_relabel_configs: collectdRelabelConfigs(nodes),
      }],
    };
    writeFileSync(path.join(tmp, 'prometheus.yml'), stringify(prom));

    children.push(spawn('/usr/sbin/collectd', ['-f', '-C', path.join(tmp, 'collectd.conf')], { stdio: 'ignore' }));
    children.push(spawn('prometheus', [`--config.file=${path.join(tmp, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(tmp, 'data')}`, `--web.listen-address=127.0.0.1:${webPort}`, '--log.level=error'], { stdio: 'ignore' }));

    // Counters and CPU percentages need two reads: wait until the CPU has been translated, then one more scrape.
    const api = `http://127.0.0.1:${webPort}/api/v1`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const r = await getJson(`${api}/query?query=${encodeURIComponent('count(cpu_usage_idle) and count(diskio_io_time)')}`);
      if (r?.status === 'success' && Array.isArray((r.data as { result: unknown[] }).result) && (r.data as { result: unknown[] }).result.length > 0) break;
      if (Date.now() > deadline) throw new Error('Prometheus saw no translated cpu_usage_idle within 30 s');
      await new Promise((res) => setTimeout(res, 500));
    }
    await new Promise((res) => setTimeout(res, 2500));
    const r = await getJson(`${api}/series?${new URLSearchParams({ 'match[]': `{hostname="${node.name}"}` }).toString()}`);
    series = (r?.data as Series[] | undefined) ?? [];
  }, 60_000);

  afterAll(() => {
    for (const c of children) c.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  });

  it('WHEN the node is scraped THEN every metric the catalogue says collectd produces is there', () => {
    const produced = producedMetrics(node.lma);
    expect(produced.collectd.size).toBeGreaterThan(0);
    const names = new Set(series.map((s) => s.__name__));
    const missing = [...produced.metrics].filter(([name, p]) => produced.collectd.has(p.source) && !names.has(name)).map(([name]) => name);
    expect(missing, 'catalogue metrics Prometheus never saw').toEqual([]);
  });

  it('WHEN a series is translated THEN it has the Telegraf labels and values, its input service and the node labels, and no collectd series is left behind', () => {
    let checked = 0;
    for (const inputName of producedMetrics(node.lma).collectd) {
      const input = node.lma.inputs[inputName];
      for (const t of collectdMetricsOf(input.plugin, inputName, input.options as Record<string, unknown>)?.translations ?? []) {
        const constants = Object.fromEntries(t.set.flatMap((op) => ('value' in op ? [[op.label, op.value]] : [])));
        const found = series.filter((s) => s.__name__ === t.metric && s.service === input.service && Object.entries(constants).every(([k, v]) => s[k] === v));
        expect(found.length, `${t.metric} of input ${inputName} with ${JSON.stringify(constants)}`).toBeGreaterThan(0);
        for (const s of found) {
          for (const op of t.set) expect(s[op.label], `${t.metric}{${op.label}}`).toBeTruthy();
          for (const l of t.keep ?? []) expect(s[l], `${t.metric}{${l}}`).toBeTruthy();
          for (const l of t.drop) expect(s[l], `${t.metric} keeps collectd label ${l}`).toBeUndefined();
          expect(s.environment).toBe(node.lma.environment);
          expect(s.region).toBe(node.lma.region);
        }
        const left = series.filter((s) => s.__name__ === t.from && (!t.match || s[t.match.label] === t.match.value));
        expect(left, `collectd series ${t.from} ${JSON.stringify(t.match)} left untranslated`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('WHEN labels are translated THEN they carry the values Telegraf gives them', () => {
    const one = (name: string): Series | undefined => series.find((s) => s.__name__ === name);
    expect(one('cpu_usage_idle')?.cpu).toBe('cpu-total');
    expect(series.filter((s) => s.__name__ === 'disk_used_percent').map((s) => s.path)).toContain('/');
    expect(one('net_bytes_recv')?.interface).toBe('lo');
    const procs = series.filter((s) => s.__name__ === 'procstat_lookup_running');
    expect(procs.map((s) => `${s.service}: ${s.pattern ?? `exe=${s.exe}`}`).sort()).toEqual(['libvirt: exe=libvirtd', 'nova: nova-compute']);
  });

  it('WHEN a series has no translation THEN it is kept under its collectd name', () => {
    expect(series.some((s) => s.__name__ === 'collectd_processes_ps_rss')).toBe(true);
  });
});
