import { z } from 'zod';

/**
 * Every setting of the app, declared once: its schema, its default and what it means. The core
 * reads and writes them through one store (electron/core/settings/settings-store.ts), which parses
 * each value with its schema on the way in and on the way out; the Settings screen writes them with
 * `settings.set`, which refuses a value its schema does not accept.
 */
export const settingDefinitions = {
  'dashboard.connection': {
    schema: z.string().min(1).max(200).nullable(),
    default: null,
    about: 'The connection the dashboard compares with the license (none: the latest synced)',
  },
  'imports.deleteAfterSync': {
    schema: z.boolean(),
    default: false,
    about: 'Delete an uploaded export as soon as its sync succeeds',
  },
  'snapshots.keep': {
    schema: z.number().int().min(1).max(50),
    default: 5,
    about:
      "How many of a connection's past snapshots are kept besides the current one (their counts stay in the history)",
  },
  'backups.everyHours': {
    schema: z.number().int().min(1).max(168),
    default: 1,
    about: "How often the admin's work (connections, changes, audit log) is copied to backups/",
  },
  'reclaim.idleDays': {
    schema: z.number().int().min(7).max(730),
    default: 120,
    about:
      'A licensed teacher with no activity for this many days (or an invitation pending this long) is listed for reclaiming the seat',
  },
  'reclaim.graceDays': {
    schema: z.number().int().min(0).max(365),
    default: 30,
    about: 'Days after a reminder (or past the idle days) before removing the teacher is offered',
  },
} as const;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingDefinitions)[K]['schema']>;
export type Settings = { [K in SettingKey]: SettingValue<K> };
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

/** All settings with their values, as the Settings screen reads them. */
export const settingsSchema = z.object({
  'dashboard.connection': settingDefinitions['dashboard.connection'].schema,
  'imports.deleteAfterSync': settingDefinitions['imports.deleteAfterSync'].schema,
  'backups.everyHours': settingDefinitions['backups.everyHours'].schema,
  'snapshots.keep': settingDefinitions['snapshots.keep'].schema,
  'reclaim.idleDays': settingDefinitions['reclaim.idleDays'].schema,
  'reclaim.graceDays': settingDefinitions['reclaim.graceDays'].schema,
}) satisfies z.ZodType<Settings>;

export const settingWriteSchema = z
  .object({ key: z.enum(settingKeys as [SettingKey, ...SettingKey[]]), value: z.unknown() })
  .strict();

/** A background service as Settings shows it. */
export const serviceStatusSchema = z.object({
  name: z.string(),
  about: z.string(),
  state: z.enum(['registered', 'running', 'stopped', 'failed']),
  error: z.string().nullable(),
});
