import { APPLICATION_ID_SET, BULK_PREVIEW_ROWS, payloadOf } from '../../../shared/domain/change';
import type {
  BulkPreview,
  Change,
  StageableCode,
  StagedFromFindings,
  StageRequest,
} from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import {
  cleanEmailInput,
  emailInputProblem,
  mixedScriptWarning,
} from '../../../shared/platform/email-input';
import { PROVENANCE_LABEL } from '../../../shared/platform/platform-wire';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';
import type { LicenseStore } from '../license/license-store';
import type { ConnectionsService } from '../connections/connections-service';
import { previewBulkInvite } from './bulk-invite';
import { findingRequest } from './finding-request';
import { progressOf } from './finding-progress';
import { refuseConflicts } from './change-conflicts';
import { stageEmailFix, stageFromFindings } from './stage-from-findings';
import type { FindingStagingContext } from './stage-from-findings';
import type { Filed } from '../../../shared/domain/problem-assignment';
import { seatCheck } from './seat-check';
import type { ChangeStore, NewChange } from './change-store';

/**
 * Turns what the admin asks for into staged changes, checked against the license as last pulled
 * from the platform (works offline): the target exists, the email is one, rostered fields are
 * refused with where to edit them, nothing is staged twice.
 */
export class ChangeStaging {
  constructor(
    private readonly license: LicenseStore,
    private readonly changes: ChangeStore,
    /** The findings as Start here files them (each person under the problem to fix first). */
    private readonly filed: () => Promise<Filed[]>,
    /** Where a change's secret is kept until it is pushed (the keychain). */
    private readonly secrets: Pick<ConnectionsService, 'keepChangeSecret'>,
  ) {}

  private connectionId(): string {
    const id = this.license.platformConnectionId();
    if (!id)
      throw new AppError(
        'VALIDATION',
        'The license list here came from a CSV file. Add a Platform connection and pull the license from the platform (License screen) before staging changes.',
      );
    return id;
  }

  private teacher(id: string) {
    const t = this.license.teacher(id);
    if (!t?.platformId)
      throw new AppError(
        'NOT_FOUND',
        `Teacher ${id} is not on the license as last pulled; refresh the license`,
      );
    return { ...t, platformId: t.platformId, version: t.version ?? 1 };
  }

  private checkNewEmail(email: string, exceptId?: string): void {
    const problem = emailInputProblem(email);
    if (problem) throw new AppError('VALIDATION', problem, [{ path: 'email', message: problem }]);
    const holder = this.license.teacherByEmail(email);
    if (holder && holder.platformId !== exceptId)
      throw new AppError('VALIDATION', `${email} is already on the license (${holder.status})`, [
        { path: 'email', message: 'Already on the license' },
      ]);
  }

