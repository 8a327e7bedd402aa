/**
 * Limits on a OneRoster CSV export that no real export reaches, so a broken or hostile file fails
 * at once, naming the file and the limit, instead of reading for ever (a 2 MB zip holding one
 * 2 GiB line read 0 users for 8 minutes at a full core and 787 MB).
 *
 * - A record (a line, or a quoted value across lines) of 1,000,000 characters: a OneRoster row is
 *   a few hundred; the longest real field (a list of grades or class codes) a few thousand.
 * - 1,000 entries in a zip: an export has about 15 files.
 * - 8 GiB inflated per entry: the largest district's enrollments.csv is under 2 GB.
 * - 100 to 1 inflated to compressed, for entries over 1 MB: CSV with random ids compresses 3 to 10
 *   to 1; deflate's own ceiling is about 1,030 to 1, which is what a zip bomb uses.
 */
export const CSV_LIMITS = {
  recordChars: 1_000_000,
  zipEntries: 1_000,
  entryBytes: 8 * 1024 ** 3,
  ratio: 100,
  ratioFromBytes: 1024 ** 2,
} as const;

/** A limit was passed: the message names the file, where, and the limit. */
export class CsvLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvLimitError';
  }
}

const number = new Intl.NumberFormat('en-US');

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${number.format(bytes)} bytes`;
}

export function recordTooLong(file: string, line: number): CsvLimitError {
  return new CsvLimitError(
    `${file}, line ${number.format(line)}: one record runs past ${number.format(CSV_LIMITS.recordChars)} characters (the limit), so this is not a readable OneRoster CSV file (a quote that never closes, or a file that is not CSV)`,
  );
}

/** Why an entry of a zip is refused before it is read, or null. */
export function entryRefusal(
  zip: string,
  name: string,
  compressedBytes: number,
  inflatedBytes: number,
): CsvLimitError | null {
  if (inflatedBytes > CSV_LIMITS.entryBytes)
    return new CsvLimitError(
      `${name} in ${zip} would inflate to ${formatBytes(inflatedBytes)}, past the limit of ${formatBytes(CSV_LIMITS.entryBytes)} per file: no real export is that large`,
    );
  if (
    inflatedBytes > CSV_LIMITS.ratioFromBytes &&
    inflatedBytes > CSV_LIMITS.ratio * Math.max(1, compressedBytes)
  )
    return new CsvLimitError(
      `${name} in ${zip} would inflate ${formatBytes(compressedBytes)} into ${formatBytes(inflatedBytes)}, more than ${CSV_LIMITS.ratio} to 1 (the limit): a real export compresses far less, so it is not read`,
    );
  return null;
}
