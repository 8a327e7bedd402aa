import type { Finding } from '../../../../shared/domain/finding';
import { oldAccountsByCreator } from '../../../../shared/domain/old-students';
import type { PlatformAccount } from '../../../../shared/platform/platform-wire';
import { finding } from '../make-finding';

/**
 * OLD_STUDENT_ACCOUNTS: after rostering, old manual student accounts (a username and passcode a
 * teacher made, no name) still hold seats and the students' work. One finding per teacher who made
 * them, with the seats they hold; the fix is the worksheet (names typed, read back as merges).
 */
export function oldStudentRules(accounts: PlatformAccount[]): Finding[] {
  const rostered = accounts.some((a) => a.role === 'student' && a.provenance !== 'manual');
  if (!rostered) return [];
  return oldAccountsByCreator(accounts, { unmergedOnly: true }).map((group) => {
    const t = { ...group, name: group.teacher ?? 'an unknown teacher' };
    const n = t.accounts.length;
    const work = t.accounts.reduce((s, a) => s + a.workRecords, 0);
    return finding('OLD_STUDENT_ACCOUNTS', {
      subjects: t.accounts.slice(0, 50).map((a) => ({ kind: 'account' as const, id: a.id })),
      message: `${t.name} made ${n} student account${n === 1 ? '' : 's'} by hand before rostering that ${n === 1 ? 'is' : 'are'} not merged: ${n} seat${n === 1 ? '' : 's'} held, ${work.toLocaleString('en-US')} work records`,
      evidence: [
        `Old usernames: ${t.accounts
          .slice(0, 10)
          .map((a) => a.username ?? a.id)
          .join(', ')}${n > 10 ? ` and ${n - 10} more` : ''}`,
        ...(t.email ? [`Made by ${t.email}`] : []),
      ],
      fix: {
        where: 'rosterdesk',
        action:
          'Export the old accounts worksheet, have the teacher type each student’s real name, read it back and push the merges',
      },
      seats: n,
    });
  });
}
