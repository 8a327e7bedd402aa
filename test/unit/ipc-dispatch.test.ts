import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { channels } from '../../shared/ipc/contract';
import { recordingTable } from '../helpers/handler-table';
import { memoryLogger } from '../helpers/silent-logger';
import { KeychainUnavailableError } from '../../electron/core/secrets/secret-store';

const ctx = { transport: 'electron' as const };
const clever = {
  name: 'Clever',
  settings: { kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' },
};

describe('the IPC wrapper (dispatch)', () => {
  it('rejects an unknown channel with a typed error', async () => {
    const { table } = recordingTable();
    const result = await dispatch(table, 'secrets.readAll', {}, ctx, memoryLogger());
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "secrets.readAll"' },
    });
  });

  it('rejects inherited object keys as channels', async () => {
    const { table } = recordingTable();
    const result = await dispatch(table, 'constructor', {}, ctx, memoryLogger());
    expect(result.ok || result.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('rejects a malformed payload with field issues and never calls the handler', async () => {
    const { table, calls } = recordingTable();
    const result = await dispatch(
      table,
      'connections.add',
      { name: '', settings: { kind: 'clever', baseUrl: 'ftp://x' } },
      ctx,
      memoryLogger(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('BAD_REQUEST');
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'Name is required' },
        { path: 'settings.baseUrl', message: 'Base URL must use https:// (got ftp:)' },
      ]),
    );
    expect(calls).toHaveLength(0);
  });

  it('a JSON null is a wrong shape, not an empty request; no body at all is one', async () => {
    const { table, calls } = recordingTable();
    const refused = await dispatch(table, 'app.status', null, ctx, memoryLogger());
    expect(refused.ok ? 'ok' : refused.error.code).toBe('BAD_REQUEST');
    expect(calls).toHaveLength(0);
    const empty = await dispatch(table, 'app.status', undefined, ctx, memoryLogger());
    expect(empty.ok).toBe(true);
  });

  it('rejects payloads that are not objects, and unknown secret fields', async () => {
    const { table } = recordingTable();
    for (const payload of ['text', 42, [1, 2], { ...clever, secrets: { password: 'x' } }]) {
      const result = await dispatch(table, 'connections.add', payload, ctx, memoryLogger());
      expect(result.ok ? 'ok' : result.error.code).toBe('BAD_REQUEST');
    }
  });

  it('a locked keychain met inside a handler is its own code and sentence, not INTERNAL', async () => {
    const { table } = recordingTable();
    const locked: typeof table = {
      ...table,
      'sync.start': () => {
        throw new KeychainUnavailableError('the unlock prompt was dismissed');
      },
    };
    const result = await dispatch(
      locked,
      'sync.start',
      { connectionId: '6f1c2f0e-8a7b-4f44-9b7e-1d2c3b4a5f60' },
      ctx,
      memoryLogger(),
    );
    expect(result.ok ? 'ok' : result.error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(result.ok ? '' : result.error.message).toMatch(
      /not available: the unlock prompt was dismissed\..*Unlock your keychain, then try again; nothing was changed\.$/,
    );
  });

  it('passes a user-facing AppError through with its code', async () => {
    const { table } = recordingTable();
    const result = await dispatch(
      table,
      'connections.add',
      { ...clever, name: 'refuse' },
      ctx,
      memoryLogger(),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The keychain is locked' },
    });
  });

  it('turns an unexpected failure into a short INTERNAL error with a reference, logged but not leaked', async () => {
    const { table } = recordingTable();
    const logger = memoryLogger();
    const result = await dispatch(
      table,
      'connections.add',
      { ...clever, name: 'explode' },
      ctx,
      logger,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.message).not.toMatch(/fire|\/home|at .*\.ts/);
    const ref = /reference (\w+)/.exec(result.error.message)?.[1];
    expect(
      logger.lines.some((l) => l.includes(`ref ${ref}`) && l.includes('database is on fire')),
    ).toBe(true);
  });

  it('strips reply fields the contract does not name, so a secret cannot slip out', async () => {
    const { table } = recordingTable();
    const result = await dispatch(table, 'connections.list', {}, ctx, memoryLogger());
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('SENTINEL');
  });

  it('has exactly one handler per contract channel', () => {
    const { table } = recordingTable();
    expect(Object.keys(table).sort()).toEqual([...channels].sort());
  });
});
