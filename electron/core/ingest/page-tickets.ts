/**
 * The pages of one paged stream shared by two threads of a sync: the thread that owns the stream
 * reads its first page (which says how many records there are), then each page number is taken
 * once, by whichever thread asks first, so a thread done with its own streams helps read the rest
 * and no page is read twice. Lives in a SharedArrayBuffer, the same memory in both threads.
 */
export class PageTickets {
  /** [next page to hand out, pages in all (UNKNOWN until the first page is read), helpers reading]. */
  private readonly slots: Int32Array;

  private static readonly NEXT = 0;
  private static readonly PAGES = 1;
  private static readonly HELPERS = 2;
  /** The first page is not read yet. */
  private static readonly UNKNOWN = -1;
  /** The source gave no total: the owner follows its links alone. */
  private static readonly UNSHARED = -2;

  constructor(readonly buffer: SharedArrayBuffer = PageTickets.newBuffer()) {
    this.slots = new Int32Array(buffer);
  }

  private static newBuffer(): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
    const slots = new Int32Array(buffer);
    slots[PageTickets.NEXT] = 1;
    slots[PageTickets.PAGES] = PageTickets.UNKNOWN;
    return buffer;
  }

  /** The owner, once the first page is read: how many pages there are, or null to read alone. */
  setPages(pages: number | null): void {
    Atomics.store(this.slots, PageTickets.PAGES, pages ?? PageTickets.UNSHARED);
  }

  /** The next page number (from 1) nobody has taken, or null when all are taken. */
  take(): number | null {
    const pages = Atomics.load(this.slots, PageTickets.PAGES);
    if (pages < 0) return null;
    const page = Atomics.add(this.slots, PageTickets.NEXT, 1);
    return page < pages ? page : null;
  }

  /**
   * A helper's turn: false when there is nothing to help with (the source gave no total). Waits
   * for the owner's first page if needed. Call done() after, whatever happens.
   */
  async join(signal: AbortSignal): Promise<boolean> {
    Atomics.add(this.slots, PageTickets.HELPERS, 1);
    await this.until(PageTickets.PAGES, (v) => v !== PageTickets.UNKNOWN, signal);
    return Atomics.load(this.slots, PageTickets.PAGES) >= 0;
  }

  /** A helper has stopped reading, and what it read is in its file. */
  done(): void {
    Atomics.sub(this.slots, PageTickets.HELPERS, 1);
  }

  /**
   * The owner, once it has no page left to take: until every helper that took a page has stopped.
   * A helper that joins later finds no page left and takes none.
   */
  async helpersDone(signal: AbortSignal): Promise<void> {
    await this.until(PageTickets.HELPERS, (v) => v === 0, signal);
  }

  private async until(slot: number, ok: (value: number) => boolean, signal: AbortSignal) {
    for (;;) {
      const value = Atomics.load(this.slots, slot);
      if (ok(value)) return;
      if (signal.aborted) throw signal.reason ?? new Error('Cancelled');
      // Looked at every 20 ms: this thread keeps answering (a cancel) while it waits.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
