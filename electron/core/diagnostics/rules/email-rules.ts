import type { Finding } from '../../../../shared/domain/finding';
import { isValidEmail, normalizeEmail } from '../../../../shared/matching/normalize';
import { fullName } from '../diagnostics-context';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';
import type { EmailHolder } from '../../snapshot/snapshot-reader';

/** MISSING_EMAIL: teachers and administrators (students often sign in with no email). */
export function missingEmailRules(ctx: DiagnosticsContext): Finding[] {
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
  return out;
}

/** INVALID_EMAIL and DUPLICATE_EMAIL, over any live users: a pass over the email index each. */
export function emailAddressRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  // INVALID_EMAIL: one pass over the covering email index finds the suspects; the same check as
  // everywhere confirms them, and only they are read in full.
  const suspects = ctx.roster
    .emailSuspects()
    .map((id) => ctx.roster.liveHolder(id))
    .filter((u): u is EmailHolder => u !== null);
  for (const u of suspects) {
    if (isValidEmail(u.email)) continue;
    out.push(
      finding('INVALID_EMAIL', {
        subjects: [{ kind: 'user', id: u.sourcedId, email: u.email }],
        message: `${u.givenName} ${u.familyName} (${u.role}) has "${u.email}" as email, which is not an email address`,
        fix: {
          where: 'rostering-service',
          action: 'Correct the email at the source (SIS or rostering service)',
        },
      }),
    );
  }
  // DUPLICATE_EMAIL: walk the NOCASE email index for repeated values; addresses padded with spaces
  // (already among the suspects above) are grouped with their trimmed form too.
  const repeated = new Set(ctx.roster.repeatedEmails());
  const padded = new Map<string, { sourcedId: string; email: string }[]>();
  for (const u of suspects) {
    if (u.email.trim() === u.email || !isValidEmail(u.email)) continue;
    const key = normalizeEmail(u.email);
    padded.set(key, [...(padded.get(key) ?? []), { sourcedId: u.sourcedId, email: u.email }]);
    repeated.add(key);
  }
  for (const email of repeated) {
    const exact = ctx.roster.holdersOf(email);
    const all = new Map([...exact, ...(padded.get(email) ?? [])].map((h) => [h.sourcedId, h]));
    const holders = [...all.values()]
      .filter((h) => isValidEmail(h.email))
      .sort((a, b) => a.sourcedId.localeCompare(b.sourcedId));
    if (holders.length < 2) continue;
    out.push(
      finding('DUPLICATE_EMAIL', {
        subjects: holders.map((h) => ({ kind: 'user' as const, id: h.sourcedId, email: h.email })),
        message: `${holders.length} roster users share the email ${email}`,
        evidence: holders.map((h) => `${h.sourcedId}: ${h.email}`),
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
