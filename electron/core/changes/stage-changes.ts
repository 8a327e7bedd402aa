import { BULK_PREVIEW_ROWS, payloadOf } from '../../../shared/domain/change';
import type {
  BulkPreview,
  Change,
  StageableCode,
  StagedFromFindings,
  StageRequest,
} from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import { emailInputProblem, mixedScriptWarning } from '../../../shared/platform/email-input';
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
import { stageByKind } from './kinds/change-kinds';
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
    const change: NewChange = stageByKind(request, {
      base,
      license: this.license,
      teacher: (id) => this.teacher(id),
      checkNewEmail: (email, exceptId) => this.checkNewEmail(email, exceptId),
      secrets: this.secrets,
    });
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
