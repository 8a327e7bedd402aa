import path from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformClient } from '../../electron/core/platform/platform-client';
import { UpstreamError } from '../../electron/core/http/upstream-error';
import { NO_FAULTS } from '../../sandbox/faults';
import { startPlatformServer } from '../../sandbox/platform/platform-server';
import type { Exchange, RunningPlatform } from '../../sandbox/platform/platform-server';
import { FAST_RETRY, smallDistrict } from '../helpers/district-fixtures';
import { openApiValidator } from '../helpers/openapi-validator';
import { makeTempDir } from '../helpers/temp-dir';

const LICENSE = 'lic-test';
const TOKEN = 'platform-test-token';
let tmp: ReturnType<typeof makeTempDir>;
let platform: RunningPlatform;
let exchanges: Exchange[];

async function start(faults = NO_FAULTS): Promise<RunningPlatform> {
  return startPlatformServer({
    file: path.join(tmp.dir, 'platform.sqlite'),
    token: TOKEN,
    licenseId: LICENSE,
    district: smallDistrict({ teachers: 80, students: 400 }),
    seed: { seed: 42, duplicateAccountRate: 0.3, spareSeats: 500 },
    faults,
    onExchange: (e) => exchanges.push(e),
  });
}

const client = (token = TOKEN) =>
  new PlatformClient({
    baseUrl: platform.baseUrl,
    licenseId: LICENSE,
    token,
    policy: FAST_RETRY,
    pageSize: 7,
  });

beforeEach(async () => {
  tmp = makeTempDir();
  exchanges = [];
  platform = await start();
});
afterEach(async () => {
  await platform.close();
  tmp.cleanup();
});

