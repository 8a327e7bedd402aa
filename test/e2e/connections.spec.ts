import crypto from 'node:crypto';
import path from 'node:path';
import { Entry } from '@napi-rs/keyring';
import type { Page } from '@playwright/test';
import { writeCsvZip } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { KEYCHAIN_SERVICE } from '../../electron/core/secrets/keyring-secret-store';
import { filesContaining } from '../helpers/temp-dir';
import { expect, openScreen, test } from './fixtures';

async function addConnection(
  page: Page,
  kind: string,
  fields: Record<string, string>,
): Promise<void> {
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: kind }).click();
  for (const [label, value] of Object.entries(fields))
    await dialog.getByRole('textbox', { name: label, exact: true }).fill(value);
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog).toBeHidden();
}

test('connections keep their secrets in the keychain only, across a restart', async ({
  page,
  dataDir,
  launch,
}) => {
  const cleverToken = `SENTINEL-clever-${crypto.randomBytes(8).toString('hex')}`;
  const classLinkSecret = `SENTINEL-classlink-${crypto.randomBytes(8).toString('hex')}`;
  const replies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/')) replies.push(await response.text().catch(() => ''));
  });

  const first = await launch(dataDir);
  await page.goto(first.url);
  await openScreen(page, 'Connections');
  await expect(page.getByText('No connections yet')).toBeVisible();
  await addConnection(page, 'Clever (API v3)', {
    Name: 'Springfield Clever',
    'District token': cleverToken,
  });
  await addConnection(page, 'ClassLink (OneRoster 1.1 / 1.2)', {
    Name: 'Springfield ClassLink',
    'Base URL': 'https://springfield-vn-v2.rosterserver.com/ims/oneroster/v1p1',
    'Client ID': 'springfield-client',
    'Client secret': classLinkSecret,
  });
  await first.stop();

  const second = await launch(dataDir);
  await page.goto(second.url);
  await openScreen(page, 'Connections');
  const clever = page.getByRole('row', { name: 'Springfield Clever' });
  const classLink = page.getByRole('row', { name: 'Springfield ClassLink' });
  await expect(clever.getByText('District token: set')).toBeVisible();
  await expect(classLink.getByText('Client secret: set')).toBeVisible();
  await expect(classLink.getByText('Application ID: not set')).toBeVisible();

  const listed = await page.evaluate(async () => {
    const response = await fetch('/api/connections.list', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('rosterdesk.token') ?? ''}`,
      },
      body: '{}',
    });
    return (await response.json()) as { value: { id: string; name: string }[] };
  });
  const idOf = (name: string) => listed.value.find((c) => c.name === name)?.id ?? 'missing';
  await second.stop();

  // The secrets are in the real keychain…
  expect(
    new Entry(
      KEYCHAIN_SERVICE,
      `connection:${idOf('Springfield Clever')}:districtToken`,
    ).getPassword(),
  ).toBe(cleverToken);
  expect(
    new Entry(
      KEYCHAIN_SERVICE,
      `connection:${idOf('Springfield ClassLink')}:clientSecret`,
    ).getPassword(),
  ).toBe(classLinkSecret);
  // …and nowhere else: no file under the data dir, nothing the host printed or returned.
  for (const secret of [cleverToken, classLinkSecret]) {
    expect(filesContaining(dataDir, secret)).toEqual([]);
    expect(first.output() + second.output()).not.toContain(secret);
    expect(replies.length).toBeGreaterThan(3);
    expect(replies.join('\n')).not.toContain(secret);
  }
});

test('editing a connection shows which secrets are set and validates fields', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await openScreen(page, 'Connections');
  await addConnection(page, 'Platform license API', {
    Name: 'Platform',
    'Base URL': 'https://platform.example.com/api/v1',
    'License ID': 'LIC-42',
    'API token': 'tok-1',
  });
  await page.getByRole('button', { name: 'Edit Platform' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Platform' });
  await expect(
    dialog.getByText('Saved in the keychain. Type a new value to replace it'),
  ).toBeVisible();
  await dialog
    .getByRole('textbox', { name: 'Base URL', exact: true })
    .fill('http://platform.example.com/api');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    dialog.getByText(
      'Base URL must use https:// (http:// is accepted only for 127.0.0.1 or localhost)',
    ),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Remove Platform' }).click();
  await page
    .getByRole('dialog', { name: 'Remove connection' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(page.getByText('No connections yet')).toBeVisible();
});

test('a OneRoster CSV export is chosen with a file picker, tested, then saved', async ({
  page,
  dataDir,
  host,
}) => {
  const zip = path.join(dataDir, 'spring-export.zip');
  await writeCsvZip(smallDistrict(), zip);
  await page.goto(host.url);
  await openScreen(page, 'Connections');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'OneRoster CSV export' }).click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Spring export');
  // The browser host cannot read a path from the page: the file is uploaded into the data folder.
  await dialog.getByLabel('OneRoster export file').setInputFiles(zip);
  await expect(dialog.getByRole('textbox', { name: 'Folder or zip path' })).toHaveValue(
    /imports\/[0-9a-f]{8}-.*export\.zip$/,
  );
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(
    dialog.getByText(
      /^Read .*export\.zip: a OneRoster 1\.1 CSV export with \d+ of its files, and users in users\.csv\.$/,
    ),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Spring export').first()).toBeVisible();
});
