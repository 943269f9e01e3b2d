/**
 * lmac's JSON Schemas in an editor, for real: the schemas `lmac schema --out`
 * writes are given to yaml-language-server (the server behind VS Code's YAML
 * extension, Neovim's yamlls, Helix...) over stdio, exactly as an editor does, and
 * the diagnostics, hover and completion it answers are checked. docs/editor.md
 * describes the same setups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lmac } from '../helpers/cli.js';
import { LspClient, type Diagnostic } from '../helpers/lsp-client.js';
import { ROOT, toolAvailable } from '../helpers/tools.js';

const YLS = path.join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const WAIT_MS = 20_000;

type YamlSettings = Record<string, unknown>;

/** An editor session: yaml-language-server started on a workspace, configured with `yaml` settings. */
async function startServer(workspace: string, yaml: YamlSettings): Promise<LspClient> {
  const client = new LspClient(
    process.execPath,
    [YLS, '--stdio'],
    (method, params) => {
      // The settings the server pulls: sections yaml, http, [yaml], editor.
      if (method === 'workspace/configuration') {
        return (params as { items: { section?: string }[] }).items.map((i) => (i.section === 'yaml' ? yaml : null));
      }
      // client/registerCapability, window/workDoneProgress/create, ...
      return null;
    },
    { cwd: workspace },
  );
  try {
    const folder = pathToFileURL(workspace).href;
    await client.request(
      'initialize',
      {
        processId: process.pid,
        clientInfo: { name: 'lmac-test' },
        rootUri: folder,
        workspaceFolders: [{ uri: folder, name: path.basename(workspace) }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            synchronization: { dynamicRegistration: true },
            publishDiagnostics: { relatedInformation: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
          },
        },
      },
      WAIT_MS,
    );
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: { yaml } });
    // The server pulls its settings after `initialized` and again after didChangeConfiguration: open
    // documents only once both pulls were answered, so that the first validation already has the schemas.
    await client.until(
      () => client.serverRequests.filter((r) => r.method === 'workspace/configuration').length >= 2,
      'the server to pull its configuration twice',
      WAIT_MS,
    );
    await new Promise((r) => setTimeout(r, 200));
    return client;
  } catch (e) {
    await client.stop();
    throw e;
  }
}

