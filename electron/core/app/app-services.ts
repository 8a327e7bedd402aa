import type { AppStatus, StartupNotice } from '../../../shared/domain/app-status';
import { ConnectionsService } from '../connections/connections-service';
import { AuditLog } from '../changes/audit-log';
import { ChangeStore } from '../changes/change-store';
import { PushOutbox } from '../changes/push-outbox';
import { ChangeStaging } from '../changes/stage-changes';
import { DemoDistrict } from '../demo/demo-district';
import { pullLicense } from '../platform/platform-connection';
import { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { LicenseStore } from '../license/license-store';
import { SnapshotStore } from '../ingest/snapshot-store';
import { SyncJobs } from '../ingest/sync-jobs';
import { RosterQueries } from '../roster/roster-queries';
import { openDatabase } from '../db/open-database';
import type { Db } from '../db/open-database';
import { KeyringSecretStore } from '../secrets/keyring-secret-store';
import type { SecretStore } from '../secrets/secret-store';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { APP_VERSION } from './version';

export interface AppServices {
  dataDir: string;
  db: Db;
  logger: Logger;
  secrets: SecretStore;
  connections: ConnectionsService;
  snapshots: SnapshotStore;
  syncJobs: SyncJobs;
  roster: RosterQueries;
  demo: DemoDistrict;
  license: LicenseStore;
  diagnostics: DiagnosticsService;
  audit: AuditLog;
  changes: ChangeStore;
  staging: ChangeStaging;
  push: PushOutbox;
  status(transport: AppStatus['transport']): AppStatus;
  close(): Promise<void>;
}

export interface AppServicesOptions {
  dataDir: string;
  secrets?: SecretStore;
  logger?: Logger;
  echoLog?: boolean;
  /** Resume a push that a crash interrupted (default true; `rosterdesk check` opens without it). */
  resumePush?: boolean;
}

/** Opens everything the handlers need. Plain Node: used by Electron's main, the browser host, the CLI and tests. */
export function openAppServices(options: AppServicesOptions): AppServices {
  const logger =
    options.logger ?? createLogger({ dataDir: options.dataDir, echo: options.echoLog ?? false });
  const opened = openDatabase({ dataDir: options.dataDir });
  const notices: StartupNotice[] = [...opened.notices];
  for (const notice of notices) logger.warn(notice.message);
  const secrets = options.secrets ?? new KeyringSecretStore();
  const keychain = secrets.status();
  if (!keychain.available)
    logger.warn(`keychain unavailable: ${keychain.reason ?? 'unknown reason'}`);
  const connections = new ConnectionsService(opened.db, secrets);
  const snapshots = new SnapshotStore(opened.db);
  const interrupted = snapshots.recoverInterrupted();
  if (interrupted > 0)
    notices.push({
      level: 'warning',
      message: `${interrupted} sync(s) were interrupted when RosterDesk last stopped; the previous snapshots are still current.`,
    });
  const syncJobs = new SyncJobs(opened.db, connections, logger);
  const license = new LicenseStore(opened.db);
  const diagnostics = new DiagnosticsService(opened.db, opened.file, license, connections);
  const audit = new AuditLog(opened.db);
  const changes = new ChangeStore(opened.db, audit);
  const staging = new ChangeStaging(
    license,
    changes,
    async () => (await diagnostics.current())?.findings ?? [],
  );
  const push = new PushOutbox(opened.db, changes, audit, connections, logger, {
    afterRun: async (ids) => {
      for (const id of ids) await pullLicense(connections, license, id);
    },
  });
  if (
    push.recoverInterrupted() > 0 &&
    changes.countApproved() > 0 &&
    options.resumePush !== false
  ) {
    notices.push({
      level: 'warning',
      message: `A push was interrupted when RosterDesk last stopped; it resumed with the same idempotency keys, so no change is applied twice (${changes.countApproved()} in the outbox).`,
    });
    push.start(true);
  }
  const demo = new DemoDistrict(connections, syncJobs, license, logger, options.dataDir);
  logger.info(`RosterDesk ${APP_VERSION} opened ${opened.file} (schema ${opened.schemaVersion})`);
  return {
    dataDir: options.dataDir,
    db: opened.db,
    logger,
    secrets,
    connections,
    snapshots,
    syncJobs,
    roster: new RosterQueries(opened.db),
    demo,
    license,
    diagnostics,
    audit,
    changes,
    staging,
    push,
    status: (transport) => ({
      version: APP_VERSION,
      transport,
      dataDir: options.dataDir,
      schemaVersion: opened.schemaVersion,
      keychain: secrets.status(),
      notices,
    }),
    close: async () => {
      push.cancel();
      await push.wait();
      await syncJobs.stopAll();
      await demo.stop();
      opened.db.close();
    },
  };
}
