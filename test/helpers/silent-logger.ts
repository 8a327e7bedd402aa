import type { Logger } from '../../electron/core/runtime/logger';

/** A logger that keeps lines in memory, so tests can read what was logged. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => void lines.push(`INFO ${m}`),
    warn: (m) => void lines.push(`WARN ${m}`),
    error: (m, e) => void lines.push(`ERROR ${m}${e instanceof Error ? `: ${e.message}` : ''}`),
    recent: () => [...lines],
  };
}
