import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { approveAll, expect, openDemo, openScreen, pushApproved, test } from './fixtures';

test('email mismatches: propose fixes, approve, push, the platform holds the new emails, re-sync, findings gone', async ({
  page,
  dataDir,
  host,
}) => {
  await page.goto(host.url);
  await openDemo(page);
  const findings = page.getByRole('region', { name: 'Findings' });
  const mismatchRow = findings.getByRole('row').filter({ hasText: 'EMAIL_MISMATCH' });
  const before = Number(await mismatchRow.getByRole('cell').last().textContent());
  expect(before).toBeGreaterThan(3);

  // One fix proposed by hand, the rest in bulk above a confidence of 0%.
  await findings.getByRole('button', { name: 'EMAIL_MISMATCH' }).click();
  const list = page.getByRole('dialog', { name: 'EMAIL_MISMATCH' });
  await list
    .getByRole('button', { name: /^Propose fix for / })
    .first()
    .click();
  await expect(
    page.getByText(/^Staged: .+ → .+\. Approve it on the Changes screen\.$/),
  ).toBeVisible();
  await list.getByLabel('Minimum confidence (%)').fill('0');
  await list.getByRole('button', { name: 'Stage all suggestions at or above it' }).click();
  await expect(
    page.getByText(new RegExp(`^Staged ${before - 1} email fixes; 1 skipped`)),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // Review and approve, then push.
  await openScreen(page, 'Changes');
  await expect(page.getByTestId('change-row')).toHaveCount(before);
  await expect(page.getByTestId('change-row').first()).toContainText(
    /Before: email: .+After: email: /,
  );
  await approveAll(page, before);
  await pushApproved(page, before);
  await expect(
    page.getByText(
      new RegExp(`^Last push completed: ${before} of ${before} done — ${before} applied`),
    ),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByTestId('change-row').and(page.locator('[data-status="applied"]')),
  ).toHaveCount(before);

  // The sandbox platform holds the new emails (read from its own SQLite file).
  const platform = new Database(path.join(dataDir, 'demo-platform.sqlite'), { readonly: true });
  const changed = platform
    .prepare("SELECT count(*) AS n FROM events WHERE op = 'change-email'")
    .get() as { n: number };
  platform.close();
  expect(changed.n).toBe(before);

  // Re-sync the roster: the mismatches are gone.
  await openScreen(page, 'Connections');
  await page.getByRole('button', { name: 'Sync Demo district (ClassLink)' }).click();
  await openScreen(page, 'Dashboard');
  await expect(findings.getByText(/\d+ errors/)).toBeVisible({ timeout: 30_000 });
  await expect(findings.getByRole('button', { name: 'EMAIL_MISMATCH' })).toHaveCount(0, {
    timeout: 30_000,
  });
  // The second sync is compared with the first (the roster itself did not change: the fixes were
  // made on the platform).
  const changes = page.getByRole('region', { name: 'Changes since the previous sync' });
  await expect(changes.getByText('0 emails changed')).toBeVisible({ timeout: 30_000 });
  await expect(changes.getByText('Nothing changed.')).toBeVisible();

  // The audit log says what happened, and exports.
  await openScreen(page, 'Changes');
  await page.getByRole('tab', { name: 'Audit log' }).click();
  await expect(
    page.getByRole('table', { name: 'Audit log' }).getByText('push-completed'),
  ).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export audit log (CSV)' }).click();
  const file = await download;
  const target = path.join(dataDir, '..', `${path.basename(dataDir)}-audit.csv`);
  await file.saveAs(target);
  const csv = fs.readFileSync(target, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('seq,at,change_id,action,summary,result,platform_request_id');
  expect(csv.match(/,applied,Change email: /g)).toHaveLength(before);
});
