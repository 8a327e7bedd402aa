import { z } from 'zod';
import type { PlatformErrorCode } from '../../shared/platform/platform-wire';
import { cleanEmailInput, emailInputProblem } from '../../shared/platform/email-input';
import { etagOf, PROVENANCE_LABEL } from '../../shared/platform/platform-wire';
import type { AppliedEvent, PlatformStore } from './platform-store';
import { teacherWire } from './platform-store';

export interface RouteRequest {
  method: string;
  /** Path segments after /v1. */
  segments: string[];
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  requestId: string;
}

export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Set when the request changed something: written to the events table with its key. */
  event?: Omit<AppliedEvent, 'key'>;
}

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The platform's error envelope; every error answer, the server's own included, is built here. */
export const fail = (
  status: number,
  code: PlatformErrorCode,
  message: string,
  requestId: string,
  extra: { field?: string; current?: unknown } = {},
  headers?: Record<string, string>,
): RouteResult => ({
  status,
  body: { error: { code, message, requestId, ...extra } },
  ...(headers ? { headers } : {}),
});

const inviteBody = z
  .object({
    email: z.string().min(3).max(254),
    givenName: z.string().max(200).nullable().optional(),
    familyName: z.string().max(200).nullable().optional(),
  })
  .strict();
const emailBody = z.object({ email: z.string().min(3).max(254) }).strict();
const appIdBody = z.object({ applicationId: z.string().min(1).max(200) }).strict();
const mergeBody = z.object({ intoAccountId: z.string().min(1) }).strict();

function parseBody<T>(schema: z.ZodType<T>, body: unknown, requestId: string): T | RouteResult {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return fail(422, 'invalid_field', `${field}: ${issue?.message ?? 'invalid'}`, requestId, {
    field,
  });
}
const isResult = (value: unknown): value is RouteResult =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

function pageArgs(
  query: URLSearchParams,
  requestId: string,
): { after: number; limit: number } | RouteResult {
  const limit = Number(query.get('limit') ?? '100');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return fail(400, 'bad_request', 'limit must be a whole number from 1 to 1000', requestId, {
      field: 'limit',
    });
  const cursor = query.get('cursor');
  const after = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(after) || after < 0)
    return fail(400, 'bad_request', 'cursor is not one this server gave out', requestId, {
      field: 'cursor',
    });
  return { after, limit };
}
const cursorOf = (n: number) => Buffer.from(String(n)).toString('base64url');

/** If-Match is required on record updates: 428 without it, 412 with the current record when stale. */
function precondition(
  ifMatch: string | undefined,
  version: number,
  staleMessage: string,
  current: unknown,
  requestId: string,
): RouteResult | null {
  if (!ifMatch)
    return fail(
      428,
      'precondition_required',
      'Send If-Match with the ETag you last saw',
      requestId,
    );
  if (ifMatch === etagOf(version)) return null;
  return fail(
    412,
    'version_mismatch',
    staleMessage,
    requestId,
    { current },
    { ETag: etagOf(version) },
  );
}

