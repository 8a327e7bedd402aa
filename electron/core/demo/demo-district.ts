import crypto from 'node:crypto';
import type { ConnectionSave } from '../../../shared/domain/connection';
import { startCleverServer } from '../../../sandbox/clever/clever-server';
import { districtSpec, generateDistrict } from '../../../sandbox/district/generate-district';
import { startOneRosterServer } from '../../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../../sandbox/oneroster/oneroster-server';
import type { Logger } from '../app/logger';
import type { ConnectionsService } from '../connections/connections-service';
import type { SyncJobs } from '../ingest/sync-jobs';
import type { LicenseStore } from '../license/license-store';
import { generateLicense } from '../../../sandbox/district/generate-license';

export const DEMO_CLASSLINK = 'Demo district (ClassLink)';
export const DEMO_CLEVER = 'Demo district (Clever)';

/**
 * The embedded demo district: the sandbox ClassLink and Clever servers, in this process on
 * loopback, serving one generated district; matching connections whose fresh credentials go to the
 * keychain like any others; then a sync of the ClassLink one.
 */
export class DemoDistrict {
  private servers: { oneRoster: RunningServer; clever: RunningServer } | null = null;

  constructor(
    private readonly connections: ConnectionsService,
    private readonly jobs: SyncJobs,
    private readonly license: LicenseStore,
    private readonly logger: Logger,
  ) {}

  get running(): boolean {
    return this.servers !== null;
  }

  async open(): Promise<{ jobId: string; connectionIds: string[] }> {
    const clientSecret = crypto.randomBytes(24).toString('base64url');
    const cleverToken = crypto.randomBytes(24).toString('hex');
    await this.stop();
    const district = generateDistrict(districtSpec());
    const oneRoster = await startOneRosterServer({
      district,
      clientId: 'demo-district',
      clientSecret,
    });
    const clever = await startCleverServer({ district, token: cleverToken });
    this.servers = { oneRoster, clever };
    this.logger.info(`demo district servers on ${oneRoster.baseUrl} and ${clever.baseUrl}`);
    const classLinkId = this.upsert({
      name: DEMO_CLASSLINK,
      settings: {
        kind: 'classlink',
        baseUrl: oneRoster.baseUrl,
        authMethod: 'oauth1',
        clientId: 'demo-district',
      },
      secrets: { clientSecret, applicationId: 'DEMO-APP-ID' },
    });
    const cleverId = this.upsert({
      name: DEMO_CLEVER,
      settings: { kind: 'clever', baseUrl: clever.baseUrl },
      secrets: { districtToken: cleverToken },
    });
    // The platform's license list for the demo: most teachers as rostered, some with old emails,
    // some only invited, some missing, a few leavers (until the platform API provides it).
    this.license.save('Demo district license', generateLicense(district, 42), []);
    const job = this.jobs.start(classLinkId);
    return { jobId: job.jobId, connectionIds: [classLinkId, cleverId] };
  }

  async stop(): Promise<void> {
    const servers = this.servers;
    this.servers = null;
    if (servers) await Promise.all([servers.oneRoster.close(), servers.clever.close()]);
  }

  private upsert(save: ConnectionSave): string {
    const existing = this.connections
      .list()
      .find((c) => c.name === save.name && c.settings.kind === save.settings.kind);
    return existing ? this.connections.update(existing.id, save).id : this.connections.add(save).id;
  }
}
