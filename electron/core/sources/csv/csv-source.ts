import path from 'node:path';
import { rosterResources } from '../../../../shared/domain/roster';
import type { RosterResource, RosterUserRole, SyncWarning } from '../../../../shared/domain/roster';
import { UpstreamError } from '../../http/upstream-error';
import { SoftFields, describeProblem, withSoftFields } from '../record-fields';
import type { RosterSource, SourceBatch, SourceStream, SourceThread } from '../roster-source';
import { openCsvFiles } from './csv-files';
import { CsvLimitError } from './csv-limits';
import type { CsvFiles } from './csv-files';
import { CSV_COLUMN_ALIASES, CSV_FILES, csvMappers } from './csv-records';
import { CSV_1P2_ROLES, CSV_1P2_USERS_REQUIRED, csv1p2Role, csv1p2User } from './csv-records-v1p2';
import { rows } from './csv-rows';

type Row = Record<string, string | undefined>;
type Opened = {
  files: CsvFiles;
  manifest: Map<string, string> | null;
  version: '1.1' | '1.2';
  warnings: SyncWarning[];
};
/** What *Test connection* learns of an export (see CsvSource.probe). */
export interface CsvProbe {
  version: '1.1' | '1.2';
  /** The OneRoster files it holds, of KNOWN_FILES. */
  present: string[];
  /** Users read before the first batch that had one (0: users.csv has none, or is missing). */
  users: number;
  /** The first warning while reading users.csv, if any. */
  problem: string | null;
}
const KNOWN_FILES = [
  'manifest.csv',
  ...Object.values(CSV_FILES).map((f) => f.file),
  CSV_1P2_ROLES.file,
];
/** roles.csv of a 1.2 export, by user, with the line of each user's first role. */
type RolesByUser = Map<string, { roles: RosterUserRole[]; line: number; seen?: boolean }>;

/**
 * Rows handed over at once. A batch's rows pile up while its lines are read, so each scavenge found
 * them alive: with 2,000, the users lane promoted most and ran 14-24 full collections at 0.3 scale
 * (1.2-1.5 s of collector pauses); with 500, none (0.26 s).
 */
const BATCH_ROWS = 500;

/**
 * A OneRoster 1.1 or 1.2 CSV export, folder or zip, read as real exports are: columns by header
 * name in any order, extra ext_* columns ignored, CRLF or LF, a BOM, quoted fields, TRUE/true, no
 * final newline. A bad row is a warning with file and line; the good rows are kept. manifest.csv's
 * oneroster.version decides the reader (without a manifest, a roles.csv means 1.2): a 1.2 user's
 * roles come from roles.csv.
 */
export class CsvSource implements RosterSource {
  readonly provider = 'OneRoster CSV';
  readonly label: string;

  constructor(private readonly target: string) {
    this.label = target;
  }

  /**
   * A 1.2 export's roles.csv is read whole before users.csv (a user's roles may be anywhere in
   * it), so its users lane holds every user's roles: not bounded by batch size.
   */
  async thread(): Promise<SourceThread> {
    let roles = false;
    try {
      const files = await openCsvFiles(this.target);
      roles = files.has(CSV_1P2_ROLES.file);
      files.close();
    } catch (error) {
      // A file past a limit fails the sync here, before its lanes start; anything else is said
      // by the sync itself, which opens the files again.
      if (error instanceof CsvLimitError) throw error;
    }
    return { spec: { kind: 'csv', target: this.target }, bounded: !roles };
  }

  streams(): SourceStream[] {
    let files: Promise<Opened> | null = null;
    const opened = () => (files ??= this.openAll());
    let remaining = rosterResources.length;
    return rosterResources.map((resource) => ({
      name: CSV_FILES[resource].file,
      resources: [resource],
      read: (signal: AbortSignal) =>
        this.readFile(resource, opened, signal, () => {
          if (--remaining === 0) void opened().then((f) => f.files.close());
        }),
    }));
  }

  /**
   * What *Test connection* says of an export: which OneRoster files it holds, its version, and
   * whether users.csv gives at least one user (read up to the first batch that does).
   */
  async probe(signal: AbortSignal): Promise<CsvProbe> {
    const opened = this.openAll();
    try {
      const { files, version } = await opened;
      const present = KNOWN_FILES.filter((name) => files.has(name));
      let users = 0;
      let problem: string | null = null;
      if (files.has(CSV_FILES.users.file))
        for await (const batch of this.readFile(
          'users',
          () => opened,
          signal,
          () => undefined,
        )) {
          users += batch.records.users?.length ?? 0;
          problem ??= batch.warnings.find((w) => w.resource !== 'manifest')?.reason ?? null;
          if (users > 0) break;
        }
      return { version, present, users, problem };
    } finally {
      await opened.then(({ files }) => files.close()).catch(() => undefined);
    }
  }

