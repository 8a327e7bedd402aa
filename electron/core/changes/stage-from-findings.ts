import type { Change, StageableCode, StagedFromFindings } from '../../../shared/domain/change';
import type { Finding } from '../../../shared/domain/finding';
import { isPrimary } from '../../../shared/domain/problem-assignment';
import type { Filed } from '../../../shared/domain/problem-assignment';
import { AppError } from '../../../shared/ipc/errors';
import type { progressOf } from './finding-progress';

/** What staging from findings needs from ChangeStaging. */
export interface FindingStagingContext {
  /** The findings as Start here files them (each person under the problem to fix first). */
  filed(): Promise<Filed[]>;
  progress(): ReturnType<typeof progressOf>;
  /** Stages the change one finding proposes (throws with why it cannot). */
  stageOne(f: Finding): Change;
}

/** Why a finding filed under another problem is not staged on its own. */
function firstFix(x: Filed): string {
  return `${x.finding.code} waits: fix this person's ${x.filedUnder} first (it is the problem Start here lists them under)`;
}

/** "Propose fix" on one EMAIL_MISMATCH: license email -> roster email, with the finding's evidence. */
export async function stageEmailFix(
  ctx: FindingStagingContext,
  licenseEmail: string,
): Promise<Change> {
  const x = (await ctx.filed()).find(
    ({ finding: f }) =>
      f.code === 'EMAIL_MISMATCH' &&
      f.suggestion?.licenseEmail.toLowerCase() === licenseEmail.toLowerCase(),
  );
  if (!x?.finding.suggestion)
    throw new AppError(
      'NOT_FOUND',
      `No email mismatch for ${licenseEmail} in the current findings`,
    );
  if (!isPrimary(x)) throw new AppError('VALIDATION', firstFix(x));
  return ctx.stageOne(x.finding);
}

/**
 * The action of a finding kind, for all its findings or for one person's (`subjectId`): fix the
 * email (EMAIL_MISMATCH, at or above `minConfidence`), invite (NOT_ON_LICENSE), resend
 * (INVITE_PENDING) or merge (DUPLICATE_ACCOUNT). Each one that cannot be staged is skipped with
 * the reason; the dashboard's Start here, the finding dialogs, the user report and the
 * troubleshooter all stage through here.
 */
export async function stageFromFindings(
  ctx: FindingStagingContext,
  code: StageableCode,
  options: { minConfidence?: number | undefined; subjectId?: string | undefined },
): Promise<StagedFromFindings> {
  const skipped: StagedFromFindings['skipped'] = [];
  let staged = 0;
  let lastWarning: string | null = null;
  const progress = ctx.progress();
  for (const x of await ctx.filed()) {
    const f = x.finding;
    if (f.code !== code) continue;
    if (options.subjectId && !f.subjects.some((s) => s.id === options.subjectId)) continue;
    if (code === 'EMAIL_MISMATCH' && (f.suggestion?.confidence ?? 0) < (options.minConfidence ?? 0))
      continue;
    const subject = f.subjects[0]?.email || f.subjects[0]?.id || code;
    // The same filing as Start here: a person whose first problem is another one is staged
    // there (a resend to an address that is about to change would go to the wrong one).
    if (!isPrimary(x)) {
      if (options.subjectId) skipped.push({ subject, reason: firstFix(x) });
      continue;
    }
    const done = progress.of(f);
    if (done) {
      skipped.push({
        subject,
        reason:
          done === 'staged'
            ? 'already staged'
            : `${done === 'resent' ? 'resent' : 'invited'} ${progress.resentWhen}`,
      });
      continue;
    }
    try {
      const change = ctx.stageOne(f);
      lastWarning = change.warning ?? lastWarning;
      staged++;
    } catch (error) {
      skipped.push({ subject, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { staged, skipped, warning: lastWarning };
}
