import { teacherChange } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** A teacher taken off the license: frees a teacher seat. */
export const remove: ChangeKindModule<'remove'> = {
  kind: 'remove',
  stage: (request, context) => teacherChange('remove', { onLicense: 'no' }, request, context),
  wire: (client, _after, target, c, signal) =>
    client.remove(target, c.baseVersion ?? 1, c.idempotencyKey, signal),
  seats: () => ({ teacher: -1, student: 0 }),
};
