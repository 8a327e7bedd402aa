import { z } from 'zod';
import type { HttpClient } from '../../http/http-client';
import { UpstreamError } from '../../http/upstream-error';

const tokenReply = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive().optional(),
});

/** OAuth 2 client credentials: fetches a bearer token and reuses it until a minute before it expires. */
export class ClientCredentialsToken {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly provider: string,
  ) {}

  async bearer(signal?: AbortSignal): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const basic = Buffer.from(
      `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`,
    ).toString('base64');
    const response = await this.http.json(
      {
        url: this.tokenUrl,
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      },
      signal,
    );
    const parsed = tokenReply.safeParse(response.body);
    if (!parsed.success)
      throw new UpstreamError(
        'malformed',
        `${this.provider}'s token endpoint answered without an access_token`,
      );
    this.token = {
      value: parsed.data.access_token,
      expiresAt: Date.now() + (parsed.data.expires_in ?? 3600) * 1000,
    };
    return this.token.value;
  }
}
