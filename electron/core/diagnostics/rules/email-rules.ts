import type { Finding } from '../../../../shared/domain/finding';
import { isValidEmail, normalizeEmail } from '../../../../shared/matching/normalize';
import { LIVE, fullName } from '../diagnostics-context';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';
import { snapshotTables } from '../../snapshot/snapshot-files';

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
  // INVALID_EMAIL: one pass over the covering email index finds the suspects; the same check as
  // everywhere confirms them, and only they are read in full.
  const t = snapshotTables(ctx.db, ctx.snapshotId);
  const suspectIds = ctx.db
    .prepare(
      `SELECT sourced_id FROM ${t.users} INDEXED BY users_email
       WHERE email IS NOT NULL AND email <> ''
         AND (email NOT LIKE '%_@_%._%' OR email LIKE '%@%@%' OR instr(email, ' ') > 0 OR instr(email, char(9)) > 0)`,
    )
    .pluck()
    .all() as string[];
  const readUser = ctx.db.prepare(
    `SELECT sourced_id, email, given_name, family_name, role FROM ${t.users} WHERE sourced_id = ? AND ${LIVE}`,
  );
  const suspects = suspectIds
    .map(
      (id) =>
        readUser.get(id) as
          | {
              sourced_id: string;
              email: string;
              given_name: string;
              family_name: string;
              role: string;
            }
          | undefined,
    )
    .filter(
      (
        u,
      ): u is {
        sourced_id: string;
        email: string;
        given_name: string;
        family_name: string;
        role: string;
      } => u !== undefined,
    );
  for (const u of suspects) {
    if (isValidEmail(u.email)) continue;
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
  }
  // DUPLICATE_EMAIL: walk the NOCASE email index for repeated values; addresses padded with spaces
  // (already among the suspects above) are grouped with their trimmed form too.
  const repeated = new Set(
    ctx.db
      .prepare(
        `SELECT lower(email) FROM ${t.users} WHERE email IS NOT NULL AND email <> '' GROUP BY email COLLATE NOCASE HAVING count(*) > 1`,
      )
      .pluck()
      .all() as string[],
  );
  const padded = new Map<string, { sourced_id: string; email: string }[]>();
  for (const u of suspects) {
    if (u.email.trim() === u.email || !isValidEmail(u.email)) continue;
    const key = normalizeEmail(u.email);
    padded.set(key, [...(padded.get(key) ?? []), { sourced_id: u.sourced_id, email: u.email }]);
    repeated.add(key);
  }
  const holdersOf = ctx.db.prepare(
    `SELECT sourced_id, email FROM ${t.users} INDEXED BY users_email WHERE email = ? COLLATE NOCASE AND ${LIVE} ORDER BY sourced_id`,
  );
  for (const email of repeated) {
    const exact = holdersOf.all(email) as {
      sourced_id: string;
      email: string;
    }[];
    const all = new Map([...exact, ...(padded.get(email) ?? [])].map((h) => [h.sourced_id, h]));
    const holders = [...all.values()]
      .filter((h) => isValidEmail(h.email))
      .sort((a, b) => a.sourced_id.localeCompare(b.sourced_id));
    if (holders.length < 2) continue;
    out.push(
      finding('DUPLICATE_EMAIL', {
        subjects: holders.map((h) => ({ kind: 'user' as const, id: h.sourced_id, email: h.email })),
        message: `${holders.length} roster users share the email ${email}`,
        evidence: holders.map((h) => `${h.sourced_id}: ${h.email}`),
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