  private async openAll(): Promise<Opened> {
    let files: CsvFiles;
    try {
      files = await openCsvFiles(this.target);
    } catch (error) {
      throw new UpstreamError('not-found', error instanceof Error ? error.message : String(error));
    }
    const warnings: SyncWarning[] = [];
    let manifest: Map<string, string> | null = null;
    if (files.has('manifest.csv')) {
      manifest = new Map();
      for await (const { row } of rows(await files.open('manifest.csv'), 'manifest.csv')) {
        if (row[0] && row[0] !== 'propertyName') manifest.set(row[0].trim(), (row[1] ?? '').trim());
      }
    } else {
      warnings.push({
        resource: 'manifest',
        location: 'manifest.csv',
        field: null,
        reason: `manifest.csv is missing from ${path.basename(this.target)}: reading the files that are there`,
      });
    }
    // A delta export holds only what changed since the last one: read alone it looks like a
    // district that lost most of its people and classes. RosterDesk reads whole rosters only.
    const deltas = [...(manifest ?? [])]
      .filter(([key, value]) => key.startsWith('file.') && value.toLowerCase() === 'delta')
      .map(([key]) => `${key.slice('file.'.length)}.csv`);
    if (deltas.length > 0) {
      files.close();
      throw new UpstreamError(
        'malformed',
        `${path.basename(this.target)} holds changes only, not the whole roster: manifest.csv marks ${deltas.join(', ')} as "delta". Export the whole roster ("bulk") and sync that; the previous snapshot stays in use.`,
      );
    }
    const declared = manifest?.get('oneroster.version');
    const version = declared
      ? declared.startsWith('1.2')
        ? '1.2'
        : '1.1'
      : files.has(CSV_1P2_ROLES.file)
        ? '1.2'
        : '1.1';
    if (declared && declared !== '1.1' && !declared.startsWith('1.2'))
      warnings.push({
        resource: 'manifest',
        location: 'manifest.csv',
        field: 'oneroster.version',
        reason: `version ${declared}; RosterDesk reads OneRoster 1.1 and 1.2: reading it as 1.1`,
      });
    return { files, manifest, version, warnings };
  }

