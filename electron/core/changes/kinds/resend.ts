import { AppError } from '../../../../shared/ipc/errors';
import { NO_SEATS } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** An invitation sent again to a teacher who has not accepted it: no seat changes hands. */
export const resend: ChangeKindModule<'resend'> = {
  kind: 'resend',
  stage(request, { base, teacher }) {
    const t = teacher(request.teacherId);
    if (t.status !== 'invited')
      throw new AppError(
        'VALIDATION',
        `${t.email} accepted the invitation already; there is nothing to resend`,
      );
    return {
      ...base,
      evidence: request.evidence ?? base.evidence,
      kind: 'resend',
      after: { invitation: 'sent again' },
      targetId: t.platformId,
      subject: t.email,
      dedupeKey: `resend:${t.platformId}`,
      before: { email: t.email, status: t.status },
      baseVersion: t.version,
    };
  },
  wire: (client, _after, target, c, signal) => client.resend(target, c.idempotencyKey, signal),
  seats: () => NO_SEATS,
};
