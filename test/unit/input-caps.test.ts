import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { recordingTable } from '../helpers/handler-table';
import { memoryLogger } from '../helpers/silent-logger';

const ctx = { transport: 'browser-host' as const };
const send = (channel: string, payload: unknown) => {
  const { table, calls } = recordingTable();
  return dispatch(table, channel, payload, ctx, memoryLogger()).then((result) => ({
    result,
    // Reached the handler: recorded, or refused by the table as not part of it (validated first).
    called:
      calls.length > 0 || (!result.ok && result.error.message === 'not part of this test table'),
    said: result.ok
      ? ''
      : [result.error.message, ...(result.error.issues ?? []).map((i) => i.message)].join(' | '),
  }));
};
const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

describe('each input capped at what a district needs, with a clear error past it', () => {
  it('the clean-up takes real calendar days, not in the future', async () => {
    // 9999-99-99 counted 495 accounts and 70,004 work records for removal.
    for (const before of ['9999-99-99', '2026-02-30', '2025-13-01']) {
      const sent = await send('students.cleanup', { before, stage: false });
      expect(sent.called, before).toBe(false);
      expect(sent.said, before).toContain(
        'Not a day of the calendar: give a real date as YYYY-MM-DD',
      );
    }
    const tomorrow = await send('students.cleanup', { before: day(1), stage: false });
    expect(tomorrow.called).toBe(false);
    expect(tomorrow.said).toContain('Give a date that is not in the future');
    for (const before of [day(0), '2024-02-29'])
      expect((await send('students.cleanup', { before, stage: false })).called, before).toBe(true);
  });

  it('a bulk add takes 75,000 teachers and 5,000,000 characters at most', async () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => `t${i}@example.org`).join('\n');
    const over = await send('changes.bulkPreview', { fileName: 'x.csv', text: lines(75_002) });
    expect(over.called).toBe(false);
    expect(over.said).toContain(
      'The list has more than 75,000 teachers: add at most 75,000 at a time',
    );
    const long = await send('changes.bulkInvite', {
      fileName: 'x.csv',
      text: 'a'.repeat(5_000_001),
    });
    expect(long.said).toContain('The list is over 5,000,000 characters');
    expect(
      (await send('changes.bulkPreview', { fileName: 'x.csv', text: `email\n${lines(75_000)}\n` }))
        .called,
    ).toBe(true);
  });

  it('a 1 MB id is refused, and not echoed back', async () => {
    const huge = 'x'.repeat(1024 * 1024);
    for (const payload of [
      { kind: 'resend', teacherId: huge },
      { kind: 'change-email', teacherId: huge, email: 'a@example.org' },
      { kind: 'merge', accountId: huge, intoAccountId: 'b' },
    ]) {
      const sent = await send('changes.stage', payload);
      expect(sent.called).toBe(false);
      expect(sent.said).toContain('An id of at most 200 characters');
      expect(JSON.stringify(sent.result).length).toBeLessThan(2_000);
    }
  });
});
