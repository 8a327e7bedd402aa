import { describe, expect, it } from 'vitest';
import { startHere } from '../../electron/core/diagnostics/start-here';
import { openDemoDistrict, servicesPerTest } from '../helpers/demo-district';

const app = servicesPerTest();

describe('Start here is built once per diagnostics run and change', () => {
  it('a second visit reuses it; staging a fix builds it again, with its progress', async () => {
    const { services } = app;
    await openDemoDistrict(services);
    const first = await startHere(services);
    const again = await startHere(services);
    // The same problems, not built again: nothing changed between the two visits.
    expect(again.problems).toBe(first.problems);
    const mismatch = first.problems.find((p) => p.code === 'EMAIL_MISMATCH');
    expect(mismatch?.progress ?? null).toBeNull();

    const { staged } = await services.staging.stageEmailFixes(0);
    expect(staged).toBeGreaterThan(0);
    const after = await startHere(services);
    expect(after.problems).not.toBe(first.problems);
    expect(after.problems.find((p) => p.code === 'EMAIL_MISMATCH')?.progress).toMatch(
      new RegExp(`^${staged} staged`),
    );
  }, 90_000);
});
