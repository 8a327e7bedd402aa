import path from 'node:path';
import { appendPrivateFile, makePrivateDir, makePrivateFile } from '../db/private-files';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** The last lines written, for the support bundle. */
  recent(): string[];
}

const REDACTIONS: [RegExp, string][] = [
  [/(authorization\s*[:=]\s*)(bearer|basic|oauth)\s+[^\s,"]+/gi, '$1$2 [redacted]'],
  [/(oauth_signature|client_secret|access_token|token)=([^&\s"]+)/gi, '$1=[redacted]'],
  [
    /("(?:clientSecret|applicationId|districtToken|apiToken|password|token)"\s*:\s*)"[^"]*"/gi,
    '$1"[redacted]"',
  ],
];

/** Removes credentials that could appear in a message; secrets are never logged on purpose. */
export function redact(text: string): string {
  return REDACTIONS.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** A logger that appends to <dataDir>/logs/rosterdesk.log and to stderr, redacted. */
export function createLogger(options: { dataDir?: string; echo?: boolean; keep?: number }): Logger {
  const keep = options.keep ?? 200;
  const lines: string[] = [];
  let file: string | null = null;
  if (options.dataDir) {
    const dir = path.join(options.dataDir, 'logs');
    makePrivateDir(dir);
    file = path.join(dir, 'rosterdesk.log');
    makePrivateFile(file);
  }
  const write = (level: string, message: string) => {
    const line = redact(`${new Date().toISOString()} ${level} ${message}`);
    lines.push(line);
    if (lines.length > keep) lines.shift();
    if (file) {
      try {
        appendPrivateFile(file, `${line}\n`);
      } catch {
        // A log line must never take the app down (full disk, data dir removed under us).
      }
    }
    if (options.echo) process.stderr.write(`${line}\n`);
  };
  return {
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m, e) => write('ERROR', e === undefined ? m : `${m}: ${describe(e)}`),
    recent: () => [...lines],
  };
}
