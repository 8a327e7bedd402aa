import { z } from 'zod';
import { jsonColumn } from '../db/json-column';
import type {
  Change,
  ChangeFields,
  ChangePayload,
  ChangeKind,
  ChangeStatus,
} from '../../../shared/domain/change';
import { CHANGE_KIND_LABEL, changeFieldsSchema } from '../../../shared/domain/change';

/** A change's row in the changes table, and the shapes built from it. */
export type NewChange = ChangePayload & {
  connectionId: string;
  targetId: string | null;
  subject: string;
  /** One open change per dedupe key (kind + target): staging the same fix twice is refused. */
  dedupeKey: string;
  before: ChangeFields | null;
  baseVersion: number | null;
  evidence: string[];
  origin: string;
};

export interface ChangeRow {
  seq: number;
  id: string;
  connection_id: string;
  kind: ChangeKind;
  target_id: string | null;
  subject: string;
  before: string | null;
  after: string;
  base_version: number | null;
  evidence: string;
  origin: string;
  status: ChangeStatus;
  idempotency_key: string | null;
  attempts: number;
  created_at: string;
  approved_at: string | null;
  finished_at: string | null;
  result_code: string | null;
  result_message: string | null;
  platform_request_id: string | null;
  current: string | null;
}

/** An approved change as the outbox sends it: with its connection and idempotency key. */
export interface OutboxChange extends Change {
  connectionId: string;
  idempotencyKey: string;
  /** A secret the change carries, read from the keychain just before it is sent (never stored). */
  secret?: string;
}

const evidenceSchema = z.array(z.string());

export const changeOf = (r: ChangeRow): Change => ({
  id: r.id,
  seq: r.seq,
  kind: r.kind,
  targetId: r.target_id,
  subject: r.subject,
  before: jsonColumn(changeFieldsSchema.nullable(), r.before, null),
  // A stored `after` of the wrong shape reads as no fields: the push fails it, saying why.
  after: jsonColumn(changeFieldsSchema, r.after, {}),
  baseVersion: r.base_version,
  evidence: jsonColumn(evidenceSchema, r.evidence, []),
  origin: r.origin,
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at,
  approvedAt: r.approved_at,
  finishedAt: r.finished_at,
  resultCode: r.result_code,
  resultMessage: r.result_message,
  platformRequestId: r.platform_request_id,
  current: jsonColumn(changeFieldsSchema.nullable(), r.current, null),
  // Approved once and taken back: 'Approve all' leaves it staged.
  unapproved: r.status === 'staged' && r.idempotency_key !== null,
});

export const describeChange = (c: Pick<Change, 'kind' | 'subject' | 'after'>) =>
  `${CHANGE_KIND_LABEL[c.kind]}: ${c.subject}${c.kind === 'change-email' ? ` -> ${String(c.after.email)}` : ''}`;
