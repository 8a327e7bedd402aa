import type { Finding } from '../../../../shared/domain/finding';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';

/** MISSING_APPLICATION_ID: a ClassLink connection the platform cannot attach without its Application ID. */
export function connectionRules(ctx: DiagnosticsContext): Finding[] {
  return ctx.connections
    .filter((c) => c.kind === 'classlink' && c.hasApplicationId === false)
    .map((c) =>
      finding('MISSING_APPLICATION_ID', {
        subjects: [{ kind: 'connection', id: c.id }],
        message: `The ClassLink connection "${c.name}" has no Application ID, so the platform cannot attach the roster to your account`,
        fix: {
          where: 'platform',
          action:
            'Copy the Application ID from ClassLink into the connection and register it with the platform',
        },
      }),
    );
}
