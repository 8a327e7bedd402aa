// Runs Doyensec's Electronegativity over the Electron sources. Every finding must be listed, with
// its reason, in security/electronegativity-accepted.json; an unlisted finding or a file it could
// not parse fails the run.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const electronegativity = require('@doyensec/electronegativity');
const run = electronegativity.default ?? electronegativity;
const electronVersion = require('electron/package.json').version;
const root = path.resolve(import.meta.dirname, '..');
const acceptedFile = path.join(root, 'security', 'electronegativity-accepted.json');
const accepted = JSON.parse(fs.readFileSync(acceptedFile, 'utf8'));

// The main-process side and the renderer (where window.open, innerHTML or a navigation would live).
// Global checks (CSP, navigation limits, permission handler) are whole-app checks: they are answered
// by the main process's code, so they count from the electron/ scan only.
const results = [];
for (const folder of ['electron', 'renderer']) {
  const r = await run({
    input: path.join(root, folder),
    isRelative: true,
    electronVersionOverride: electronVersion,
    severitySet: 'informational',
    confidenceSet: 'tentative',
  });
  if (folder !== 'electron') r.issues = r.issues.filter((i) => !i.id.endsWith('_GLOBAL_CHECK'));
  results.push(r);
}
const result = {
  errors: results.flatMap((r) => r.errors),
  issues: results.flatMap((r) => r.issues),
  atomicChecks: results.reduce((n, r) => n + r.atomicChecks, 0),
  globalChecks: results.reduce((n, r) => n + r.globalChecks, 0),
};

const parseErrors = result.errors.filter((e) => !e.tolerable);
const findings = result.issues.map((i) => ({
  id: i.id,
  file: i.file,
  line: i.location?.line ?? 0,
  description: i.description,
}));
const isAccepted = (f) =>
  accepted.some((a) => a.id === f.id && (a.file === '*' || a.file === f.file));
const open = findings.filter((f) => !isAccepted(f));
const unused = accepted.filter(
  (a) => !findings.some((f) => f.id === a.id && (a.file === '*' || a.file === f.file)),
);

console.log(
  `electronegativity ${electronVersion}: ${result.atomicChecks + result.globalChecks} checks, ${findings.length} findings, ${findings.length - open.length} accepted with a reason in security/electronegativity-accepted.json`,
);
for (const f of findings)
  console.log(`  ${isAccepted(f) ? 'accepted' : 'OPEN    '} ${f.id} ${f.file}:${f.line}`);
for (const e of parseErrors) console.error(`  could not parse ${e.file}: ${e.message}`);
for (const a of unused) console.log(`  (listed but no longer found: ${a.id} ${a.file})`);
if (open.length > 0 || parseErrors.length > 0) {
  console.error(
    `electronegativity: ${open.length} unaccepted finding(s), ${parseErrors.length} parse error(s)`,
  );
  process.exit(1);
}
