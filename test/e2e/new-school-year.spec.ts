import fs from 'node:fs';
import path from 'node:path';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { nextSchoolYear } from '../../sandbox/district/next-year';
import { writeCsvZip } from '../../sandbox/district/write-csv';
import { seriousViolations } from './axe';
import { approveAll, expect, openDemo, openScreen, pushApproved, test } from './fixtures';

test("new school year: rehearse the demo's next year, read the checklist and forecast, stage, push; the seats run short as forecast", async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await openDemo(page);
  await openScreen(page, 'New school year');
  // No next year yet: where to point RosterDesk, and the demo's own next year.
  await expect(page.getByRole('region', { name: "Next year's roster" })).toBeVisible();
  await page.getByRole('button', { name: "Use the demo district's next year" }).click();

  const checklist = page.getByRole('region', { name: 'Readiness checklist' });
  await expect(checklist).toBeVisible({ timeout: 60_000 });
  await expect(checklist.getByRole('heading')).toHaveText(/^Ready: \d of 6 checks$/);
  await expect(checklist).toContainText('36 of 36 arriving teachers have no invitation staged');
  await expect(page.getByRole('link', { name: 'New school year' })).toBeVisible();

  // 59 on the license − 5 licensed leavers + 36 arrivals = 90 against 82 seats.
  const forecast = page.getByLabel('Forecast in words');
  await expect(forecast).toHaveText(/^Short by about 8 teacher seats from August 2027, mostly at /);
  expect(await seriousViolations(page), 'the rehearsal').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page), 'the rehearsal, dark').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });
  const changes = page.getByRole('region', { name: 'What the new year changes' });
  await expect(changes.getByRole('table', { name: 'The new year per school' })).toContainText(
    'District',
  );

  // Stage the leavers' removals and the arrivals' invitations (the email change stays picked too).
  await changes.getByRole('button', { name: /^Stage 42 picked changes$/ }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('5 teachers leaving will be removed from the license');
  await expect(confirm).toContainText('short by about 8 seats');
  expect(await seriousViolations(page), 'the staging confirmation').toEqual([]);
  await confirm.getByRole('button', { name: 'Stage 42' }).click();
  await expect(checklist).toContainText(
    'All 36 arriving teachers have an invitation staged or sent',
  );

  await openScreen(page, 'Changes');
  await approveAll(page, 42);
  await pushApproved(page, 42);
  // As forecast: the platform refuses the invitations past its 82 seats.
  await expect(
    page.getByText('Last push completed: 42 of 42 done — 34 applied, 8 rejected'),
  ).toBeVisible({
    timeout: 60_000,
  });
  await openScreen(page, 'New school year');
  await expect(checklist).toContainText('the platform refused 8', { timeout: 30_000 });
});

test("new school year: next year's export uploaded from the screen becomes a connection, is synced and rehearsed", async ({
  page,
  host,
  dataDir,
}) => {
  test.setTimeout(120_000);
  const zip = path.join(dataDir, '..', `next-year-${path.basename(dataDir)}.zip`);
  const { district } = nextSchoolYear(
    generateDistrict(districtSpec({ teachersAtTwoSchools: 0.1 })),
    {
      leave: 3,
      arrive: 2,
      emailChange: 1,
    },
  );
  await writeCsvZip(district, zip);
  try {
    await page.goto(host.url);
    await openDemo(page);
    await openScreen(page, 'New school year');
    await page.getByLabel("Next year's OneRoster export").setInputFiles(zip);
    const checklist = page.getByRole('region', { name: 'Readiness checklist' });
    await expect(checklist).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('combobox', { name: "Next year's roster" })).toHaveValue(
      new RegExp(`^Next year's export \\(${path.basename(zip)}\\)`),
    );
    await expect(page.getByLabel('Rehearsal summary')).toContainText(
      '3 teachers leave, 2 arrive, 1 change email',
    );
  } finally {
    fs.rmSync(zip, { force: true });
  }
});
