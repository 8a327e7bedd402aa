import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../core/db/open-database';
import { writePrivateFile } from '../core/db/private-files';
import { runDiagnostics } from '../core/diagnostics/run-diagnostics';
import { completed, runIngest } from '../core/ingest/run-ingest';
import { parseLicenseCsv } from '../core/license/license-csv';
import { sanityReportCsv } from '../core/reports/csv-report';
import { sanityReportPdf } from '../core/reports/pdf-report';
import { buildSanityReport } from '../core/reports/sanity-report';
import { SnapshotReader } from '../core/snapshot/snapshot-reader';
import type { SyncWarningRow } from '../core/reports/sanity-report';
import { CleverSource } from '../core/sources/clever/clever-source';
import { CsvSource } from '../core/sources/csv/csv-source';
import { OneRosterSource } from '../core/sources/oneroster/oneroster-source';
import type { RosterSource } from '../core/sources/roster-source';

export const CHECK_USAGE = `Usage: rosterdesk check <one source> [--license-csv FILE] [--json FILE] [--csv FILE] [--pdf FILE]
Sources:
  --oneroster-csv DIR|ZIP
  --oneroster-url BASE --client-id-env VAR --client-secret-env VAR [--oauth2 [--token-url URL]] [--oneroster-version 1.1|1.2|detect]
  --clever-url BASE --clever-token-env VAR
Secrets come only from environment variables (named by the *-env options) or the keychain, never as arguments.
Exit: 0 no error finding, 1 at least one error finding, 2 the check could not run.`;

export class CheckFailed extends Error {}

const err = (line: string) => process.stderr.write(`${line}\n`);

/** The first 20 sync warnings, with where and which field: what was left out, said up front. */
function printWarnings(warnings: SyncWarningRow[]): void {
  if (warnings.length === 0) return;
  err(
    `${warnings.length} sync warning(s) while reading the roster (records left out, or notes on the export):`,
  );
  for (const w of warnings.slice(0, 20))
    err(`  ${w.location}${w.field ? ` ${w.field}` : ''}: ${w.reason}`);
  if (warnings.length > 20) err(`  … and ${warnings.length - 20} more in the JSON report`);
}

function env(name: string | undefined, option: string): string {
  if (!name) throw new CheckFailed(`${option} is required with this source`);
  const value = process.env[name];
  if (!value) throw new CheckFailed(`environment variable ${name} (named by ${option}) is not set`);
  return value;
}

function sourceFrom(v: Record<string, string | boolean | undefined>): {
  source: RosterSource;
  kind: string;
} {
  const chosen = ['oneroster-csv', 'oneroster-url', 'clever-url'].filter((k) => v[k] !== undefined);
  if (chosen.length !== 1)
    throw new CheckFailed(
      `choose exactly one source (${chosen.length === 0 ? 'none given' : chosen.map((c) => `--${c}`).join(' and ')})\n${CHECK_USAGE}`,
    );
  if (typeof v['oneroster-csv'] === 'string')
    return { source: new CsvSource(path.resolve(v['oneroster-csv'])), kind: 'oneroster-csv' };
  if (typeof v['oneroster-url'] === 'string') {
    const clientId = env(v['client-id-env'] as string | undefined, '--client-id-env');
    const clientSecret = env(v['client-secret-env'] as string | undefined, '--client-secret-env');
    const baseUrl = v['oneroster-url'].replace(/\/+$/, '');
    const auth = v.oauth2
      ? {
          method: 'oauth2' as const,
          clientId,
          clientSecret,
          tokenUrl: (v['token-url'] as string | undefined) ?? `${baseUrl}/token`,
        }
      : { method: 'oauth1' as const, clientId, clientSecret };
    const version = (v['oneroster-version'] as string | undefined) ?? 'detect';
    if (version !== '1.1' && version !== '1.2' && version !== 'detect')
      throw new CheckFailed(`--oneroster-version must be 1.1, 1.2 or detect (got "${version}")`);
    return { source: new OneRosterSource({ baseUrl, auth, version }), kind: 'classlink' };
  }
  const token = env(v['clever-token-env'] as string | undefined, '--clever-token-env');
  return {
    source: new CleverSource({ baseUrl: String(v['clever-url']).replace(/\/+$/, ''), token }),
    kind: 'clever',
  };
}

