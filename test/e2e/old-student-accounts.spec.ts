import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { classMembers } from '../../sandbox/district/class-members';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { plannedOldStudents } from '../../sandbox/platform/seed-platform';
import { approveAll, expect, openDemo, test } from './fixtures';

// The demo's district and platform seed: the sandbox knows who each old account really is.
const district = generateDistrict(districtSpec({ teachersAtTwoSchools: 0.1 }));
const plan = plannedOldStudents(district, { seed: 42 });

/** The live students of each teacher's classes, from the district itself (not from RosterDesk). */
function studentsOfTeachers(): Map<string, { id: string; given: string }[]> {
  const users = new Map<string, ReturnType<typeof district.users.at>>();
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    users.set(u.sourcedId, u);
  }
  const out = new Map<string, { id: string; given: string }[]>();
  for (const m of classMembers(district).values())
    for (const t of m.teachers)
      for (const id of m.students) {
        const u = users.get(id);
        if (!u || u.status !== 'active' || !u.enabledUser) continue;
        const list = out.get(t) ?? [];
        if (!list.some((x) => x.id === id)) list.push({ id, given: u.givenName });
        out.set(t, list);
      }
  return out;
}

test("students' old accounts: export the worksheet, upload it filled, pick a candidate in the review queue, push the merges, see the seats, stage the clean-up", async ({
  page,
  host,
  dataDir,
}, testInfo) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await openDemo(page);

  // The dashboard says old accounts hold seats, and leads to the worksheet.
  const problem = page
    .getByRole('region', { name: 'Start here' })
    .locator('li[data-code="OLD_STUDENT_ACCOUNTS"]');
  await expect(problem).toContainText(/\d+ old student accounts made by hand before rostering/);
  await problem.getByRole('button', { name: 'Open the old accounts worksheet' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Old student accounts' })).toBeVisible();
  const card = (label: string) => page.getByLabel(new RegExp(`^${label}: \\d+$`));
  const count = async (label: string) =>
    Number(((await card(label).getAttribute('aria-label')) ?? '').split(': ')[1]);
  await expect(card('Old accounts not merged')).toBeVisible();
  const oldBefore = await count('Old accounts not merged');
  expect(oldBefore).toBe(plan.length);

  // 1. Export the worksheet.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the worksheet (CSV)' }).click();
  const file = testInfo.outputPath('worksheet.csv');
  // Named for what it is, so the admin finds it among their downloads.
  expect((await download).suggestedFilename()).toMatch(
    /^old-student-accounts-worksheet-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/,
  );
  await (await download).saveAs(file);
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(plan.length);

  // 2. A teacher fills 20 names (one is a student nobody has heard of; one only a first name that
  // two students of the teacher's classes share), saved with semicolons.
  const truth = new Map(plan.map((p) => [p.username, p]));
  const fill = rows.filter((r) => truth.get(r.old_username ?? '')?.rosterSourcedId).slice(0, 20);
  const classes = studentsOfTeachers();
  const firstNameOnly = fill.slice(1).find((r) => {
    const t = truth.get(r.old_username ?? '');
    const mine = classes.get(t?.teacher.sourcedId ?? '') ?? [];
    return mine.filter((s) => s.given === t?.givenName).length > 1;
  });
  if (!firstNameOnly)
    throw new Error('the demo has no teacher with two students of one first name');
  const owner = truth.get(firstNameOnly.old_username ?? '');
  const lines = ['old_username;real_first_name;real_last_name'];
  fill.forEach((r, i) => {
    const t = truth.get(r.old_username ?? '');
    lines.push(
      i === 0
        ? `${r.old_username};Nobody;Quokkabottom`
        : r === firstNameOnly
          ? `${r.old_username};${t?.givenName ?? ''};`
          : `${r.old_username};${t?.givenName ?? ''};${t?.familyName ?? ''}`,
    );
  });
  const filled = testInfo.outputPath('worksheet-filled.csv');
  fs.writeFileSync(filled, `\uFEFF${lines.join('\r\n')}`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Filled worksheet (CSV)' }).click();
  await (await chooser).setFiles(filled);
  const result = page.getByRole('region', { name: 'Worksheet result' });
  await expect(result).toContainText(/20 rows: \d+ merges staged for approval/);
  const staged = Number(/(\d+) merges staged/.exec((await result.textContent()) ?? '')?.[1]);
  expect(staged).toBeGreaterThan(10);
  await expect(result.getByRole('table', { name: 'Worksheet rows to look at' })).toContainText(
    'no rostered student named Nobody Quokkabottom',
  );
  await page.screenshot({ path: testInfo.outputPath('worksheet-result-1440x900.png') });

  // The first name alone fits two students of the teacher's classes: a choice for the admin, kept
  // in the review queue (also after leaving the screen), with what tells the two apart.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dashboard' })
    .click();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Old student accounts' })
    .click();
  const queue = page.getByRole('region', { name: 'Worksheet rows to review' });
  const row = queue.getByRole('group', {
    name: new RegExp(`^Line \\d+: ${firstNameOnly.old_username ?? ''}$`),
  });
  await expect(row).toContainText('in the teacher’s classes');
  await expect(row.getByRole('table')).toContainText(owner?.familyName ?? '');
  await page.screenshot({ path: testInfo.outputPath('review-queue-1440x900.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 700 });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('review-queue-1024x700.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await row
    .getByRole('button', {
      name: `Merge into ${owner?.givenName ?? ''} ${owner?.familyName ?? ''} (${owner?.rosterSourcedId ?? ''}): old account ${firstNameOnly.old_username ?? ''}`,
    })
    .click();
  await expect(row).toHaveCount(0);

  // 3. Review the merges (the worksheet's and the one picked), approve, push.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Changes' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Changes' })).toBeVisible();
  const changeRows = page.getByTestId('change-row');
  await expect.poll(() => changeRows.count()).toBe(staged + 1);
  await expect(changeRows.first()).toContainText('Merge duplicate account');
  await approveAll(page, staged + 1);
  // The confirmation counts the student seats the merges free, before -> after.
  await page.getByRole('button', { name: `Push ${staged + 1} approved` }).click();
  const confirmPush = page.getByRole('dialog', { name: 'Push to the platform?' });
  const studentSeats = /Student seats: ([\d,]+) → ([\d,]+)/.exec(
    (await confirmPush.getByText(/^Student seats:/).textContent()) ?? '',
  );
  expect(studentSeats, 'the confirmation shows the student seats').not.toBeNull();
  const seatsBefore = Number(studentSeats?.[1]?.replace(/,/g, ''));
  const seatsAfter = Number(studentSeats?.[2]?.replace(/,/g, ''));
  expect(seatsBefore - seatsAfter).toBe(staged + 1);
  await page.screenshot({ path: testInfo.outputPath('push-student-seats-1440x900.png') });
  await confirmPush.getByRole('button', { name: /^Push \d+ changes?$/ }).click();
  await expect(changeRows.and(page.locator('[data-status="applied"]'))).toHaveCount(staged + 1, {
    timeout: 30_000,
  });
  const platform = new Database(path.join(dataDir, 'demo-platform.sqlite'), { readonly: true });
  // What the platform counts after the push is what the confirmation said.
  expect(
    platform
      .prepare(
        "SELECT count(*) FROM accounts WHERE role = 'student' AND merged_into IS NULL AND removed_at IS NULL",
      )
      .pluck()
      .get(),
  ).toBe(seatsAfter);
  const mergedInto = platform
    .prepare(
      `SELECT i.roster_id FROM accounts o JOIN accounts i ON i.id = o.merged_into WHERE o.username = ?`,
    )
    .pluck()
    .get(firstNameOnly.old_username ?? '');
  const allMerges = platform
    .prepare(
      `SELECT o.username AS username, i.roster_id AS rosterId FROM accounts o JOIN accounts i ON i.id = o.merged_into WHERE o.role = 'student'`,
    )
    .all() as { username: string; rosterId: string }[];
  platform.close();
  expect(mergedInto).toBe(owner?.rosterSourcedId);
  // What the platform merged, checked against the sandbox's truth rather than the screen: each
  // merged account is one of the filled rows (never Nobody Quokkabottom), into the very student
  // the teacher named; and as many as the screen said were staged, plus the one picked.
  const filledNames = new Set(fill.map((r) => r.old_username ?? ''));
  expect(allMerges.length).toBe(staged + 1);
  for (const m of allMerges) {
    expect(filledNames.has(m.username), `${m.username} was in the filled worksheet`).toBe(true);
    expect(m.username).not.toBe(fill[0]?.old_username);
    expect(m.rosterId, `${m.username} merged into the right student`).toBe(
      truth.get(m.username)?.rosterSourcedId,
    );
  }

  // The seats view shows them merged, after the license was pulled again.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Old student accounts' })
    .click();
  const merged = staged + 1;
  await expect(card('Merged so far')).toHaveAttribute('aria-label', `Merged so far: ${merged}`);
  await expect(card('Old accounts not merged')).toHaveAttribute(
    'aria-label',
    `Old accounts not merged: ${oldBefore - merged}`,
  );
  await expect(page.getByRole('region', { name: 'Progress per teacher' })).toContainText(
    / of \d+ old accounts? merged/,
  );
  await page.screenshot({ path: testInfo.outputPath('seats-1440x900.png') });

  // 4. Clean up the rest: staged for review, with the work it erases said in plain words.
  // Today: every old account was last active before it (a day in the future is refused).
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
  await page.getByRole('textbox', { name: 'Last active before' }).fill(today);
  await page.getByRole('button', { name: 'Remove unclaimed old accounts…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove unclaimed old accounts?' });
  await expect(confirm).toContainText(
    `${oldBefore - merged} old student accounts were never merged`,
  );
  await expect(confirm).toContainText(/erases [\d,]+ work records for good/);
  await page.screenshot({ path: testInfo.outputPath('cleanup-1440x900.png') });
  await confirm
    .getByRole('button', { name: `Stage ${oldBefore - merged} removals for review` })
    .click();
  await expect(page.getByText(`Staged ${oldBefore - merged} removals for review`)).toBeVisible();
  await expect(card('Seats freed by staged changes')).toHaveAttribute(
    'aria-label',
    `Seats freed by staged changes: ${oldBefore - merged}`,
  );
});