describe('platform API: client and sandbox against the OpenAPI document', () => {
  it('every request and response of every operation, success and failure, validates', async () => {
    const c = client();
    const license = await c.license();
    expect(license.seats).toBeGreaterThan(license.seatsUsed);
    const teachers = await c.teachers();
    expect(teachers.length).toBe(license.seatsUsed); // paged by 7, nothing lost or repeated
    expect(new Set(teachers.map((t) => t.id)).size).toBe(teachers.length);
    const accounts = await c.accounts();
    const duplicate = accounts.find(
      (a) => a.provenance === 'manual' && a.role === 'teacher' && a.username,
    );
    const manual = teachers.find(
      (t) => t.source === 'manual' && t.status === 'active' && t.accountId !== duplicate?.id,
    );
    const rostered = teachers.find((t) => t.source === 'classlink');
    const invited = teachers.find((t) => t.status === 'invited');
    const stillInvited = teachers.find((t) => t.status === 'invited' && t.id !== invited?.id);
    if (!stillInvited) throw new Error('seed lacks a second invitation');
    if (!manual || !rostered || !invited || !duplicate)
      throw new Error('seed lacks a kind of teacher');
    const into = accounts.find(
      (a) =>
        a.provenance === 'classlink' &&
        a.givenName === duplicate.givenName &&
        a.familyName === duplicate.familyName,
    );
    if (!into) throw new Error('no rostered twin');
    const oldStudents = accounts.filter(
      (a) => a.provenance === 'manual' && a.role === 'student' && !a.mergedInto,
    );
    const [oldStudent, unclaimed] = oldStudents;
    const rosteredStudent = accounts.find((a) => a.role === 'student' && a.provenance !== 'manual');
    if (!oldStudent || !unclaimed || !rosteredStudent) throw new Error('no old student accounts');
    expect(oldStudent).toMatchObject({ givenName: null, familyName: null, email: null });
    expect(oldStudent.accountNumber).toMatch(/^\d+$/);
    expect(oldStudent.createdBy?.name).toBeTruthy();

    const outcomes = [
      await c.invite(
        { email: 'new.teacher@example.org', givenName: 'New', familyName: 'Teacher' },
        'key-invite-1',
      ),
      await c.invite({ email: manual.email, givenName: null, familyName: null }, 'key-invite-2'),
      await c.invite({ email: 'not-an-email', givenName: null, familyName: null }, 'key-invite-3'),
      await c.changeEmail(manual.id, 'fixed.email@example.org', manual.version, 'key-email-1'),
      await c.changeEmail(manual.id, 'again@example.org', manual.version, 'key-email-2'),
      await c.changeEmail(rostered.id, 'x@example.org', rostered.version, 'key-email-3'),
      await c.resend(invited.id, 'key-resend-1'),
      await c.resend(rostered.id, 'key-resend-2'),
      await c.registerApplicationId('conn-classlink', 'APP-123', 'key-app-1'),
      await c.merge(duplicate.id, into.id, duplicate.version, 'key-merge-1'),
      await c.remove(invited.id, invited.version, 'key-remove-1'),
      await c.merge(oldStudent.id, rosteredStudent.id, oldStudent.version, 'key-merge-2'),
      await c.removeAccount(unclaimed.id, unclaimed.version, 'key-remove-account-1'),
      await c.removeAccount(rosteredStudent.id, rosteredStudent.version, 'key-remove-account-2'),
      // A reminder to sign in: for an active teacher; an invitation is resent instead.
      await c.remind(rostered.id, 'key-remind-1'),
      await c.remind(stillInvited.id, 'key-remind-2'),
    ];
    expect(outcomes.map((o) => (o.kind === 'rejected' ? o.code : o.kind))).toEqual([
      'applied',
      'already_licensed',
      'invalid_email',
      'applied',
      'conflict',
      'rostered_field',
      'applied',
      'already_active',
      'applied',
      'applied',
      'applied',
      'applied',
      'applied',
      'not_removable',
      'applied',
      'not_active',
    ]);
    const removal = outcomes[12];
    expect(removal?.kind === 'applied' && removal.body).toMatchObject({
      seatsFreed: 1,
      workRecordsLost: unclaimed.workRecords,
    });
    expect((await c.license()).studentSeatsUsed).toBe(license.studentSeatsUsed - 2);
    const conflict = outcomes[4];
    expect(conflict?.kind === 'conflict' && conflict.current).toMatchObject({
      email: 'fixed.email@example.org',
      version: 2,
    });
    const merged = outcomes[9];
    expect(merged?.kind === 'applied' && merged.body).toMatchObject({
      seatsFreed: 1,
      merged: { mergedInto: into.id },
    });
    const rosteredRefusal = outcomes[5];
    expect(rosteredRefusal?.kind === 'rejected' && rosteredRefusal.message).toMatch(
      /change the email at ClassLink/,
    );

    const fromClient = exchanges.length;
    // Raw requests the client would never send: no key, no If-Match, a bad token, bad JSON.
    const raw = (
      method: 'POST' | 'PATCH',
      url: string,
      headers: Record<string, string>,
      body?: string,
    ) =>
      request(`${platform.baseUrl}/licenses/${LICENSE}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body === undefined ? {} : { body }),
      }).then(async (r) => ({ status: r.statusCode, body: await r.body.json() }));
    expect((await raw('POST', '/teachers', {}, JSON.stringify({ email: 'a@b.org' }))).status).toBe(
      400,
    );
    expect(
      (
        await raw(
          'PATCH',
          `/teachers/${manual.id}`,
          { 'idempotency-key': 'key-nomatch-1' },
          JSON.stringify({ email: 'q@b.org' }),
        )
      ).status,
    ).toBe(428);
    expect(
      (
        await raw(
          'POST',
          '/teachers',
          { 'idempotency-key': 'key-bad-json', authorization: 'Bearer nope' },
          '{',
        )
      ).status,
    ).toBe(401);
    await expect(client('expired-token').teachers()).rejects.toMatchObject({ kind: 'auth' });

    const validator = openApiValidator();
    expect(validator.operations).toBe(12);
    // The client's requests (all before the raw ones) and every response the sandbox gave.
    expect(exchanges.slice(0, fromClient).flatMap((e) => validator.checkRequest(e))).toEqual([]);
    expect(exchanges.flatMap((e) => validator.checkResponse(e))).toEqual([]);
    expect(exchanges.slice(fromClient).map((e) => e.status)).toEqual([400, 428, 401, 401]);
    expect(exchanges.length).toBeGreaterThan(20);
  });

  it('a key is applied once: a retry gets the stored answer, another body under the key is refused', async () => {
    const c = client();
    const first = await c.invite(
      { email: 'once@example.org', givenName: null, familyName: null },
      'key-once-1',
    );
    const again = await c.invite(
      { email: 'once@example.org', givenName: null, familyName: null },
      'key-once-1',
    );
    expect(first.kind).toBe('applied');
    expect(again).toMatchObject({
      kind: 'applied',
      replayed: true,
      requestId: first.kind === 'applied' ? first.requestId : '',
    });
    const reused = await c.invite(
      { email: 'other@example.org', givenName: null, familyName: null },
      'key-once-1',
    );
    expect(reused).toMatchObject({ kind: 'rejected', code: 'idempotency_key_reused' });
    expect(platform.store.events().filter((e) => e.key === 'key-once-1')).toHaveLength(1);
    expect(platform.store.ledger().find((l) => l.key === 'key-once-1')?.replays).toBe(1);
  });

  it('survives a restart: the ledger and the license are in its SQLite file', async () => {
    await client().invite(
      { email: 'kept@example.org', givenName: null, familyName: null },
      'key-kept-1',
    );
    await platform.close();
    platform = await start();
    expect(platform.store.ledger().map((l) => l.key)).toContain('key-kept-1');
    expect((await client().teachers()).some((t) => t.email === 'kept@example.org')).toBe(true);
  });

  it('under 5xx, 429 bursts and dropped connections every mutation is applied exactly once', async () => {
    await platform.close();
    platform = await start({
      ...NO_FAULTS,
      seed: 5,
      errorRate: 0.25,
      dropRate: 0.05,
      burst429Every: 10,
      burst429Length: 2,
      retryAfterSeconds: 0,
    });
    const c = client();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        c.invite(
          { email: `burst${i}@example.org`, givenName: null, familyName: null },
          `key-burst-${i}`,
        ),
      ),
    );
    expect(results.filter((r) => r.kind !== 'applied')).toEqual([]);
    const events = platform.store.events().filter((e) => e.key.startsWith('key-burst-'));
    expect(events).toHaveLength(60);
    expect(new Set(events.map((e) => e.key)).size).toBe(60);
    expect(platform.faults.counts.errors + platform.faults.counts.dropped).toBeGreaterThan(5);
    expect(platform.store.ledger().some((l) => l.replays > 0)).toBe(true); // some answers were lost after applying
    const problems = exchanges.flatMap((e) => openApiValidator().check(e));
    expect(problems).toEqual([]);
  });

  it('a malformed 2xx answer is a specific message, not a crash', async () => {
    await expect(
      new PlatformClient({
        baseUrl: `${platform.baseUrl}/nowhere`,
        licenseId: LICENSE,
        token: TOKEN,
        policy: FAST_RETRY,
      }).license(),
    ).rejects.toBeInstanceOf(UpstreamError);
  });
});
