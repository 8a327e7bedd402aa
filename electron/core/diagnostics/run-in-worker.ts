import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/errors';
import type { Finding } from '../../../shared/domain/finding';
import type { SnapshotDiff } from '../../../shared/domain/diagnostics-views';
import type { SyncPreviewDraft } from './sync-preview';
import { joinFindings } from './run-diagnostics';
import type { LicenseMatch } from './diagnostics-context';
import type { DiagnosticsResult } from './run-diagnostics';
import type { DiagnosticsJob } from './diagnostics-worker';

export type WorkerResult = Pick<DiagnosticsResult, 'findings'> & {
  /** Settles just after the findings: each license entry matched to its rostered teacher. */
  licenseMatches: Promise<LicenseMatch[] | null>;
  /** Settles after the findings: what the platform would do, computed from the license match. */
  preview: Promise<SyncPreviewDraft>;
  /** Settles after the findings: what changed since the previous sync of the connection. */
  diff: Promise<SnapshotDiff>;
};

type PartReply =
  | {
      ok: true;
      /** One list per rule of the half, in its order. */
      byRule: Finding[][];
      licenseMatches?: LicenseMatch[] | null;
      preview?: SyncPreviewDraft;
      diff?: SnapshotDiff;
    }
  | { ok: false; error: string };
type Reply = PartReply & { ok: true };

/**
 * Runs one diagnostics job in two worker threads at once, the people half of the rules and the
 * classes half (at district scale each is seconds of SQL and matching, so two cores halve the
 * wait), and joins their findings in the rules' order. Then the people worker sends the license
 * match and computes the sync preview, and the classes worker compares the snapshot with the
 * previous one: these settle later, and the findings never wait on them. From source (tsx,
 * vitest) each worker registers tsx and loads the .ts file; in the Electron build it is the
 * bundled diagnostics-worker.js beside main.
 */
export async function runInWorker(
  job: Omit<DiagnosticsJob, 'part'>,
  signal?: AbortSignal,
): Promise<WorkerResult> {
  const stop = new AbortController();
  const both = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const people = startPart({ ...job, part: 'people' }, 3, both);
  const classes = startPart({ ...job, part: 'classes' }, 2, both);
  // One half failing stops the other.
  for (const reply of [...people, ...classes]) reply.catch(() => stop.abort());
  const [found, classFindings] = await Promise.all([people[0], classes[0]]);
  const licenseMatches = later(people[1], (r) => r.licenseMatches ?? null);
  const preview = later(people[2], (r) => r.preview, 'no sync preview');
  const diff = later(classes[1], (r) => r.diff, 'no snapshot diff');
  if (!found || !classFindings) throw new Error('diagnostics failed: a half is missing');
  return {
    findings: joinFindings({ people: found.byRule, classes: classFindings.byRule }),
    licenseMatches,
    preview,
    diff,
  };
}

/**
 * What a later message of a half carries. `missing` names the failure when it carries nothing. A
 * caller that never asks for it must not see it fail.
 */
function later<T>(
  reply: Promise<Reply> | undefined,
  pick: (r: Reply) => T | undefined,
  missing = 'a reply is missing',
): Promise<T> {
  const value = (reply as Promise<Reply>).then((r) => {
    const v = pick(r);
    if (v === undefined) throw new Error(`diagnostics failed: ${missing}`);
    return v;
  });
  value.catch(() => undefined);
  return value;
}

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(
  fromSource ? './diagnostics-worker-from-source.mjs' : './diagnostics-worker.js',
  import.meta.url,
);

/** Engine threads started ahead of a run, each with its `ready` (the engine loaded). */
const spares: { worker: Worker; ready: Promise<void> }[] = [];

function spawn(): { worker: Worker; ready: Promise<void> } {
  const worker = new Worker(workerUrl);
  const ready = new Promise<void>((resolve) => {
    const onReady = (m: unknown) => {
      if ((m as { kind?: unknown } | null)?.kind !== 'ready') return;
      worker.off('message', onReady);
      resolve();
    };
    worker.on('message', onReady);
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
  return { worker, ready };
}

/**
 * Starts the two engine threads of the next run now, so loading the engine (from source: compiling
 * it) is not part of the wait for findings. Loaded idle spares never keep the process alive. Resolves once
 * both have loaded.
 */
export async function prewarmDiagnostics(): Promise<void> {
  while (spares.length < 2) {
    const spare = spawn();
    // Loading keeps the process alive (someone may await it); a loaded idle spare does not.
    void spare.ready.then(() => {
      if (spares.includes(spare)) spare.worker.unref();
    });
    spare.worker.once('error', () => {
      const at = spares.indexOf(spare);
      if (at >= 0) spares.splice(at, 1);
    });
    spares.push(spare);
  }
  await Promise.all(spares.map((s) => s.ready));
}

/** Ends the spare threads (on close). */
export async function stopDiagnosticsWorkers(): Promise<void> {
  await Promise.all(spares.splice(0).map((s) => s.worker.terminate()));
}

/** A worker for one half; one promise per message it will send, in order. */
function startPart(job: DiagnosticsJob, messages: number, signal: AbortSignal): Promise<Reply>[] {
  const worker = spares.shift()?.worker ?? spawn().worker;
  worker.ref();
  const settlers: { resolve: (r: Reply) => void; reject: (e: unknown) => void }[] = [];
  const replies = Array.from(
    { length: messages },
    () => new Promise<Reply>((resolve, reject) => settlers.push({ resolve, reject })),
  );
  const fail = (error: unknown) => {
    signal.removeEventListener('abort', stop);
    void worker.terminate();
    for (const s of settlers.splice(0)) s.reject(error);
  };
  const stop = () =>
    fail(new AppError('SHUTTING_DOWN', 'RosterDesk is closing: the diagnostics were stopped.'));
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  worker.on('message', (reply: PartReply | { kind: 'ready' }) => {
    if ('kind' in reply) return;
    if (!reply.ok) return fail(new Error(`diagnostics failed: ${reply.error}`));
    settlers.shift()?.resolve(reply);
    if (settlers.length === 0) {
      signal.removeEventListener('abort', stop);
      void worker.terminate();
    }
  });
  worker.once('error', fail);
  worker.postMessage(job);
  return replies;
}