/** Why yaml-language-server cannot run here, or undefined when it can. */
async function probeServer(): Promise<string | undefined> {
  if (!existsSync(YLS)) return `${YLS} not found (npm ci)`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-yls-probe-'));
  try {
    const client = await startServer(dir, { validate: true, schemaStore: { enable: false } });
    await client.stop();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const whyNot = await probeServer();
const run = toolAvailable(`yaml-language-server 1.25 (${whyNot})`, whyNot === undefined);

/** A temp workspace with the schemas written by `lmac schema --out .lmac/schema`. */
function workspace(): { dir: string; schemaDir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lmac-editor-'));
  const r = lmac(['schema', '--out', '.lmac/schema'], { cwd: dir });
  expect(r.stderr).toMatch(/^wrote 3 schemas to \.lmac\/schema/);
  expect(r.code).toBe(0);
  const schemaDir = path.join(dir, '.lmac/schema');
  for (const f of ['class.schema.json', 'lma-class.schema.json', 'lma.schema.json']) expect(existsSync(path.join(schemaDir, f))).toBe(true);
  return { dir, schemaDir };
}

/** Writes a file into the workspace and opens it in the server; returns its URI. */
function open(client: LspClient, dir: string, rel: string, text: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return uri;
}

/** The 0-based line of the only line of text containing needle. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i] : []));
  if (hits.length !== 1) throw new Error(`${JSON.stringify(needle)} is on ${hits.length} lines, not 1`);
  return hits[0];
}

function summary(ds: Diagnostic[]): { line: number; message: string }[] {
  return ds.map((d) => ({ line: d.range.start.line, message: d.message })).sort((a, b) => a.line - b.line);
}

/** The same three mistakes, wherever the file starts. */
const BAD_CLASS = `# class service.demo.server: three mistakes an editor must point at.
applications: [demo]
parameters:
  lma:
    triggers:
      demo_high:
        severity: critical
        rules:
          - metric: demo_value
            function: last
            relational_operator: '>'
            threshold: [1, 2]
    alarms:
      demo:
        trigers: [demo_high]
        dimension: {service: demo}
paramters:
  demo_port: 8080
`;

/**
 * What yaml-language-server 1.25 reports for BAD_CLASS (the same with yaml.schemas and with a
 * modeline): one diagnostic on each offending line, starting at the offending key or value.
 */
function expectBadClassDiagnostics(text: string, ds: Diagnostic[]): void {
  const lines = text.split('\n');
  const at = (needle: string, token: string): { line: number; character: number } => {
    const line = lineOf(text, needle);
    return { line, character: lines[line].indexOf(token) };
  };
  const got = ds
    .map((d) => ({ start: d.range.start, message: d.message, severity: d.severity }))
    .sort((a, b) => a.start.line - b.start.line);
  expect(got).toEqual([
    // threshold is a number or a `${...}` reference (a string), never a list.
    { start: at('threshold: [1, 2]', '[1, 2]'), message: 'Incorrect type. Expected "number | string".', severity: 1 },
    // An alarm has `triggers`, not `trigers` (lma is strict about keys even in one class).
    { start: at('trigers:', 'trigers'), message: 'Property trigers is not allowed.', severity: 1 },
    // A class or node file has classes, applications, parameters, exports, environment.
    { start: at('paramters:', 'paramters'), message: 'Property paramters is not allowed.', severity: 1 },
  ]);
}

/** A class overriding an inherited trigger: `~rules` and `${...}` references where numbers go. */
const OVERRIDE_CLASS = `# class cluster.demo.rabbitmq: tighter disk thresholds for one cluster.
classes:
  - service.rabbitmq.server
parameters:
  _param:
    rabbitmq_disk_threshold: 536870912
    rabbitmq_disk_window: 30
  lma:
    triggers:
      rabbitmq_disk_limit_warning:
        ~rules:
          - metric: rabbitmq_remaining_disk
            function: min
            relational_operator: '<='
            threshold: \${_param:rabbitmq_disk_threshold}
            window: \${_param:rabbitmq_disk_window}
            periods: 0
    ~alarms:
      rabbitmq_check:
        enabled: false
`;

describe.skipIf(!run)('GIVEN yaml-language-server with yaml.schemas mapping class.schema.json (from lmac schema --out)', () => {
  let ws: { dir: string; schemaDir: string };
  let client: LspClient;
  let classSchemaUri: string;

  beforeAll(async () => {
    ws = workspace();
    classSchemaUri = pathToFileURL(path.join(ws.schemaDir, 'class.schema.json')).href;
    client = await startServer(ws.dir, {
      validate: true,
      hover: true,
      completion: true,
      schemaStore: { enable: false },
      schemas: { [classSchemaUri]: ['*.yml'] },
    });
  });

  afterAll(async () => {
    await client?.stop();
    if (ws) rmSync(ws.dir, { recursive: true, force: true });
  });

  it('WHEN a class has a list as a threshold, an unknown key in an alarm and a misspelt top-level key THEN diagnostics arrive on exactly those lines', async () => {
    const uri = open(client, ws.dir, 'models/service/demo/server.yml', BAD_CLASS);
    const ds = await client.diagnostics(uri, { timeoutMs: WAIT_MS });
    expectBadClassDiagnostics(BAD_CLASS, ds);
  });

  it('WHEN models/service/rabbitmq/server.yml is opened THEN it has no diagnostics', async () => {
    const text = readFileSync(path.join(ROOT, 'models/service/rabbitmq/server.yml'), 'utf8');
    const uri = open(client, ws.dir, 'models/service/rabbitmq/server.yml', text);
    expect(await client.diagnostics(uri, { timeoutMs: WAIT_MS })).toEqual([]);
    // The schema is really applied to it: hovering a trigger's `severity` shows the schema's description.
    const line = lineOf(text, 'rabbitmq_disk_limit_critical:') + 2;
    expect(text.split('\n')[line]).toMatch(/^\s+severity: critical$/);
    const hover = await client.request<{ contents: { value: string } } | null>(
      'textDocument/hover',
      { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('severity') + 2 } },
      WAIT_MS,
    );
    // The description and values of $defs/severity in lma-class.schema.json.
    expect(hover?.contents.value).toMatch(/^A StackLight status, by name/m);
    expect(hover?.contents.value).toContain('* `critical`');
  });

  it('WHEN every shipped class and node (models/, clusters/ of this repository) is opened THEN none has diagnostics', async () => {
    const files = ['models', 'clusters'].flatMap((top) =>
      readdirSync(path.join(ROOT, top), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yml'))
        .map((f) => path.join(top, f)),
    );
    expect(files.length).toBeGreaterThan(10);
    const uris = files.map((rel) => open(client, ws.dir, path.join('shipped', rel), readFileSync(path.join(ROOT, rel), 'utf8')));
    const all = await Promise.all(uris.map((uri) => client.diagnostics(uri, { timeoutMs: WAIT_MS })));
    const flagged = files.flatMap((f, i) => (all[i].length > 0 ? [[f, summary(all[i])] as const] : []));
    expect(Object.fromEntries(flagged)).toEqual({});
  });

  it('WHEN a class uses ${_param:...} references for numbers and a ~rules override THEN it has no diagnostics', async () => {
    const uri = open(client, ws.dir, 'clusters/demo/rabbitmq.yml', OVERRIDE_CLASS);
    expect(await client.diagnostics(uri, { timeoutMs: WAIT_MS })).toEqual([]);
    // Not vacuous: the same file with a number written as a word is flagged on that line.
    const broken = OVERRIDE_CLASS.replace('periods: 0', 'periods: zero');
    const uri2 = open(client, ws.dir, 'clusters/demo/rabbitmq-broken.yml', broken);
    const ds = await client.diagnostics(uri2, { timeoutMs: WAIT_MS });
    expect(summary(ds).map((d) => d.line)).toEqual([lineOf(broken, 'periods: zero')]);
  });

  it('WHEN completion is asked for inside a trigger rule and after `severity:` THEN the schema\'s keys and values are offered', async () => {
    const text = [
      'parameters:',
      '  lma:',
      '    triggers:',
      '      demo_high:',
      '        severity: ',
      '        rules:',
      '          - metric: demo_value',
      '            ',
      '',
    ].join('\n');
    const uri = open(client, ws.dir, 'models/service/demo/complete.yml', text);
    await client.diagnostics(uri, { timeoutMs: WAIT_MS });
    const complete = async (line: number): Promise<string[]> => {
      const res = await client.request<{ items: { label: string }[] } | { label: string }[]>(
        'textDocument/completion',
        { textDocument: { uri }, position: { line, character: text.split('\n')[line].length } },
        WAIT_MS,
      );
      return (Array.isArray(res) ? res : res.items).map((i) => i.label);
    };
    const keys = await complete(text.split('\n').indexOf('            '));
    expect(keys).toEqual(expect.arrayContaining(['function', 'relational_operator', 'threshold', 'window', 'periods', 'field', '~threshold']));
    // Keys already there are not offered again.
    expect(keys).not.toContain('metric');
    expect(await complete(lineOf(text, 'severity:'))).toEqual(['okay', 'warning', 'unknown', 'critical', 'down']);
  });
});

describe.skipIf(!run)('GIVEN yaml-language-server without yaml.schemas', () => {
  let ws: { dir: string; schemaDir: string };
  let client: LspClient;

  beforeAll(async () => {
    ws = workspace();
    client = await startServer(ws.dir, { validate: true, schemaStore: { enable: false } });
  });

  afterAll(async () => {
    await client?.stop();
    if (ws) rmSync(ws.dir, { recursive: true, force: true });
  });

  it('WHEN the class starts with a `# yaml-language-server: $schema=<relative path>` modeline THEN it gets the same diagnostics', async () => {
    const rel = 'models/service/demo/server.yml';
    const schemaRel = path.relative(path.dirname(path.join(ws.dir, rel)), path.join(ws.schemaDir, 'class.schema.json'));
    expect(schemaRel).toBe('../../../.lmac/schema/class.schema.json');
    const text = `# yaml-language-server: $schema=${schemaRel}\n${BAD_CLASS}`;
    const uri = open(client, ws.dir, rel, text);
    const ds = await client.diagnostics(uri, { timeoutMs: WAIT_MS });
    expectBadClassDiagnostics(text, ds);
  });

  it('WHEN a class has no modeline THEN it is not validated against lmac schemas (no diagnostics)', async () => {
    const uri = open(client, ws.dir, 'models/service/demo/plain.yml', BAD_CLASS);
    expect(await client.diagnostics(uri, { timeoutMs: WAIT_MS })).toEqual([]);
  });
});

describe.skipIf(!run)('GIVEN the VS Code settings of docs/editor.md (a workspace-relative schema path and models/**, clusters/** globs)', () => {
  let ws: { dir: string; schemaDir: string };
  let client: LspClient;

  beforeAll(async () => {
    ws = workspace();
    client = await startServer(ws.dir, {
      validate: true,
      schemaStore: { enable: false },
      schemas: { './.lmac/schema/class.schema.json': ['models/**/*.yml', 'clusters/**/*.yml'] },
    });
  });

  afterAll(async () => {
    await client?.stop();
    if (ws) rmSync(ws.dir, { recursive: true, force: true });
  });

  it('WHEN a class under models/ and a node under clusters/ are opened THEN both are validated, and a file elsewhere is not', async () => {
    const cls = open(client, ws.dir, 'models/service/demo/server.yml', BAD_CLASS);
    const node = open(client, ws.dir, 'clusters/demo/nodes/mon01.yml', BAD_CLASS);
    const other = open(client, ws.dir, 'ci/pipeline.yml', BAD_CLASS);
    expectBadClassDiagnostics(BAD_CLASS, await client.diagnostics(cls, { timeoutMs: WAIT_MS }));
    expectBadClassDiagnostics(BAD_CLASS, await client.diagnostics(node, { timeoutMs: WAIT_MS }));
    expect(await client.diagnostics(other, { timeoutMs: WAIT_MS })).toEqual([]);
  });
});
