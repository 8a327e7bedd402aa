import type http from 'node:http';
import { seededRandom } from './district/random';

/** Misbehaviour a sandbox server can be told to show, to test RosterDesk's clients against. */
export interface FaultOptions {
  seed: number;
  /** Added to every data response. */
  latencyMs: number;
  /** Share of responses delayed by spikeMs more. */
  spikeRate: number;
  spikeMs: number;
  /** Share of responses that are a 500, 502 or 503. */
  errorRate: number;
  /** After every `burst429Every` requests, the next `burst429Length` get 429. 0 turns it off. */
  burst429Every: number;
  burst429Length: number;
  /** Seconds sent in Retry-After with a 429. */
  retryAfterSeconds: number;
  /** Share of 200 responses cut short: valid length, invalid JSON. */
  truncateRate: number;
  /** Share of requests whose connection is dropped without an answer. */
  dropRate: number;
}

export const NO_FAULTS: FaultOptions = {
  seed: 1,
  latencyMs: 0,
  spikeRate: 0,
  spikeMs: 0,
  errorRate: 0,
  burst429Every: 0,
  burst429Length: 0,
  retryAfterSeconds: 1,
  truncateRate: 0,
  dropRate: 0,
};

export type FaultDecision =
  | { kind: 'ok'; delayMs: number; truncate: boolean }
  | { kind: 'error'; status: number; delayMs: number }
  | { kind: 'rate-limited'; delayMs: number; retryAfterSeconds: number }
  | { kind: 'drop' };

/** Decides, request by request, what goes wrong; deterministic for a seed. Counts what it did. */
export class FaultInjector {
  private readonly random: () => number;
  private requests = 0;
  readonly counts = { requests: 0, errors: 0, rateLimited: 0, truncated: 0, dropped: 0, spikes: 0 };

  constructor(readonly options: FaultOptions = NO_FAULTS) {
    this.random = seededRandom(options.seed);
  }

  decide(): FaultDecision {
    const o = this.options;
    this.requests++;
    this.counts.requests++;
    const spike = o.spikeRate > 0 && this.random() < o.spikeRate;
    if (spike) this.counts.spikes++;
    const delayMs = o.latencyMs + (spike ? o.spikeMs : 0);
    if (o.burst429Every > 0) {
      const position = this.requests % (o.burst429Every + o.burst429Length);
      if (position >= o.burst429Every) {
        this.counts.rateLimited++;
        return { kind: 'rate-limited', delayMs, retryAfterSeconds: o.retryAfterSeconds };
      }
    }
    if (o.dropRate > 0 && this.random() < o.dropRate) {
      this.counts.dropped++;
      return { kind: 'drop' };
    }
    if (o.errorRate > 0 && this.random() < o.errorRate) {
      this.counts.errors++;
      return {
        kind: 'error',
        status: [500, 502, 503][Math.floor(this.random() * 3)] ?? 500,
        delayMs,
      };
    }
    const truncate = o.truncateRate > 0 && this.random() < o.truncateRate;
    if (truncate) this.counts.truncated++;
    return { kind: 'ok', delayMs, truncate };
  }
}

/** Sends a JSON body, or half of it when told to truncate. */
export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  truncate = false,
): void {
  let text = JSON.stringify(body);
  if (truncate) text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export const wait = (ms: number) =>
  ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();

export function parseFaultArgs(values: Record<string, string | undefined>): FaultOptions {
  const num = (key: string, fallback: number) => {
    const raw = values[key];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`--${key} must be a number >= 0, got "${raw}"`);
    return n;
  };
  return {
    seed: num('fault-seed', 1),
    latencyMs: num('latency-ms', 0),
    spikeRate: num('spike-rate', 0),
    spikeMs: num('spike-ms', 2000),
    errorRate: num('error-rate', 0),
    burst429Every: num('burst-429-every', 0),
    burst429Length: num('burst-429-length', 3),
    retryAfterSeconds: num('retry-after', 1),
    truncateRate: num('truncate-rate', 0),
    dropRate: num('drop-rate', 0),
  };
}
