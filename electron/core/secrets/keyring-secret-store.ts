import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import type { KeychainStatus } from '../../../shared/domain/app-status';
import { KeychainUnavailableError } from './secret-store';
import type { SecretStore } from './secret-store';

export const KEYCHAIN_SERVICE = 'RosterDesk';

let keyring: typeof Keyring | null = null;

/**
 * The native keychain module, loaded when first used rather than on import, so a build that cannot
 * load is reported by the start-up check (runtime/native-modules.ts) in words, not as a stack
 * trace before any of RosterDesk's code has run.
 */
function Entry(): typeof Keyring.Entry {
  keyring ??= createRequire(import.meta.url)('@napi-rs/keyring') as typeof Keyring;
  return keyring.Entry;
}
/**
 * The marker the probe writes, its own per process: with one shared name, two RosterDesk processes
 * on one keychain (the app and `rosterdesk push`, two hosts) deleted each other's marker between
 * write and read, and each then called the keychain unavailable (1 probe in 4 when both probed at
 * once; a demo then failed to open).
 */
const PROBE_ACCOUNT = `rosterdesk:probe:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;

/**
 * On Linux the binding silently falls back to the kernel keyutils store when no Secret Service
 * answers. That store lives in kernel memory and is gone after a reboot, so a "saved" token would
 * vanish: pin the Secret Service and report it unavailable instead.
 */
const ENTRY_OPTIONS =
  process.platform === 'linux' ? { linux: { store: 'secret-service' as const } } : undefined;

function backendName(): string {
  switch (process.platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service (GNOME Keyring / KWallet)';
  }
}

function explain(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (process.platform !== 'linux') return text;
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    return `no D-Bus session is running, so the Secret Service cannot be reached (${text})`;
  }
  return `the Secret Service (GNOME Keyring or KWallet) did not answer on the D-Bus session: is it running and unlocked? (${text})`;
}

/** The OS keychain through @napi-rs/keyring: service "RosterDesk", one entry per account. */
export class KeyringSecretStore implements SecretStore {
  private current: KeychainStatus;
  private probedAt = 0;
  /**
   * Whether each account holds a secret, as last read or written by this process (never the
   * value). The binding opens a D-Bus connection per access that is released only by garbage
   * collection; asked on every screen refresh (connections, diagnostics), descriptors piled up
   * past 1,024 and select() in the binding spun for good. A value is still read from the
   * keychain each time a request needs it.
   */
  private readonly present = new Map<string, boolean>();

  constructor(private readonly service = KEYCHAIN_SERVICE) {
    this.current = this.probe();
  }

  status(): KeychainStatus {
    return this.current;
  }

  /** Checks the keychain by writing a marker; `maxAgeMs` reuses a good answer that recent. */
  probe(maxAgeMs = 0): KeychainStatus {
    if (maxAgeMs > 0 && this.current.available && Date.now() - this.probedAt < maxAgeMs)
      return this.current;
    this.probedAt = Date.now();
    try {
      // Reading alone can answer "nothing there" with no keychain behind it, so write, read back
      // and delete a harmless marker.
      const probe = new (Entry())(this.service, PROBE_ACCOUNT, ENTRY_OPTIONS);
      probe.setPassword('probe');
      if (probe.getPassword() !== 'probe')
        throw new Error('the keychain did not keep a value written to it');
      probe.deletePassword();
      this.current = { available: true, reason: null, backend: backendName() };
    } catch (error) {
      this.current = { available: false, reason: explain(error), backend: backendName() };
    }
    return this.current;
  }

  private entry(account: string): Keyring.Entry {
    if (!this.current.available) this.probe();
    if (!this.current.available)
      throw new KeychainUnavailableError(this.current.reason ?? 'unknown reason');
    return this.guard(() => new (Entry())(this.service, account, ENTRY_OPTIONS));
  }

  private guard<T>(action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      this.current = { available: false, reason: explain(error), backend: backendName() };
      throw new KeychainUnavailableError(this.current.reason ?? 'unknown reason');
    }
  }

  set(account: string, value: string): void {
    const entry = this.entry(account);
    this.present.delete(account);
    this.guard(() => entry.setPassword(value));
    this.present.set(account, true);
  }

  get(account: string): string | null {
    const entry = this.entry(account);
    const value = this.guard(() => entry.getPassword() ?? null);
    this.present.set(account, value !== null);
    return value;
  }

  has(account: string): boolean {
    const known = this.present.get(account);
    if (known !== undefined && this.current.available) return known;
    return this.get(account) !== null;
  }

  delete(account: string): void {
    const entry = this.entry(account);
    this.present.delete(account);
    // deletePassword answers false when there was nothing to delete, which is fine.
    this.guard(() => entry.deletePassword());
    this.present.set(account, false);
  }
}
