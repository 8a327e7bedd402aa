import path from 'node:path';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import { NO_FAULTS } from '../../sandbox/faults';
import type { FaultOptions } from '../../sandbox/faults';
import { startPlatformServer } from '../../sandbox/platform/platform-server';
import type { Exchange, RunningPlatform } from '../../sandbox/platform/platform-server';
import { FAST_RETRY, smallDistrict } from './district-fixtures';
import { memoryLogger } from './silent-logger';
import { makeTempDir } from './temp-dir';

export const TEST_LICENSE = 'lic-test';

/**
 * A sandbox platform (its own SQLite file) and RosterDesk's services (real SQLite, real keychain)
 * with a Platform connection to it and the license pulled. Restartable on the same port, as a
 * platform that was down comes back.
 */
export class PlatformFixture {
  readonly tmp = makeTempDir();
  readonly dataDir = path.join(this.tmp.dir, 'data');
  readonly platformFile = path.join(this.tmp.dir, 'platform.sqlite');
  readonly exchanges: Exchange[] = [];
  platform!: RunningPlatform;
  services!: AppServices;
  connectionId = '';
  token = 'fixture-token-1';

  async start(options: { teachers?: number; spareSeats?: number } = {}): Promise<this> {
    await this.startPlatform(NO_FAULTS, 0, options);
    this.openServices();
    this.connectionId = this.services.connections.add({
      name: 'Test platform',
      settings: { kind: 'platform', baseUrl: this.platform.baseUrl, licenseId: TEST_LICENSE },
      secrets: { apiToken: this.token },
    }).id;
    await this.pull();
    return this;
  }

  async startPlatform(
    faults: FaultOptions = NO_FAULTS,
    port = this.platform?.port ?? 0,
    options: { teachers?: number; spareSeats?: number } = {},
  ): Promise<RunningPlatform> {
    this.platform = await startPlatformServer({
      file: this.platformFile,
      token: this.token,
      licenseId: TEST_LICENSE,
      district: smallDistrict({ teachers: options.teachers ?? 80, students: 400 }),
      seed: { seed: 42, duplicateAccountRate: 0.2, spareSeats: options.spareSeats ?? 5000 },
      faults,
      port,
      onExchange: (e) => this.exchanges.push(e),
    });
    return this.platform;
  }

  openServices(): AppServices {
    this.services = openAppServices({ dataDir: this.dataDir, logger: memoryLogger() });
    this.services.push.configure({ policy: FAST_RETRY });
    return this.services;
  }

  pull() {
    return pullLicense(this.services.connections, this.services.license, this.connectionId);
  }

  async pushAndWait() {
    this.services.push.start();
    const final = await this.services.push.wait();
    if (!final) throw new Error('no push ran');
    return final;
  }

  /** Manual teachers on the pulled license (their emails are the platform's to change). */
  manualTeachers() {
    return this.services.license
      .view({ source: 'manual', offset: 0, limit: 500 }, () => [])
      .rows.filter((r) => r.platformId);
  }

  async stop(): Promise<void> {
    this.services.connections.remove(this.connectionId);
    await this.services.close();
    await this.platform.close();
    this.tmp.cleanup();
  }
}
