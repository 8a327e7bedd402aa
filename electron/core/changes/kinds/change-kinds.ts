import type { ChangeAfter, ChangeKind, StageRequest } from '../../../../shared/domain/change';
import type { MutationOutcome, PlatformClient } from '../../platform/platform-client';
import type { NewChange, OutboxChange } from '../change-store';
import type { ChangeKindModule, SeatEffect, StagingContext } from './change-kind';
import { changeEmail } from './change-email';
import { invite } from './invite';
import { merge } from './merge';
import { registerApplicationId } from './register-application-id';
import { remove } from './remove';
import { removeAccount } from './remove-account';
import { remind } from './remind';
import { resend } from './resend';

/**
 * Every kind of change, one module each: a new kind is one new module and one line here (and its
 * payload schema in shared/domain/change.ts). The type requires a module for every kind; the
 * change-kinds test checks that each has its staging, its wire call and its seat effect.
 */
export const CHANGE_KINDS: { [K in ChangeKind]: ChangeKindModule<K> } = {
  invite,
  remove,
  'change-email': changeEmail,
  resend,
  remind,
  'register-application-id': registerApplicationId,
  merge,
  'remove-account': removeAccount,
};

/** Stages a request through its kind's module. */
export function stageByKind(request: StageRequest, context: StagingContext): NewChange {
  const module = CHANGE_KINDS[request.kind] as ChangeKindModule<ChangeKind>;
  return module.stage(request as never, context);
}

/** The platform call that applies a change of this kind. */
export function wireByKind<K extends ChangeKind>(
  kind: K,
  client: PlatformClient,
  after: ChangeAfter<K>,
  target: string,
  change: OutboxChange,
  signal: AbortSignal,
): Promise<MutationOutcome> {
  const module = CHANGE_KINDS[kind] as unknown as ChangeKindModule<K>;
  return module.wire(client, after, target, change, signal);
}

/** The seats a change takes or frees once applied. */
export function seatsByKind<K extends ChangeKind>(
  kind: K,
  after: ChangeAfter<K>,
  roleOf: (accountId: string) => string | null,
  targetId: string | null,
): SeatEffect {
  const module = CHANGE_KINDS[kind] as unknown as ChangeKindModule<K>;
  return module.seats(after, roleOf, targetId);
}
