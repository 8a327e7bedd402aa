import type { KeychainStatus } from '../../../shared/domain/app-status';

/**
 * Where secrets live. Values enter through set(), leave only through get() inside the main
 * process while a request is being built, and are never written to disk by RosterDesk.
 */
export interface SecretStore {
  status(): KeychainStatus;
  /** Re-checks whether the keychain can be reached (after the user unlocks it, say). */
  probe(maxAgeMs?: number): KeychainStatus;
  set(account: string, value: string): void;
  get(account: string): string | null;
  has(account: string): boolean;
  delete(account: string): void;
}

export class KeychainUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `The OS keychain is not available: ${reason}. RosterDesk does not store secrets anywhere else.`,
    );
    this.name = 'KeychainUnavailableError';
  }
}
