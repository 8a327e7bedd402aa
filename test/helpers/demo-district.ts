import type { OpenedAppServices } from '../../electron/core/app/app-services';

/**
 * Opens the embedded demo district as the dashboard's button does and waits (60 s at most) for
 * its ClassLink sync to complete. Returns the demo's connection ids (ClassLink first).
 */
export async function openDemoDistrict(services: OpenedAppServices): Promise<string[]> {
  const { jobId, connectionIds } = await services.demo.open();
  const deadline = Date.now() + 60_000;
  while (services.syncJobs.get(jobId).state === 'running') {
    if (Date.now() > deadline) throw new Error('the demo sync did not finish within 60 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  const state = services.syncJobs.get(jobId).state;
  if (state !== 'complete') throw new Error(`the demo sync ended ${state}`);
  return connectionIds;
}
