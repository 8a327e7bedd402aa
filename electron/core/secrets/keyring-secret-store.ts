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
const PROBE_ACCOUNT = 'rosterdesk:probe';

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

  constructor(private readonly service = KEYCHAIN_SERVICE) {
    this.current = this.probe();
  }

  status(): KeychainStatus {
    return this.current;
  }

  probe(): KeychainStatus {
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
    this.guard(() => entry.setPassword(value));
  }

  get(account: string): string | null {
    const entry = this.entry(account);
    return this.guard(() => entry.getPassword() ?? null);
  }

  has(account: string): boolean {
    return this.get(account) !== null;
  }

  delete(account: string): void {
    const entry = this.entry(account);
    // deletePassword answers false when there was nothing to delete, which is fine.
    this.guard(() => entry.deletePassword());
  }
}
