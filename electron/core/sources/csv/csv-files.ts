import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

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
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/'))
        entries.set(path.posix.basename(entry.fileName).toLowerCase(), entry);
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
    open: (name) =>
      new Promise<Readable>((resolve, reject) => {
        const entry = entries.get(name.toLowerCase());
        if (!entry) return reject(new Error(`${name} is not in ${path.basename(file)}`));
        zip.openReadStream(entry, (err, stream) =>
          err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
        );
      }),
    close: () => zip.close(),
  };
}
