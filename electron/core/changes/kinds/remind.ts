import { AppError } from '../../../../shared/ipc/errors';
import { NO_SEATS, teacherChange } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/**
 * A licensed teacher who has not used the platform for long is reminded to sign in, before their
 * seat is reclaimed: no seat changes hands. An invitation not yet accepted is resent instead.
 */
export const remind: ChangeKindModule<'remind'> = {
  kind: 'remind',
  stage: (request, context) =>
    teacherChange('remind', { reminder: 'sent' }, request, context, (t) => {
      if (t.status !== 'active')
        throw new AppError(
          'VALIDATION',
          `${t.email} has not accepted the invitation yet: resend the invitation instead`,
        );
    }),
  wire: (client, _after, target, c, signal) => client.remind(target, c.idempotencyKey, signal),
  seats: () => NO_SEATS,
};
