import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ConnectionSave } from '../../../shared/domain/connection';
import { startCleverServer } from '../../../sandbox/clever/clever-server';
import { districtSpec, generateDistrict } from '../../../sandbox/district/generate-district';
import { nextSchoolYear } from '../../../sandbox/district/next-year';
import { writeCsvFolder } from '../../../sandbox/district/write-csv';
import { startOneRosterServer } from '../../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../../sandbox/oneroster/oneroster-server';
import { startPlatformServer } from '../../../sandbox/platform/platform-server';
import type { RunningPlatform } from '../../../sandbox/platform/platform-server';
import { PlatformClient } from '../platform/platform-client';
import { PULL_POLICY, pullWith } from '../platform/platform-connection';
import type { Logger } from '../runtime/logger';
import { makeExistingPrivate, makePrivateFile } from '../db/private-files';
import type { ConnectionsService } from '../connections/connections-service';
import type { SyncJobs } from '../ingest/sync-jobs';
import type { LicenseStore } from '../license/license-store';

export const DEMO_CLASSLINK = 'Demo district (ClassLink)';
export const DEMO_CLEVER = 'Demo district (Clever)';
export const DEMO_PLATFORM = 'Demo district (Platform)';
export const DEMO_LICENSE_ID = 'lic-demo-district';
export const DEMO_NEXT_YEAR = 'Demo district: next year (SIS export)';
/** Where the demo writes its district's next school year as a OneRoster export (private). */
export const DEMO_NEXT_YEAR_DIR = 'demo-next-year';
/** The demo's district: the same spec each time, so next year follows from this year. */
const demoDistrict = () => generateDistrict(districtSpec({ teachersAtTwoSchools: 0.1 }));
/** The demo platform's own SQLite file in the data dir: its license survives restarts like a real one. */
export const DEMO_PLATFORM_FILE = 'demo-platform.sqlite';

/**
 * The embedded demo district: the sandbox ClassLink and Clever servers, in this process on
 * loopback, serving one generated district; matching connections whose fresh credentials go to the
 * keychain like any others; then a sync of the ClassLink one.
 */
export class DemoDistrict {
  private servers: {
    oneRoster: RunningServer;
    clever: RunningServer;
    platform: RunningPlatform;
  } | null = null;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly jobs: SyncJobs,
    private readonly license: LicenseStore,
    private readonly logger: Logger,
    private readonly dataDir: string,
  ) {}

  get running(): boolean {
    return this.servers !== null;
  }

  async open(): Promise<{ jobId: string; connectionIds: string[] }> {
    const clientSecret = crypto.randomBytes(24).toString('base64url');
    const cleverToken = crypto.randomBytes(24).toString('hex');
    await this.stop();
    // A tenth of the teachers also teach at a second school: a secondary role in OneRoster 1.2.
    const district = demoDistrict();
    const oneRoster = await startOneRosterServer({
      district,
      clientId: 'demo-district',
      clientSecret,
    });
    const clever = await startCleverServer({ district, token: cleverToken });
    const platformToken = crypto.randomBytes(24).toString('base64url');
    // The stand-in platform's file holds the demo's people: private like every file of the folder
    // (created 0600 first, so SQLite's WAL and SHM inherit it; tightened if an older one was not).
    const platformFile = path.join(this.dataDir, DEMO_PLATFORM_FILE);
    makePrivateFile(platformFile);
    for (const suffix of ['-wal', '-shm']) makeExistingPrivate(`${platformFile}${suffix}`);
    const platform = await startPlatformServer({
      file: platformFile,
      token: platformToken,
      licenseId: DEMO_LICENSE_ID,
      district,
    });
    this.servers = { oneRoster, clever, platform };
    // ClassLink now serves its apps OneRoster 1.2: the demo connection reads the 1.2 path.
    const oneRosterUrl = oneRoster.baseUrl1p2 ?? oneRoster.baseUrl;
    this.logger.info(`demo district servers on ${oneRosterUrl} and ${clever.baseUrl}`);
    const classLinkId = this.upsert({
      name: DEMO_CLASSLINK,
      settings: {
        kind: 'classlink',
        baseUrl: oneRosterUrl,
        authMethod: 'oauth1',
        onerosterVersion: 'detect',
        clientId: 'demo-district',
      },
      secrets: { clientSecret, applicationId: 'DEMO-APP-ID' },
    });
    const cleverId = this.upsert({
      name: DEMO_CLEVER,
      settings: { kind: 'clever', baseUrl: clever.baseUrl },
      secrets: { districtToken: cleverToken },
    });
    const platformId = this.upsert({
      name: DEMO_PLATFORM,
      settings: { kind: 'platform', baseUrl: platform.baseUrl, licenseId: DEMO_LICENSE_ID },
      secrets: { apiToken: platformToken },
    });
    // The platform's license for the demo: most teachers rostered, some with old emails, some only
    // invited, some missing, a few leavers, a few duplicate manual accounts.
    // Built with the token in hand: the keychain holds it, but need not be read back for this.
    const client = new PlatformClient({
      baseUrl: platform.baseUrl,
      licenseId: DEMO_LICENSE_ID,
      token: platformToken,
      policy: PULL_POLICY,
    });
    await pullWith(client, this.license, platformId);
    const job = this.jobs.start(classLinkId);
    return { jobId: job.jobId, connectionIds: [classLinkId, cleverId, platformId] };
  }

  /**
   * The demo district's next school year, as its SIS would export it early: written as a OneRoster
   * CSV export into the data folder (private), added as a connection of its own and synced, for a
   * rehearsal of the new year. Many teachers arrive, so the license runs short.
   */
  nextYear(): { jobId: string; connectionId: string } {
    const { district } = nextSchoolYear(demoDistrict(), {
      leave: 5,
      arrive: 36,
      emailChange: 6,
      noClass: 2,
    });
    const dir = path.join(this.dataDir, DEMO_NEXT_YEAR_DIR);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeCsvFolder(district, dir);
    for (const file of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, file), 0o600);
    const connectionId = this.upsert({
      name: DEMO_NEXT_YEAR,
      settings: { kind: 'oneroster-csv', path: dir },
      secrets: {},
    });
    return { jobId: this.jobs.start(connectionId).jobId, connectionId };
  }

  async stop(): Promise<void> {
    const servers = this.servers;
    this.servers = null;
    if (servers)
      await Promise.all([
        servers.oneRoster.close(),
        servers.clever.close(),
        servers.platform.close(),
      ]);
  }

  private upsert(save: ConnectionSave): string {
    const existing = this.connections
      .list()
      .find((c) => c.name === save.name && c.settings.kind === save.settings.kind);
    return existing ? this.connections.update(existing.id, save).id : this.connections.add(save).id;
  }
}
