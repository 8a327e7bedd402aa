import crypto from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../../shared/ipc/errors';
import { makePrivateDir, writePrivateFile } from '../db/private-files';

/** The largest export the browser host takes in one upload (the request body limit is 16 MiB). */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

/**
 * A OneRoster CSV export picked in the browser (which cannot hand over a path): stored in the data
 * folder's private `imports/` so the connection can read it like any other file.
 */
export function saveUpload(dataDir: string, fileName: string, base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', `${fileName} is empty`);
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${fileName} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: give its full path instead`,
    );
  const safe =
    path
      .basename(fileName)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(-80) || 'export';
  if (!/\.(zip|csv)$/i.test(safe))
    throw new AppError('VALIDATION', `${fileName} is not a .zip or .csv OneRoster export`);
  const dir = path.join(dataDir, 'imports');
  makePrivateDir(dir);
  const file = path.join(dir, `${crypto.randomUUID().slice(0, 8)}-${safe}`);
  writePrivateFile(file, bytes);
  return file;
}