/** The platform's operations over its store; the server wraps them in auth, idempotency and faults. */
export function routePlatform(
  store: PlatformStore,
  licenseId: string,
  req: RouteRequest,
): RouteResult {
  const { segments: s, method, requestId } = req;
  if (s[0] !== 'licenses' || s[1] !== licenseId)
    return fail(404, 'not_found', `No license ${s[1] ?? ''} here`, requestId);
  const rest = s.slice(2);
  const ifMatch = req.headers['if-match'];

  if (rest.length === 0 && method === 'GET') return { status: 200, body: store.license(licenseId) };

  if (
    rest[0] === 'connections' &&
    rest[2] === 'application-id' &&
    rest.length === 3 &&
    method === 'PUT'
  ) {
    const body = parseBody(appIdBody, req.body, requestId);
    if (isResult(body)) return body;
    const connection = store.setApplicationId(rest[1] ?? '', body.applicationId.trim());
    if (!connection)
      return fail(404, 'not_found', `No rostering connection ${rest[1] ?? ''}`, requestId);
    return {
      status: 200,
      body: connection,
      event: { op: 'register-application-id', target: connection.id, detail: body.applicationId },
    };
  }

  if (rest[0] === 'teachers' && rest.length === 1) {
    if (method === 'GET') {
      const args = pageArgs(req.query, requestId);
      if (isResult(args)) return args;
      const status = req.query.get('status') ?? undefined;
      const page = store.teachersPage(args.after, args.limit, status);
      const last = page.rows.at(-1);
      return {
        status: 200,
        body: {
          data: page.rows.map(teacherWire),
          nextCursor: page.more && last ? cursorOf(last.n) : null,
        },
      };
    }
    if (method === 'POST') {
      const body = parseBody(inviteBody, req.body, requestId);
      if (isResult(body)) return body;
      const email = cleanEmailInput(body.email);
      const problem = emailInputProblem(email);
      if (problem)
        return fail(422, 'invalid_email', problem, requestId, {
          field: 'email',
        });
      const existing = store.teacherByEmail(email);
      if (existing)
        return fail(
          409,
          'already_licensed',
          `${email} is already on the license (${existing.status})`,
          requestId,
          {
            field: 'email',
          },
        );
      const seats = store.seats();
      if (seats.used >= seats.seats)
        return fail(
          409,
          'no_seats',
          `All ${seats.seats} seats are taken; remove a teacher or buy seats`,
          requestId,
        );
      const teacher = store.insertTeacher({
        email,
        given_name: body.givenName ?? null,
        family_name: body.familyName ?? null,
        status: 'invited',
        invited_at: new Date().toISOString(),
        accepted_at: null,
        source: 'manual',
        roster_id: null,
        account_id: null,
      });
      return {
        status: 201,
        body: teacherWire(teacher),
        headers: { ETag: etagOf(teacher.version) },
        event: { op: 'invite', target: teacher.id, detail: email.toLowerCase() },
      };
    }
  }

  if (rest[0] === 'teachers' && rest.length >= 2) {
    const teacher = store.teacher(rest[1] ?? '');
    if (!teacher)
      return fail(404, 'not_found', `No teacher ${rest[1] ?? ''} on this license`, requestId);
    if (rest.length === 3 && rest[2] === 'resend-invitation' && method === 'POST') {
      if (teacher.status === 'active')
        return fail(
          409,
          'already_active',
          `${teacher.email} accepted the invitation already`,
          requestId,
        );
      const sentAt = new Date().toISOString();
      return {
        status: 200,
        body: { teacher: teacherWire(teacher), sentAt },
        event: { op: 'resend', target: teacher.id, detail: teacher.email },
      };
    }
    if (rest.length === 3 && rest[2] === 'remind' && method === 'POST') {
      if (teacher.status !== 'active')
        return fail(
          409,
          'not_active',
          `${teacher.email} has not accepted the invitation: resend it instead`,
          requestId,
        );
      const sentAt = new Date().toISOString();
      return {
        status: 200,
        body: { teacher: teacherWire(teacher), sentAt },
        event: { op: 'remind', target: teacher.id, detail: teacher.email },
      };
    }
    if (rest.length !== 2) return fail(404, 'not_found', 'No such operation', requestId);
    if (method === 'GET')
      return {
        status: 200,
        body: teacherWire(teacher),
        headers: { ETag: etagOf(teacher.version) },
      };
    if (method === 'PATCH' || method === 'DELETE') {
      const stale = precondition(
        ifMatch,
        teacher.version,
        `${teacher.email} changed on the platform since you read it (now version ${teacher.version})`,
        teacherWire(teacher),
        requestId,
      );
      if (stale) return stale;
    }
    if (method === 'PATCH') {
      const body = parseBody(emailBody, req.body, requestId);
      if (isResult(body)) return body;
      const email = cleanEmailInput(body.email);
      if (teacher.source !== 'manual')
        return fail(
          409,
          'rostered_field',
          `${teacher.email} is rostered by ${PROVENANCE_LABEL[teacher.source]}; change the email at ${PROVENANCE_LABEL[teacher.source]}`,
          requestId,
          { field: 'email' },
        );
      const problem = emailInputProblem(email);
      if (problem)
        return fail(422, 'invalid_email', problem, requestId, {
          field: 'email',
        });
      const holder = store.teacherByEmail(email);
      if (holder && holder.id !== teacher.id)
        return fail(
          409,
          'email_in_use',
          `${email} is already on the license as ${holder.id}`,
          requestId,
          {
            field: 'email',
          },
        );
      const updated = store.updateTeacherEmail(teacher.id, email);
      return {
        status: 200,
        body: teacherWire(updated),
        headers: { ETag: etagOf(updated.version) },
        event: { op: 'change-email', target: teacher.id, detail: `${teacher.email} -> ${email}` },
      };
    }
    if (method === 'DELETE') {
      store.deleteTeacher(teacher.id);
      return {
        status: 200,
        body: teacherWire(teacher),
        event: { op: 'remove', target: teacher.id, detail: teacher.email },
      };
    }
  }

  if (rest[0] === 'accounts' && rest.length === 1 && method === 'GET') {
    const args = pageArgs(req.query, requestId);
    if (isResult(args)) return args;
    const page = store.accountsPage(args.after, args.limit);
    return {
      status: 200,
      body: { data: page.rows, nextCursor: page.more ? cursorOf(page.last) : null },
    };
  }

  if (rest[0] === 'accounts' && rest[2] === 'merge' && rest.length === 3 && method === 'POST') {
    const account = store.account(rest[1] ?? '');
    if (!account) return fail(404, 'not_found', `No account ${rest[1] ?? ''}`, requestId);
    const stale = precondition(
      ifMatch,
      account.version,
      `Account ${account.id} changed since you read it`,
      account,
      requestId,
    );
    if (stale) return stale;
    const body = parseBody(mergeBody, req.body, requestId);
    if (isResult(body)) return body;
    if (account.mergedInto)
      return fail(
        409,
        'already_merged',
        `Account ${account.id} was merged into ${account.mergedInto}`,
        requestId,
      );
    if (account.provenance !== 'manual')
      return fail(
        409,
        'not_mergeable',
        `Account ${account.id} is rostered; only manual accounts merge`,
        requestId,
      );
    const into = store.account(body.intoAccountId);
    if (!into || into.provenance === 'manual' || into.mergedInto)
      return fail(
        409,
        'not_mergeable',
        `Account ${body.intoAccountId} is not a rostered account`,
        requestId,
        {
          field: 'intoAccountId',
        },
      );
    const { merged, seatsFreed } = store.mergeAccount(account.id, into.id);
    return {
      status: 200,
      body: { merged, into: store.account(into.id), seatsFreed },
      event: { op: 'merge', target: account.id, detail: `into ${into.id}` },
    };
  }

  if (rest[0] === 'accounts' && rest.length === 2 && method === 'DELETE') {
    const account = store.account(rest[1] ?? '');
    if (!account || store.removed(account.id))
      return fail(404, 'not_found', `No account ${rest[1] ?? ''}`, requestId);
    const stale = precondition(
      ifMatch,
      account.version,
      `Account ${account.id} changed since you read it`,
      account,
      requestId,
    );
    if (stale) return stale;
    if (account.provenance !== 'manual' || account.role !== 'student' || account.mergedInto)
      return fail(
        409,
        'not_removable',
        `Account ${account.id} is not an old manual student account; only those are removed here`,
        requestId,
      );
    const removed = store.removeAccount(account.id);
    return {
      status: 200,
      body: { removed, seatsFreed: 1, workRecordsLost: account.workRecords },
      event: {
        op: 'remove-account',
        target: account.id,
        detail: `${account.workRecords} work records`,
      },
    };
  }

  return fail(404, 'not_found', `No operation ${method} /${s.join('/')}`, requestId);
}
