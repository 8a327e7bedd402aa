import type { Finding } from '../../../../shared/domain/finding';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';

/**
 * MISSING_APPLICATION_ID: a ClassLink connection the platform cannot attach. Either the connection
 * here has no Application ID, or it has one that the platform has not registered (the platform's
 * own record, from the last license pull, is what attaches the roster).
 */
export function connectionRules(ctx: DiagnosticsContext): Finding[] {
  return ctx.connections.flatMap((c) => {
    if (c.kind !== 'classlink') return [];
    if (c.hasApplicationId === false)
      return [
        finding('MISSING_APPLICATION_ID', {
          subjects: [{ kind: 'connection', id: c.id }],
          message: `The ClassLink connection "${c.name}" has no Application ID, so the platform cannot attach the roster to your account`,
          fix: {
            where: 'platform',
            action:
              'Copy the Application ID from ClassLink into the connection and register it with the platform',
          },
        }),
      ];
    if (c.registeredOnPlatform === false)
      return [
        finding('MISSING_APPLICATION_ID', {
          subjects: [{ kind: 'connection', id: c.id }],
          message: `The ClassLink connection "${c.name}" has an Application ID in RosterDesk, but the platform has none registered for ClassLink, so it cannot attach the roster to your account`,
          evidence: [
            'The license as last pulled from the platform lists its ClassLink connection without an Application ID',
          ],
          fix: {
            where: 'platform',
            action:
              'Register the Application ID with the platform (License screen), approve and push',
          },
        }),
      ];
    return [];
  });
}
