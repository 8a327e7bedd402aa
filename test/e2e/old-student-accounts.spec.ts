import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { plannedOldStudents } from '../../sandbox/platform/seed-platform';
import { approveAll, expect, openDemo, pushApproved, test } from './fixtures';

// The demo's district and platform seed: the sandbox knows who each old account really is.
const plan = plannedOldStudents(generateDistrict(districtSpec({ teachersAtTwoSchools: 0.1 })), {
  seed: 42,
});

test("students' old accounts: export the worksheet, upload it filled, push the merges, see the seats, stage the clean-up", async ({
  page,
  host,
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
  await (await download).saveAs(file);
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(plan.length);

  // 2. A teacher fills 20 names (one is a student nobody has heard of), saved with semicolons.
  const truth = new Map(plan.map((p) => [p.username, p]));
  const fill = rows.filter((r) => truth.get(r.old_username ?? '')?.rosterSourcedId).slice(0, 20);
  const lines = ['old_username;real_first_name;real_last_name'];
  fill.forEach((r, i) => {
    const t = truth.get(r.old_username ?? '');
    lines.push(
      i === 0
        ? `${r.old_username};Nobody;Quokkabottom`
        : `${r.old_username};${t?.givenName ?? ''};${t?.familyName ?? ''}`,
    );
  });
  const filled = testInfo.outputPath('worksheet-filled.csv');
  fs.writeFileSync(filled, `\uFEFF${lines.join('\r\n')}`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Filled worksheet (CSV)' }).click();
  await (await chooser).setFiles(filled);
  const result = page.getByRole('region', { name: 'Worksheet result' });
  await expect(result).toContainText(/20 rows: \d+ merges staged for review/);
  const staged = Number(/(\d+) merges staged/.exec((await result.textContent()) ?? '')?.[1]);
  expect(staged).toBeGreaterThan(10);
  await expect(result.getByRole('table', { name: 'Worksheet rows to look at' })).toContainText(
    'no rostered student named Nobody Quokkabottom',
  );
  await page.screenshot({ path: testInfo.outputPath('worksheet-result-1440x900.png') });

  // 3. Review the merges, approve, push.
  await result
    .getByRole('button', { name: `Review the ${staged} merges on the Changes screen` })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Changes' })).toBeVisible();
  const changeRows = page.getByTestId('change-row');
  await expect.poll(() => changeRows.count()).toBe(staged);
  await expect(changeRows.first()).toContainText('Merge duplicate account');
  await approveAll(page, staged);
  await pushApproved(page, staged);
  await expect(changeRows.and(page.locator('[data-status="applied"]'))).toHaveCount(staged, {
    timeout: 30_000,
  });

  // The seats view shows them merged, after the license was pulled again.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Old student accounts' })
    .click();
  await expect(card('Merged so far')).toHaveAttribute('aria-label', `Merged so far: ${staged}`);
  await expect(card('Old accounts not merged')).toHaveAttribute(
    'aria-label',
    `Old accounts not merged: ${oldBefore - staged}`,
  );
  await expect(page.getByRole('region', { name: 'Progress per teacher' })).toContainText(
    / of \d+ old accounts? merged/,
  );
  await page.screenshot({ path: testInfo.outputPath('seats-1440x900.png') });

  // 4. Clean up the rest: staged for review, with the work it erases said in plain words.
  await page.getByRole('textbox', { name: 'Last active before' }).fill('2027-01-01');
  await page.getByRole('button', { name: 'Remove unclaimed old accounts…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove unclaimed old accounts?' });
  await expect(confirm).toContainText(
    `${oldBefore - staged} old student accounts were never merged`,
  );
  await expect(confirm).toContainText(/erases [\d,]+ work records for good/);
  await page.screenshot({ path: testInfo.outputPath('cleanup-1440x900.png') });
  await confirm
    .getByRole('button', { name: `Stage ${oldBefore - staged} removals for review` })
    .click();
  await expect(page.getByText(`Staged ${oldBefore - staged} removals for review`)).toBeVisible();
  await expect(card('Seats freed by staged changes')).toHaveAttribute(
    'aria-label',
    `Seats freed by staged changes: ${oldBefore - staged}`,
  );
  expect(path.basename(file)).toBe('worksheet.csv');
});
