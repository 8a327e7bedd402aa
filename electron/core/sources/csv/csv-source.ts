import path from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { rosterResources } from '../../../../shared/domain/roster';
import type { RosterResource, SyncWarning } from '../../../../shared/domain/roster';
import { UpstreamError } from '../../http/upstream-error';
import { describeProblem } from '../record-fields';
import type { RosterSource, SourceBatch, SourceStream } from '../roster-source';
import { openCsvFiles } from './csv-files';
import type { CsvFiles } from './csv-files';
import { CSV_COLUMN_ALIASES, CSV_FILES, csvMappers } from './csv-records';

const BATCH_ROWS = 2000;

/**
 * A OneRoster 1.1 CSV export, folder or zip, read as real exports are: columns by header name in
 * any order, extra ext_* columns ignored, CRLF or LF, a BOM, quoted fields, TRUE/true, no final
 * newline. A bad row is a warning with file and line; the good rows are kept.
 */
export class CsvSource implements RosterSource {
  readonly provider = 'OneRoster CSV';
  readonly label: string;

  constructor(private readonly target: string) {
    this.label = target;
  }

  streams(): SourceStream[] {
    let files: Promise<{
      files: CsvFiles;
      manifest: Map<string, string> | null;
      warnings: SyncWarning[];
    }> | null = null;
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

  private async openAll() {
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
      for await (const { row } of rows(await files.open('manifest.csv'))) {
        if (row[0] && row[0] !== 'propertyName') manifest.set(row[0].trim(), (row[1] ?? '').trim());
      }
      const version = manifest.get('oneroster.version');
      if (version && version !== '1.1')
        warnings.push({
          resource: 'manifest',
          location: 'manifest.csv',
          field: 'oneroster.version',
          reason: `version ${version}; RosterDesk reads OneRoster 1.1`,
        });
    } else {
      warnings.push({
        resource: 'manifest',
        location: 'manifest.csv',
        field: null,
        reason: `manifest.csv is missing from ${path.basename(this.target)}: reading the files that are there`,
      });
    }
    return { files, manifest, warnings };
  }

  private async *readFile(
    resource: RosterResource,
    opened: () => ReturnType<CsvSource['openAll']>,
    signal: AbortSignal,
    done: () => void,
  ): AsyncGenerator<SourceBatch> {
    try {
      const { files, manifest, warnings: setup } = await opened();
      const { file, required } = CSV_FILES[resource];
      const declared = manifest?.get(`file.${path.basename(file, '.csv')}`)?.toLowerCase();
      const startWarnings = resource === 'orgs' ? setup : [];
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
      let batch: Record<string, string | undefined>[] = [];
      let lines: number[] = [];
      let warnings: SyncWarning[] = [...startWarnings];
      const flush = (): SourceBatch => {
        const records: unknown[] = [];
        batch.forEach((row, i) => {
          try {
            records.push(csvMappers[resource](row));
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
          read: batch.length,
          total: null,
        };
        batch = [];
        lines = [];
        warnings = [];
        return out;
      };
      for await (const { row, line, error } of rows(await files.open(file))) {
        if (signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
        if (error) {
          warnings.push({
            resource,
            location: `${file}:${line}`,
            field: null,
            reason: `not valid CSV here: ${error}`,
          });
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
              reason: `non-standard column "${name}" read as "${standard}" (the OneRoster 1.1 name)`,
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
                  reason: `no ${missing.join(', ')} column: this is not a OneRoster ${file}`,
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
          warnings.push({
            resource,
            location: `${file}:${line}`,
            field: null,
            reason: `wrong number of columns: ${row.length} instead of ${header.length}`,
          });
          continue;
        }
        const record: Record<string, string | undefined> = {};
        header.forEach((name, i) => (record[name] = row[i]));
        batch.push(record);
        lines.push(line);
        if (batch.length >= BATCH_ROWS) yield flush();
      }
      if (!header)
        warnings.push({ resource, location: `${file}:1`, field: null, reason: `${file} is empty` });
      yield flush();
    } finally {
      done();
    }
  }
}

/** Rows of a CSV stream with their first line number; a malformed row is reported and skipped. */
async function* rows(
  stream: NodeJS.ReadableStream,
): AsyncGenerator<{ row: string[]; line: number; error?: string }> {
  const skipped: { line: number; error: string; unclosed: boolean }[] = [];
  // Physical lines, counted on the way in: inside an unclosed quote csv-parse counts CR and LF apart.
  let physicalLines = 0;
  let endsWithNewline = true;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) physicalLines++;
      if (chunk.length > 0) endsWithNewline = chunk[chunk.length - 1] === 10;
      done(null, chunk);
    },
  });
  const parser = stream.pipe(counter).pipe(
    parse({
      bom: true,
      // Real exports mix CRLF and LF; auto-detection would lock onto the first one seen.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_records_with_error: true,
      info: true,
      on_skip: (err) => {
        if (err)
          skipped.push({
            line: Number((err as { lines?: unknown }).lines ?? 0),
            error: err.message,
            unclosed: (err as { code?: unknown }).code === 'CSV_QUOTE_NOT_CLOSED',
          });
        return undefined;
      },
    }),
  );
  let lastLine = 0;
  // A quote that never closes swallows every line after it: each of them is a row lost, reported
  // at its own line, and all point at the line where the quote opened.
  function* report(s: { line: number; error: string; unclosed: boolean }) {
    if (!s.unclosed) {
      yield { row: [], line: s.line, error: s.error };
      return;
    }
    const opened = lastLine + 1;
    const last = Math.max(opened, physicalLines + (endsWithNewline ? 0 : 1));
    for (let line = opened; line <= last; line++)
      yield {
        row: [],
        line,
        error: `inside a quote opened on line ${opened} that is never closed (lines ${opened}-${last} are lost)`,
      };
  }
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length > 0) {
      const s = skipped.shift();
      if (s) yield* report(s);
    }
    lastLine = item.info.lines;
    yield { row: item.record, line: item.info.lines };
  }
  for (const s of skipped) yield* report(s);
}
