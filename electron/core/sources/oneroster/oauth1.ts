import crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface OAuth1Credentials {
  clientId: string;
  clientSecret: string;
}

/**
 * Two-legged OAuth 1.0a with HMAC-SHA256, as ClassLink Roster Server expects: no token, key =
 * encoded secret + "&", OAuth and query parameters sorted together in the base string. The
 * oauth-1.0a library builds the base string; we supply the HMAC.
 */
export function oauth1Header(
  credentials: OAuth1Credentials,
  request: { url: string; method: string },
  fixed?: { nonce: string; timestamp: number },
): string {
  const oauth = new OAuth({
    consumer: { key: credentials.clientId, secret: credentials.clientSecret },
    signature_method: 'HMAC-SHA256',
    hash_function: (base, key) => crypto.createHmac('sha256', key).update(base).digest('base64'),
  });
  if (fixed) {
    oauth.getNonce = () => fixed.nonce;
    oauth.getTimeStamp = () => fixed.timestamp;
  }
  const data = oauth.authorize({ url: request.url, method: request.method });
  return oauth.toHeader(data).Authorization;
}