  stage(request: StageRequest, origin = 'license-screen'): Change {
    const connectionId = this.connectionId();
    const base = { connectionId, origin, evidence: [] as string[] };
    let change: NewChange;
    switch (request.kind) {
      case 'invite': {
        const email = cleanEmailInput(request.email);
        this.checkNewEmail(email);
        change = {
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
        break;
      }
      case 'remove':
      case 'resend': {
        const t = this.teacher(request.teacherId);
        if (request.kind === 'resend' && t.status !== 'invited')
          throw new AppError(
            'VALIDATION',
            `${t.email} accepted the invitation already; there is nothing to resend`,
          );
        change = {
          ...base,
          ...(request.kind === 'remove'
            ? { kind: 'remove' as const, after: { onLicense: 'no' as const } }
            : { kind: 'resend' as const, after: { invitation: 'sent again' as const } }),
          targetId: t.platformId,
          subject: t.email,
          dedupeKey: `${request.kind}:${t.platformId}`,
          before: { email: t.email, status: t.status },
          baseVersion: t.version,
        };
        break;
      }
      case 'change-email': {
        const t = this.teacher(request.teacherId);
        if (t.source && t.source !== 'manual')
          throw new AppError(
            'VALIDATION',
            `${t.email} is rostered by ${PROVENANCE_LABEL[t.source]}: edit this at ${PROVENANCE_LABEL[t.source]}, not on the platform`,
          );
        const email = cleanEmailInput(request.email);
        if (email.toLowerCase() === t.email.toLowerCase() && email === t.email)
          throw new AppError('VALIDATION', `${t.email} already has that email`);
        this.checkNewEmail(email, t.platformId);
        change = {
          ...base,
          origin: request.origin ?? origin,
          evidence: request.evidence ?? [],
          kind: 'change-email',
          targetId: t.platformId,
          subject: t.email,
          dedupeKey: `change-email:${t.platformId}`,
          before: { email: t.email },
          after: { email },
          baseVersion: t.version,
        };
        break;
      }
      case 'register-application-id': {
        const c = this.license.rostering().find((r) => r.id === request.connectionId);
        if (!c)
          throw new AppError(
            'NOT_FOUND',
            `The license has no rostering connection ${request.connectionId}`,
          );
        // The help center calls it a secret: the value goes to the keychain, the change says "set".
        const key = `application-id:${c.id}`;
        this.secrets.keepChangeSecret(key, request.applicationId.trim());
        change = {
          ...base,
          kind: 'register-application-id',
          targetId: c.id,
          subject: c.name,
          dedupeKey: key,
          before: { applicationId: c.applicationId === null ? null : APPLICATION_ID_SET },
          after: { applicationId: APPLICATION_ID_SET },
          baseVersion: null,
        };
        break;
      }
      case 'merge': {
        const from = this.license.account(request.accountId);
        const into = this.license.account(request.intoAccountId);
        if (!from || !into)
          throw new AppError(
            'NOT_FOUND',
            'One of the two accounts is not in the last pull; refresh the license',
          );
        if (from.provenance !== 'manual' || into.provenance === 'manual')
          throw new AppError(
            'VALIDATION',
            'Only a manual account merges, and only into a rostered one',
          );
        // A student account holds its own seat; a teacher's seats are its license entries.
        const seats = from.role === 'student' ? 1 : this.license.seatsHeldBy(from.id);
        change = {
          ...base,
          origin: base.origin === 'OLD_STUDENT_WORKSHEET' ? base.origin : 'DUPLICATE_ACCOUNT',
          kind: 'merge',
          targetId: from.id,
          subject: accountSubject(from),
          dedupeKey: `merge:${from.id}`,
          before: { account: from.id, email: from.email, provenance: from.provenance },
          after: {
            mergedInto: into.id,
            email: into.email,
            provenance: into.provenance,
            seatsFreed: seats,
          },
          baseVersion: from.version,
          evidence: [
            ...(request.evidence ?? []),
            `${accountSubject(from)}: manual ${from.email ?? from.id} -> ${into.provenance} ${into.email ?? into.username ?? into.id}`,
          ],
        };
        break;
      }
      case 'remove-account': {
        const account = this.license.account(request.accountId);
        if (!account)
          throw new AppError(
            'NOT_FOUND',
            'The account is not in the last pull; refresh the license',
          );
        if (account.provenance !== 'manual' || account.role !== 'student' || account.mergedInto)
          throw new AppError(
            'VALIDATION',
            'Only an old manual student account that was never merged can be removed here',
          );
        change = {
          ...base,
          kind: 'remove-account',
          targetId: account.id,
          subject: accountSubject(account),
          dedupeKey: `remove-account:${account.id}`,
          before: {
            account: account.id,
            lastActiveAt: account.lastActiveAt,
            workRecords: account.workRecords,
          },
          after: { removed: 'yes', seatsFreed: 1, workRecordsLost: account.workRecords },
          baseVersion: account.version,
          evidence: [
            `Old manual account ${account.username ?? account.id}${account.accountNumber ? ` (account ${account.accountNumber})` : ''}, made by ${account.createdBy?.name ?? 'an unknown teacher'}`,
            `Last active ${account.lastActiveAt?.slice(0, 10) ?? 'never'}; ${account.workRecords.toLocaleString('en-US')} work records will be erased`,
          ],
        };
        break;
      }
    }
    refuseConflicts(change, this.license, this.changes.open);
    // Counted before this one is staged: does one more invitation fit the seats left?
    const seats = change.kind === 'invite' ? this.seatCheck(1) : null;
    const staged = this.changes.stage(change);
    const lookAlike =
      change.kind === 'invite' || change.kind === 'change-email'
        ? mixedScriptWarning(String(change.after.email))
        : null;
    const warning = [lookAlike, seats?.warning].filter(Boolean).join(' ');
    return warning ? { ...staged, warning } : staged;
  }

  /**
   * After a conflict, the admin has seen both versions and asks for the same change on the
   * platform's version: a new staged change against it (the old one is discarded). Offline too:
   * the platform's record came back with the 412.
   */
  restage(id: string): Change {
    const old = this.changes.get(id);
    const current = old.current;
    const version = typeof current?.version === 'number' ? current.version : null;
    if (old.status !== 'conflict' || !current || version === null || !old.targetId)
      throw new AppError(
        'VALIDATION',
        "Only a change in conflict, with the platform's version, can be staged again",
      );
    const before = Object.fromEntries(
      Object.keys(old.before ?? {}).map((k) => [k, current[k] ?? old.before?.[k] ?? null]),
    );
    const staged = this.changes.stage({
      connectionId: this.connectionId(),
      ...payloadOf(old),
      targetId: old.targetId,
      subject: typeof current.email === 'string' ? current.email : old.subject,
      dedupeKey: `${old.kind}:${old.targetId}`,
      before,
      baseVersion: version,
      evidence: [
        ...old.evidence,
        `Staged again on the platform's version ${version} after a conflict`,
      ],
      origin: 'conflict',
    });
    this.changes.discard([id]);
    return staged;
  }

  /** "Propose fix" on one EMAIL_MISMATCH (see stage-from-findings.ts). */
  async stageEmailFix(licenseEmail: string): Promise<Change> {
    return stageEmailFix(this.fromFindings(), licenseEmail);
  }

  /** Stages every EMAIL_MISMATCH suggestion at or above the confidence; says why each other one was skipped. */
  stageEmailFixes(minConfidence: number): Promise<StagedFromFindings> {
    return this.stageFromFindings('EMAIL_MISMATCH', { minConfidence });
  }

  /** The action of a finding kind, for all its findings or one person's (see stage-from-findings.ts). */
  stageFromFindings(
    code: StageableCode,
    options: { minConfidence?: number | undefined; subjectId?: string | undefined } = {},
  ): Promise<StagedFromFindings> {
    this.connectionId(); // refuses at once when the license was not pulled from the platform
    return stageFromFindings(this.fromFindings(), code, options);
  }

  private fromFindings(): FindingStagingContext {
    return {
      filed: this.filed,
      progress: () => progressOf(this.license, this.changes.open),
      stageOne: (f) => {
        const { request, origin } = findingRequest(f, this.license);
        return this.stage(request, origin);
      },
    };
  }

  /** The whole preview (every row), for staging. */
  private fullPreview(text: string, fileName: string) {
    const staged = this.changes.open.openInvites();
    return previewBulkInvite(text, fileName, {
      onLicense: (email) => this.license.teacherByEmail(email)?.status ?? null,
      staged: (email) => staged.has(email.toLowerCase()),
    });
  }

  /** What the admin sees before a bulk add: problem rows first, at most BULK_PREVIEW_ROWS, and the seats. */
  bulkPreview(text: string, fileName: string): BulkPreview {
    return this.previewOf(this.fullPreview(text, fileName));
  }

  private previewOf(full: ReturnType<ChangeStaging['fullPreview']>): BulkPreview {
    const ordered = [...full.rows.filter((r) => r.error), ...full.rows.filter((r) => !r.error)];
    const rows = ordered.slice(0, BULK_PREVIEW_ROWS).sort((a, b) => a.line - b.line);
    return {
      rows,
      more: full.rows.length - rows.length,
      valid: full.valid,
      invalid: full.invalid,
      seats: this.seatCheck(full.valid),
    };
  }

  /** Whether `adding` more invitations fit the seats left (see seat-check.ts). */
  seatCheck(adding: number): BulkPreview['seats'] {
    return seatCheck(this.license, this.changes, adding);
  }

  /** Stages the good rows of a bulk add; the bad ones come back with their reasons. */
  bulkInvite(text: string, fileName: string): { staged: number; preview: BulkPreview } {
    this.connectionId();
    const full = this.fullPreview(text, fileName);
    const preview = this.previewOf(full);
    // One transaction: a bulk add is staged whole, or (an error, a kill part-way) not at all.
    const staged = this.changes.inTransaction(() => {
      let n = 0;
      for (const row of full.rows) {
        if (row.error) continue;
        this.stage(
          {
            kind: 'invite',
            email: row.email,
            ...(row.givenName ? { givenName: row.givenName } : {}),
            ...(row.familyName ? { familyName: row.familyName } : {}),
          },
          `bulk add: ${fileName}`,
        );
        n++;
      }
      return n;
    });
    return { staged, preview };
  }
}

/** How an account is named in a change: a manual student account has no name, only its username. */
function accountSubject(a: PlatformAccount): string {
  if (a.givenName || a.familyName) return `${a.givenName ?? ''} ${a.familyName ?? ''}`.trim();
  return `old account ${a.username ?? a.id}${a.accountNumber ? ` (${a.accountNumber})` : ''}`;
}
