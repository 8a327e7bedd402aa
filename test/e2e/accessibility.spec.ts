import { routes } from '../../renderer/src/lib/routes';
import { seriousViolations } from './axe';
import { approveAll, expect, openDemo, openScreen, test } from './fixtures';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen has no serious or critical accessibility violation (${scheme})`, async ({
    page,
    host,
    dataDir,
  }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(host.url);
    for (const route of routes) {
      await openScreen(page, route.label);
      expect(await seriousViolations(page), route.label).toEqual([]);
    }
    await openScreen(page, 'Connections');
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page), 'Add connection dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await expect(dialog.getByText('Name is required')).toBeVisible();
    expect(await seriousViolations(page), 'Add connection dialog with errors').toEqual([]);
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Export');
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'OneRoster CSV export' }).click();
    await dialog.getByRole('textbox', { name: 'Folder or zip path', exact: true }).fill(dataDir);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await expect(page.getByRole('row', { name: 'Export' })).toBeVisible();
    expect(await seriousViolations(page), 'Connections with a row').toEqual([]);
  });
}

for (const scheme of ['light', 'dark'] as const)
  test(`populated screens and their dialogs have no serious or critical accessibility violation (${scheme})`, async ({
    page,
    host,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(host.url);
    await openDemo(page);
    await expect(page.getByRole('region', { name: 'Findings' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Start here' })).toBeVisible();
    expect(await seriousViolations(page), 'Dashboard with data').toEqual([]);
    // Start here's message for IT, and one problem's people.
    await page.getByRole('button', { name: 'Copy a message for IT' }).first().click();
    await expect(
      page.getByRole('dialog', { name: "A message for the district's IT" }),
    ).toBeVisible();
    expect(await seriousViolations(page), 'Message for IT').toEqual([]);
    await page.keyboard.press('Escape');
    await page
      .getByRole('button', { name: /^Who and why: / })
      .first()
      .click();
    await expect(page.getByRole('dialog').getByRole('button').first()).toBeVisible();
    expect(await seriousViolations(page), 'Who and why').toEqual([]);
    await page.keyboard.press('Escape');
    for (const label of ['Users', 'Classes', 'License', 'Reports', 'Connections']) {
      await openScreen(page, label);
      expect(await seriousViolations(page), `${label} with data`).toEqual([]);
    }
    await openScreen(page, 'Users');
    await page.getByRole('table', { name: 'Users' }).getByRole('button').first().click();
    const report = page.getByRole('dialog', { name: 'User report' });
    await expect(report.getByRole('table', { name: 'What the roster sends' })).toBeVisible();
    expect(await seriousViolations(page), 'User report').toEqual([]);
    await report.getByRole('button', { name: 'Close user report' }).click();

    // Bulk add with a bad row, then the change set before and after a push, and the audit log.
    await openScreen(page, 'License');
    await page.getByRole('button', { name: 'Bulk add' }).click();
    const bulk = page.getByRole('dialog', { name: 'Bulk add teachers' });
    await bulk.getByLabel('Or paste a list').fill('Ada Lovelace <ada@example.org>\nnot-an-email');
    await bulk.getByRole('button', { name: 'Check the list' }).click();
    await expect(bulk.getByText('"not-an-email" is not an email address')).toBeVisible();
    expect(await seriousViolations(page), 'Bulk add preview').toEqual([]);
    await bulk.getByRole('button', { name: 'Stage 1 invitation' }).click();
    await openScreen(page, 'Changes');
    await expect(page.getByTestId('change-row')).toHaveCount(1);
    expect(await seriousViolations(page), 'Changes with a staged change').toEqual([]);
    await approveAll(page, 1);
    await page.getByRole('button', { name: 'Push 1 approved' }).click();
    await expect(page.getByRole('dialog', { name: 'Push to the platform?' })).toBeVisible();
    expect(await seriousViolations(page), 'Push confirmation').toEqual([]);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Push \d+ changes?$/ })
      .click();
    await expect(page.getByText(/^Last push completed/)).toBeVisible({ timeout: 20_000 });
    expect(await seriousViolations(page), 'Changes after a push').toEqual([]);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await expect(page.getByRole('table', { name: 'Audit log' })).toBeVisible();
    expect(await seriousViolations(page), 'Audit log').toEqual([]);
  });

test('the navigation works from the keyboard', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 2, name: 'Dashboard' })).toBeVisible();
  const settingsLink = page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' });
  for (
    let i = 0;
    i < 20 && !(await settingsLink.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(settingsLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
});
