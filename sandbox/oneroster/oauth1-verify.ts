import crypto from 'node:crypto';

/**
 * Verifies a two-legged OAuth 1.0a HMAC-SHA256 signature. Written from RFC 5849 section 3.4,
 * independently of the client's signing (which uses the oauth-1.0a library), so the two check
 * each other.
 */
export function verifyOAuth1(options: {
  method: string;
  /** Scheme, host and path, no query: what the client called. */
  baseUrl: string;
  query: URLSearchParams;
  authorization: string | undefined;
  consumers: Map<string, string>;
  nowSeconds?: number;
  seenNonces?: Set<string>;
}): { ok: true; clientId: string } | { ok: false; reason: string } {
  const header = options.authorization ?? '';
  if (!header.startsWith('OAuth '))
    return { ok: false, reason: 'missing OAuth Authorization header' };
  const params = new Map<string, string>();
  for (const part of header.slice(6).split(',')) {
    const match = /^\s*([A-Za-z0-9_]+)="([^"]*)"\s*$/.exec(part);
    if (!match?.[1]) return { ok: false, reason: 'malformed OAuth header' };
    params.set(match[1], decodeURIComponent(match[2] ?? ''));
  }
  const clientId = params.get('oauth_consumer_key');
  const signature = params.get('oauth_signature');
  if (!clientId || !signature)
    return { ok: false, reason: 'oauth_consumer_key or oauth_signature missing' };
  if (params.get('oauth_signature_method') !== 'HMAC-SHA256')
    return { ok: false, reason: 'signature method must be HMAC-SHA256' };
  const secret = options.consumers.get(clientId);
  if (secret === undefined) return { ok: false, reason: 'unknown consumer key' };
  const timestamp = Number(params.get('oauth_timestamp'));
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > 600)
    return { ok: false, reason: 'timestamp out of range' };
  const nonce = params.get('oauth_nonce') ?? '';
  if (options.seenNonces) {
    const key = `${clientId}:${timestamp}:${nonce}`;
    if (options.seenNonces.has(key)) return { ok: false, reason: 'nonce reused' };
    options.seenNonces.add(key);
    if (options.seenNonces.size > 100_000) options.seenNonces.clear();
  }

  const pairs: [string, string][] = [];
  for (const [k, v] of params)
    if (k !== 'oauth_signature' && k !== 'realm') pairs.push([rfc3986(k), rfc3986(v)]);
  for (const [k, v] of options.query) pairs.push([rfc3986(k), rfc3986(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const base = [options.method.toUpperCase(), rfc3986(options.baseUrl), rfc3986(normalized)].join(
    '&',
  );
  const expected = crypto
    .createHmac('sha256', `${rfc3986(secret)}&`)
    .update(base)
    .digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature does not match' };
  return { ok: true, clientId };
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
