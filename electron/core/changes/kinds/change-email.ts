import { AppError } from '../../../../shared/ipc/errors';
import { cleanEmailInput } from '../../../../shared/platform/email-input';
import { PROVENANCE_LABEL } from '../../../../shared/platform/platform-wire';
import { NO_SEATS } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** A manual account's email changed on the platform (a rostered one is edited at its source). */
export const changeEmail: ChangeKindModule<'change-email'> = {
  kind: 'change-email',
  stage(request, { base, teacher, checkNewEmail }) {
    const t = teacher(request.teacherId);
    if (t.source && t.source !== 'manual')
      throw new AppError(
        'VALIDATION',
        `${t.email} is rostered by ${PROVENANCE_LABEL[t.source]}: edit this at ${PROVENANCE_LABEL[t.source]}, not on the platform`,
      );
    const email = cleanEmailInput(request.email);
    if (email.toLowerCase() === t.email.toLowerCase() && email === t.email)
      throw new AppError('VALIDATION', `${t.email} already has that email`);
    checkNewEmail(email, t.platformId);
    return {
      ...base,
      origin: request.origin ?? base.origin,
      evidence: request.evidence ?? [],
      kind: 'change-email',
      targetId: t.platformId,
      subject: t.email,
      dedupeKey: `change-email:${t.platformId}`,
      before: { email: t.email },
      after: { email },
      baseVersion: t.version,
    };
  },
  wire: (client, after, target, c, signal) =>
    client.changeEmail(target, after.email, c.baseVersion ?? 1, c.idempotencyKey, signal),
  seats: () => NO_SEATS,
};
