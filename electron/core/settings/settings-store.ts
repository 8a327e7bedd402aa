import { settingDefinitions, settingKeys } from '../../../shared/domain/settings';
import type { SettingKey, SettingValue, Settings } from '../../../shared/domain/settings';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../db/open-database';

/**
 * The one store of settings (table app_settings, one JSON value per key). A value that no longer
 * parses (edited by hand, written by an older version) reads as its default; a write its schema
 * refuses is refused with the field and why, and nothing is stored.
 */
export class SettingsStore {
  private readonly listeners = new Set<(key: SettingKey) => void>();

  constructor(private readonly db: Db) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const definition = settingDefinitions[key];
    const raw = this.db.prepare('SELECT value FROM app_settings WHERE key = ?').pluck().get(key) as
      string | undefined;
    if (raw === undefined) return definition.default as SettingValue<K>;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return definition.default as SettingValue<K>;
    }
    const parsed = definition.schema.safeParse(value);
    return (parsed.success ? parsed.data : definition.default) as SettingValue<K>;
  }

  all(): Settings {
    return Object.fromEntries(settingKeys.map((key) => [key, this.get(key)])) as Settings;
  }

  /** Checks `value` with the setting's schema and stores it; the default is stored as no row. */
  set<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
    const definition = settingDefinitions[key];
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success)
      throw new AppError(
        'VALIDATION',
        `${definition.about}: ${parsed.error.issues[0]?.message ?? 'not a valid value'}`,
        [{ path: 'value', message: parsed.error.issues[0]?.message ?? 'not a valid value' }],
      );
    const next = parsed.data as SettingValue<K>;
    if (next === definition.default)
      this.db.prepare('DELETE FROM app_settings WHERE key = ?').run(key);
    else
      this.db
        .prepare(
          'INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, JSON.stringify(next));
    for (const listener of this.listeners) listener(key);
    return next;
  }

  /** Told after a setting is written (a service whose setting changed restarts). */
  onChange(listener: (key: SettingKey) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
