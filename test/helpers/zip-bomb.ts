import fs from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';

/**
 * A zip of `name` holding `header` and then `bytes` of one letter with no newline: 2 GiB deflate
 * into about 2 MB at level 9 (9 MB at level 1, written in under 2 s).
 */
export async function writeZipBomb(
  file: string,
  options: {
    name?: string;
    header?: string;
    bytes?: number;
    level?: number;
    /** A line repeated instead of one letter (a file of one row, over and over). */
    repeat?: string;
  } = {},
): Promise<void> {
  const { name = 'users.csv', header = 'sourcedId,role,givenName,familyName\n' } = options;
  const bytes = options.bytes ?? 2 * 1024 ** 3;
  const unit = options.repeat ? Buffer.from(options.repeat) : Buffer.from('a');
  const chunk = Buffer.alloc(Math.floor((16 * 1024 ** 2) / unit.length) * unit.length, unit);
  let left = bytes;
  const body = Readable.from(
    (function* () {
      yield Buffer.from(header);
      while (left > 0) {
        const size = Math.min(left, chunk.length);
        left -= size;
        yield size === chunk.length ? chunk : chunk.subarray(0, size);
      }
    })(),
  );
  const zip = new yazl.ZipFile();
  zip.addReadStream(body, name, { compressionLevel: options.level ?? 1 });
  zip.addBuffer(Buffer.from('sourcedId,name,type\norg-1,North High,school\n'), 'orgs.csv');
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject),
  );
}

/**
 * Rewrites the inflated size the central directory gives for `name` (a zip that lies about its
 * sizes). yazl writes sizes after the data, so the local header's are zero and only this one counts.
 */
export function lieAboutSize(file: string, name: string, inflated: number): void {
  const zip = fs.readFileSync(file);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (zip.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) !== name) continue;
    zip.writeUInt32LE(inflated, at + 24);
    fs.writeFileSync(file, zip);
    return;
  }
  throw new Error(`${name} not found in the central directory of ${file}`);
}
