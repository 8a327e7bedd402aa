import { z } from 'zod';

/** The four kinds of connection RosterDesk knows. */
export const connectionKinds = ['classlink', 'clever', 'oneroster-csv', 'platform'] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

export const connectionKindLabels: Record<ConnectionKind, string> = {
  classlink: 'ClassLink (OneRoster 1.1 / 1.2)',
  clever: 'Clever (API v3)',
  'oneroster-csv': 'OneRoster CSV export',
  platform: 'Platform license API',
};

export const CLEVER_DEFAULT_BASE_URL = 'https://api.clever.com/v3.0';

/** Secret fields per kind. Their values live only in the OS keychain. */
export const secretFieldsByKind = {
  classlink: ['clientSecret', 'applicationId'],
  clever: ['districtToken'],
  'oneroster-csv': [],
  platform: ['apiToken'],
} as const satisfies Record<ConnectionKind, readonly string[]>;

export type SecretField = (typeof secretFieldsByKind)[ConnectionKind][number];

export const secretFieldLabels: Record<SecretField, string> = {
  clientSecret: 'Client secret',
  applicationId: 'Application ID',
  districtToken: 'District token',
  apiToken: 'API token',
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A base URL must be absolute http(s). Plain http is accepted only on loopback, where the
 * sandbox servers live; a roster or platform API on the network must use https.
 */
export const baseUrlSchema = z
  .string()
  .trim()
  .min(1, 'Base URL is required')
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a URL (expected https://…)` });
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `Base URL must use https:// (got ${url.protocol})` });
      return;
    }
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Base URL must use https:// (http:// is accepted only for 127.0.0.1 or localhost)',
      });
    }
    if (url.username || url.password) {
      ctx.addIssue({
        code: 'custom',
        message: 'Base URL must not contain a user name or password; use the secret fields',
      });
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'Base URL must not contain a query or fragment' });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

const nameSchema = z.string().trim().min(1, 'Name is required').max(120, 'Name is too long');
const requiredText = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(500, `${label} is too long`);

/**
 * A secret in a save request: a string sets or replaces it, null deletes it, absent keeps it.
 * Secrets never come back: replies only say whether each one is set.
 */
const secretInput = z.string().min(1, 'A secret cannot be empty').max(8192).nullable().optional();

export const classLinkSettingsSchema = z.object({
  kind: z.literal('classlink'),
  baseUrl: baseUrlSchema,
  authMethod: z.enum(['oauth1', 'oauth2']),
  /** Which user shape the server sends; "detect" reads each record by its shape. */
  onerosterVersion: z.enum(['1.1', '1.2', 'detect']).optional(),
  clientId: requiredText('Client ID'),
  tokenUrl: z.union([baseUrlSchema, z.literal('')]).optional(),
});
export const cleverSettingsSchema = z.object({
  kind: z.literal('clever'),
  baseUrl: baseUrlSchema.default(CLEVER_DEFAULT_BASE_URL),
});
/** POSIX "/…", Windows "C:\\…" or "C:/…", or a UNC share "\\\\server\\…". */
export function isAbsolutePath(value: string): boolean {
  return /^\//.test(value) || /^[A-Za-z]:[\\/]/.test(value) || /^\\\\[^\\]+\\/.test(value);
}

export const csvSettingsSchema = z.object({
  kind: z.literal('oneroster-csv'),
  path: requiredText('Folder or zip path').refine(isAbsolutePath, {
    message:
      'Give the full path of the folder or zip (starting with / or a drive letter such as C:\\), or pick the file',
  }),
});
export const platformSettingsSchema = z.object({
  kind: z.literal('platform'),
  baseUrl: baseUrlSchema,
  licenseId: requiredText('License ID'),
});

export const connectionSettingsSchema = z.discriminatedUnion('kind', [
  classLinkSettingsSchema,
  cleverSettingsSchema,
  csvSettingsSchema,
  platformSettingsSchema,
]);
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export const secretsInputSchema = z
  .object({
    clientSecret: secretInput,
    applicationId: secretInput,
    districtToken: secretInput,
    apiToken: secretInput,
  })
  .strict();
export type SecretsInput = z.infer<typeof secretsInputSchema>;

export const connectionSaveSchema = z.object({
  name: nameSchema,
  settings: connectionSettingsSchema,
  secrets: secretsInputSchema.default({}),
});
export type ConnectionSave = z.infer<typeof connectionSaveSchema>;

export const connectionIdSchema = z.uuid('Not a connection id');

/** What the UI may know about a connection: settings, and for each secret only whether it is set. */
export const connectionViewSchema = z.object({
  id: connectionIdSchema,
  name: z.string(),
  settings: connectionSettingsSchema,
  // isSet is null when the keychain cannot be reached, so whether a secret is set is unknown.
  secrets: z.array(
    z.object({ field: z.string(), label: z.string(), isSet: z.boolean().nullable() }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  /**
   * ClassLink: whether the platform has an Application ID registered for ClassLink (from the last
   * license pull); null when not known. The keychain's "set" says only that RosterDesk has one.
   */
  platformApplicationId: z.enum(['registered', 'not-registered']).nullable().optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

/** The secret fields a request names that do not belong to its kind. */
export function foreignSecretFields(kind: ConnectionKind, secrets: SecretsInput): string[] {
  const allowed: readonly string[] = secretFieldsByKind[kind];
  return Object.entries(secrets)
    .filter(([field, value]) => value !== undefined && !allowed.includes(field))
    .map(([field]) => field);
}
