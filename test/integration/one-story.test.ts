import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/ipc/dispatch';
import type { Channel, ReplyOf, RequestOf } from '../../shared/ipc/contract';
import type { Finding, FindingCode } from '../../shared/domain/finding';
import { sanityReportSchema } from '../../shared/domain/sanity-report-schema';
import { openDemoDistrict, servicesPerTest } from '../helpers/demo-district';
import { memoryLogger } from '../helpers/silent-logger';

const app = servicesPerTest();

/** A call as the renderer makes it: through dispatch, the request and reply checked by the contract. */
async function call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ReplyOf<C>> {
  const table = createHandlers(app.services);
  const result = await dispatch(
    table,
    channel,
    request,
    { transport: 'browser-host' },
    memoryLogger(),
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ReplyOf<C>;
}

const openDemo = () => openDemoDistrict(app.services);

/** Registers the demo's Application ID with the platform, as the License screen does, and pushes. */
async function registerApplicationId() {
  const platform = app.services.license.rostering().find((r) => r.provider === 'classlink');
  await call('changes.stage', {
    kind: 'register-application-id',
    connectionId: platform?.id ?? '',
    applicationId: 'DEMO-APP-ID',
  });
  app.services.changes.approve('all');
  app.services.push.start();
  expect(await app.services.push.wait()).toMatchObject({ state: 'completed', rejected: 0 });
}

/** Codes that are about people (the rest are about classes, orgs, connections, the district). */
const PERSON_CODES = new Set<FindingCode>([
  'MISSING_EMAIL',
  'DUPLICATE_EMAIL',
  'INVALID_EMAIL',
  'ROLE_MISMATCH',
  'EMAIL_MISMATCH',
  'EMAIL_CASE_OR_SPACE',
  'NOT_ON_LICENSE',
  'DUPLICATE_ACCOUNT',
  'INVITE_PENDING',
  'TEACHER_NO_CLASSES',
  'NOT_IN_ROSTER',
  'STUDENT_NO_ENROLLMENT',
]);

/**
 * Who a finding is about, worked out apart from the app's filing: a roster user by id; a license
 * entry or platform account by its email, or by the roster user that email belongs to (their own
 * email, or the license email an EMAIL_MISMATCH pairs with them).
 */
function peopleOf(all: Finding[]): (f: Finding) => string[] {
  const userOfEmail = new Map<string, string>();
  for (const f of all)
    for (const s of f.subjects) {
      if (s.kind === 'user' && s.email && f.code !== 'DUPLICATE_EMAIL')
        userOfEmail.set(s.email.toLowerCase(), s.id);
      const user = f.subjects.find((x) => x.kind === 'user');
      if (s.kind === 'license' && s.email && user) userOfEmail.set(s.email.toLowerCase(), user.id);
    }
  return (f) => {
    const users = f.subjects.filter((s) => s.kind === 'user').map((s) => s.id);
    if (users.length) return users;
    // A duplicate account: the person of the rostered account (the second subject).
    const named = f.code === 'DUPLICATE_ACCOUNT' ? f.subjects.slice(1) : f.subjects;
    return named.flatMap((s) => {
      const email = s.email?.toLowerCase();
      return email ? [userOfEmail.get(email) ?? email] : [];
    });
  };
}

describe('one story on every screen (demo district)', () => {
  it('every person is in exactly one Start here problem, the preview counts what Start here counts, and the report lists all of their findings', async () => {
    await openDemo();
    const all = (await app.services.diagnostics.current())?.findings ?? [];
    const people = peopleOf(all);
    const start = await call('diagnostics.startHere', {});
    const problemOf = new Map<string, FindingCode[]>();
    for (const p of start.problems) {
      if (!PERSON_CODES.has(p.code)) continue;
      const listed = await call('diagnostics.findings', {
        code: p.code,
        problem: true,
        offset: 0,
        limit: 1000,
      });
      // The card's number is the people "Who and why" lists.
      expect(listed.total).toBe(p.affected);
      for (const f of listed.rows)
        for (const person of people(f))
          problemOf.set(person, [...new Set([...(problemOf.get(person) ?? []), p.code])]);
    }
    const twice = [...problemOf].filter(([, codes]) => codes.length > 1);
    expect(twice).toEqual([]);
    // Nobody is lost: everyone a finding names is in some problem.
    const named = new Set(all.filter((f) => PERSON_CODES.has(f.code)).flatMap(people));
    expect([...named].filter((p) => !problemOf.has(p))).toEqual([]);
    // The demo's own collisions are there to be filed: someone with two problems.
    const byPerson = new Map<string, Set<FindingCode>>();
    for (const f of all.filter((x) => PERSON_CODES.has(x.code)))
      for (const p of people(f)) byPerson.set(p, (byPerson.get(p) ?? new Set()).add(f.code));
    expect([...byPerson.values()].some((codes) => codes.size > 1)).toBe(true);

    // The preview, computed a second way from the findings: teachers whose first problem (in
    // the fix order) is the email mismatch, or not being on the license.
    const earlier: FindingCode[] = [
      'MISSING_EMAIL',
      'DUPLICATE_EMAIL',
      'INVALID_EMAIL',
      'ROLE_MISMATCH',
    ];
    const firstIs = (code: FindingCode, before: FindingCode[]) =>
      [...byPerson.values()].filter((codes) => codes.has(code) && !before.some((c) => codes.has(c)))
        .length;
    const preview = await call('diagnostics.preview', {});
    const affected = (code: FindingCode) =>
      start.problems.find((p) => p.code === code)?.affected ?? 0;
    expect(preview?.total.teachersDuplicateAccount).toBe(firstIs('EMAIL_MISMATCH', earlier));
    expect(preview?.total.teachersDuplicateAccount).toBe(affected('EMAIL_MISMATCH'));
    expect(preview?.total.teachersNotProvisioned).toBe(
      firstIs('NOT_ON_LICENSE', [...earlier, 'EMAIL_MISMATCH', 'EMAIL_CASE_OR_SPACE']),
    );
    expect(preview?.total.teachersNotProvisioned).toBe(affected('NOT_ON_LICENSE'));
    const rows = preview?.perSchool ?? [];
    expect(rows.reduce((n, r) => n + r.teachersDuplicateAccount, 0)).toBe(
      preview?.total.teachersDuplicateAccount,
    );

    // A person's report lists every finding that names them, by id or by email (a duplicate
    // account names the rostered account's email, not the roster id).
    const duplicate = all.find((f) => f.code === 'DUPLICATE_ACCOUNT');
    expect(duplicate).toBeDefined();
    const owner = duplicate ? people(duplicate)[0] : undefined;
    expect(owner).toBeDefined();
    if (owner && !owner.includes('@')) {
      const report = await call('roster.user', { sourcedId: owner });
      expect(report.findings.map((f) => f.code)).toContain('DUPLICATE_ACCOUNT');
    }
  }, 90_000);

  it('a verdict follows the problem Start here files the teacher under, and its button stages something', async () => {
    await openDemo();
    // Until the platform has the Application ID, every verdict on this roster leads with it.
    const before = await call('diagnostics.troubleshoot', {
      sourcedId:
        app.services.readSnapshot(app.services.snapshots.latestCurrent()?.id ?? 0).staff()[0]
          ?.sourcedId ?? '',
    });
    expect(before.verdict).toMatch(/^First problem: the platform has no Application ID/);
    await registerApplicationId();
    const all = (await app.services.diagnostics.current())?.findings ?? [];
    const filed = await app.services.diagnostics.filed();
    // Every teacher named by a person finding: the troubleshooter's first problem is the
    // problem Start here lists them under, and the verdict's button (if any) stages a change.
    const teachers = new Set(
      all
        .filter((f) => PERSON_CODES.has(f.code) && f.code !== 'STUDENT_NO_ENROLLMENT')
        .flatMap((f) => f.subjects.filter((s) => s.kind === 'user').map((s) => s.id)),
    );
    expect(teachers.size).toBeGreaterThan(5);
    let pressed = 0;
    for (const id of teachers) {
      const detail = await call('roster.user', { sourcedId: id });
      if (detail.role !== 'teacher') continue;
      const under = filed.find((x) =>
        x.finding.subjects.some((s) => s.kind === 'user' && s.id === id),
      )?.filedUnder;
      expect(detail.firstProblem).toBe(under);
      const t = await call('diagnostics.troubleshoot', { sourcedId: id });
      if (detail.firstProblem === 'MISSING_EMAIL')
        expect(t.verdict).toMatch(/^First problem: the roster sends no email for them/);
      if (detail.firstProblem === 'EMAIL_MISMATCH')
        expect(t.verdict).toMatch(/^First problem: the platform email .* differs/);
      const code = t.verdictAction?.code;
      if (code) {
        const r = await call('changes.stageFromFindings', { code, subjectId: id });
        expect(r.staged).toBe(1);
        pressed++;
        // Pressed again: nothing twice, and the report says why.
        const again = await call('diagnostics.troubleshoot', { sourcedId: id });
        expect(again.verdictAction ?? null).toBeNull();
      }
    }
    expect(pressed).toBeGreaterThan(0);
  }, 120_000);

  it("a second connection's problem is on Start here, not in the verdict of a teacher on another connection", async () => {
    await openDemo();
    await registerApplicationId();
    const teacher =
      app.services.readSnapshot(app.services.snapshots.latestCurrent()?.id ?? 0).staff()[0]
        ?.sourcedId ?? '';
    const before = await call('diagnostics.troubleshoot', { sourcedId: teacher });
    expect(before.verdict).not.toMatch(/Application ID/);
    // A second ClassLink connection, with no Application ID (and a secret that would be wrong).
    const second = app.services.connections.add({
      name: 'Second ClassLink',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://example.invalid/ims/oneroster/v1p1',
        authMethod: 'oauth1',
        onerosterVersion: 'detect',
        clientId: 'nobody',
      },
      secrets: { clientSecret: 'wrong' },
    });
    const start = await call('diagnostics.startHere', {});
    const card = start.problems.find((p) => p.code === 'MISSING_APPLICATION_ID');
    expect(card?.action).toMatchObject({
      kind: 'open',
      screen: 'connections',
      connectionId: second.id,
    });
    const after = await call('diagnostics.troubleshoot', { sourcedId: teacher });
    expect(after.verdict).toBe(before.verdict);
    expect(after.steps[0]?.status).not.toBe('problem');
  }, 120_000);

  it('the Application ID agrees across Start here, Connections, the License view and the JSON report, in both states', async () => {
    const [classLinkId] = await openDemo();
    const state = async () => {
      const start = await call('diagnostics.startHere', {});
      const connections = await call('connections.list', {});
      const cl = connections.find((c) => c.id === classLinkId);
      const report = sanityReportSchema.parse(
        JSON.parse(
          Buffer.from(
            (await call('reports.export', { kind: 'json', pseudonymise: false })).base64,
            'base64',
          ).toString(),
        ),
      );
      const onPlatform = app.services.license.rostering().find((r) => r.provider === 'classlink');
      return {
        card: start.problems.some((p) => p.code === 'MISSING_APPLICATION_ID'),
        report: report.findings.some((f) => f.code === 'MISSING_APPLICATION_ID'),
        connections: cl?.platformApplicationId ?? null,
        license: onPlatform?.applicationId ? 'registered' : 'not-registered',
        keychain: cl?.secrets.find((s) => s.field === 'applicationId')?.isSet ?? null,
      };
    };
    // The demo's platform has its ClassLink connection without an Application ID, while the
    // ClassLink connection here has one: the platform is what attaches the roster.
    expect(await state()).toEqual({
      card: true,
      report: true,
      connections: 'not-registered',
      license: 'not-registered',
      keychain: true,
    });
    const start = await call('diagnostics.startHere', {});
    const card = start.problems.find((p) => p.code === 'MISSING_APPLICATION_ID');
    expect(card?.sentence).toMatch(/not registered with the platform/);
    expect(card?.action).toMatchObject({ kind: 'open', screen: 'license' });

    await registerApplicationId();
    expect(await state()).toEqual({
      card: false,
      report: false,
      connections: 'registered',
      license: 'registered',
      keychain: true,
    });
  }, 120_000);
});
