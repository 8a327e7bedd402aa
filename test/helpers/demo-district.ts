import { syncEnded } from './wait-for';
import type { OpenedAppServices } from '../../electron/core/app/app-services';

/**
 * Opens the embedded demo district as the dashboard's button does and waits (60 s at most) for
 * its ClassLink sync to complete. Returns the demo's connection ids (ClassLink first).
 */
export async function openDemoDistrict(services: OpenedAppServices): Promise<string[]> {
  const { jobId, connectionIds } = await services.demo.open();
  const { state } = await syncEnded(services, jobId);
  if (state !== 'complete') throw new Error(`the demo sync ended ${state}`);
  return connectionIds;
}
