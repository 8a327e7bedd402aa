import { cleanEmailInput } from '../../../../shared/platform/email-input';
import type { ChangeKindModule } from './change-kind';

/** A teacher invited to the license: takes a teacher seat. */
export const invite: ChangeKindModule<'invite'> = {
  kind: 'invite',
  stage(request, { base, checkNewEmail }) {
    const email = cleanEmailInput(request.email);
    checkNewEmail(email);
    return {
      ...base,
      kind: 'invite',
      targetId: null,
      subject: email,
      dedupeKey: `invite:${email.toLowerCase()}`,
      before: null,
      after: {
        email,
        givenName: request.givenName || null,
        familyName: request.familyName || null,
      },
      baseVersion: null,
    };
  },
  wire: (client, after, _target, c, signal) =>
    client.invite(
      { email: after.email, givenName: after.givenName, familyName: after.familyName },
      c.idempotencyKey,
      signal,
    ),
  seats: () => ({ teacher: 1, student: 0 }),
};
