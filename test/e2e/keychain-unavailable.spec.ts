import { filesContaining } from '../helpers/temp-dir';
import { expect, openScreen, test } from './fixtures';

test('with no D-Bus session the UI says the keychain is unavailable and saves nothing secret', async ({
  page,
  dataDir,
  launch,
}) => {
  const host = await launch(dataDir, {
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/rosterdesk-no-bus',
  });
  await page.goto(host.url);
  await openScreen(page, 'Connections');
  await expect(page.getByRole('alert').filter({ hasText: 'Keychain unavailable' })).toBeVisible();

  const token = 'SENTINEL-no-keychain-token';
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Clever (API v3)' }).click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Clever');
  await dialog.getByRole('textbox', { name: 'District token', exact: true }).fill(token);
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
    'the OS keychain',
  );
  await expect(dialog.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText(
    'never writes secrets to a file',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No connections yet')).toBeVisible();

  await openScreen(page, 'Settings');
  await expect(
    page.getByRole('table', { name: 'About this copy' }).getByText('unavailable'),
  ).toBeVisible();
  await host.stop();
  expect(filesContaining(dataDir, token)).toEqual([]);
  expect(host.output()).not.toContain(token);
  expect(host.output()).toContain('Keychain unavailable');
});
