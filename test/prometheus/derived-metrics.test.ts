/**
 * The derived metrics of the shipped clusters (rules/metrics.yml), run by
 * promtool: each recording rule, fed what its inputs produce on a node that
 * has it (the metric names its expression reads, with the labels the node's
 * collectors give them and values its label matchers select, counting up),
 * must give at least one series. The generated alarm tests feed a derived
 * metric directly, so this is what runs the derived PromQL itself: a
 * division whose two sides share no label set, a grouping that drops a label
 * the other side keeps, a matcher no real series can satisfy.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { producedMetrics } from '../../src/collectors/catalogue.js';
import { compileModel } from '../../src/build/pipeline.js';
import type { Lma } from '../../src/model/lma-types.js';
import { metricNamesOf } from '../../src/validate/lint-selection.js';
import { promtool, promtoolAvailable } from '../helpers/promtool.js';
import { ROOT } from '../helpers/tools.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-derived-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** The matchers of every selector of `metric` in a PromQL expression (an empty list for a bare name). */
function selectorsOf(expr: string, metric: string): Matcher[][] {
  const out: Matcher[][] = [];
  const re = new RegExp(`(?<![a-zA-Z0-9_:])${metric}(?![a-zA-Z0-9_:(])\\s*(\\{[^}]*\\})?`, 'g');
  for (const m of expr.matchAll(re)) {
    const body = m[1] ?? '{}';
    out.push([...body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map((x) => ({ label: x[1], op: x[2] as Matcher['op'], value: x[3].replace(/\\(.)/g, '$1') })));
  }
  return out;
}

/** A string the (anchored) regular expression matches, from its first alternative: `5..` -> 555, `runtime[.]v1[.].*` -> runtime.v1. */
function sampleOf(regex: string): string {
  const first = regex.split('|')[0];
  let s = '';
  for (let i = 0; i < first.length; i++) {
    const c = first[i];
    if (c === '[') {
      const end = first.indexOf(']', i + 2);
      s += first[i + 1] === '^' ? 'q' : first[i + 1];
      i = end;
    } else if (c === '.' && (first[i + 1] === '*' || first[i + 1] === '+')) {
      s += 'a';
      i++;
    } else if (c === '.') s += '5';
    else if (c === '\\') s += first[++i] ?? '';
    else if (!'()?^$'.includes(c)) s += c;
  }
  return new RegExp(`^(?:${regex})$`).test(s) ? s : 'a';
}

/** Labels for one selector: the node's own, the metric's (as x), then what the matchers select. */
function seriesLabels(base: Record<string, string>, labels: readonly string[], matchers: readonly Matcher[]): Record<string, string> {
  const out: Record<string, string> = { ...base };
  for (const l of labels) if (l !== 'le' && l !== 'quantile') out[l] ??= 'x';
  for (const m of matchers) {
    if (m.op === '=') out[m.label] = m.value;
    else if (m.op === '=~') out[m.label] = sampleOf(m.value);
    else if (m.op === '!~' && new RegExp(`^(?:${m.value})$`).test(out[m.label] ?? '')) out[m.label] = 'zz';
    else if (m.op === '!=' && out[m.label] === m.value) out[m.label] = 'zz';
  }
  return out;
}

function seriesText(name: string, labels: Record<string, string>): string {
  return `${name}{${Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/** Input series and one check per derived metric, on the first node that has it. */
function derivedTests(nodes: readonly { name: string; lma: Lma | null }[]): { inputs: Map<string, string>; derived: string[] } {
  const inputs = new Map<string, string>();
  const derived: string[] = [];
  for (const n of nodes) {
    const lma = n.lma;
    if (!lma) continue;
    const production = producedMetrics(lma);
    for (const [name, m] of Object.entries(lma.metrics)) {
      if (m.derived === '' || derived.includes(name)) continue;
      derived.push(name);
      for (const read of metricNamesOf(m.derived)) {
        // Another derived metric is the rules' own output.
        if (Object.hasOwn(lma.metrics, read) && lma.metrics[read].derived !== '') continue;
        const declared = Object.hasOwn(lma.metrics, read) ? lma.metrics[read] : undefined;
        const produced = production.metrics.get(read);
        const source = declared?.source || produced?.source || '';
        const service = Object.hasOwn(lma.inputs, source) ? lma.inputs[source].service : Object.hasOwn(lma.logs, source) ? lma.logs[source].service : 'x';
        const base = { environment: lma.environment, hostname: n.name, region: lma.region, roles: 'x', service: service || 'x' };
        const labels = [...(produced?.labels ?? []), ...(declared?.labels ?? [])];
        for (const matchers of selectorsOf(m.derived, read)) {
          const l = seriesLabels(base, labels, matchers);
          if (read.endsWith('_bucket')) {
            inputs.set(seriesText(read, { ...l, le: '0.5' }), '1+1x40');
            inputs.set(seriesText(read, { ...l, le: '+Inf' }), '2+2x40');
          } else inputs.set(seriesText(read, l), '1+1x40');
        }
      }
    }
  }
  return { inputs, derived: derived.sort() };
}

describe.runIf(promtoolAvailable)('GIVEN the derived metrics of the shipped clusters', () => {
  it.each(['demo', 'k8s-demo'])('WHEN promtool runs rules/metrics.yml of %s on series like its inputs THEN every derived metric gives a series', async (cluster) => {
    const { model } = compileModel(ROOT, cluster);
    if (!model) throw new Error(`${cluster} does not compile`);
    const { inputs, derived } = derivedTests(model.nodes);
    expect(derived.length).toBeGreaterThan(20);
    const test = {
      rule_files: [path.join(ROOT, 'out', cluster, 'prometheus', 'rules', 'metrics.yml')],
      evaluation_interval: '15s',
      tests: [
        {
          interval: '15s',
          input_series: [...inputs].map(([series, values]) => ({ series, values })),
          promql_expr_test: derived.map((name) => ({ expr: `count(${name}) > bool 0`, eval_time: '9m', exp_samples: [{ labels: '{}', value: 1 }] })),
        },
      ],
    };
    const file = path.join(tmp, `${cluster}.yml`);
    writeFileSync(file, stringify(test));
    const run = await promtool(['test', 'rules', file], tmp);
    expect(run.output).toContain('SUCCESS');
    expect(run.code).toBe(0);
  }, 120_000);
});
