import { AppError } from '../../../../shared/ipc/errors';
import { NO_SEATS, teacherChange } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** An invitation sent again to a teacher who has not accepted it: no seat changes hands. */
export const resend: ChangeKindModule<'resend'> = {
  kind: 'resend',
  stage: (request, context) =>
    teacherChange('resend', { invitation: 'sent again' }, request, context, (t) => {
      if (t.status !== 'invited')
        throw new AppError(
          'VALIDATION',
          `${t.email} accepted the invitation already; there is nothing to resend`,
        );
    }),
  wire: (client, _after, target, c, signal) => client.resend(target, c.idempotencyKey, signal),
  seats: () => NO_SEATS,
};
