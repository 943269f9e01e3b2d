#!/usr/bin/env node
// Synthetic Reclass inventory shaped like an MCP model (service / system / cluster
// layers), used to benchmark lmac against Reclass 1.7.
//
//   node bench/gen-inventory.mjs --nodes 200 --classes 300 --depth 6 --refs 4 --seed 1 --out DIR
//   (also --leaves MEAN: parameter leaves per class, default 14 like the mk-lab corpus)
//
// Class files depend only on --classes/--depth/--refs/--leaves/--seed (nodes are drawn
// last), so the 200- and 1,000-node inventories share the same classes.
//
// Everything it writes must render with Reclass 1.7 without errors, so the model is
// built from a typed "schema" per service: every parameter path always has the same
// type (scalar, list or dict) in every class, references only point at values that
// exist for every node that uses them, and parameter-to-parameter references only
// point at leaves with a smaller id (so they can never form a loop).
// No inventory queries ($[ ]), no ~app removals (1.7 and kapicorp differ there).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- PRNG (mulberry32)
function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  // Box-Muller; used for the log-normal number of leaves per class.
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  const shuffle = (arr) => {
    const a2 = [...arr];
    for (let i = a2.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [a2[i], a2[j]] = [a2[j], a2[i]];
    }
    return a2;
  };
  return { next, int, normal, pick, chance, shuffle };
}

// ---------------------------------------------------------------- vocabulary
// Plain lowercase words only: nothing YAML 1.1 would read as a bool/number/null.
const SERVICES = [
  'linux', 'openssh', 'ntp', 'salt', 'nginx', 'keepalived', 'haproxy', 'galera', 'mysql',
  'rabbitmq', 'memcached', 'keystone', 'glance', 'nova', 'neutron', 'cinder', 'heat',
  'horizon', 'apache', 'prometheus', 'fluentd', 'telegraf', 'grafana', 'elasticsearch',
  'kibana', 'docker', 'etcd', 'kubernetes', 'ceph', 'backupninja', 'postfix', 'rsyslog',
  'logrotate', 'gerrit', 'jenkins', 'aptly', 'openldap', 'redis', 'influxdb', 'sphinx',
];
const ROLES = ['server', 'client', 'agent', 'common', 'proxy', 'collector', 'node', 'master'];
const VARIANTS = ['single', 'cluster', 'local', 'remote', 'ssl', 'backend', 'frontend', 'ha'];
const KEYS = [
  'enabled', 'bind', 'address', 'port', 'host', 'user', 'group', 'password', 'database',
  'version', 'source', 'engine', 'pkgs', 'service', 'config', 'logging', 'level', 'handler',
  'timeout', 'workers', 'threads', 'cache', 'storage', 'backend', 'identity', 'region',
  'endpoint', 'protocol', 'tls', 'cert', 'key', 'ca', 'limit', 'policy', 'repo', 'mirror',
  'members', 'interval', 'retention', 'queue', 'notification', 'metadata', 'network',
  'interface', 'route', 'mount', 'path', 'format', 'target', 'scrape', 'alarm', 'dashboard',
  'rule', 'filter', 'output', 'input', 'pool', 'volume', 'image', 'flavor', 'quota', 'zone',
];
const AREAS = ['infra', 'openstack', 'stacklight', 'kubernetes', 'ceph', 'cicd', 'storage'];
const NODE_TYPES = ['cfg', 'ctl', 'cmp', 'mon', 'log', 'mtr', 'prx', 'dbs', 'msg', 'gtw', 'kvm', 'cid'];

// ---------------------------------------------------------------- YAML emitter
// Minimal block-style emitter for the value shapes we generate.
const PLAIN = /^(?:[A-Za-z$]|\.+[a-z])[\w${}:./-]*$/; // `.common` may stay plain (our names are never `.inf`/`.nan`)
function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // ': ' and ' #' never occur in our strings; anything else odd gets quoted.
  return PLAIN.test(v) && !v.includes(': ') ? v : `'${v.replace(/'/g, "''")}'`;
}
function emit(obj, pad = '') {
  let out = '';
  for (const [k, v] of Object.entries(obj)) {
    if (Array.isArray(v)) {
      out += `${pad}${k}:\n`;
      for (const item of v) out += `${pad}- ${scalar(item)}\n`;
    } else if (v !== null && typeof v === 'object') {
      out += `${pad}${k}:\n${emit(v, pad + '  ')}`;
    } else {
      out += `${pad}${k}: ${scalar(v)}\n`;
    }
  }
  return out;
}

