import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { oauth1Header } from '../../electron/core/sources/oneroster/oauth1';
import { verifyOAuth1 } from '../../sandbox/oneroster/oauth1-verify';

const url =
  'http://127.0.0.1:8080/ims/oneroster/v1p1/users?limit=100&offset=0&filter=role%3D%27teacher%27';
const fixed = { nonce: 'abc', timestamp: 1700000000 };
const creds = { clientId: 'ck', clientSecret: 'cs&x' };

describe('OAuth 1.0a HMAC-SHA256', () => {
  it('matches a signature computed by openssl over a hand-written base string', () => {
    // RFC 5849 3.4.1: method & encoded base URL & encoded, sorted, encoded parameters (query and oauth_* together).
    const base =
      'GET&http%3A%2F%2F127.0.0.1%3A8080%2Fims%2Foneroster%2Fv1p1%2Fusers&' +
      'filter%3Drole%253D%2527teacher%2527%26limit%3D100%26oauth_consumer_key%3Dck%26oauth_nonce%3Dabc%26' +
      'oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_version%3D1.0%26offset%3D0';
    const openssl = execFileSync('openssl', ['dgst', '-sha256', '-hmac', 'cs%26x&', '-binary'], {
      input: base,
    }).toString('base64');
    const header = oauth1Header(creds, { url, method: 'GET' }, fixed);
    const signature = decodeURIComponent(/oauth_signature="([^"]+)"/.exec(header)?.[1] ?? '');
    expect(signature).toBe(openssl);
    expect(header).toContain('oauth_signature_method="HMAC-SHA256"');
  });

  it('the sandbox accepts the signature, and rejects a wrong secret or a tampered query', () => {
    const parsed = new URL(url);
    const check = (header: string, query = parsed.searchParams, secret = creds.clientSecret) =>
      verifyOAuth1({
        method: 'GET',
        baseUrl: `${parsed.origin}${parsed.pathname}`,
        query,
        authorization: header,
        consumers: new Map([[creds.clientId, secret]]),
        nowSeconds: fixed.timestamp,
      });
    const header = oauth1Header(creds, { url, method: 'GET' }, fixed);
    expect(check(header)).toEqual({ ok: true, clientId: 'ck' });
    expect(
      check(oauth1Header({ ...creds, clientSecret: 'wrong' }, { url, method: 'GET' }, fixed)),
    ).toEqual({ ok: false, reason: 'signature does not match' });
    const tampered = new URLSearchParams(parsed.searchParams);
    tampered.set('limit', '10000');
    expect(check(header, tampered)).toEqual({ ok: false, reason: 'signature does not match' });
    expect(check(header.replace('HMAC-SHA256', 'HMAC-SHA1'))).toMatchObject({ ok: false });
  });
});
