import type { LicenseImport } from '../../../shared/domain/license';
import { AppError } from '../../../shared/ipc/errors';
import { parseLicenseCsv } from './license-csv';
import type { LicenseStore } from './license-store';

/**
 * A license CSV becomes the current license list only when it holds at least one good row: a file
 * that cannot be read, has no email column or no valid row is refused with its first problems, and
 * the list in use (perhaps pulled from the platform, with the ids staging needs) stays. Replacing a
 * pulled list is asked first.
 */
export function importLicenseCsv(
  license: LicenseStore,
  fileName: string,
  text: string,
  replacePulled: boolean,
): LicenseImport {
  const { entries, errors } = parseLicenseCsv(text, fileName);
  if (entries.length === 0) {
    const first = errors
      .slice(0, 3)
      .map((e) => `${e.line > 0 ? `line ${e.line}: ` : ''}${e.reason}`)
      .join('; ');
    throw new AppError(
      'VALIDATION',
      `${fileName} was not imported: it has no valid license row${first ? ` (${first})` : ' (the file is empty)'}. The current license list was not changed.`,
      errors
        .slice(0, 20)
        .map((e) => ({ path: `line ${e.line}${e.field ? ` ${e.field}` : ''}`, message: e.reason })),
    );
  }
  if (license.platformConnectionId() !== null && !replacePulled)
    throw new AppError(
      'NEEDS_CONFIRMATION',
      `The license list in use was pulled from the platform. Replacing it with ${fileName} (${entries.length} entries) means changes can no longer be staged until the license is refreshed from the platform again. Replace it?`,
    );
  return license.save(fileName, entries, errors);
}
