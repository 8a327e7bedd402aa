import type { RosterRecordMap, RosterResource, SyncWarning } from '../../../shared/domain/roster';
import type { HttpClientOptions } from '../http/http-client';
import type { SourceSpec } from './source-spec';

/** One batch of records from a source, possibly of several resources (a Clever section gives classes and enrollments). */
export type RecordBatch = { [R in RosterResource]?: RosterRecordMap[R][] };

/** A batch read from a source: records (maybe of several resources), warnings, and where it came from. */
export interface SourceBatch {
  records: RecordBatch;
  warnings: SyncWarning[];
  /** URL path with paging, or file name: for warnings and errors. */
  location: string;
  /** Raw records read in this batch, kept or not. */
  read: number;
  /** Raw records the stream will read in all, when the source says (X-Total-Count). */
  total: number | null;
}

/**
 * The page numbers of one paged stream, each taken once: shared by the threads of a sync (the
 * ingest room's PageTickets) or, read alone, a plain counter (`pagesReadAlone`).
 */
export interface PageClaims {
  /** The owner, once the first page is read: how many pages there are, or null to read alone. */
  setPages(pages: number | null): void;
  /** The next page number (from 1) nobody has taken, or null when all are taken. */
  take(): number | null;
}

/** Page numbers for a stream one thread reads alone. */
export function pagesReadAlone(): PageClaims {
  let next = 1;
  let pages: number | null = null;
  return {
    setPages: (n) => {
      pages = n;
    },
    take: () => (pages !== null && next < pages ? next++ : null),
  };
}

/** One thing a source reads in sequence, with its own progress bar: "users", "sections". */
export interface SourceStream {
  name: string;
  resources: readonly RosterResource[];
  /**
   * Reads the stream. With `tickets` (a stream that has help() only), this thread owns the stream:
   * it reads the first page, says how many there are, and takes each later page from the tickets.
   */
  read(signal: AbortSignal, tickets?: PageClaims): AsyncIterable<SourceBatch>;
  /**
   * Reads pages of this stream that another thread owns, each taken from its tickets, until none
   * is left (the caller has joined the tickets). Only a stream read by numbered pages has it.
   */
  help?(signal: AbortSignal, tickets: PageClaims): AsyncIterable<SourceBatch>;
}

export interface RosterSource {
  /** "ClassLink", "Clever", "OneRoster CSV": named in messages. */
  provider: string;
  /** Where it reads from, for the snapshot's label: a URL or a path. */
  label: string;
  streams(): SourceStream[];
  /** Reads only what changed since a date: an empty result is normal, not a broken roster. */
  readonly delta?: boolean;
  /**
   * The source as plain data (and who to tell of retries), so a sync reads its streams in lanes,
   * each fetching, parsing and writing in its own thread. `bounded`: every stream holds at most
   * its pages or batches in memory (false when a stream keeps something per user of the district).
   */
  thread(): Promise<SourceThread>;
}

/** What rebuilds a source in a sync's lane threads (see RosterSource.thread). */
export interface SourceThread {
  spec: SourceSpec;
  onRetry?: HttpClientOptions['onRetry'];
  bounded: boolean;
}