/** `rosterdesk check`: the app's engine, headless. Returns the exit code. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'oneroster-csv': { type: 'string' },
      'oneroster-url': { type: 'string' },
      'client-id-env': { type: 'string' },
      'client-secret-env': { type: 'string' },
      oauth2: { type: 'boolean' },
      'token-url': { type: 'string' },
      'oneroster-version': { type: 'string' },
      'clever-url': { type: 'string' },
      'clever-token-env': { type: 'string' },
      'license-csv': { type: 'string' },
      json: { type: 'string' },
      csv: { type: 'string' },
      pdf: { type: 'string' },
    },
  });
  const { source, kind } = sourceFrom(values);
  // The report files' folders are checked before the roster is read (minutes at district scale).
  for (const [option, file] of [
    ['--json', values.json],
    ['--csv', values.csv],
    ['--pdf', values.pdf],
  ] as const) {
    if (!file) continue;
    const folder = path.dirname(path.resolve(file));
    try {
      if (!fs.statSync(folder).isDirectory()) throw new Error('not a folder');
      fs.accessSync(folder, fs.constants.W_OK);
    } catch {
      throw new CheckFailed(
        `${option} ${file}: the folder ${folder} does not exist or cannot be written; nothing was read`,
      );
    }
  }
  let license = null;
  if (values['license-csv']) {
    const file = path.resolve(values['license-csv']);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new CheckFailed(`cannot read the license CSV ${file}`);
    }
    const parsed = parseLicenseCsv(text, path.basename(file));
    // A license that cannot be read is never an empty license: that would call every teacher unlicensed.
    if (parsed.entries.length === 0)
      throw new CheckFailed(
        `the license CSV ${file} has no usable row: ${parsed.errors[0]?.reason ?? 'the file is empty'}`,
      );
    for (const e of parsed.errors)
      err(`license ${path.basename(file)}:${e.line} ${e.field ?? ''}: ${e.reason}`);
    license = parsed.entries;
    err(
      `license: ${parsed.entries.length} entries${parsed.errors.length ? `, ${parsed.errors.length} rows skipped` : ''}`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterdesk-check-'));
  try {
    const db = openDatabase({ dataDir: dir }).db;
    let last = 0;
    const result = await runIngest(db, source, {
      connectionId: 'cli',
      sourceKind: kind,
      signal: new AbortController().signal,
      onProgress: (streams) => {
        if (Date.now() - last < 1000) return;
        last = Date.now();
        err(
          `reading ${source.provider}: ${streams.map((s) => `${s.name} ${s.read}${s.total !== null ? `/${s.total}` : ''}`).join(', ')}`,
        );
      },
    });
    const roster = new SnapshotReader(db, result.snapshotId);
    printWarnings(roster.warnings());
    if (!completed(result)) throw new CheckFailed(result.error);
    err(
      `read ${Object.entries(result.counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}${result.warnings ? ` (${result.warnings} sync warnings, listed above)` : ''}`,
    );
    const { findings } = runDiagnostics(db, result.snapshotId, license);
    const report = buildSanityReport(
      roster,
      { kind, label: source.label, syncedAt: new Date().toISOString() },
      findings,
      license?.length ?? 0,
    );
    db.close();
    // Reports name students and teachers: readable by their owner only.
    if (values.json) writePrivateFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    if (values.csv) writePrivateFile(values.csv, sanityReportCsv(report));
    if (values.pdf) writePrivateFile(values.pdf, await sanityReportPdf(report));
    const errors = findings.filter((f) => f.severity === 'error').length;
    err(
      `findings: ${
        Object.entries(report.summary.byCode)
          .map(([c, n]) => `${c} ${n}`)
          .join(', ') || 'none'
      }`,
    );
    if (report.source.missingResources.length > 0)
      err(`the roster sent no ${report.source.missingResources.join(', ')}`);
    return errors > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
