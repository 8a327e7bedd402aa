import { APPLICATION_ID_SET } from '../../../../shared/domain/change';
import { AppError } from '../../../../shared/ipc/errors';
import { NO_SEATS } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** The rostering connection's Application ID registered on the platform; the value stays in the keychain. */
export const registerApplicationId: ChangeKindModule<'register-application-id'> = {
  kind: 'register-application-id',
  stage(request, { base, license, secrets }) {
    const c = license.rostering().find((r) => r.id === request.connectionId);
    if (!c)
      throw new AppError(
        'NOT_FOUND',
        `The license has no rostering connection ${request.connectionId}`,
      );
    // The help center calls it a secret: the value goes to the keychain, the change says "set".
    const key = `application-id:${c.id}`;
    secrets.keepChangeSecret(key, request.applicationId.trim());
    return {
      ...base,
      kind: 'register-application-id',
      targetId: c.id,
      subject: c.name,
      dedupeKey: key,
      before: { applicationId: c.applicationId === null ? null : APPLICATION_ID_SET },
      after: { applicationId: APPLICATION_ID_SET },
      baseVersion: null,
    };
  },
  wire: (client, after, target, c, signal) =>
    client.registerApplicationId(
      target,
      // Kept in the keychain since staging; a change staged by an older version carries it.
      c.secret ?? after.applicationId,
      c.idempotencyKey,
      signal,
    ),
  seats: () => NO_SEATS,
};
