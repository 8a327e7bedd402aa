import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type {
  ImportedExport,
  ImportedExports as ImportsView,
} from '../../../shared/domain/imports';
import { AppError } from '../../../shared/ipc/errors';
import type { SettingsStore } from '../settings/settings-store';
import { makePrivateDir, writePrivateFile } from '../db/private-files';
import type { ConnectionsService } from './connections-service';

/** The largest export the browser host takes in one upload (the request body limit is 16 MiB). */
export const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;
/** An upload no connection took (the form was closed) is deleted after a day. */
const UNCLAIMED_MS = 24 * 60 * 60 * 1000;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * OneRoster exports picked in the browser (which cannot hand over a path), kept in the data
 * folder's private `imports/` so their connection reads them like any other file. A 1.2 export's
 * users.csv may carry plaintext passwords, so a copy lives no longer than it is needed:
 * - it is checked before it is kept: a readable zip holding OneRoster files, or refused with why;
 * - it belongs to the connection whose path names it: removing the connection, or giving it
 *   another file, deletes it; one no connection took is deleted after a day;
 * - the admin may have each deleted as soon as its sync has succeeded (Settings).
 */
export class ImportedExports {
  readonly dir: string;

  constructor(
    private readonly settings: SettingsStore,
    dataDir: string,
    private readonly connections: ConnectionsService,
    /**
     * Whether a zip holds OneRoster files; throws why it cannot be read (the CSV source's reader,
     * within its limits: given by the composition root, the sources being a floor above).
     */
    private readonly holdsOneRoster: (file: string) => Promise<boolean>,
  ) {
    this.dir = path.join(dataDir, 'imports');
  }

  /** Checks and keeps an upload; returns its path for the connection's settings. */
  async save(fileName: string, base64: string): Promise<string> {
    if (!BASE64.test(base64))
      throw new AppError(
        'VALIDATION',
        `${fileName} did not arrive whole (its bytes are not valid base64): pick it again`,
      );
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
    if (!/\.zip$/i.test(safe))
      throw new AppError(
        'VALIDATION',
        `${fileName} is not a .zip: upload the export's zip (one .csv is not a whole OneRoster export), or give its folder's path`,
      );
    makePrivateDir(this.dir);
    const file = path.join(this.dir, `${crypto.randomUUID().slice(0, 8)}-${safe}`);
    writePrivateFile(file, bytes);
    try {
      if (!(await this.holdsOneRoster(file)))
        throw new Error(
          `${fileName} is a zip, but holds no OneRoster files (users.csv, orgs.csv…)`,
        );
    } catch (error) {
      fs.rmSync(file, { force: true });
      const why = error instanceof Error ? error.message : String(error);
      throw new AppError(
        'VALIDATION',
        `${fileName} was not kept: ${why.replace(path.basename(file), fileName)}`,
      );
    }
    return file;
  }

  /** Whether `file` is one of the uploads (a path in imports/). */
  owns(file: string): boolean {
    return path.dirname(path.resolve(file)) === path.resolve(this.dir);
  }

  /** Deletes an upload no connection names any longer (its own was removed or given another file). */
  dropIfUnused(file: string): boolean {
    if (!this.owns(file) || this.users(file).length > 0) return false;
    fs.rmSync(file, { force: true });
    return true;
  }

  list(): ImportsView {
    const files: ImportedExport[] = this.names().map((name) => {
      const file = path.join(this.dir, name);
      const stat = fs.statSync(file);
      return {
        name,
        bytes: stat.size,
        savedAt: stat.mtime.toISOString(),
        connections: this.users(file),
      };
    });
    return { deleteAfterSync: this.deleteAfterSync(), files };
  }

  remove(name: string): void {
    if (!this.names().includes(name))
      throw new AppError('NOT_FOUND', `No uploaded export ${name.slice(0, 100)}`);
    fs.rmSync(path.join(this.dir, name), { force: true });
  }

  deleteAfterSync(): boolean {
    return this.settings.get('imports.deleteAfterSync');
  }

  setDeleteAfterSync(on: boolean): void {
    this.settings.set('imports.deleteAfterSync', on);
  }

  /** After a sync that succeeded: its upload is deleted when the admin chose so. */
  afterSync(connectionId: string): boolean {
    if (!this.deleteAfterSync()) return false;
    const connection = this.connections.list().find((c) => c.id === connectionId);
    if (connection?.settings.kind !== 'oneroster-csv' || !this.owns(connection.settings.path))
      return false;
    fs.rmSync(connection.settings.path, { force: true });
    return true;
  }

  /** Uploads no connection took, older than a day: deleted (at start). */
  pruneUnclaimed(now = Date.now()): string[] {
    const pruned: string[] = [];
    for (const name of this.names()) {
      const file = path.join(this.dir, name);
      if (this.users(file).length > 0) continue;
      if (now - fs.statSync(file).mtimeMs < UNCLAIMED_MS) continue;
      fs.rmSync(file, { force: true });
      pruned.push(name);
    }
    return pruned;
  }

  private names(): string[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  }

  /** The names of the connections whose path is this file. */
  private users(file: string): string[] {
    const target = path.resolve(file);
    return this.connections
      .list()
      .filter(
        (c) => c.settings.kind === 'oneroster-csv' && path.resolve(c.settings.path) === target,
      )
      .map((c) => c.name);
  }
}
