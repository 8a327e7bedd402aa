import crypto from 'node:crypto';
import fs from 'node:fs';
import {
  connectionSettingsSchema,
  foreignSecretFields,
  secretFieldLabels,
  secretFieldsByKind,
} from '../../../shared/domain/connection';
import type {
  ConnectionSave,
  ConnectionSettings,
  ConnectionView,
  SecretField,
  SecretsInput,
} from '../../../shared/domain/connection';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../db/open-database';
import { KeychainUnavailableError } from '../secrets/secret-store';
import type { SecretStore } from '../secrets/secret-store';

interface ConnectionRow {
  id: string;
  kind: string;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

/** The keychain account of a secret a staged change carries ("application-id:<connection>"). */
export const changeSecretAccount = (key: string) => `rosterdesk:change:${key}`;

export const secretAccount = (connectionId: string, field: string) =>
  `connection:${connectionId}:${field}`;

/**
 * Connections: their settings in SQLite, their secrets in the keychain. A save that carries a
 * secret is refused whole when the keychain cannot be reached; nothing is written in plain text.
 */
export class ConnectionsService {
  private readonly fileListeners = new Set<(file: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): ConnectionView[] {
    const rows = this.db
      .prepare('SELECT * FROM connections ORDER BY name COLLATE NOCASE, created_at')
      .all() as ConnectionRow[];
    return rows.map((row) => this.view(row));
  }

  get(id: string): ConnectionView {
    return this.view(this.row(id));
  }

