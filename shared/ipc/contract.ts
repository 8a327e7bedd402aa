import { importedExportsSchema } from '../domain/imports';
import { z } from 'zod';
import { newYearChannels } from './new-year-channels';
import { watchChannels } from './watch-channels';
import { studentsChannels } from './students-channels';
import { serviceStatusSchema, settingWriteSchema, settingsSchema } from '../domain/settings';
import { schoolCountsSchema } from '../domain/snapshot';
import { startHereSchema } from '../domain/start-here';
import { connectionTestSchema } from '../domain/connection-test';
import { appStatusSchema, keychainStatusSchema } from '../domain/app-status';
import { desktopPreferencesSchema, desktopStateSchema } from '../domain/desktop';
import {
  classQuerySchema,
  classRowSchema,
  pageOf,
  rosterOverviewSchema,
  syncWarningRowSchema,
  warningQuerySchema,
  userQuerySchema,
  userRowSchema,
} from '../domain/roster-query';
import { snapshotSchema, syncJobSchema } from '../domain/snapshot';
import { findingCodes, findingSchema } from '../domain/finding';
import { licenseImportSchema, licenseViewSchema } from '../domain/license';
import {
  auditEntrySchema,
  bulkPreviewSchema,
  bulkText,
  stageableCodes,
  stagedFromFindingsSchema,
  pushPreviewSchema,
  changeListSchema,
  changeSchema,
  changeStatuses,
  pushProgressSchema,
  stageRequestSchema,
} from '../domain/change';
import {
  exportFileSchema,
  exportKinds,
  findingsQuerySchema,
  findingsSummarySchema,
  snapshotDiffSchema,
  syncPreviewSchema,
  troubleshootSchema,
  userDetailSchema,
} from '../domain/diagnostics-views';
import {
  connectionIdSchema,
  connectionSaveSchema,
  connectionSettingsSchema,
  connectionViewSchema,
  secretsInputSchema,
} from '../domain/connection';

/**
 * The one IPC contract. Every channel names the schema of its request and of its reply.
 * Electron's IPC adapter and the browser host both dispatch through the same handler table,
 * which must implement exactly these channels. Reply schemas strip unknown keys, so a field a
 * service adds by mistake (a secret, say) never reaches the renderer.
 */
