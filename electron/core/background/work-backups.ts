import fs from 'node:fs';
import type { Db } from '../db/open-database';
import { backupWork, workBackups } from '../db/work-backup';
import type { Logger } from '../runtime/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { BackgroundService } from './service-registry';

const HOUR = 60 * 60 * 1000;

/**
 * Copies the admin's work (connections, changes, audit log) to backups/ every
 * `backups.everyHours` (a test may give milliseconds), and once more when stopped. At start, a
 * copy is made at once when the newest is older than the interval. Each copy also compacts the
 * change journal once it is past its size.
 */
export class WorkBackups implements BackgroundService {
  readonly name = 'backups';
  readonly about = "Copies the admin's work to backups/ on a timer and at close";
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly options: {
      db: Db;
      dataDir: string;
      /** Rewrites the change journal once past its size (see change-journal.ts). */
      compactJournal: () => void;
      settings: SettingsStore;
      logger: Logger;
      /** Overrides the setting (tests, benches). */
      everyMs?: number;
    },
  ) {}

  /** Copies the work now; returns the copy's path. */
  now(): string {
    return backupWork(this.options.db, this.options.dataDir, new Date());
  }

  /**
   * Copies the work now when the newest copy is older than the interval. Called when the folder
   * opens, before anything else writes: a cache another program holds locked is refused there,
   * with nothing changed.
   */
  catchUp(): void {
    const newest = workBackups(this.options.dataDir)[0];
    const age = newest ? Date.now() - fs.statSync(newest).mtimeMs : Infinity;
    if (age >= this.every()) this.now();
  }

  start(): void {
    this.schedule();
    this.stopListening = this.options.settings.onChange((key) => {
      if (key === 'backups.everyHours') this.schedule();
    });
  }

  async stop(): Promise<void> {
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      this.now();
    } catch (error) {
      this.options.logger.error('backing up the work tables failed', error);
    }
    return Promise.resolve();
  }

  /** Whether the timer runs (for tests: none after stop). */
  get running(): boolean {
    return this.timer !== null;
  }

  private every(): number {
    return this.options.everyMs ?? this.options.settings.get('backups.everyHours') * HOUR;
  }

  private schedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => {
      try {
        this.now();
        // The change journal, once past 4 MB, rewritten as one line per change.
        this.options.compactJournal();
      } catch (error) {
        this.options.logger.error('backing up the work tables failed', error);
      }
    }, this.every());
    this.timer.unref();
  }
}
