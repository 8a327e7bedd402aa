import { pushEnded } from '../helpers/wait-for';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import { PlatformFixture } from '../helpers/platform-fixture';

let f: PlatformFixture;
beforeEach(async () => {
  f = await new PlatformFixture().start();
});
afterEach(async () => {
  await f.stop();
});

describe('push after a push', () => {
  it('Push pressed during the license refresh after a push queues a follow-up that sends the new change exactly once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let refreshes = 0;
    f.services.push.configure({
      afterRun: async (ids) => {
        refreshes++;
        if (refreshes === 1) await gate;
        for (const id of ids) await pullLicense(f.services.connections, f.services.license, id);
      },
    });
    f.services.staging.stage({ kind: 'invite', email: 'first.push@example.org' });
    f.services.changes.approve('all');
    f.services.push.start();
    // The run has ended and the license refresh after it is under way.
    await pushEnded(f.services);
    expect(f.services.push.status()).toMatchObject({ state: 'completed', applied: 1 });

    f.services.staging.stage({ kind: 'invite', email: 'second.push@example.org' });
    f.services.changes.approve('all');
    const pressed = f.services.push.start();
    expect(pressed.queued).toBe(true);
    expect(f.services.push.status()).toMatchObject({ queued: true });
    release();
    const final = await f.services.push.wait();
    expect(final).toMatchObject({ state: 'completed', applied: 1, remaining: 0 });
    const invites = f.platform.store
      .events()
      .filter((e) => e.op === 'invite')
      .map((e) => JSON.stringify(e));
    expect(invites.filter((e) => e.includes('first.push@example.org'))).toHaveLength(1);
    expect(invites.filter((e) => e.includes('second.push@example.org'))).toHaveLength(1);
    expect(f.services.changes.countApproved()).toBe(0);
    expect(refreshes).toBe(2);
  });
});
