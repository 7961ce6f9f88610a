#!/usr/bin/env node
// Checks deploy/ without Docker or a cluster: every YAML file parses, the Compose file and the Kubernetes manifests
// have the shape they must have, and every name one object refers to (Secret, ConfigMap, Service selector, volume,
// kustomization entry) exists. Exit code 1 with the list of problems otherwise.  Usage: node deploy/validate.js
const { readFileSync, readdirSync, existsSync } = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const here = __dirname;
const problems = [];
const fail = (where, what) => problems.push(`${where}: ${what}`);

function parseAll(file) {
  const text = readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(text, { merge: true });
  const out = [];
  for (const doc of docs) {
    for (const e of doc.errors) fail(path.relative(here, file), `YAML error: ${e.message}`);
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

// ---- docker-compose.yml
const [compose] = parseAll(path.join(here, 'docker-compose.yml'));
const services = compose?.services ?? {};
for (const name of ['postgres', 'kurrentdb-1', 'kurrentdb-2', 'kurrentdb-3', 'api', 'projector']) {
  if (!services[name]) fail('docker-compose.yml', `service ${name} is missing`);
}
for (const [name, s] of Object.entries(services)) {
  if (!s.image && !s.build) fail('docker-compose.yml', `service ${name} has neither image nor build`);
  for (const v of s.volumes ?? []) {
    const volume = String(v).split(':')[0];
    if (!volume.startsWith('.') && !volume.startsWith('/') && !(volume in (compose.volumes ?? {})))
      fail('docker-compose.yml', `service ${name} mounts undeclared volume ${volume}`);
  }
  const nets = Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {});
  for (const n of nets)
    if (!(n in (compose.networks ?? {}))) fail('docker-compose.yml', `${name}: unknown network ${n}`);
  for (const dep of Object.keys(s.depends_on ?? {}))
    if (!services[dep]) fail('docker-compose.yml', `${name} depends on unknown service ${dep}`);
  for (const [k, v] of Object.entries(s.environment ?? {}))
    if (typeof v !== 'string')
      fail('docker-compose.yml', `${name}: environment ${k} must be a string, is ${typeof v}`);
}
if (services.api?.environment?.LEDGER_INPROCESS_PROJECTOR !== '0')
  fail('docker-compose.yml', 'the API must run with LEDGER_INPROCESS_PROJECTOR=0 (the projector runs apart)');
const kdb = [1, 2, 3].map((i) => services[`kurrentdb-${i}`]?.environment ?? {});
if (kdb.some((e) => e.KURRENTDB_CLUSTER_SIZE !== '3'))
  fail('docker-compose.yml', 'KurrentDB nodes must say cluster size 3');
if (!services.projector?.command?.join(' ').includes('apps/projector'))
  fail('docker-compose.yml', 'projector command');

// ---- kubernetes/
const k8sDir = path.join(here, 'kubernetes');
const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml'));
const objects = [];
for (const f of files) {
  for (const doc of parseAll(path.join(k8sDir, f))) {
    if (f === 'kustomization.yaml') continue;
    objects.push({ file: f, doc });
  }
}
const kustomization = parseAll(path.join(k8sDir, 'kustomization.yaml'))[0] ?? {};
for (const r of kustomization.resources ?? [])
  if (!existsSync(path.join(k8sDir, r))) fail('kustomization.yaml', `resource ${r} does not exist`);

const byKind = (kind) => objects.filter((o) => o.doc.kind === kind);
const names = (kind) => new Set(byKind(kind).map((o) => o.doc.metadata?.name));
// Secrets that are created outside these files on purpose: the TLS material cert-manager (or a vault) issues.
const externalSecrets = new Set(['kurrentdb-tls']);
const secrets = new Set([...names('Secret'), ...externalSecrets]);
const configMaps = names('ConfigMap');

for (const { file, doc } of objects) {
  const where = `kubernetes/${file} ${doc.kind ?? '?'}/${doc.metadata?.name ?? '?'}`;
  if (!doc.apiVersion || !doc.kind || !doc.metadata?.name)
    fail(where, 'needs apiVersion, kind and metadata.name');
  if (doc.kind !== 'Namespace' && doc.metadata?.namespace !== 'traffic-ledger')
    fail(where, 'namespace must be traffic-ledger');
  const podSpec =
    doc.kind === 'CronJob' ? doc.spec?.jobTemplate?.spec?.template?.spec : doc.spec?.template?.spec;
  if (['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(doc.kind)) {
    if (!podSpec?.containers?.length) {
      fail(where, 'has no containers');
      continue;
    }
    const labels = doc.spec?.template?.metadata?.labels ?? {};
    const selector = doc.spec?.selector?.matchLabels;
    if (selector && !Object.entries(selector).every(([k, v]) => labels[k] === v))
      fail(where, 'selector does not match the pod template labels');
    const volumes = new Set((podSpec.volumes ?? []).map((v) => v.name));
    for (const t of doc.spec?.volumeClaimTemplates ?? []) volumes.add(t.metadata?.name);
    for (const v of podSpec.volumes ?? [])
      if (v.secret && !secrets.has(v.secret.secretName))
        fail(where, `volume ${v.name}: unknown Secret ${v.secret.secretName}`);
    for (const c of podSpec.containers) {
      if (!c.image) fail(where, `container ${c.name} has no image`);
      for (const m of c.volumeMounts ?? [])
        if (!volumes.has(m.name)) fail(where, `mount of unknown volume ${m.name}`);
      for (const e of c.envFrom ?? []) {
        if (e.secretRef && !secrets.has(e.secretRef.name))
          fail(where, `envFrom unknown Secret ${e.secretRef.name}`);
        if (e.configMapRef && !configMaps.has(e.configMapRef.name))
          fail(where, `envFrom unknown ConfigMap ${e.configMapRef.name}`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !secrets.has(ref.name)) fail(where, `env ${e.name}: unknown Secret ${ref.name}`);
        if (e.value !== undefined && typeof e.value !== 'string')
          fail(where, `env ${e.name} must be a string`);
      }
    }
  }
  if (doc.kind === 'Service') {
    const sel = doc.spec?.selector ?? {};
    const matches = objects.some(({ doc: d }) =>
      Object.entries(sel).every(([k, v]) => (d.spec?.template?.metadata?.labels ?? {})[k] === v),
    );
    if (!matches) fail(where, 'selects no pod template');
  }
  if (doc.kind === 'ConfigMap')
    for (const [k, v] of Object.entries(doc.data ?? {}))
      if (typeof v !== 'string') fail(where, `data ${k} must be a string`);
}

const deployment = (name) => byKind('Deployment').find((o) => o.doc.metadata.name === name)?.doc;
const api = deployment('ledger-api');
const apiContainer = api?.spec?.template?.spec?.containers?.[0];
for (const probe of ['readinessProbe', 'livenessProbe'])
  if (apiContainer?.[probe]?.httpGet?.path !== '/health')
    fail('kubernetes/api.yaml', `${probe} must GET /health`);
const projector = deployment('ledger-projector');
if (projector?.spec?.replicas !== 1 || projector?.spec?.strategy?.type !== 'Recreate')
  fail('kubernetes/projector.yaml', 'the projector must be one replica, replaced with strategy Recreate');
const statefulSets = names('StatefulSet');
for (const s of ['postgres', 'kurrentdb'])
  if (!statefulSets.has(s)) fail('kubernetes', `StatefulSet ${s} is missing`);
const kurrent = byKind('StatefulSet').find((o) => o.doc.metadata.name === 'kurrentdb')?.doc;
if (kurrent?.spec?.replicas !== 3) fail('kubernetes/kurrentdb.yaml', 'KurrentDB must run 3 replicas');
if (kurrent?.spec?.template?.spec?.enableServiceLinks !== false)
  fail(
    'kubernetes/kurrentdb.yaml',
    'enableServiceLinks must be false (service links collide with KURRENTDB_* settings)',
  );
for (const s of ['ledger-connections', 'postgres-auth', 'ledger-api-tokens'])
  if (!names('Secret').has(s)) fail('kubernetes/secrets.example.yaml', `Secret ${s} is missing`);

if (problems.length > 0) {
  console.error(`deploy/ is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `deploy/ valid: docker-compose.yml (${Object.keys(services).length} services), ${objects.length} Kubernetes objects in ${files.length} files`,
);
