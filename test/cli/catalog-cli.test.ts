/**
 * `lmac catalog` as users run it: Markdown by default, JSON with the totals as
 * top-level numbers, clear errors for a broken library or a bad --format.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lmac } from '../helpers/cli.js';

/** A library of one service in a temp dir. */
function repo(service: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-catalog-'));
  mkdirSync(path.join(dir, 'models/service/app'), { recursive: true });
  mkdirSync(path.join(dir, 'models/system/app'), { recursive: true });
  writeFileSync(path.join(dir, 'models/service/app/server.yml'), service);
  writeFileSync(
    path.join(dir, 'models/system/app/node.yml'),
    '# class system.app.node: a node running app\nclasses: [service.app.server]\nparameters:\n  lma:\n    clusters:\n      app_nodes: {policy: majority_of_node_members, group_by: hostname, match: {service: app-node}, members: [app_process]}\n',
  );
  return dir;
}

const SERVICE = `# class service.app.server: a small
# service for the catalogue test.
applications: [app]
parameters:
  lma:
    inputs:
      app_process: {plugin: procstat, service: app, options: {pattern: app-server}}
    triggers:
      app_process_down:
        description: The app is not running; there is exactly one per node
        severity: down
        rules:
          - {metric: procstat_lookup_running, field: {pattern: app-server}, function: last, relational_operator: '==', threshold: 0, window: 60}
      app_unused: {severity: warning, enabled: false, rules: [{metric: x, function: last, relational_operator: '>', threshold: 1}]}
    alarms:
      app_process: {triggers: [app_process_down], dimension: {service: app-node}}
    clusters:
      app: {policy: highest_severity, match: {service: app}, members: [app_nodes], dimension: {cluster_name: app}}
    dashboards:
      app: {title: App, rows: {status: {panels: {up: {title: Up, expr: 'procstat_lookup_running'}}}}}
    checks:
      app_process: {command: check-process.rb -p app-server -C 1}
`;

describe('GIVEN lmac catalog', () => {
  it('WHEN --help THEN it prints usage with the formats', () => {
    const r = lmac(['catalog', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: lmac catalog');
    expect(r.stdout).toContain('"md", "json"');
  });

  it('WHEN --format json THEN the totals are top-level numbers and disabled items are not counted', () => {
    const r = lmac(['catalog', '--format', 'json', '--root', repo(SERVICE)]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as Record<string, unknown>;
    expect({ services: c.services, triggers: c.triggers, alarms: c.alarms, clusters: c.clusters, dashboards: c.dashboards, checks: c.checks }).toEqual({ services: 1, triggers: 1, alarms: 1, clusters: 2, dashboards: 1, checks: 1 });
    expect(c.policies).toEqual({ highest_severity: 1, majority_of_node_members: 1 });
  });

  it('WHEN no format is given THEN it prints Markdown with the thresholds, their reasons and the class summary', () => {
    const r = lmac(['catalog', '--root', repo(SERVICE)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# Model library catalogue');
    expect(r.stdout).toContain('`last(procstat_lookup_running{pattern=app-server}) == 0 over 60 s`');
    expect(r.stdout).toContain('The app is not running; there is exactly one per node');
    expect(r.stdout).toContain('a small service for the catalogue test.');
    expect(r.stdout).toContain('### system.app.node');
  });

  it('WHEN a class file is broken THEN it names the file, line and column and exits 1', () => {
    const r = lmac(['catalog', '--root', repo('parameters:\n  lma: [\n')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/models\/service\/app\/server\.yml:\d+:\d+: error LMAC100/);
  });

  it('WHEN parameters:lma is not a mapping THEN LMAC370, exit 1; --json prints the diagnostic as JSON', () => {
    const r = lmac(['catalog', '--json', '--root', repo('parameters:\n  lma: [a, b]\n')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual([expect.objectContaining({ code: 'LMAC370', severity: 'error' })]);
  });

  it('WHEN the format is unknown THEN it is a usage error (exit 2)', () => {
    expect(lmac(['catalog', '--format', 'xml']).code).toBe(2);
  });
});