export const contract = {
  'app.status': {
    request: z.object({}).strict(),
    reply: appStatusSchema,
  },
  'app.checkIntegrity': {
    request: z.object({}).strict(),
    reply: z.object({ ok: z.boolean(), problem: z.string().nullable(), seconds: z.number() }),
  },
  'keychain.status': {
    request: z.object({}).strict(),
    reply: keychainStatusSchema,
  },
  'connections.list': {
    request: z.object({}).strict(),
    reply: z.array(connectionViewSchema),
  },
  'connections.test': {
    request: z
      .object({
        /** A saved connection's id: its secrets come from the keychain when none is typed. */
        id: connectionIdSchema.optional(),
        settings: connectionSettingsSchema,
        secrets: secretsInputSchema.default({}),
      })
      .strict(),
    reply: connectionTestSchema,
  },
  'connections.add': {
    request: connectionSaveSchema,
    reply: connectionViewSchema,
  },
  'connections.update': {
    request: connectionSaveSchema.extend({ id: connectionIdSchema }),
    reply: connectionViewSchema,
  },
  'connections.remove': {
    request: z.object({ id: connectionIdSchema }).strict(),
    reply: z.object({ removed: z.literal(true) }),
  },
  'sync.start': {
    request: z.object({ connectionId: connectionIdSchema }).strict(),
    reply: syncJobSchema,
  },
  'sync.status': {
    request: z.object({ jobId: z.uuid() }).strict(),
    reply: syncJobSchema,
  },
  'sync.cancel': {
    request: z.object({ jobId: z.uuid() }).strict(),
    reply: syncJobSchema,
  },
  'sync.jobs': {
    request: z.object({}).strict(),
    reply: z.array(syncJobSchema),
  },
  'snapshots.list': {
    request: z.object({ connectionId: connectionIdSchema.optional() }).strict(),
    reply: z.array(snapshotSchema),
  },
  'snapshots.warnings': {
    request: warningQuerySchema,
    reply: pageOf(syncWarningRowSchema),
  },
  'roster.overview': {
    request: z.object({}).strict(),
    reply: rosterOverviewSchema,
  },
  'roster.users': {
    request: userQuerySchema,
    reply: pageOf(userRowSchema),
  },
  'roster.classes': {
    request: classQuerySchema,
    reply: pageOf(classRowSchema),
  },
  'roster.user': {
    request: z.object({ sourcedId: z.string().min(1).max(500) }).strict(),
    reply: userDetailSchema,
  },
  'roster.schools': {
    request: z.object({}).strict(),
    reply: z.array(schoolCountsSchema),
  },
  'license.import': {
    request: z
      .object({
        fileName: z.string().min(1).max(300),
        text: z.string().max(15 * 1024 * 1024),
        /** The admin agreed to replace a license pulled from the platform with this CSV. */
        replacePulled: z.boolean().optional(),
      })
      .strict(),
    reply: licenseImportSchema,
  },
  'diagnostics.startHere': {
    request: z.object({}).strict(),
    reply: startHereSchema,
  },
  'dashboard.setScope': {
    request: z.object({ connectionId: z.string().min(1).max(200) }).strict(),
    reply: z.object({ connectionId: z.string() }),
  },
  'diagnostics.summary': {
    request: z.object({}).strict(),
    reply: findingsSummarySchema,
  },
  'diagnostics.findings': {
    request: findingsQuerySchema,
    /** `also`: with `problem`, the person's other problems filed under this one. */
    reply: pageOf(findingSchema.extend({ also: z.array(z.enum(findingCodes)).optional() })),
  },
  'diagnostics.preview': {
    request: z.object({}).strict(),
    reply: syncPreviewSchema.nullable(),
  },
  'snapshots.diff': {
    request: z.object({}).strict(),
    reply: snapshotDiffSchema.nullable(),
  },
  'diagnostics.troubleshoot': {
    request: z.object({ sourcedId: z.string().min(1).max(500) }).strict(),
    reply: troubleshootSchema,
  },
  'reports.export': {
    request: z
      .object({ kind: z.enum(exportKinds), pseudonymise: z.boolean().default(false) })
      .strict(),
    reply: exportFileSchema,
  },
  'demo.open': {
    request: z.object({}).strict(),
    reply: z.object({ jobId: z.uuid(), connectionIds: z.array(connectionIdSchema) }),
  },
  'demo.stop': {
    request: z.object({}).strict(),
    reply: z.object({ running: z.boolean() }),
  },
  'demo.status': {
    request: z.object({}).strict(),
    reply: z.object({ running: z.boolean() }),
  },
  'platform.pull': {
    request: z.object({ connectionId: connectionIdSchema.optional() }).strict(),
    reply: licenseImportSchema,
  },
  'license.view': {
    request: z
      .object({
        search: z.string().max(200).optional(),
        status: z.enum(['invited', 'active']).optional(),
        source: z.enum(['manual', 'clever', 'classlink']).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    reply: licenseViewSchema,
  },
  'changes.stage': {
    request: stageRequestSchema,
    reply: changeSchema,
  },
  ...studentsChannels,
  'changes.stageEmailFix': {
    request: z.object({ licenseEmail: z.string().min(1).max(254) }).strict(),
    reply: changeSchema,
  },
  'changes.stageEmailFixes': {
    request: z.object({ minConfidence: z.number().min(0).max(1) }).strict(),
    reply: stagedFromFindingsSchema,
  },
  'changes.stageFromFindings': {
    request: z
      .object({
        code: z.enum(stageableCodes),
        minConfidence: z.number().min(0).max(1).optional(),
        /** Only the findings about this user or account (the user report, the troubleshooter). */
        subjectId: z.string().min(1).max(500).optional(),
      })
      .strict(),
    reply: stagedFromFindingsSchema,
  },
  'changes.unapprove': {
    request: z.object({ ids: z.array(z.string()).min(1).max(100_000) }).strict(),
    reply: z.object({ count: z.number().int() }),
  },
  'changes.bulkPreview': {
    request: z.object({ fileName: z.string().max(300), text: bulkText }).strict(),
    reply: bulkPreviewSchema,
  },
  'changes.bulkInvite': {
    request: z.object({ fileName: z.string().max(300), text: bulkText }).strict(),
    reply: z.object({ staged: z.number().int(), preview: bulkPreviewSchema }),
  },
  'changes.list': {
    request: z
      .object({
        status: z.enum(changeStatuses).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    reply: changeListSchema,
  },
  'changes.approve': {
    request: z
      .object({ ids: z.union([z.literal('all'), z.array(z.uuid()).max(100_000)]) })
      .strict(),
    reply: z.object({ count: z.number().int() }),
  },
  'changes.discard': {
    request: z.object({ ids: z.array(z.uuid()).min(1).max(100_000) }).strict(),
    reply: z.object({ count: z.number().int() }),
  },
  'changes.restage': {
    request: z.object({ id: z.uuid() }).strict(),
    reply: changeSchema,
  },
  'changes.retry': {
    request: z.object({ ids: z.array(z.uuid()).min(1).max(100_000) }).strict(),
    reply: z.object({ count: z.number().int() }),
  },
  'push.preview': {
    request: z.object({}).strict(),
    reply: pushPreviewSchema,
  },
  'push.start': {
    request: z.object({}).strict(),
    reply: pushProgressSchema,
  },
  'push.status': {
    request: z.object({}).strict(),
    reply: pushProgressSchema.nullable(),
  },
  'push.cancel': {
    request: z.object({}).strict(),
    reply: pushProgressSchema.nullable(),
  },
  'audit.list': {
    request: z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    reply: z.object({ total: z.number().int(), rows: z.array(auditEntrySchema) }),
  },
  'files.pick': {
    request: z.object({}).strict(),
    /** `supported: false` on the browser host: the page uploads the file instead. */
    reply: z.object({ supported: z.boolean(), path: z.string().nullable() }),
  },
  'files.upload': {
    request: z
      .object({ fileName: z.string().min(1).max(300), base64: z.string().max(15 * 1024 * 1024) })
      .strict(),
    reply: z.object({ path: z.string() }),
  },
  /** The exports uploaded into imports/, their size and connections, and the delete-after-sync choice. */
  'imports.list': {
    request: z.object({}).strict(),
    reply: importedExportsSchema,
  },
  'imports.remove': {
    request: z.object({ name: z.string().min(1).max(200) }).strict(),
    reply: importedExportsSchema,
  },
  'imports.setDeleteAfterSync': {
    request: z.object({ on: z.boolean() }).strict(),
    reply: importedExportsSchema,
  },
  ...watchChannels,
  /** How much disk the data folder uses, by part. */
  'app.diskUsage': {
    request: z.object({}).strict(),
    reply: z.object({
      total: z.number().int(),
      parts: z.array(z.object({ name: z.string(), bytes: z.number().int() })),
    }),
  },
  /** Every setting with its value (shared/domain/settings.ts declares them). */
  'settings.get': {
    request: z.object({}).strict(),
    reply: settingsSchema,
  },
  /** Writes one setting, checked with its schema; replies with every setting. */
  'settings.set': {
    request: settingWriteSchema,
    reply: settingsSchema,
  },
  /** The background services and their state (running, stopped, failed). */
  'app.background': {
    request: z.object({}).strict(),
    reply: z.array(serviceStatusSchema),
  },
  'app.openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    reply: z.object({ opened: z.boolean() }),
  },
  /** The desktop app's tray and start-at-login choices (`supported: false` on the browser host). */
  'desktop.preferences': {
    request: z.object({}).strict(),
    reply: desktopStateSchema,
  },
  'desktop.setPreferences': {
    request: desktopPreferencesSchema.partial().strict(),
    reply: desktopStateSchema,
  },
  ...newYearChannels,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ReplyOf<C extends Channel> = z.output<Contract[C]['reply']>;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export {
  HOST_API_PREFIX,
  HOST_EVENTS_PATH,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  MAX_REQUEST_BYTES,
} from './channel-names';
