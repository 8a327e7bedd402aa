import type { ChangeKindModule } from './change-kind';

/** A teacher taken off the license: frees a teacher seat. */
export const remove: ChangeKindModule<'remove'> = {
  kind: 'remove',
  stage(request, { base, teacher }) {
    const t = teacher(request.teacherId);
    return {
      ...base,
      evidence: request.evidence ?? base.evidence,
      kind: 'remove',
      after: { onLicense: 'no' },
      targetId: t.platformId,
      subject: t.email,
      dedupeKey: `remove:${t.platformId}`,
      before: { email: t.email, status: t.status },
      baseVersion: t.version,
    };
  },
  wire: (client, _after, target, c, signal) =>
    client.remove(target, c.baseVersion ?? 1, c.idempotencyKey, signal),
  seats: () => ({ teacher: -1, student: 0 }),
};
