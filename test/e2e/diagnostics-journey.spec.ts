import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, openDemo, openScreen, test } from './fixtures';

test('dashboard findings, a user report, the troubleshooter for a mismatched email, and every export', async ({
  page,
  dataDir,
  launch,
}) => {
  const host = await launch(dataDir);
  await page.goto(host.url);
  await openDemo(page);

  // Counts and charts.
  await expect(page.getByLabel(/^Teachers: \d+$/)).toBeVisible();
  const chart = page.getByRole('region', { name: 'Per school' });
  await expect(chart.locator('svg.recharts-surface')).toBeVisible();
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings.getByText(/\d+ errors/)).toBeVisible();

  // A finding, to its user report, to the troubleshooter.
  await findings.getByRole('button', { name: 'EMAIL_MISMATCH' }).click();
  const list = page.getByRole('dialog', { name: 'EMAIL_MISMATCH' });
  await expect(list.getByText(/Suggested: .+ → .+ \(\d+% confidence\)/).first()).toBeVisible();
  await list
    .getByRole('button', { name: /^User report: / })
    .first()
    .click();
  const report = page.getByRole('dialog', { name: 'User report' });
  await expect(report.getByRole('table', { name: 'What the roster sends' })).toBeVisible();
  await expect(report.getByText('EMAIL_MISMATCH')).toBeVisible();
  await report
    .getByRole('button', { name: "Why can't this teacher import their classes?" })
    .click();
  const steps = report.getByRole('region', { name: 'Troubleshooter' });
  await expect(
    steps.getByText('The platform email matches the roster email', { exact: true }),
  ).toBeVisible();
  // The demo's platform has no Application ID for ClassLink: that stops everyone on this roster,
  // so it leads; the teacher's own problem is the step below, with its button.
  await expect(
    steps.getByText(/^First problem: the platform has no Application ID registered for ClassLink/),
  ).toBeVisible();
  await expect(steps.getByText(/^The platform has \S+; the roster sends "\S+"\.$/)).toBeVisible();
  await expect(steps.getByRole('button', { name: /^Propose fix: / })).toBeEnabled();
  await expect(steps.getByText('Classes the teacher would be offered to import')).toBeVisible();
  await report.getByRole('button', { name: 'Close user report' }).click();
  await expect(list).toBeHidden();

  // Every export.
  await openScreen(page, 'Reports');
  const saved: Record<string, string> = {};
  for (const name of [
    'Export PDF',
    'Export CSV',
    'Export JSON',
    'Export support bundle',
    'Export the worksheet (CSV)',
    'Printable PDF',
  ]) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name }).click();
    const file = await download;
    const target = path.join(
      dataDir,
      '..',
      `${path.basename(dataDir)}-${file.suggestedFilename()}`,
    );
    await file.saveAs(target);
    saved[name] = target;
  }
  expect(fs.readFileSync(saved['Export CSV'] ?? '', 'utf8')).toMatch(/^code,severity,message/);
  expect(JSON.parse(fs.readFileSync(saved['Export JSON'] ?? '', 'utf8'))).toMatchObject({
    summary: { byCode: { EMAIL_MISMATCH: expect.any(Number) } },
  });
  // The old student accounts worksheet: the two real-name columns empty on every row.
  expect(fs.readFileSync(saved['Export the worksheet (CSV)'] ?? '', 'utf8')).toMatch(
    /^real_first_name,real_last_name,old_username,account_number,created_by_teacher,class_label,last_active\r\n,,/,
  );
  expect(
    fs
      .readFileSync(saved['Printable PDF'] ?? '')
      .subarray(0, 4)
      .toString(),
  ).toBe('%PDF');
  expect(
    fs
      .readFileSync(saved['Export support bundle'] ?? '')
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const pdf = saved['Export PDF'] ?? '';
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, `${pdf}-page`]);
  expect(fs.statSync(`${pdf}-page-1.png`).size).toBeGreaterThan(5000);
  for (const f of Object.values(saved)) fs.rmSync(f, { force: true });
  fs.rmSync(`${pdf}-page-1.png`, { force: true });
});
