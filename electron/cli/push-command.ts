import { parseArgs } from 'node:util';
import { openAppServices } from '../core/app/app-services';
import { resolveDataDir } from '../core/runtime/data-dir';

export const PUSH_USAGE = `Usage: rosterdesk push [--data-dir DIR] [--concurrency N]
Pushes the approved changes in RosterDesk's outbox to the platform (the token comes from the keychain),
resuming any push that was interrupted. Each change keeps the idempotency key it got at approval,
so running this again after a crash never applies a change twice.
Exit: 0 all applied, 1 some rejected or in conflict, 2 the push could not finish (changes stay approved).`;

/** `rosterdesk push`: the outbox from a terminal or a scheduled task. */
export async function pushCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, concurrency: { type: 'string' } },
  });
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const services = openAppServices({ dataDir, resumePush: false, owner: 'rosterdesk push' });
  try {
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1))
      throw new Error(`--concurrency must be a whole number >= 1, got "${values.concurrency}"`);
    services.push.configure({ ...(concurrency ? { concurrency } : {}) });
    const started = services.push.start(true);
    process.stderr.write(`Pushing ${started.total} approved change(s) from ${dataDir}\n`);
    const timer = setInterval(() => {
      const p = services.push.status();
      if (p)
        process.stderr.write(
          `  ${p.applied} applied, ${p.rejected} rejected, ${p.conflicts} conflicts, ${p.retries} retries\n`,
        );
    }, 1000);
    const final = await services.push.wait();
    clearInterval(timer);
    if (!final) return 2;
    process.stdout.write(`${JSON.stringify(final)}\n`);
    if (final.state !== 'completed') {
      process.stderr.write(`Push ${final.state}: ${final.error ?? ''}\n`);
      return 2;
    }
    return final.rejected + final.conflicts + final.failed > 0 ? 1 : 0;
  } finally {
    await services.close();
  }
}
