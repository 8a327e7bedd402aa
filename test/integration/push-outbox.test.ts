import { pushEnded, waitUntil } from '../helpers/wait-for';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountRules } from '../../electron/core/diagnostics/rules/account-rules';
import { NO_FAULTS } from '../../sandbox/faults';
import { AppError } from '../../shared/ipc/errors';
import { openApiValidator } from '../helpers/openapi-validator';
import { PlatformFixture } from '../helpers/platform-fixture';

let f: PlatformFixture;
beforeEach(async () => {
  f = await new PlatformFixture().start();
});
afterEach(async () => {
  // Every request the outbox and the pull sent, and every answer, as the OpenAPI document says.
  const validator = openApiValidator();
  const problems = f.exchanges.flatMap((e) => validator.check(e));
  await f.stop();
  expect(problems).toEqual([]);
});

const teacherOnPlatform = (id: string) => f.platform.store.teacher(id);

describe('staging, approving and pushing changes', () => {
  it('a change whose record changed on the platform after staging ends as a conflict showing both versions', async () => {
    const [t] = f.manualTeachers();
    if (!t?.platformId) throw new Error('no manual teacher');
    const change = f.services.staging.stage({
      kind: 'change-email',
      teacherId: t.platformId,
      email: 'proposed@example.org',
    });
    // Someone edits the teacher on the platform after RosterDesk pulled and staged.
    f.platform.store.touchTeacher(t.platformId, 'edited.elsewhere@example.org');
    f.services.changes.approve([change.id]);
    const final = await f.pushAndWait();
    expect(final).toMatchObject({ state: 'completed', conflicts: 1, applied: 0 });
    const after = f.services.changes.get(change.id);
    expect(after.status).toBe('conflict');
    expect(after.before).toMatchObject({ email: t.email });
    expect(after.after).toMatchObject({ email: 'proposed@example.org' });
    expect(after.current).toMatchObject({ email: 'edited.elsewhere@example.org', version: 2 });
    expect(after.resultMessage).toMatch(/Nothing was overwritten/);
    expect(teacherOnPlatform(t.platformId)?.email).toBe('edited.elsewhere@example.org');

    // Having seen both, the admin stages the same change on the platform's version.
    const again = f.services.staging.restage(change.id);
    expect(again).toMatchObject({
      status: 'staged',
      before: { email: 'edited.elsewhere@example.org' },
      after: { email: 'proposed@example.org' },
      baseVersion: 2,
    });
    expect(f.services.changes.get(change.id).status).toBe('discarded');
    f.services.changes.approve([again.id]);
    expect(await f.pushAndWait()).toMatchObject({ applied: 1, conflicts: 0 });
    expect(teacherOnPlatform(t.platformId)?.email).toBe('proposed@example.org');
  });

  it('stages and approves with the platform unreachable, keeps them across a restart, pushes when it is back', async () => {
    const port = f.platform.port;
    await f.platform.close();
    const [t] = f.manualTeachers();
    if (!t?.platformId) throw new Error('no manual teacher');
    const a = f.services.staging.stage({
      kind: 'change-email',
      teacherId: t.platformId,
      email: 'offline.fix@example.org',
    });
    const b = f.services.staging.stage({
      kind: 'invite',
      email: 'offline.invite@example.org',
      givenName: 'Off',
      familyName: 'Line',
    });
    expect(f.services.changes.approve('all')).toBe(2);
    const failed = await f.pushAndWait();
    expect(failed.state).toBe('failed');
    expect(failed.remaining).toBe(2);
    expect(failed.error).toMatch(/stay approved.*connection failed/s);
    await f.services.close();
    f.openServices(); // the app restarts
    expect(f.services.changes.list({ status: 'approved', offset: 0, limit: 10 }).total).toBe(2);
    await f.startPlatform(undefined, port);
    const final = await f.pushAndWait();
    expect(final).toMatchObject({ state: 'completed', applied: 2, remaining: 0 });
    expect(teacherOnPlatform(t.platformId)?.email).toBe('offline.fix@example.org');
    expect(f.platform.store.teacherByEmail('offline.invite@example.org')?.status).toBe('invited');
    expect([a, b].map((c) => f.services.changes.get(c.id).status)).toEqual(['applied', 'applied']);
    // The license was pulled again after the push: the new email is what RosterDesk now shows.
    expect(f.services.license.teacherByEmail('offline.fix@example.org')?.platformId).toBe(
      t.platformId,
    );
  });

  it('an expired token (401) stops the push and keeps the outbox; a new token sends it', async () => {
    f.services.staging.stage({ kind: 'invite', email: 'after.token@example.org' });
    f.services.changes.approve('all');
    f.platform.setToken('rotated-token');
    const stopped = await f.pushAndWait();
    expect(stopped.state).toBe('failed');
    expect(stopped.error).toMatch(/rejected the API token \(HTTP 401\).*kept/);
    expect(f.services.changes.countApproved()).toBe(1);
    f.services.connections.update(f.connectionId, {
      name: 'Test platform',
      settings: { kind: 'platform', baseUrl: f.platform.baseUrl, licenseId: 'lic-test' },
      secrets: { apiToken: 'rotated-token' },
    });
    expect(await f.pushAndWait()).toMatchObject({ state: 'completed', applied: 1 });
  });

  it("a platform 4xx is a rejection with the platform's reason; bad staging input is refused with what is wrong", async () => {
    const c = f.services.staging.stage({ kind: 'invite', email: 'race@example.org' });
    f.services.changes.approve([c.id]);
    // Someone else invites the same person first.
    f.platform.store.insertTeacher({
      email: 'race@example.org',
      given_name: null,
      family_name: null,
      status: 'invited',
      invited_at: new Date().toISOString(),
      accepted_at: null,
      source: 'manual',
      roster_id: null,
      account_id: null,
    });
    expect(await f.pushAndWait()).toMatchObject({ rejected: 1 });
    expect(f.services.changes.get(c.id)).toMatchObject({
      status: 'rejected',
      resultCode: 'already_licensed',
      resultMessage: expect.stringMatching(/race@example.org is already on the license/),
    });
    const rostered = f.services.license.view({ source: 'classlink', offset: 0, limit: 1 }, () => [])
      .rows[0];
    const manual = f.manualTeachers()[0];
    if (!rostered?.platformId || !manual?.platformId) throw new Error('fixture lacks teachers');
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AppError ? error.message : String(error);
      }
      return 'accepted';
    };
    expect(
      refusal(() => f.services.staging.stage({ kind: 'invite', email: 'seth_schoen.example.org' })),
    ).toMatch(/not an email address/);
    expect(
      refusal(() => f.services.staging.stage({ kind: 'invite', email: manual.email })),
    ).toMatch(/already on the license/);
    expect(
      refusal(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: rostered.platformId ?? '',
          email: 'x@example.org',
        }),
      ),
    ).toMatch(/rostered by ClassLink: edit this at ClassLink/);
    f.services.staging.stage({
      kind: 'change-email',
      teacherId: manual.platformId,
      email: 'first@example.org',
    });
    expect(
      refusal(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: manual.platformId ?? '',
          email: 'second@example.org',
        }),
      ),
    ).toMatch(/already staged/);
  });

  it('bulk add gives row-level errors and stages the good rows', () => {
    const onLicense = f.manualTeachers()[0]?.email ?? '';
    const pasted = [
      'Ada Lovelace <ada@example.org>',
      'not-an-email',
      'grace@example.org',
      '',
      'ADA@example.org',
      onLicense,
      'Alan Turing <alan@example.org>',
    ].join('\n');
    const preview = f.services.staging.bulkPreview(pasted, 'pasted list');
    expect(preview).toMatchObject({ valid: 3, invalid: 3 });
    expect(preview.rows.filter((r) => r.error).map((r) => [r.line, r.error])).toEqual([
      [2, '"not-an-email" is not an email address'],
      [5, 'Duplicate of line 1'],
      [6, expect.stringMatching(/^Already on the license/)],
    ]);
    const { staged } = f.services.staging.bulkInvite(pasted, 'pasted list');
    expect(staged).toBe(3);
    const csv =
      'First Name,Last Name,Email\r\nKatherine,Johnson,kj@example.org\r\nBad,Row,\r\nAda,Again,ada@example.org\r\n';
    const fromCsv = f.services.staging.bulkInvite(csv, 'teachers.csv');
    expect(fromCsv.staged).toBe(1);
    expect(fromCsv.preview.rows.map((r) => r.error)).toEqual([
      null,
      'No email on this row',
      'An invitation is already staged',
    ]);
    const invites = f.services.changes.list({ status: 'staged', offset: 0, limit: 10 }).rows;
    expect(invites.map((c) => c.subject).sort()).toEqual([
      'ada@example.org',
      'alan@example.org',
      'grace@example.org',
      'kj@example.org',
    ]);
    expect(invites.find((c) => c.subject === 'kj@example.org')?.after).toMatchObject({
      givenName: 'Katherine',
      familyName: 'Johnson',
    });
  });

  it('finds duplicate manual accounts and a pushed merge frees their seats', async () => {
    const findings = accountRules(f.services.license.accounts(), f.services.license.seatsHeld());
    expect(findings.length).toBeGreaterThan(0);
    const first = findings[0];
    if (!first?.merge) throw new Error('no merge proposal');
    expect(first.code).toBe('DUPLICATE_ACCOUNT');
    expect(first.merge.seatsFreed).toBe(1);
    expect(first.evidence.join(' ')).toMatch(/Same name.*Old username/);
    const seatsBefore = f.platform.store.seats().used;
    const change = f.services.staging.stage({
      kind: 'merge',
      accountId: first.merge.accountId,
      intoAccountId: first.merge.intoAccountId,
    });
    f.services.changes.approve([change.id]);
    expect(await f.pushAndWait()).toMatchObject({ applied: 1 });
    expect(f.platform.store.seats().used).toBe(seatsBefore - 1);
    expect(f.platform.store.account(first.merge.accountId)?.mergedInto).toBe(
      first.merge.intoAccountId,
    );
    const again = accountRules(f.services.license.accounts(), f.services.license.seatsHeld());
    expect(again.some((x) => x.merge?.accountId === first.merge?.accountId)).toBe(false);
  });

  it('a push that a crash interrupted resumes when the app opens again', async () => {
    for (const email of ['r1@example.org', 'r2@example.org', 'r3@example.org'])
      f.services.staging.stage({ kind: 'invite', email });
    f.services.changes.approve('all');
    // What a killed process leaves behind: a run still marked running, the changes still approved.
    f.services.db
      .prepare("INSERT INTO push_runs (started_at, status, total) VALUES (?, 'running', 3)")
      .run(new Date().toISOString());
    await f.services.close();
    const reopened = f.openServices();
    expect(
      reopened
        .status('browser-host')
        .notices.map((n) => n.message)
        .join(' '),
    ).toMatch(/A push was interrupted .* it is resuming with the same idempotency keys/);
    expect(await reopened.push.wait()).toMatchObject({
      state: 'completed',
      applied: 3,
      resumed: true,
    });
    expect(f.platform.store.events().filter((e) => e.op === 'invite')).toHaveLength(3);
    // The notice follows what happened: finished, not "resuming" any more.
    const after = reopened
      .status('browser-host')
      .notices.map((n) => n.message)
      .join(' ');
    expect(after).toMatch(/was resumed and finished: 3 applied/);
    expect(after).not.toMatch(/is resuming/);
  });

  it('a resumed push that cannot run (no token) says so, not "resumed"', async () => {
    f.services.staging.stage({ kind: 'invite', email: 'no-token@example.org' });
    f.services.changes.approve('all');
    f.services.db
      .prepare("INSERT INTO push_runs (started_at, status, total) VALUES (?, 'running', 1)")
      .run(new Date().toISOString());
    const platformConnection = f.services.connections.get(f.connectionId);
    f.services.connections.update(f.connectionId, {
      name: platformConnection.name,
      settings: platformConnection.settings,
      secrets: { apiToken: null },
    });
    await f.services.close();
    const reopened = f.openServices();
    expect(await reopened.push.wait()).toMatchObject({ state: 'failed' });
    const notices = reopened.status('browser-host').notices;
    expect(notices.map((n) => n.message).join(' ')).toMatch(
      /could not be resumed: .*Its changes stay approved/,
    );
    expect(notices.find((n) => /could not be resumed/.test(n.message))?.level).toBe('error');
  });

  it('a malformed platform answer fails that change with a specific message; a retry applies it once', async () => {
    const c = f.services.staging.stage({ kind: 'invite', email: 'shape@example.org' });
    f.services.changes.approve([c.id]);
    const port = f.platform.port;
    await f.platform.close();
    // Something answers on the platform's address with a body that is not a teacher.
    const broken = http.createServer((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 5, teacher: 'yes' }));
    });
    await new Promise<void>((resolve) => broken.listen(port, '127.0.0.1', resolve));
    expect(await f.pushAndWait()).toMatchObject({ failed: 1, applied: 0 });
    expect(f.services.changes.get(c.id)).toMatchObject({
      status: 'failed',
      resultCode: 'malformed',
      resultMessage: expect.stringMatching(/HTTP 201 in a shape RosterDesk does not know \(id: /),
    });
    await new Promise<void>((resolve) => broken.close(() => resolve()));
    await f.startPlatform(undefined, port);
    expect(f.services.changes.retry([c.id])).toBe(1);
    expect(await f.pushAndWait()).toMatchObject({ applied: 1 });
    expect(f.platform.store.events().filter((e) => e.detail === 'shape@example.org')).toHaveLength(
      1,
    );
  });

  it('cancel stops the push quickly; the rest stays approved and a later push applies each change once', async () => {
    for (let i = 0; i < 60; i++)
      f.services.staging.stage({ kind: 'invite', email: `slow.${i}@example.org` });
    f.services.changes.approve('all');
    const port = f.platform.port;
    await f.platform.close();
    await f.startPlatform({ ...NO_FAULTS, latencyMs: 150 }, port);
    f.services.push.start();
    // Cancelled once some changes are applied, while others are in flight.
    await waitUntil('a few changes applied', () => (f.services.push.status()?.applied ?? 0) >= 5, {
      seconds: 30,
      everyMs: 10,
    });
    f.services.push.cancel();
    await pushEnded(f.services);
    const cancelled = await f.services.push.wait();
    expect(cancelled?.state).toBe('cancelled');
    expect(cancelled?.remaining).toBeGreaterThan(0);
    expect(f.services.changes.countApproved()).toBe(cancelled?.remaining);
    expect(await f.pushAndWait()).toMatchObject({ state: 'completed', remaining: 0 });
    const invites = f.platform.store.events().filter((e) => e.detail.startsWith('slow.'));
    expect(invites).toHaveLength(60);
    expect(new Set(invites.map((e) => e.detail)).size).toBe(60);
  });

  it('registers an Application ID on a rostering connection that has none, and the ID is never stored outside the keychain', async () => {
    const missing = f.services.license.rostering().find((c) => c.applicationId === null);
    if (!missing) throw new Error('seed has no connection without an Application ID');
    const CANARY = 'APP-CANARY-7f3e9a';
    const staged = f.services.staging.stage({
      kind: 'register-application-id',
      connectionId: missing.id,
      applicationId: CANARY,
    });
    // What the change says, in every reply: that one is set, not which.
    expect(staged.after).toEqual({ applicationId: 'set' });
    f.services.changes.approve('all');
    expect(await f.pushAndWait()).toMatchObject({ applied: 1 });
    // The platform got the real one.
    expect(f.platform.store.connections().find((c) => c.id === missing.id)?.applicationId).toBe(
      CANARY,
    );
    expect(f.services.license.rostering().find((c) => c.id === missing.id)?.applicationId).toBe(
      'set',
    );
    // Nowhere in the data folder (cache, WAL, backups, logs), nor in the replies and exports.
    f.services.backupWork();
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (fs.readFileSync(file).includes(CANARY)) found.push(file);
      }
    };
    walk(f.dataDir);
    const replies = JSON.stringify([
      f.services.changes.list({ offset: 0, limit: 100 }),
      f.services.audit.list(0, 100),
      f.services.license.rostering(),
      f.services.logger.recent(),
    ]);
    expect(found).toEqual([]);
    expect(replies.includes(CANARY)).toBe(false);
  });

  it('the audit log is append-only and exports as CSV', async () => {
    f.services.staging.stage({ kind: 'invite', email: 'audited@example.org' });
    f.services.changes.approve('all');
    await f.pushAndWait();
    const actions = f.services.audit
      .list(0, 50)
      .rows.map((r) => r.action)
      .reverse();
    expect(actions).toEqual([
      'staged',
      'approved',
      'push-started',
      'sent',
      'applied',
      'push-completed',
    ]);
    expect(() => f.services.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => f.services.db.prepare("UPDATE audit_log SET result = 'x'").run()).toThrow(
      /append-only/,
    );
    const { exportFile } = await import('../../electron/core/reports/exports');
    const file = await exportFile(f.services, 'audit-log');
    const text = file.body.toString();
    expect(text.split('\r\n')[0]).toBe(
      'seq,at,change_id,action,summary,result,platform_request_id',
    );
    expect(text).toMatch(
      /applied,Invite teacher: audited@example.org,Applied \(HTTP 201\),req_[0-9a-f]+/,
    );
    expect(text).not.toContain(f.token);
  });
});
