import type { Finding } from '../../../../shared/domain/finding';
import { isValidEmail, normalizeEmail } from '../../../../shared/matching/normalize';
import { LIVE, fullName } from '../diagnostics-context';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';

/** MISSING_EMAIL (teachers and administrators: students often sign in with no email), INVALID_EMAIL, DUPLICATE_EMAIL (any live users). */
export function emailRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.staff) {
    if (p.email === null || p.email.trim() === '') {
      out.push(
        finding('MISSING_EMAIL', {
          subjects: [{ kind: 'user', id: p.sourcedId }],
          message: `${fullName(p)} (${p.role}) has no email in the roster, so no platform account can match them`,
          fix: {
            where: 'rostering-service',
            action:
              'Add the email in the SIS or rostering service; the platform cannot match without one',
          },
        }),
      );
    }
  }
  const users = ctx.db
    .prepare(
      `SELECT sourced_id, email, given_name, family_name, role FROM roster_users WHERE snapshot_id = ? AND ${LIVE} AND email IS NOT NULL AND trim(email) <> ''`,
    )
    .iterate(ctx.snapshotId) as Iterable<{
    sourced_id: string;
    email: string;
    given_name: string;
    family_name: string;
    role: string;
  }>;
  const byEmail = new Map<string, { id: string; email: string }[]>();
  for (const u of users) {
    if (!isValidEmail(u.email)) {
      out.push(
        finding('INVALID_EMAIL', {
          subjects: [{ kind: 'user', id: u.sourced_id, email: u.email }],
          message: `${u.given_name} ${u.family_name} (${u.role}) has "${u.email}" as email, which is not an email address`,
          fix: {
            where: 'rostering-service',
            action: 'Correct the email at the source (SIS or rostering service)',
          },
        }),
      );
      continue;
    }
    const key = normalizeEmail(u.email);
    const list = byEmail.get(key);
    if (list) list.push({ id: u.sourced_id, email: u.email });
    else byEmail.set(key, [{ id: u.sourced_id, email: u.email }]);
  }
  for (const [email, holders] of byEmail) {
    if (holders.length < 2) continue;
    out.push(
      finding('DUPLICATE_EMAIL', {
        subjects: holders.map((h) => ({ kind: 'user' as const, id: h.id, email: h.email })),
        message: `${holders.length} roster users share the email ${email}`,
        evidence: holders.map((h) => `${h.id}: ${h.email}`),
        fix: {
          where: 'rostering-service',
          action:
            'Give each person their own email at the source; RosterDesk never merges them silently',
        },
      }),
    );
  }
  return out;
}
