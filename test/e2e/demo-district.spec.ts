import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { expect, openScreen, test } from './fixtures';

const district = generateDistrict(districtSpec());
const teacher = district.users.at(3);

test('demo district: sync with progress bars, browse and search users, then the same snapshot offline after a restart', async ({
  page,
  dataDir,
  launch,
}) => {
  const first = await launch(dataDir);
  await page.goto(first.url);
  await expect(page.getByText('No roster yet')).toBeVisible();
  await page.getByRole('button', { name: 'Open the demo district' }).click();

  // Once finished, the sync is one status line; its bars are behind Details.
  await expect(
    page.getByRole('status', { name: 'Last sync of Demo district (ClassLink): synced' }),
  ).toBeVisible({ timeout: 30_000 });
  await page
    .getByRole('button', { name: 'Details of the sync of Demo district (ClassLink)' })
    .click();
  const sync = page.getByRole('region', { name: 'Sync of Demo district (ClassLink)' });
  const bars = sync.getByRole('progressbar');
  await expect(bars).toHaveCount(6);
  for (const bar of await bars.all()) await expect(bar).toHaveAttribute('aria-valuenow', '100');
  const users = new Intl.NumberFormat('en-US').format(district.users.count);
  await expect(sync.getByText(`${users} / ${users}`)).toBeVisible();

  const students = await page.getByLabel(/^Students: \d+$/).getAttribute('aria-label');
  expect(Number(students?.split(': ')[1])).toBeGreaterThan(1000);
  await expect(page.getByText(/Demo district \(ClassLink\)/).first()).toBeVisible();

  await openScreen(page, 'Users');
  const table = page.getByRole('table', { name: 'Users' });
  await expect(table.getByRole('row').nth(1)).not.toContainText('…');
  await page.getByRole('textbox', { name: 'Search users' }).fill(teacher.sourcedId);
  await expect(table.getByRole('row', { name: new RegExp(teacher.familyName) })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Search users' }).fill('');
  await table.evaluate((el) => el.parentElement?.scrollTo({ top: 30_000 }));
  await expect(table.getByRole('row').last()).not.toContainText('…');

  // Stop the sandbox servers and the app; start again with no network source: the snapshot is still there.
  await openScreen(page, 'Dashboard');
  await page.getByRole('button', { name: 'Stop the demo servers' }).click();
  await expect(page.getByRole('button', { name: 'Open the demo district' })).toBeVisible();
  await first.stop();

  const second = await launch(dataDir);
  await page.goto(second.url);
  // A cold start computes the findings again: more than the default 10 s on a busy machine.
  await expect(page.getByRole('region', { name: 'Start here' })).toContainText(
    'Demo district (ClassLink)',
    { timeout: 30_000 },
  );
  await expect(page.getByLabel(/^Students: \d+$/)).toHaveAttribute('aria-label', students ?? '');
  await openScreen(page, 'Users');
  await page.getByRole('textbox', { name: 'Search users' }).fill(teacher.sourcedId);
  await expect(
    page
      .getByRole('table', { name: 'Users' })
      .getByRole('row', { name: new RegExp(teacher.familyName) }),
  ).toBeVisible();
  await openScreen(page, 'Classes');
  await expect(
    page.getByRole('table', { name: 'Classes' }).getByRole('row').nth(1),
  ).not.toContainText('…');
});
