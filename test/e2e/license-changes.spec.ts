import path from 'node:path';
import Database from 'better-sqlite3';
import { approveAll, expect, openDemo, openScreen, pushApproved, test } from './fixtures';

test('license screen: rostered emails are read-only, stage a change and a resend; a platform-side edit ends as a conflict with both versions', async ({
  page,
  dataDir,
  host,
}) => {
  await page.goto(host.url);
  await openDemo(page);
  await openScreen(page, 'License');
  await expect(page.getByRole('region', { name: 'License summary' })).toContainText(
    /\d+ teachers from Platform: .+ pulled .+ · \d+ of \d+ seats used/,
  );
  await expect(page.getByRole('region', { name: 'License summary' })).toContainText(
    'no Application ID',
  );
  const table = page.getByRole('table', { name: 'License teachers' });

  // Rostered teachers: the email belongs to ClassLink.
  await page.getByRole('combobox', { name: 'Source' }).click();
  await page.getByRole('option', { name: 'ClassLink' }).click();
  await expect(table.getByText('Email at ClassLink').first()).toBeVisible();
  await expect(table.getByRole('button', { name: /^Change email of / })).toHaveCount(0);

  // A teacher added by hand: stage a new email.
  await page.getByRole('combobox', { name: 'Source' }).click();
  await page.getByRole('option', { name: 'Added by hand' }).click();
  const change = table.getByRole('button', { name: /^Change email of / }).first();
  const oldEmail = ((await change.getAttribute('aria-label')) ?? '').replace(
    'Change email of ',
    '',
  );
  await change.click();
  const dialog = page.getByRole('dialog', { name: "Change a teacher's email" });
  await dialog.getByRole('textbox', { name: 'New email' }).fill('not an email');
  await dialog.getByRole('button', { name: 'Stage email change' }).click();
  await expect(dialog.getByText('"not an email" is not an email address')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'New email' }).fill('new.address@example.org');
  await dialog.getByRole('button', { name: 'Stage email change' }).click();
  await expect(
    page.getByText(
      `Staged: ${oldEmail} → new.address@example.org. Approve it on the Changes screen.`,
    ),
  ).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: oldEmail })).toContainText('change-email');

  // An invited teacher: stage a resend.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Invited' }).click();
  await table
    .getByRole('button', { name: /^Resend invitation to / })
    .first()
    .click();
  await expect(page.getByText(/^Staged: resend the invitation to /)).toBeVisible();

  // Meanwhile someone edits that teacher on the platform.
  const platform = new Database(path.join(dataDir, 'demo-platform.sqlite'));
  platform.pragma('busy_timeout = 5000');
  platform
    .prepare(
      "UPDATE teachers SET email = 'edited.on.platform@example.org', email_key = 'edited.on.platform@example.org', version = version + 1 WHERE email = ?",
    )
    .run(oldEmail);
  platform.close();

  await openScreen(page, 'Changes');
  await approveAll(page, 2);
  await pushApproved(page, 2);
  await expect(
    page.getByText(/^Last push completed: 2 of 2 done — 1 applied, 0 rejected, 1 conflicts/),
  ).toBeVisible({
    timeout: 20_000,
  });
  const conflict = page.locator('[data-testid="change-row"][data-status="conflict"]');
  await expect(conflict).toContainText(`Before: email: ${oldEmail}`);
  await expect(conflict).toContainText('After: email: new.address@example.org');
  await expect(conflict).toContainText(
    'On the platform now: email: edited.on.platform@example.org',
  );
  await expect(conflict).toContainText('Nothing was overwritten');
  await page.getByText('Conflicts (1)', { exact: true }).click();
  await expect(page.getByTestId('change-row')).toHaveCount(1);

  // Having seen both versions, stage it again on the platform's version and push.
  await page.getByRole('button', { name: /^Stage again on the platform's version: / }).click();
  await page.getByText('All', { exact: true }).click();
  await approveAll(page, 1);
  await pushApproved(page, 1);
  await expect(page.getByText(/^Last push completed: 1 of 1 done — 1 applied/)).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    page.locator('[data-testid="change-row"][data-status="applied"]').filter({
      hasText: 'Before: email: edited.on.platform@example.org',
    }),
  ).toContainText('After: email: new.address@example.org');
});
