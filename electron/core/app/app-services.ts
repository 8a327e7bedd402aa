import { CallGate } from '../runtime/call-gate';
import path from 'node:path';
import type { AppStatus, StartupNotice } from '../../../shared/domain/app-status';
import { ConnectionsService } from '../connections/connections-service';
import { ImportedExports } from '../connections/imported-exports';
import { openCsvFiles } from '../sources/csv/csv-files';
import { AuditLog } from '../changes/audit-log';
import { ChangeStore } from '../changes/change-store';
import { BulkStaging } from '../background/bulk-in-worker';
import { ChangeJournal } from '../db/change-journal';
import { PushOutbox } from '../changes/push-outbox';
import { ChangeStaging } from '../changes/stage-changes';
import { OldStudentService } from '../students/old-student-service';
import { DemoDistrict } from '../demo/demo-district';
import { pullLicense } from '../platform/platform-connection';
import { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { LicenseStore } from '../license/license-store';
import { moveLegacySnapshots } from '../snapshot/legacy-snapshots';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { SyncJobs } from '../ingest/sync-jobs';
import { RosterQueries } from '../snapshot/roster-queries';
import { lockDataFolder } from '../db/data-folder-lock';
import { checkHealth, isUnavailable, sqliteCode, unavailable } from '../db/database-health';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/open-database';
import { KeyringSecretStore } from '../secrets/keyring-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { createLogger } from '../runtime/logger';
import type { Logger } from '../runtime/logger';
import { APP_VERSION } from '../runtime/version';
import { EventBus } from '../events/event-bus';
import { SettingsStore } from '../settings/settings-store';
import { ServiceRegistry } from '../background/service-registry';
import { WorkBackups } from '../background/work-backups';
import { PushResume } from '../background/push-resume';
import { SyncScheduler } from '../background/sync-scheduler';
import type { DueSync } from '../background/sync-scheduler';
import { SyncSchedules } from '../watch/sync-schedules';
import { HeldSyncs } from '../watch/held-syncs';
import { NewYearService } from '../new-year/new-year-service';
import { syncDigest, writeDigestFile } from '../watch/sync-digest';
import type { SyncDigest } from '../../../shared/domain/watch';

export interface AppServices {
  dataDir: string;
  /** Typed reads of one roster snapshot (the snapshot room); no raw database leaves this file. */
  readSnapshot(snapshotId: number): SnapshotReader;
  logger: Logger;
  /** Events to the window (sync.progress, push.progress, changes.count, notice). */
  events: EventBus;
  /** Every setting, declared once in shared/domain/settings.ts. */
  settings: SettingsStore;
  /** Each roster connection's schedule and hold thresholds. */
  schedules: SyncSchedules;
  /** Syncs held for review, with the admin's accept and reject (audited). */
  held: HeldSyncs;
  /** What the last sync of a connection changed for the license (null before its second sync). */
  digest(connectionId: string): SyncDigest | null;
  /** The background services (backups, push, scheduler, syncs, demo): started at open, stopped at close. */
  background: ServiceRegistry;
  secrets: SecretStore;
  connections: ConnectionsService;
  snapshots: SnapshotStore;
  syncJobs: SyncJobs;
  roster: RosterQueries;
  demo: DemoDistrict;
  /** Exports uploaded into imports/: checked, owned by their connection, pruned. */
  imports: ImportedExports;
  /** Bulk adds (preview and staging) in a thread of their own. */
  bulk: BulkStaging;
  license: LicenseStore;
  diagnostics: DiagnosticsService;
  audit: AuditLog;
  changes: ChangeStore;
  staging: ChangeStaging;
  /** Students' old manual accounts: seats, the worksheet read back, the clean-up. */
  students: OldStudentService;
  /** The new school year: the rehearsal, its checklist and forecast, seats nobody uses. */
  newYear: NewYearService;
  push: PushOutbox;
  status(transport: AppStatus['transport']): AppStatus;
  /** The full integrity_check, on demand (start-up runs only quick_check). */
  checkIntegrity(): { ok: boolean; problem: string | null; seconds: number };
  /** Copies the admin's work (connections, changes, audit log) to backups/ now. */
  backupWork(): string;
  /** Every handler call goes through it, so closing waits for the calls still running. */
  gate: CallGate;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  dataDir: string;
  secrets?: SecretStore;
  logger?: Logger;
  echoLog?: boolean;
  /** Resume a push that a crash interrupted (default true; `rosterdesk check` opens without it). */
  resumePush?: boolean;
  /** Who is opening the folder, in words, shown to a second process that is refused. */
  owner?: string;
  /** How often the admin's work is copied to backups/ while open (default: the setting, hourly). */
  backupEveryMs?: number;
  /** How often the scheduler looks for due syncs (default every second). */
  schedulerEveryMs?: number;
  /** Which syncs are due (default: the connections' saved schedules; tests may give their own). */
  dueSyncs?: (now: Date) => DueSync[];
}

/** Opens everything the handlers need. Plain Node: used by Electron's main, the browser host, the CLI and tests. */
/**
 * The services, plus the cache's connection for tests and benches that set up or inspect a data
 * folder directly. Handlers receive `AppServices`, which has no database: only typed services.
 */
export type OpenedAppServices = AppServices & { readonly db: Db };

export function openAppServices(options: AppServicesOptions): OpenedAppServices {
  // One owner per data folder, taken before anything in it is opened or recovered.
  const lock = lockDataFolder(options.dataDir, options.owner ?? 'RosterDesk');
  try {
    return openLocked(options, lock.release);
  } catch (error) {
    lock.release();
    // Another program writing the cache (an ordinary write transaction) outlasted the busy
    // timeout while it was opened: said with the file's name and that nothing changed, not
    // "database is locked".
    if (isUnavailable(sqliteCode(error)))
      throw unavailable(path.join(options.dataDir, 'rosterdesk.db'), error);
    throw error;
  }
}

function openLocked(options: AppServicesOptions, releaseLock: () => void): OpenedAppServices {
  const logger =
    options.logger ?? createLogger({ dataDir: options.dataDir, echo: options.echoLog ?? false });
  const opened = openDatabase({ dataDir: options.dataDir });
  const gate = new CallGate();
  const events = new EventBus(logger);
  const settings = new SettingsStore(opened.db);
  const background = new ServiceRegistry(logger);
  const backups = new WorkBackups({
    db: opened.db,
    dataDir: options.dataDir,
    compactJournal: () => changes.journal.compact(),
    settings,
    logger,
    ...(options.backupEveryMs === undefined ? {} : { everyMs: options.backupEveryMs }),
  });
  backups.catchUp();
  const notices: StartupNotice[] = [...opened.notices];
  for (const notice of notices) logger.warn(notice.message);
  const secrets = options.secrets ?? new KeyringSecretStore();
  const keychain = secrets.status();
  if (!keychain.available)
    logger.warn(`keychain unavailable: ${keychain.reason ?? 'unknown reason'}`);
  const connections = new ConnectionsService(opened.db, secrets);
  const snapshots = new SnapshotStore(opened.db);
  const moved = moveLegacySnapshots(opened.db);
  if (moved > 0) logger.info(`moved ${moved} roster snapshot(s) into their own files`);
  const interrupted = snapshots.recoverInterrupted();
  if (interrupted > 0)
    notices.push({
      level: 'warning',
      message: `${interrupted} sync(s) were interrupted when RosterDesk last stopped; the previous snapshots are still current.`,
    });
  const schedules = new SyncSchedules(opened.db, connections);
  // Holds apply to scheduled syncs, to `rosterdesk sync`, and to every sync of a connection whose
  // schedule and thresholds the admin saved.
  const syncJobs = new SyncJobs(opened.db, connections, logger, events, (id, explicit) =>
    explicit || schedules.has(id) ? schedules.thresholds(id) : null,
  );
  const license = new LicenseStore(opened.db);
  const diagnostics = new DiagnosticsService(opened.db, opened.file, license, connections);
  const audit = new AuditLog(opened.db);
  const changes = new ChangeStore(opened.db, audit, new ChangeJournal(opened.db, options.dataDir));
  changes.onChanged = () => events.emitSoon('changes.count', () => changes.summary());
  const staging = new ChangeStaging(license, changes, () => diagnostics.filed(), connections);
  const push = new PushOutbox(opened.db, changes, audit, connections, logger, {
    afterRun: async (ids) => {
      for (const id of ids) await pullLicense(connections, license, id);
    },
    events,
  });
  const demo = new DemoDistrict(connections, syncJobs, license, logger, options.dataDir);
  const imports = new ImportedExports(settings, options.dataDir, connections, async (file) => {
    const files = await openCsvFiles(file);
    try {
      return files.has('users.csv') || files.has('orgs.csv');
    } finally {
      files.close();
    }
  });
  const bulk = new BulkStaging(opened.file, options.dataDir, () => changes.forgetCounts());
  changes.refuseWritesWhile = () => bulk.busy();
  connections.onFileDropped((file) => {
    if (imports.dropIfUnused(file))
      logger.info('deleted an uploaded export its connection no longer reads');
  });
  syncJobs.onFinished((job) => {
    if (job.state === 'complete' && imports.afterSync(job.connectionId))
      logger.info('deleted an uploaded export after its sync, as chosen in Settings');
  });
  // After each scheduled sync, its digest as JSON where the admin asked (for their monitoring).
  const scheduledJobs = new Set<string>();
  syncJobs.onFinished((job) => {
    if (!scheduledJobs.delete(job.jobId)) return;
    const folder = schedules.get(job.connectionId).digestFolder;
    if (!folder || (job.state !== 'complete' && job.state !== 'held')) return;
    try {
      const file = writeDigestFile(
        folder,
        job,
        syncDigest({ db: opened.db, snapshots, license, connections }, job.connectionId),
      );
      logger.info(`wrote the digest of a scheduled sync to ${file}`);
    } catch (error) {
      logger.error('writing the digest of a scheduled sync failed', error);
    }
  });
  const pruned = imports.pruneUnclaimed();
  if (pruned.length > 0)
    logger.info(`deleted ${pruned.length} uploaded export(s) no connection took`);
  // Registered in the order they start; they stop the other way round, so the last copy of the
  // work is made after the push, the syncs and the demo have stopped.
  const pushService = new PushResume(push, changes, events, options.resumePush !== false);
  pushService.recover();
  background.register(backups);
  background.register({
    name: 'demo',
    about: 'The demo district: its local roster and platform, while open',
    start: () => undefined,
    stop: () => demo.stop(),
  });
  background.register(pushService);
  background.register({
    name: 'syncs',
    about: 'Syncs running in the background; stopped (their snapshots discarded) at close',
    start: () => undefined,
    stop: () => syncJobs.stopAll(),
  });
  background.register(
    new SyncScheduler(
      options.dueSyncs ?? ((now) => schedules.due(now)),
      (connectionId) => scheduledJobs.add(syncJobs.start(connectionId, { hold: true }).jobId),
      logger,
      options.schedulerEveryMs,
    ),
  );
  background.startAll();
  /** Closing twice is closing once. */
  let closing: Promise<void> | null = null;
  logger.info(`RosterDesk ${APP_VERSION} opened ${opened.file} (schema ${opened.schemaVersion})`);
  return {
    dataDir: options.dataDir,
    db: opened.db,
    readSnapshot: (snapshotId) => new SnapshotReader(opened.db, snapshotId),
    logger,
    events,
    settings,
    schedules,
    held: new HeldSyncs(snapshots, audit, connections),
    digest: (connectionId) =>
      syncDigest({ db: opened.db, snapshots, license, connections }, connectionId),
    background,
    secrets,
    connections,
    snapshots,
    syncJobs,
    roster: new RosterQueries(opened.db),
    demo,
    imports,
    bulk,
    license,
    diagnostics,
    audit,
    changes,
    staging,
    students: new OldStudentService(
      opened.db,
      license,
      changes.open,
      staging,
      snapshots,
      (snapshotId) => new SnapshotReader(opened.db, snapshotId),
    ),
    newYear: new NewYearService({
      db: opened.db,
      snapshots,
      license,
      open: changes.open,
      staging,
      connections,
      diagnostics,
      settings,
    }),
    push,
    status: (transport) => ({
      version: APP_VERSION,
      transport,
      dataDir: options.dataDir,
      schemaVersion: opened.schemaVersion,
      keychain: secrets.status(),
      notices: [...notices, ...pushService.notices()],
    }),
    checkIntegrity: () => {
      const started = performance.now();
      const health = checkHealth(opened.file, 'integrity_check');
      return {
        ok: health.state === 'sound',
        problem: health.state === 'sound' ? null : health.problem,
        seconds: Math.round(performance.now() - started) / 1000,
      };
    },
    backupWork: () => backups.now(),
    gate,
    close: () =>
      (closing ??= (async () => {
        // Calls still running finish (a diagnostics run is stopped: its callers hear
        // SHUTTING_DOWN); new ones are refused; the background services stop, the last started
        // first (the backups last, with a final copy); only then is the database closed.
        diagnostics.stop();
        await gate.close();
        await background.stopAll();
        events.close();
        opened.db.close();
        releaseLock();
      })()),
  };
}