  add(input: ConnectionSave): ConnectionView {
    this.checkInput(input.settings, input.secrets);
    const id = crypto.randomUUID();
    const at = this.now().toISOString();
    this.writeSecrets(id, input.settings.kind, input.secrets, () => {
      this.db
        .prepare(
          'INSERT INTO connections (id, kind, name, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, input.settings.kind, input.name, JSON.stringify(input.settings), at, at);
    });
    return this.get(id);
  }

  update(id: string, input: ConnectionSave): ConnectionView {
    const existing = this.row(id);
    if (existing.kind !== input.settings.kind) {
      throw new AppError(
        'VALIDATION',
        `A ${existing.kind} connection cannot become ${input.settings.kind}; add a new connection instead`,
        [{ path: 'settings.kind', message: 'The kind of a connection cannot change' }],
      );
    }
    this.checkInput(input.settings, input.secrets);
    const before = this.settingsOf(existing);
    this.writeSecrets(id, input.settings.kind, input.secrets, () => {
      this.db
        .prepare('UPDATE connections SET name = ?, settings = ?, updated_at = ? WHERE id = ?')
        .run(input.name, JSON.stringify(input.settings), this.now().toISOString(), id);
    });
    if (before.kind === 'oneroster-csv' && input.settings.kind === 'oneroster-csv')
      if (before.path !== input.settings.path) this.dropped(before.path);
    return this.get(id);
  }

  remove(id: string): void {
    const row = this.row(id);
    const settings = this.settingsOf(row);
    const fields = secretFieldsByKind[settings.kind];
    if (fields.length > 0) {
      this.requireKeychain(`remove the secrets of "${row.name}"`);
      for (const field of fields) this.secrets.delete(secretAccount(id, field));
    }
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    if (settings.kind === 'oneroster-csv') this.dropped(settings.path);
  }

  /**
   * Called with a file path a CSV connection no longer reads (removed, or given another file):
   * the owner of uploaded exports deletes its copy. Returns the call that stops listening.
   */
  onFileDropped(listener: (file: string) => void): () => void {
    this.fileListeners.add(listener);
    return () => this.fileListeners.delete(listener);
  }

  private dropped(file: string): void {
    for (const listener of this.fileListeners) listener(file);
  }

  /** For the main process only, while a request is built: never returned over IPC. */
  readSecret(id: string, field: SecretField): string | null {
    this.row(id);
    return this.secrets.get(secretAccount(id, field));
  }

  private checkInput(settings: ConnectionSettings, secrets: SecretsInput): void {
    const foreign = foreignSecretFields(settings.kind, secrets);
    if (foreign.length > 0) {
      throw new AppError(
        'VALIDATION',
        `A ${settings.kind} connection has no ${foreign.join(', ')}`,
        foreign.map((f) => ({
          path: `secrets.${f}`,
          message: `Not a field of a ${settings.kind} connection`,
        })),
      );
    }
    if (settings.kind === 'oneroster-csv') checkCsvPath(settings.path);
  }

  private writeSecrets(
    id: string,
    kind: ConnectionSettings['kind'],
    secrets: SecretsInput,
    writeRow: () => void,
  ): void {
    const fields: readonly SecretField[] = secretFieldsByKind[kind];
    const changes = fields.filter((f) => secrets[f] !== undefined);
    if (changes.length > 0) this.requireKeychain('save secrets');
    const previous = new Map<SecretField, string | null>();
    try {
      for (const field of changes) {
        const account = secretAccount(id, field);
        previous.set(field, this.secrets.get(account));
        const value = secrets[field];
        if (value === null || value === undefined) this.secrets.delete(account);
        else this.secrets.set(account, value);
      }
      writeRow();
    } catch (error) {
      // Put the keychain back as it was, so a failed save changes nothing.
      for (const [field, value] of previous) {
        try {
          const account = secretAccount(id, field);
          if (value === null) this.secrets.delete(account);
          else this.secrets.set(account, value);
        } catch {
          /* the original error is the one to report */
        }
      }
      if (error instanceof KeychainUnavailableError)
        throw new AppError('KEYCHAIN_UNAVAILABLE', error.message);
      throw error;
    }
  }

  /**
   * A secret a staged change carries (a ClassLink Application ID to register with the platform):
   * kept in the keychain under the change's key until it is pushed, never in the cache.
   */
  keepChangeSecret(key: string, value: string): void {
    this.requireKeychain('stage this change');
    this.secrets.set(changeSecretAccount(key), value);
  }

  changeSecret(key: string): string | null {
    try {
      return this.secrets.get(changeSecretAccount(key));
    } catch (error) {
      if (error instanceof KeychainUnavailableError)
        throw new AppError('KEYCHAIN_UNAVAILABLE', error.message);
      throw error;
    }
  }

  dropChangeSecret(key: string): void {
    try {
      this.secrets.delete(changeSecretAccount(key));
    } catch {
      /* gone already, or the keychain is away: nothing is left in the cache either way */
    }
  }

  private requireKeychain(what: string): void {
    const status = this.secrets.probe();
    if (!status.available) {
      throw new AppError(
        'KEYCHAIN_UNAVAILABLE',
        `Cannot ${what}: the OS keychain (${status.backend}) is not available (${status.reason ?? 'unknown reason'}). Nothing was saved; RosterDesk never writes secrets to a file.`,
      );
    }
  }

  private row(id: string): ConnectionRow {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as
      ConnectionRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No connection with id ${id}`);
    return row;
  }

  private settingsOf(row: ConnectionRow): ConnectionSettings {
    return connectionSettingsSchema.parse(JSON.parse(row.settings));
  }

  private view(row: ConnectionRow): ConnectionView {
    const settings = this.settingsOf(row);
    const available = this.secrets.status().available;
    const fields: readonly SecretField[] = secretFieldsByKind[settings.kind];
    return {
      id: row.id,
      name: row.name,
      settings,
      secrets: fields.map((field) => ({
        field,
        label: secretFieldLabels[field],
        isSet: available ? this.safeHas(secretAccount(row.id, field)) : null,
      })),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  private safeHas(account: string): boolean | null {
    try {
      return this.secrets.has(account);
    } catch {
      return null;
    }
  }
}

function checkCsvPath(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new AppError('VALIDATION', `No folder or zip file at ${target}`, [
      { path: 'settings.path', message: 'Nothing exists at this path' },
    ]);
  }
  if (!stat.isDirectory() && !(stat.isFile() && target.toLowerCase().endsWith('.zip'))) {
    throw new AppError('VALIDATION', `${target} is neither a folder nor a .zip file`, [
      {
        path: 'settings.path',
        message: 'Expected a folder of OneRoster CSV files or a .zip of them',
      },
    ]);
  }
}
