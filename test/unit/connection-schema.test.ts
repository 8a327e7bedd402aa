import { describe, expect, it } from 'vitest';
import { baseUrlSchema, connectionSaveSchema } from '../../shared/domain/connection';
import { isSafeExternalUrl } from '../../shared/domain/external-url';

const message = (value: string) => {
  const result = baseUrlSchema.safeParse(value);
  return result.success ? `ok ${result.data}` : result.error.issues[0]?.message;
};

describe('connection settings validation', () => {
  it('says what is wrong with a base URL', () => {
    expect(message('')).toBe('Base URL is required');
    expect(message('rosterserver.com')).toBe(
      '"rosterserver.com" is not a URL (expected https://…)',
    );
    expect(message('http://district.rosterserver.com/ims')).toBe(
      'Base URL must use https:// (http:// is accepted only for 127.0.0.1 or localhost)',
    );
    expect(message('https://user:pw@x.example/ims')).toMatch(
      /must not contain a user name or password/,
    );
    expect(message('https://x.example/ims?limit=5')).toMatch(/must not contain a query/);
    expect(message('https://x.example/ims/oneroster/v1p1/')).toBe(
      'ok https://x.example/ims/oneroster/v1p1',
    );
    expect(message('http://127.0.0.1:8080/ims/oneroster/v1p1')).toBe(
      'ok http://127.0.0.1:8080/ims/oneroster/v1p1',
    );
  });

  it('names each missing field of a kind', () => {
    const result = connectionSaveSchema.safeParse({
      name: ' ',
      settings: {
        kind: 'classlink',
        baseUrl: 'https://x.example',
        authMethod: 'oauth1',
        clientId: '',
      },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'name: Name is required',
      'settings.clientId: Client ID is required',
    ]);
  });

  it('defaults Clever to the public v3.0 API', () => {
    const result = connectionSaveSchema.parse({ name: 'Clever', settings: { kind: 'clever' } });
    expect(result.settings).toEqual({ kind: 'clever', baseUrl: 'https://api.clever.com/v3.0' });
  });
});

describe('external links', () => {
  it('only http(s) without credentials may leave the app', () => {
    expect(isSafeExternalUrl('https://support.example.com/article')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://a:b@host/',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(bad)).toBe(false);
    }
  });
});
