import { AppError } from '../../../shared/ipc/errors';

/**
 * Lets handler calls in while the app runs, and on close refuses new ones with a clear error and
 * waits for those still running, so no handler finds the database closed under it.
 */
export class CallGate {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  run<T>(call: () => T | Promise<T>): Promise<T> {
    if (this.closing)
      return Promise.reject(
        new AppError(
          'SHUTTING_DOWN',
          'RosterDesk is closing, so this was not done. Open RosterDesk again to continue.',
        ),
      );
    const done = Promise.resolve().then(call);
    this.running.add(done);
    void done.then(
      () => this.running.delete(done),
      () => this.running.delete(done),
    );
    return done;
  }

  /** Refuses new calls, then waits for the running ones (at most `timeoutMs`). */
  async close(timeoutMs = 15_000): Promise<number> {
    this.closing = true;
    const waiting = this.running.size;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    return waiting;
  }
}
