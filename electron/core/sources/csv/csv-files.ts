import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { CSV_LIMITS, CsvLimitError, entryRefusal } from './csv-limits';

/** The files of a OneRoster export, from a folder or a zip (found by name, in any sub-folder). */
export interface CsvFiles {
  has(name: string): boolean;
  open(name: string): Promise<Readable>;
  close(): void;
}

export async function openCsvFiles(target: string): Promise<CsvFiles> {
  const stat = await fs.promises.stat(target).catch(() => null);
  if (!stat) throw new Error(`No folder or zip file at ${target}`);
  if (stat.isDirectory()) {
    const names = new Map((await fs.promises.readdir(target)).map((n) => [n.toLowerCase(), n]));
    return {
      has: (name) => names.has(name.toLowerCase()),
      open: async (name) =>
        fs.createReadStream(path.join(target, names.get(name.toLowerCase()) ?? name)),
      close: () => undefined,
    };
  }
  return openZip(target);
}

async function openZip(file: string): Promise<CsvFiles> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, z) =>
      err || !z
        ? reject(
            new Error(
              `${path.basename(file)} is not a readable zip file (${err?.message ?? 'unknown error'})`,
            ),
          )
        : resolve(z),
    ),
  );
  const entries = new Map<string, yauzl.Entry>();
  const name = path.basename(file);
  if (zip.entryCount > CSV_LIMITS.zipEntries) {
    zip.close();
    throw new CsvLimitError(
      `${name} holds ${zip.entryCount.toLocaleString('en-US')} files, past the limit of ${CSV_LIMITS.zipEntries.toLocaleString('en-US')}: a OneRoster export holds about 15`,
    );
  }
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const base = path.posix.basename(entry.fileName);
      // A CSV file past a limit refuses the whole zip, from its headers alone.
      const refusal = /\.csv$/i.test(base)
        ? entryRefusal(name, base, entry.compressedSize, entry.uncompressedSize)
        : null;
      if (refusal) {
        zip.close();
        return reject(refusal);
      }
      if (!entry.fileName.endsWith('/')) entries.set(base.toLowerCase(), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    // yauzl refuses unsafe entries (a "../" name, an absolute path): say which zip it was.
    zip.on('error', (error: Error) =>
      reject(new Error(`${path.basename(file)} cannot be read safely: ${error.message}`)),
    );
    zip.readEntry();
  });
  return {
    has: (name) => entries.has(name.toLowerCase()),
    open: (entryName) =>
      new Promise<Readable>((resolve, reject) => {
        const entry = entries.get(entryName.toLowerCase());
        if (!entry) return reject(new Error(`${entryName} is not in ${name}`));
        // Refused from the zip's own sizes before a byte is inflated; yauzl then checks while
        // inflating that the entry holds no more than those sizes say.
        const refusal = entryRefusal(name, entryName, entry.compressedSize, entry.uncompressedSize);
        if (refusal) return reject(refusal);
        zip.openReadStream(entry, (err, stream) =>
          err || !stream
            ? reject(err ?? new Error('no stream'))
            : resolve(guarded(stream, inflateGuard(name, entryName, entry.compressedSize))),
        );
      }),
    close: () => zip.close(),
  };
}

/**
 * Counts what an entry inflates to and stops it past the ratio limit: a zip whose sizes lie (or a
 * zip64 entry yauzl cannot check) is stopped while inflating, not after gigabytes.
 */
function inflateGuard(zip: string, name: string, compressedBytes: number): Transform {
  let inflated = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      inflated += chunk.length;
      const refusal = entryRefusal(zip, name, compressedBytes, inflated);
      callback(refusal ?? null, refusal ? undefined : chunk);
    },
  });
}

/** `source` through `guard`, an error of either ending the stream the reader holds. */
function guarded(source: Readable, guard: Transform): Readable {
  source.on('error', (error) => guard.destroy(error));
  return source.pipe(guard);
}
