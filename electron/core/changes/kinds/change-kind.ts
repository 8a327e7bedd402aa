import type { ChangeAfter, ChangeKind, StageRequest } from '../../../../shared/domain/change';
import type { PlatformAccount } from '../../../../shared/platform/platform-wire';
import type { ConnectionsService } from '../../connections/connections-service';
import type { LicenseStore } from '../../license/license-store';
import type { MutationOutcome, PlatformClient } from '../../platform/platform-client';
import type { NewChange, OutboxChange } from '../change-store';

/** What a kind's staging may use: the license as last pulled and the checks every kind shares. */
export interface StagingContext {
  /** The platform connection, the origin and no evidence yet: every change starts from it. */
  base: { connectionId: string; origin: string; evidence: string[] };
  license: LicenseStore;
  /** The license's teacher, with its platform id and version; NOT_FOUND when it is not there. */
  teacher(
    id: string,
  ): ReturnType<LicenseStore['teacher']> & { platformId: string; version: number };
  /** Refuses an email that is not one, or that the license already holds (but `exceptId`). */
  checkNewEmail(email: string, exceptId?: string): void;
  /** Where a change's secret is kept until it is pushed (the keychain). */
  secrets: Pick<ConnectionsService, 'keepChangeSecret'>;
}

/** Seats a change takes (positive) or frees (negative) once applied, by kind of seat. */
export interface SeatEffect {
  teacher: number;
  student: number;
}

/**
 * Everything one kind of change is, in one module: how it is staged (its checks and its payload,
 * whose schema is `changeAfterSchemas[kind]` in shared/domain/change.ts), the platform call that
 * applies it, and the seats it takes or frees. Registered in CHANGE_KINDS (change-kinds.ts).
 */
export interface ChangeKindModule<K extends ChangeKind> {
  readonly kind: K;
  stage(request: Extract<StageRequest, { kind: K }>, context: StagingContext): NewChange;
  wire(
    client: PlatformClient,
    after: ChangeAfter<K>,
    target: string,
    change: OutboxChange,
    signal: AbortSignal,
  ): Promise<MutationOutcome>;
  seats(
    after: ChangeAfter<K>,
    roleOf: (accountId: string) => string | null,
    targetId: string | null,
  ): SeatEffect;
}

export const NO_SEATS: SeatEffect = { teacher: 0, student: 0 };

/** How an account is named in a change: its name, or for a nameless old account its username. */
export function accountSubject(a: PlatformAccount): string {
  if (a.givenName || a.familyName) return `${a.givenName ?? ''} ${a.familyName ?? ''}`.trim();
  return `old account ${a.username ?? a.id}${a.accountNumber ? ` (${a.accountNumber})` : ''}`;
}

/** Kinds that act on one license entry and change only its state: remove, resend, remind. */
type TeacherKind = 'remove' | 'resend' | 'remind';

/**
 * A change to one license entry (the teacher as last pulled, its version as the base): what the
 * remove, resend and remind kinds stage, with the evidence the request brings (why it is proposed).
 */
export function teacherChange<K extends TeacherKind>(
  kind: K,
  after: ChangeAfter<K>,
  request: { teacherId: string; evidence?: string[] | undefined },
  { base, teacher }: StagingContext,
  check?: (t: ReturnType<StagingContext['teacher']>) => void,
): NewChange {
  const t = teacher(request.teacherId);
  check?.(t);
  return {
    ...base,
    evidence: request.evidence ?? base.evidence,
    kind,
    after,
    targetId: t.platformId,
    subject: t.email,
    dedupeKey: `${kind}:${t.platformId}`,
    before: { email: t.email, status: t.status },
    baseVersion: t.version,
  } as NewChange;
}