  /** A 1.2 export's roles.csv, read whole before users.csv (a user's roles may be anywhere in it). */
  private async readRoles(
    files: CsvFiles,
    signal: AbortSignal,
  ): Promise<{ byUser: RolesByUser; warnings: SyncWarning[] }> {
    const byUser: RolesByUser = new Map();
    const warnings: SyncWarning[] = [];
    const { file, required } = CSV_1P2_ROLES;
    const warn = (line: number | string, field: string | null, reason: string) =>
      warnings.push({ resource: 'users', location: `${file}:${line}`, field, reason });
    if (!files.has(file)) {
      warn(1, null, `${file} is missing: a OneRoster 1.2 export gives users their roles there`);
      return { byUser, warnings };
    }
    let header: string[] | null = null;
    const soft = new SoftFields();
    for await (const { row, line, error } of rows(await files.open(file), file)) {
      if (signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
      if (error) {
        warn(line, null, `not valid CSV here: ${error}`);
        continue;
      }
      if (!header) {
        header = row.map((h) => h.trim().replace(/^\uFEFF/, ''));
        const missing = required.filter((c) => !header?.includes(c));
        if (missing.length > 0) {
          warn(
            1,
            missing[0] ?? null,
            `no ${missing.join(', ')} column: this is not a OneRoster 1.2 ${file}`,
          );
          return { byUser, warnings };
        }
        continue;
      }
      if (row.length === 1 && row[0] === '') continue;
      const record: Row = {};
      header.forEach((name, i) => (record[name] = row[i]));
      try {
        soft.at(`${file}:${line}`);
        const mapped = withSoftFields(soft, () => csv1p2Role(record));
        if (!mapped) continue;
        const entry = byUser.get(mapped.userSourcedId);
        if (entry) entry.roles.push(mapped.role);
        else byUser.set(mapped.userSourcedId, { roles: [mapped.role], line });
      } catch (e) {
        const problem = describeProblem(e);
        warn(
          line,
          problem.field,
          record.sourcedId ? `${problem.reason} (role ${record.sourcedId})` : problem.reason,
        );
      }
    }
    if (!header) warn(1, null, `${file} is empty`);
    warnings.push(...soft.warnings('users', file, (where) => where));
    return { byUser, warnings };
  }

  private async *readFile(
    resource: RosterResource,
    opened: () => ReturnType<CsvSource['openAll']>,
    signal: AbortSignal,
    done: () => void,
  ): AsyncGenerator<SourceBatch> {
    try {
      const { files, manifest, version, warnings: setup } = await opened();
      const v1p2Users = version === '1.2' && resource === 'users';
      const { file } = CSV_FILES[resource];
      const required = v1p2Users ? CSV_1P2_USERS_REQUIRED : CSV_FILES[resource].required;
      const roles = v1p2Users ? await this.readRoles(files, signal) : null;
      const map: (row: Row) => unknown = roles
        ? (row) => {
            const entry = roles.byUser.get(row.sourcedId?.trim() ?? '');
            if (entry) entry.seen = true;
            return csv1p2User(row, entry?.roles ?? []);
          }
        : csvMappers[resource];
      const declared = manifest?.get(`file.${path.basename(file, '.csv')}`)?.toLowerCase();
      const startWarnings = [...(resource === 'orgs' ? setup : []), ...(roles?.warnings ?? [])];
      if (!files.has(file)) {
        if (declared === 'absent') return;
        const reason = declared
          ? `${file} is listed as "${declared}" in manifest.csv but is missing`
          : `${file} is missing`;
        yield {
          records: {},
          warnings: [...startWarnings, { resource: 'file', location: file, field: null, reason }],
          location: file,
          read: 0,
          total: null,
        };
        return;
      }
      let header: string[] | null = null;
      let batch: Row[] = [];
      let lines: number[] = [];
      let warnings: SyncWarning[] = [...startWarnings];
      // Rows read but refused before mapping (not CSV, wrong width): counted as read, not kept.
      let skipped = 0;
      // Fields RosterDesk does not need to place a record: kept without them, said once per field.
      const soft = new SoftFields();
      const flush = (): SourceBatch => {
        const records: unknown[] = [];
        batch.forEach((row, i) => {
          try {
            soft.at(`${file}:${lines[i] ?? '?'}`);
            records.push(withSoftFields(soft, () => map(row)));
          } catch (error) {
            const problem = describeProblem(error);
            warnings.push({
              resource,
              location: `${file}:${lines[i] ?? '?'}`,
              field: problem.field,
              reason: row.sourcedId
                ? `${problem.reason} (record ${row.sourcedId})`
                : problem.reason,
            });
          }
        });
        const out: SourceBatch = {
          records: { [resource]: records },
          warnings,
          location: file,
          read: batch.length + skipped,
          total: null,
        };
        skipped = 0;
        batch = [];
        lines = [];
        warnings = [];
        return out;
      };
      for await (const { row, line, error } of rows(await files.open(file), file)) {
        if (signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
        if (error) {
          if (header) skipped++;
          warnings.push({
            resource,
            location: `${file}:${line}`,
            field: null,
            reason: `not valid CSV here: ${error}`,
          });
          // A flood of bad rows is handed over as it comes, not held until a good row arrives.
          if (skipped + batch.length >= BATCH_ROWS) yield flush();
          continue;
        }
        if (!header) {
          header = row.map((h) => h.trim().replace(/^\uFEFF/, ''));
          // A column read under its OneRoster name is said once, never dropped in silence.
          const aliases = CSV_COLUMN_ALIASES[resource] ?? {};
          header = header.map((name) => {
            const standard = aliases[name];
            if (!standard || header?.includes(standard)) return name;
            warnings.push({
              resource,
              location: `${file}:1`,
              field: name,
              reason: `non-standard column "${name}" read as "${standard}" (the OneRoster ${version} name)`,
            });
            return standard;
          });
          const missing = required.filter((c) => !header?.includes(c));
          if (missing.length > 0) {
            yield {
              records: {},
              warnings: [
                ...warnings,
                {
                  resource,
                  location: `${file}:1`,
                  field: missing[0] ?? null,
                  reason: `no ${missing.join(', ')} column: this is not a OneRoster ${version} ${file}`,
                },
              ],
              location: file,
              read: 0,
              total: null,
            };
            return;
          }
          continue;
        }
        if (row.length === 1 && row[0] === '') continue;
        if (row.length !== header.length) {
          skipped++;
          warnings.push({
            resource,
            location: `${file}:${line}`,
            field: null,
            reason: `wrong number of columns: ${row.length} instead of ${header.length}`,
          });
          if (skipped + batch.length >= BATCH_ROWS) yield flush();
          continue;
        }
        const record: Row = {};
        header.forEach((name, i) => (record[name] = row[i]));
        batch.push(record);
        lines.push(line);
        if (batch.length >= BATCH_ROWS) yield flush();
      }
      if (!header)
        warnings.push({ resource, location: `${file}:1`, field: null, reason: `${file} is empty` });
      const last = flush();
      last.warnings.push(...soft.warnings(resource, file, (where) => where));
      // Roles of users that users.csv does not have: said, at the line of the user's first role.
      for (const [user, { line, seen }] of roles?.byUser ?? [])
        if (!seen)
          last.warnings.push({
            resource,
            location: `${CSV_1P2_ROLES.file}:${line}`,
            field: 'userSourcedId',
            reason: `role of user ${user}, who is not in ${file}`,
          });
      yield last;
    } finally {
      done();
    }
  }
}