// ---------------------------------------------------------------- generator
export function generate({ nodes = 200, classes = 300, depth = 6, refs = 4, leaves = 14, seed = 1 } = {}) {
  if (depth < 4) throw new Error('--depth must be >= 4 (cluster: 2 levels, system and service: 1+ each)');
  const rng = makeRng(seed);
  const nClusters = Math.max(1, Math.round(classes / 100));
  const clusterNames = Array.from({ length: nClusters }, (_, i) => `lab${i + 1}`);

  // --- Parameter schema: typed trees per service (shared part + one part per class).
  // Leaves get increasing ids; a leaf's type never changes.
  let leafId = 0;
  const replaceableDicts = new Set(); // 'svc:role:a:b' paths of dicts that may be written as ~key
  const allLeaves = []; // {id, svc, path: [keys], type, under: below a ~-able dict}
  function makeDict(svc, path, depthLeft, underReplaceable) {
    const node = { kind: 'dict', children: new Map(), replaceable: false };
    // Some dicts may be replaced with `~key:`; nothing ever references into them.
    if (path.length >= 3 && rng.chance(0.08)) {
      node.replaceable = true;
      replaceableDicts.add(path.join(':'));
    }
    const under = underReplaceable || node.replaceable;
    const keys = rng.shuffle(KEYS).slice(0, rng.int(3, 5));
    for (const k of keys) {
      if (depthLeft > 1 && rng.chance(0.5)) {
        node.children.set(k, makeDict(svc, [...path, k], depthLeft - 1, under));
      } else {
        const r = rng.next();
        const type = r < 0.55 ? 'str' : r < 0.70 ? 'int' : r < 0.80 ? 'bool' : r < 0.95 ? 'list' : 'dictref';
        const leaf = { kind: 'leaf', id: leafId++, svc, path: [...path, k], type, under };
        node.children.set(k, leaf);
        allLeaves.push(leaf);
      }
    }
    return node;
  }
  // Shared part: leaves many classes may set (overrides, merges, list appends).
  const schema = new Map(); // svc -> shared leaves of that service
  const svcRoles = new Map();
  for (const svc of SERVICES) {
    const before = allLeaves.length;
    svcRoles.set(svc, rng.shuffle(ROLES).slice(0, rng.int(2, 3)));
    for (const role of svcRoles.get(svc)) makeDict(svc, [svc, role], rng.int(3, 4), false);
    schema.set(svc, allLeaves.slice(before));
  }
  // Lists that many classes append to (like linux:system:package or salt:minion:...).
  const hotLists = ['linux', 'salt', 'prometheus', 'fluentd']
    .flatMap((svc) => schema.get(svc).filter((l) => l.type === 'list' && !l.under).slice(0, 2));
  // Class-owned part: most of a class's leaves are its own, under a key named after
  // the class (like nginx:server:site:nginx_proxy_grafana in MCP). SECTIONS are not
  // in KEYS, so these paths never clash with a shared leaf of another type.
  const SECTIONS = ['sites', 'instances', 'jobs', 'rules', 'peers', 'repos', 'users', 'databases'];
  function ownLeaves(c, count) {
    const before = allLeaves.length;
    const cid = c.name.replaceAll('.', '_');
    for (let i = 0; allLeaves.length - before < count; i++) {
      makeDict(c.svc, [c.svc, rng.pick(svcRoles.get(c.svc)), rng.pick(SECTIONS), `${cid}_${i}`], rng.int(1, 2), false);
    }
    return allLeaves.slice(before, before + count);
  }

  // --- _param keys. Cluster ones are defined in cluster.<c>.infra (every role of a
  // cluster includes it), node ones in each node file.
  const strParams = ['cluster_name', 'cluster_domain', 'cluster_vip_address', 'cluster_public_host', 'hostname', 'address'];
  const intParams = [];
  for (const svc of SERVICES) {
    strParams.push(`${svc}_version`);
    intParams.push(`${svc}_port`);
  }
  // A few _params that are references to other _params (two hops for *_endpoint).
  const REF_SVCS = SERVICES.slice(0, 10);
  for (const svc of REF_SVCS) strParams.push(`${svc}_bind_address`, `${svc}_endpoint`);
  // Dict-valued _params, referenced as whole values. Same keys with the same types in
  // all of them, since two dict references on one path deep-merge after resolution.
  const dictParams = ['logging_defaults', 'tls_defaults', 'db_defaults', 'mq_defaults', 'cache_defaults', 'monitoring_defaults'];
  function dictParamValue(name, cl) {
    return {
      enabled: true,
      level: rng.pick(['info', 'debug', 'warning']),
      host: rng.chance(0.5) ? '${_param:cluster_vip_address}' : `${name}.${cl}.local`,
      port: rng.int(1000, 9999),
      options: { timeout: rng.int(5, 120), retries: rng.int(1, 5), label: `${name}-\${_param:cluster_name}` },
    };
  }

  // --- Classes, level by level. Level 0 = bottom of the include graph.
  const clusterLevels = 2;
  const rem = depth - clusterLevels;
  const serviceLevels = Math.max(1, Math.round(rem / 3));
  const systemLevels = rem - serviceLevels;
  const layerOf = (lvl) => (lvl < serviceLevels ? 'service' : lvl < serviceLevels + systemLevels ? 'system' : 'cluster');
  const nCluster = Math.round(classes * 0.2);
  const nService = Math.round(classes * 0.35);
  const nSystem = classes - nCluster - nService;
  const perLevel = (total, levelsN, i) => Math.floor(total / levelsN) + (i < total % levelsN ? 1 : 0);

  const byName = new Map();
  const levels = Array.from({ length: depth }, () => []);
  function addClass(name, level, fields) {
    const c = { name, level, layer: layerOf(level), includes: [], ...fields };
    byName.set(name, c);
    levels[level].push(c);
    return c;
  }
  // Unique names; more components on higher levels, like MCP (service.nginx.server.single).
  function uniqueName(parts) {
    let name = parts.join('.');
    for (let i = 2; byName.has(name); i++) name = `${parts.join('.')}${i}`;
    return name;
  }
  for (let l = 0; l < serviceLevels; l++) {
    const n = perLevel(nService, serviceLevels, l);
    for (let j = 0; j < n; j++) {
      const svc = SERVICES[j % SERVICES.length];
      const round = Math.floor(j / SERVICES.length);
      const parts = l === 0 && round === 0 ? ['service', svc, 'support']
        : ['service', svc, rng.pick(ROLES), ...Array.from({ length: l }, () => rng.pick(VARIANTS))];
      addClass(uniqueName(parts), l, { svc });
    }
  }
  for (let s = 0; s < systemLevels; s++) {
    const l = serviceLevels + s;
    const n = perLevel(nSystem, systemLevels, s);
    for (let j = 0; j < n; j++) {
      const svc = rng.pick(SERVICES);
      const parts = ['system', svc, rng.pick(ROLES), ...Array.from({ length: s }, () => rng.pick(VARIANTS))];
      addClass(uniqueName(parts), l, { svc });
    }
  }
  // Cluster layer: cluster.<c>.infra and cluster.<c>.<area> (init.yml files, they hold
  // the _param values), then roles cluster.<c>.<area>.<role>.
  const topLevel = depth - 1;
  const commonLevel = depth - 2;
  const perCluster = Math.max(4, Math.floor(nCluster / nClusters));
  for (const cl of clusterNames) {
    const nCommon = Math.max(2, Math.round(perCluster * 0.35));
    const areas = ['infra', ...rng.shuffle(AREAS.filter((a) => a !== 'infra')).slice(0, nCommon - 1)];
    for (const area of areas) addClass(`cluster.${cl}.${area}`, commonLevel, { svc: rng.pick(SERVICES), cluster: cl, area });
    for (let j = 0; j < perCluster - nCommon; j++) {
      const area = rng.pick(areas);
      addClass(uniqueName(['cluster', cl, area, rng.pick(ROLES)]), topLevel, { svc: rng.pick(SERVICES), cluster: cl, area });
    }
  }

  // --- Include edges: only to lower levels (so no cycles), always at least one from
  // the level right below (so the graph really is `depth` deep). Fan-outs are tuned
  // so a node expands to ~120 of 300 classes, like the reference inventory.
  const FANOUT = { service: [1, 2], system: [0, 2], common: [2, 5], role: [3, 5] };
  const allowed = (c, t) => {
    if (t.layer === 'cluster') return t.cluster === c.cluster;
    if (c.layer === 'service') return t.layer === 'service';
    return true;
  };
  for (let l = 1; l < depth; l++) {
    for (const c of levels[l]) {
      const kind = c.layer === 'cluster' ? (l === topLevel ? 'role' : 'common') : c.layer;
      const [lo, hi] = FANOUT[kind];
      const chosen = new Set();
      if (kind === 'role') {
        chosen.add(byName.get(`cluster.${c.cluster}.infra`)); // _param values live there
        const own = byName.get(`cluster.${c.cluster}.${c.area}`);
        if (own) chosen.add(own);
      } else {
        const below = levels[l - 1].filter((t) => allowed(c, t));
        chosen.add(rng.pick(below));
      }
      const cands = levels.slice(0, l).flat().filter((t) => allowed(c, t) && t.layer !== 'cluster');
      const same = cands.filter((t) => t.svc === c.svc);
      // A sibling in the same namespace (system.nginx.*), often written as `.x` / `..x`.
      const ns = c.name.split('.').slice(0, 2).join('.') + '.';
      const sibs = cands.filter((t) => t.name.startsWith(ns));
      if (sibs.length && rng.chance(0.5)) chosen.add(rng.pick(sibs));
      const want = chosen.size + rng.int(lo, hi);
      for (let tries = 0; chosen.size < want && tries < 100; tries++) {
        chosen.add(same.length && rng.chance(0.4) ? rng.pick(same) : rng.pick(cands));
      }
      c.includes = [...chosen];
    }
  }

  // --- Parameters of one class.
  const LEAF_SIGMA = 1.29;
  const leafMu = Math.log(leaves) - (LEAF_SIGMA * LEAF_SIGMA) / 2; // so that the mean is `leaves`
  const leafPathStr = (leaf) => leaf.path.join(':');
  let leafTotal = 0;
  function classParams(c) {
    const params = {};
    // Leaves per class: log-normal like the mk-lab corpus (mean 14, median 6, p90 31, max 125).
    const want = Math.max(1, Math.min(150, Math.round(Math.exp(leafMu + LEAF_SIGMA * rng.normal()))));
    const nShared = Math.round(want * 0.2);
    const other = rng.pick(SERVICES.filter((s) => s !== c.svc));
    const shared = rng.shuffle([...schema.get(c.svc), ...schema.get(c.svc), ...schema.get(other)]);
    const picked = new Set(shared.slice(0, nShared));
    if (rng.chance(0.6)) picked.add(rng.pick(hotLists));
    const mine = [...picked, ...ownLeaves(c, want - picked.size)].sort((a, b) => a.id - b.id);
    leafTotal += mine.length;
    // References go on random leaves. 0.7 is calibrated so that class files hold
    // `refs` `${...}` on average, counting in-string values (two each), dictref leaves
    // and the cluster _param blocks.
    const refDensity = (refs / leaves) * 0.7;
    const written = []; // scalar leaves of this class that may be referenced
    const tildeDicts = new Set(); // replaceable dict paths written as ~key in this class
    for (const leaf of mine) {
      let value;
      switch (leaf.type) {
        case 'int': value = rng.int(1, 65000); break;
        case 'bool': value = rng.chance(0.5); break;
        case 'list': value = Array.from({ length: rng.int(1, 3) }, () => `${leaf.path.at(-1)}-${c.name.split('.').at(-1)}-${rng.int(1, 999)}`); break;
        case 'dictref': value = `\${_param:${rng.pick(dictParams)}}`; break;
        default: value = `${rng.pick(KEYS)}-${c.name.split('.')[1]}-${rng.int(1, 999)}`;
      }
      const withRef = rng.chance(refDensity);
      if (leaf.type === 'list' && withRef) {
        value.push(`\${_param:${rng.pick(strParams)}}`);
      } else if ((leaf.type === 'str' || leaf.type === 'int') && withRef) {
        const r = rng.next();
        const targets = written.filter((t) => !t.under);
        if (leaf.type === 'int') value = `\${_param:${rng.pick(intParams)}}`;
        else if (r < 0.35) value = `\${_param:${rng.pick(strParams)}}`;
        else if (r < 0.75) value = `${rng.pick(['http', 'https', 'tcp'])}://\${_param:${rng.pick(strParams)}}:\${_param:${rng.pick(intParams)}}/${rng.pick(KEYS)}`;
        else if (targets.length) value = `\${${leafPathStr(rng.pick(targets))}}`; // points at a lower id: no loops
        else value = `\${_param:cluster_name}-${rng.pick(KEYS)}`;
      }
      if (leaf.type !== 'list' && leaf.type !== 'dictref') written.push(leaf);
      // Insert into the nested dict; occasionally write a replaceable dict as `~key`.
      let d = params;
      for (let i = 0; i < leaf.path.length - 1; i++) {
        const k = leaf.path[i];
        let key = k;
        const prefix = leaf.path.slice(0, i + 1).join(':');
        if (i >= 2 && replaceableDicts.has(prefix)) {
          if (!tildeDicts.has(prefix) && !(k in d) && !(`~${k}` in d) && rng.chance(0.2)) tildeDicts.add(prefix);
          if (tildeDicts.has(prefix)) key = `~${k}`;
        }
        d = d[key] ??= {};
      }
      const last = leaf.path.at(-1);
      d[leaf.type === 'list' && rng.chance(0.08) ? `~${last}` : last] = value;
    }
    return params;
  }
  // --- Write files.
  const files = new Map(); // relative path -> text
  const classPath = (name) => {
    // a.b is a/b/init.yml when some a.b.x exists (both a/b.yml and a/b/init.yml is an error)
    const hasChildren = [...byName.keys()].some((n) => n.startsWith(name + '.'));
    return join('classes', ...name.split('.')) + (hasChildren ? '/init.yml' : '.yml');
  };
  function relName(from, to) {
    // Reclass: N leading dots drop the last N components of the including class's name.
    const f = from.split('.');
    for (let dots = 1; dots <= 2 && dots < f.length - 1; dots++) {
      const parent = f.slice(0, -dots).join('.');
      if (to.startsWith(parent + '.')) return '.'.repeat(dots) + to.slice(parent.length + 1);
    }
    return to;
  }
  for (const c of byName.values()) {
    const doc = {};
    if (c.includes.length) doc.classes = c.includes.map((t) => (rng.chance(0.5) ? relName(c.name, t.name) : t.name));
    if (c.layer === 'service') doc.applications = [c.svc];
    doc.parameters = classParams(c);
    if (c.level === commonLevel && c.area === 'infra') {
      // All cluster-wide _param values; some are references to other _params.
      const p = {
        cluster_name: c.cluster,
        cluster_domain: `${c.cluster}.local`,
        cluster_vip_address: `10.${clusterNames.indexOf(c.cluster) + 1}.0.10`,
        cluster_public_host: '${_param:cluster_vip_address}',
      };
      for (const svc of SERVICES) {
        p[`${svc}_version`] = `${rng.int(1, 9)}.${rng.int(0, 20)}`;
        p[`${svc}_port`] = rng.int(1024, 65000);
      }
      for (const svc of REF_SVCS) {
        p[`${svc}_bind_address`] = '${_param:address}';
        p[`${svc}_endpoint`] = `http://\${_param:cluster_public_host}:\${_param:${svc}_port}`;
      }
      for (const dp of dictParams) p[dp] = dictParamValue(dp, c.cluster);
      doc.parameters = { _param: p, ...doc.parameters };
    } else if (c.layer === 'cluster') {
      // Other cluster classes override a few cluster values (later wins).
      const p = {};
      for (let i = 0; i < 4; i++) p[`${rng.pick(SERVICES)}_version`] = `${rng.int(1, 9)}.${rng.int(0, 20)}-${c.area ?? 'x'}`;
      doc.parameters = { _param: p, ...doc.parameters };
    }
    files.set(classPath(c.name), emit(doc));
  }

  // --- Nodes: each cluster has node types with a fixed set of 3-8 roles.
  const nodeTypes = [];
  for (const cl of clusterNames) {
    const roles = levels[topLevel].filter((c) => c.cluster === cl);
    for (const t of NODE_TYPES) {
      const set = rng.shuffle(roles).slice(0, Math.min(roles.length, rng.int(3, 8)));
      nodeTypes.push({ cl, t, roles: set, count: 0, weight: t === 'cmp' ? 6 : t === 'ctl' || t === 'mon' ? 2 : 1 });
    }
  }
  const weighted = nodeTypes.flatMap((nt) => Array(nt.weight).fill(nt));
  const linuxStr = schema.get('linux').filter((l) => l.type === 'str' && !l.under);
  const nodeList = [];
  for (let i = 0; i < nodes; i++) {
    const nt = weighted[i % weighted.length];
    nt.count++;
    const short = `${nt.t}${String(nt.count).padStart(3, '0')}`;
    const name = `${short}.${nt.cl}.local`;
    const params = { _param: { hostname: short, address: `10.${clusterNames.indexOf(nt.cl) + 1}.${1 + (i >> 8) % 250}.${1 + (i % 250)}` } };
    for (const leaf of rng.shuffle(linuxStr).slice(0, 3)) {
      let d = params;
      for (const k of leaf.path.slice(0, -1)) d = d[k] ??= {};
      d[leaf.path.at(-1)] = '${_param:hostname}.${_param:cluster_domain}';
    }
    const doc = { classes: nt.roles.map((r) => r.name), parameters: params };
    files.set(join('nodes', nt.cl, `${name}.yml`), emit(doc));
    nodeList.push({ name, roles: nt.roles });
  }

  // --- Stats: classes per node after expansion (= length of the output `classes`
  // list) and the longest include chain.
  const closureCache = new Map();
  function closure(c) {
    if (!closureCache.has(c.name)) {
      const s = new Set([c.name]);
      for (const t of c.includes) for (const n of closure(t)) s.add(n);
      closureCache.set(c.name, s);
    }
    return closureCache.get(c.name);
  }
  const perNode = nodeList.map((n) => {
    const s = new Set();
    for (const r of n.roles) for (const x of closure(r)) s.add(x);
    return s.size;
  });
  const chain = (c) => 1 + Math.max(0, ...c.includes.map(chain));
  let bytes = 0;
  let refCount = 0;
  for (const [p, text] of files) {
    bytes += Buffer.byteLength(text);
    if (p.startsWith('classes')) refCount += text.split('${').length - 1;
  }
  const stats = {
    nodes, classes: byName.size, clusters: nClusters, files: files.size, yamlBytes: bytes,
    classesPerNode: {
      mean: +(perNode.reduce((a, b) => a + b, 0) / perNode.length).toFixed(1),
      min: Math.min(...perNode), max: Math.max(...perNode),
    },
    includeDepth: Math.max(...levels[topLevel].map(chain)),
    leavesPerClass: +(leafTotal / byName.size).toFixed(1), // not counting cluster _param blocks
    refsPerClass: +(refCount / byName.size).toFixed(1),
    initYml: [...files.keys()].filter((p) => p.endsWith('init.yml')).length,
  };
  return { files, stats };
}

export function writeInventory(out, opts) {
  const { files, stats } = generate(opts);
  rmSync(out, { recursive: true, force: true });
  for (const [rel, text] of files) {
    const p = join(out, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return stats;
}

// ---------------------------------------------------------------- CLI
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string', default: '200' }, classes: { type: 'string', default: '300' },
      depth: { type: 'string', default: '6' }, refs: { type: 'string', default: '4' },
      leaves: { type: 'string', default: '14' },
      seed: { type: 'string', default: '1' }, out: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write('usage: gen-inventory.mjs --nodes N --classes M --depth D --refs R --leaves L --seed S --out DIR\n');
    process.exit(2);
  }
  const opts = Object.fromEntries(['nodes', 'classes', 'depth', 'refs', 'leaves', 'seed'].map((k) => [k, Number(values[k])]));
  try {
    process.stdout.write(JSON.stringify(writeInventory(values.out, opts)) + '\n');
  } catch (e) {
    process.stderr.write(`gen-inventory: ${e.message}\n`);
    process.exit(2);
  }
}
