/**
 * Every PromQL query of the demo's dashboards (panels, and the Prometheus
 * variable queries as the expressions inside `label_values(...)`) parses: the
 * real promtool checks them as recording rules, after Grafana's macros are
 * substituted as Grafana would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toYamlInOrder } from '../../src/util/serialize.js';
import { promtool, promtoolAvailable } from '../helpers/promtool.js';
import { ROOT } from '../helpers/tools.js';
import { dashboardsOf, generateGrafana, queriesOf } from './demo-grafana.js';

const demo = generateGrafana(ROOT, 'demo');
const environment = demo.model.alarms.environment;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lmac-grafana-promql-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Grafana's substitution: variables by value, range macros by a duration. */
function substitute(q: string): string {
  return q
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '1m')
    .replaceAll('$__range', '1h')
    .replaceAll('$environment', environment)
    .replaceAll('$hostname', 'ctl01');
}

/** `label_values(expr, label)` is Grafana's, not PromQL: its expression is what Prometheus evaluates. */
function asExpression(q: string): string {
  const m = /^label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\)$/s.exec(q);
  return m ? m[1] : q;
}

function rulesFile(exprs: string[]): string {
  return toYamlInOrder({ groups: [{ name: 'grafana', rules: exprs.map((expr, i) => ({ record: `grafana_query_${i}`, expr })) }] });
}

const queries = queriesOf(dashboardsOf(demo.files), 'prometheus');

describe.runIf(promtoolAvailable)('GIVEN the PromQL queries of the demo dashboards', () => {
  it('WHEN collected THEN there are panel and variable queries', () => {
    expect(queries.filter(([w]) => w.includes('panel')).length).toBeGreaterThan(20);
    expect(queries.filter(([w]) => w.includes('variable')).length).toBeGreaterThanOrEqual(2);
  });

  it('WHEN promtool checks them as recording rules THEN every one parses', async () => {
    writeFileSync(path.join(tmp, 'queries.yml'), rulesFile(queries.map(([, q]) => substitute(asExpression(q)))));
    const r = await promtool(['check', 'rules', 'queries.yml'], tmp);
    expect(r.output).toContain(`SUCCESS: ${queries.length} rules found`);
    expect(r.code, r.output).toBe(0);
  });

  it('WHEN one query is broken THEN promtool fails on it', async () => {
    const exprs = queries.map(([, q]) => substitute(asExpression(q)));
    exprs[0] = `${exprs[0]} +`;
    writeFileSync(path.join(tmp, 'broken.yml'), rulesFile(exprs));
    const r = await promtool(['check', 'rules', 'broken.yml'], tmp);
    expect(r.code).not.toBe(0);
  });
});
