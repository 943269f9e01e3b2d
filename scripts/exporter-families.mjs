#!/usr/bin/env node
// Prints the metric families a running exporter exposes, as the `families`
// entries of src/collectors/exporters/<id>.ts: name, type and label names, read
// from its Prometheus text exposition (# TYPE lines and the samples' labels).
// The Go client's own go_* and process_* families are left out (the shared
// group GO_CLIENT). Usage: node scripts/exporter-families.mjs URL [URL ...]
// test/collectors/exporters-live.test.ts starts the daemons lmac can run here
// and checks the catalogue against them.
const SHARED = /^(go|process)_/;
const families = new Map();
for (const url of process.argv.slice(2)) {
  const text = await (await fetch(url)).text();
  let current = null;
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line);
    if (type) {
      current = type[1];
      if (!families.has(current)) families.set(current, { type: type[2], labels: new Set() });
      continue;
    }
    if (!current || line.startsWith('#') || line === '') continue;
    const labels = /^[^{\s]*\{(.*)\}/.exec(line);
    if (!labels) continue;
    for (const m of labels[1].matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) {
      if (m[1] !== 'le' && m[1] !== 'quantile') families.get(current).labels.add(m[1]);
    }
  }
}
for (const [name, { type, labels }] of [...families].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (SHARED.test(name)) continue;
  const l = [...labels].sort();
  console.log(`  ['${name}', '${type}'${l.length ? `, [${l.map((x) => `'${x}'`).join(', ')}]` : ''}],`);
}
