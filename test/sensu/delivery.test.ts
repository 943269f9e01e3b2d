/**
 * The delivery script (templates/sensu/lma-sensu-events.mjs, written to
 * out/<c>/sensu/bin/) run for real with Node against a fake HTTP server that
 * answers as Prometheus' query API and records what is posted to the Sensu
 * agent API: StackLight's status mapping (okay 0, warning 1, unknown,
 * critical and down 2), the source of each event, its handlers, and exit
 * status 2 when the statuses cannot be read.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sensuGenerator } from '../../generators/sensu/index.js';
import type { DeliveryConfig } from '../../generators/sensu/delivery.js';
import { compileModel } from '../../src/build/pipeline.js';
import { ROOT } from '../helpers/tools.js';

interface Posted {
  check: { metadata: { name: string; labels: Record<string, string> }; status: number; output: string; handlers: string[]; proxy_entity_name: string; interval: number };
}

const schema = JSON.parse(readFileSync(path.join(ROOT, 'test/sensu/sensu-resources.schema.json'), 'utf8')) as { $defs: Record<string, object> };
const validateEvent = new Ajv2020({ allErrors: true, strict: false }).compile({ ...schema, $ref: '#/$defs/agentEvent', required: undefined, properties: undefined, additionalProperties: undefined, allOf: undefined, type: undefined });

const series = (label: string, name: string, code: number, extra: Record<string, string> = {}) => ({ metric: { [label]: name, environment: 'demo.example.net', ...extra }, value: [1700000000, String(code)] });

const AFD = [
  series('alarm', 'linux_system_cpu', 0, { hostname: 'cmp01' }),
  series('alarm', 'linux_system_cpu', 1, { hostname: 'cmp02' }),
  series('alarm', 'linux_system_cpu', 2, { hostname: 'ctl01' }),
  series('alarm', 'linux_system_cpu', 3, { hostname: 'ctl02' }),
  series('alarm', 'linux_system_cpu', 4, { hostname: 'ctl03' }),
  series('alarm', 'rabbitmq_check', 3),
  // Not an alerting-enabled alarm of the domain: no event.
  series('alarm', 'not_in_the_model', 3, { hostname: 'cmp01' }),
];
const GSE = [series('cluster', 'rabbitmq', 3), series('cluster', 'rabbitmq_service', 0), series('cluster', 'rabbitmq_service', 4), series('cluster', 'rabbitmq_cluster', 2)];

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += String(c);
  return s;
}

function run(script: string, config: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('GIVEN the demo\'s delivery script and a fake Prometheus and Sensu agent', () => {
  let server: Server;
  let dir: string;
  let base: string;
  const posted: Posted[] = [];
  const queries: string[] = [];
  let failPrometheus = false;
  let script = '';
  let config: DeliveryConfig;

  beforeAll(async () => {
    const { model } = compileModel(ROOT, 'demo');
    if (!model) throw new Error('the demo does not compile');
    const files = sensuGenerator.generate(model, { version: 'test', report: () => undefined, previous: new Map() });
    dir = mkdtempSync(path.join(tmpdir(), 'lmac-sensu-'));
    script = path.join(dir, 'lma-sensu-events.mjs');
    writeFileSync(script, files.find((f) => f.path === 'sensu/bin/lma-sensu-events.mjs')?.content ?? '');
    config = JSON.parse(files.find((f) => f.path === 'sensu/bin/lma-sensu-events.json')?.content ?? '{}') as DeliveryConfig;
    server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (req.method === 'GET' && url.pathname === '/api/v1/query') {
          const q = url.searchParams.get('query') ?? '';
          queries.push(q);
          if (failPrometheus) {
            res.writeHead(503).end('unavailable');
            return;
          }
          const result = q.startsWith('lma_afd_status') ? AFD : q.startsWith('lma_gse_status') ? GSE : [];
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
        } else if (req.method === 'POST' && url.pathname === '/events') {
          posted.push(JSON.parse(await body(req)) as Posted);
          res.writeHead(202).end();
        } else res.writeHead(404).end();
      })();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function writeConfig(): string {
    const f = path.join(dir, 'config.json');
    writeFileSync(f, JSON.stringify({ ...config, prometheus_url: base, agent_url: base }));
    return f;
  }

  it('WHEN it runs THEN it exits 0, queries the domain\'s statuses and posts one valid event per alarm and host and per cluster', async () => {
    const { code, stdout } = await run(script, writeConfig());
    expect(stdout).toContain('OK: 9 events delivered');
    expect(code).toBe(0);
    expect(queries).toEqual(['lma_afd_status{environment="demo.example.net"}', 'lma_gse_status{environment="demo.example.net"}']);
    expect(posted.map((e) => `${e.check.metadata.name}@${e.check.proxy_entity_name}`)).toEqual([
      'linux_system_cpu@cmp01',
      'linux_system_cpu@cmp02',
      'linux_system_cpu@ctl01',
      'linux_system_cpu@ctl02',
      'linux_system_cpu@ctl03',
      'rabbitmq_check@00-clusters',
      'rabbitmq@00-top-clusters',
      'rabbitmq_cluster@01-service-clusters',
      'rabbitmq_service@01-service-clusters',
    ]);
    for (const e of posted) expect(validateEvent(e), JSON.stringify(validateEvent.errors)).toBe(true);
    // The event schema is not vacuous: an event without a check name or with a source Sensu refuses fails it.
    expect(validateEvent({ check: { metadata: {}, status: 2, output: 'x' } })).toBe(false);
    expect(validateEvent({ check: { ...posted[0].check, proxy_entity_name: 'two words' } })).toBe(false);
  });

  it('WHEN the statuses are okay, warning, unknown, critical, down THEN the Sensu statuses are 0, 1, 2, 2, 2 (StackLight\'s mapping)', () => {
    const cpu = posted.filter((e) => e.check.metadata.name === 'linux_system_cpu');
    expect(cpu.map((e) => [e.check.metadata.labels.lma_status, e.check.status])).toEqual([
      ['okay', 0],
      ['warning', 1],
      ['unknown', 2],
      ['critical', 2],
      ['down', 2],
    ]);
    expect(cpu.map((e) => e.check.output.slice(0, 5))).toEqual(['OKAY:', 'WARN:', 'UNKW:', 'CRIT:', 'DOWN:']);
    // The alarm's description, else its name (StackLight's message).
    expect(cpu[3].check.output).toBe('CRIT: CPU use of the node (host=ctl02)');
  });

  it('WHEN a cluster has several series THEN its event has the heaviest status (down over okay)', () => {
    expect(posted.find((e) => e.check.metadata.name === 'rabbitmq_service')?.check.status).toBe(2);
    expect(posted.find((e) => e.check.metadata.name === 'rabbitmq_service')?.check.metadata.labels.lma_status).toBe('down');
  });

  it('WHEN events are posted THEN alerting: enabled goes to lma_noop and the notifying rabbitmq cluster to default', () => {
    expect(posted.find((e) => e.check.metadata.name === 'linux_system_cpu')?.check.handlers).toEqual(['lma_noop']);
    expect(posted.find((e) => e.check.metadata.name === 'rabbitmq')?.check.handlers).toEqual(['default']);
  });

  it('WHEN Prometheus fails THEN it exits 2 (the lma_alerts check turns critical) and posts nothing', async () => {
    failPrometheus = true;
    posted.length = 0;
    const { code, stdout } = await run(script, writeConfig());
    failPrometheus = false;
    expect(code).toBe(2);
    expect(stdout).toMatch(/^CRITICAL: alarm statuses not delivered to Sensu: Prometheus answered 503/);
    expect(posted).toEqual([]);
  });
});
