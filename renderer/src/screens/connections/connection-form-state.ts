import {
  CLEVER_DEFAULT_BASE_URL,
  connectionSaveSchema,
  secretFieldsByKind,
} from '../../../../shared/domain/connection';
import type {
  ConnectionKind,
  ConnectionSave,
  ConnectionView,
  SecretField,
} from '../../../../shared/domain/connection';
import type { FieldIssue } from '../../../../shared/ipc/errors';

/** The form's flat state; secrets start empty (they are never read back) and "" means keep. */
export interface ConnectionFormState {
  kind: ConnectionKind;
  name: string;
  baseUrl: string;
  authMethod: 'oauth1' | 'oauth2';
  onerosterVersion: '1.1' | '1.2' | 'detect';
  clientId: string;
  tokenUrl: string;
  path: string;
  licenseId: string;
  secrets: Partial<Record<SecretField, string>>;
  clear: Partial<Record<SecretField, boolean>>;
}

export type FieldErrors = Partial<Record<string, string>>;

export function initialFormState(existing?: ConnectionView): ConnectionFormState {
  const base: ConnectionFormState = {
    kind: 'classlink',
    name: '',
    baseUrl: '',
    authMethod: 'oauth1',
    onerosterVersion: 'detect',
    clientId: '',
    tokenUrl: '',
    path: '',
    licenseId: '',
    secrets: {},
    clear: {},
  };
  if (!existing) return base;
  const s = existing.settings;
  switch (s.kind) {
    case 'classlink':
      return {
        ...base,
        kind: s.kind,
        name: existing.name,
        baseUrl: s.baseUrl,
        authMethod: s.authMethod,
        onerosterVersion: s.onerosterVersion ?? 'detect',
        clientId: s.clientId,
        tokenUrl: s.tokenUrl ?? '',
      };
    case 'clever':
      return { ...base, kind: s.kind, name: existing.name, baseUrl: s.baseUrl };
    case 'oneroster-csv':
      return { ...base, kind: s.kind, name: existing.name, path: s.path };
    case 'platform':
      return {
        ...base,
        kind: s.kind,
        name: existing.name,
        baseUrl: s.baseUrl,
        licenseId: s.licenseId,
      };
  }
}

function settingsOf(state: ConnectionFormState): Record<string, unknown> {
  switch (state.kind) {
    case 'classlink':
      return {
        kind: state.kind,
        baseUrl: state.baseUrl,
        authMethod: state.authMethod,
        onerosterVersion: state.onerosterVersion,
        clientId: state.clientId,
        tokenUrl: state.tokenUrl,
      };
    case 'clever':
      return {
        kind: state.kind,
        baseUrl: state.baseUrl.trim() === '' ? CLEVER_DEFAULT_BASE_URL : state.baseUrl,
      };
    case 'oneroster-csv':
      return { kind: state.kind, path: state.path };
    case 'platform':
      return { kind: state.kind, baseUrl: state.baseUrl, licenseId: state.licenseId };
  }
}

/** Checks the form with the same schema the main process uses; the save request or field errors. */
export function toSaveRequest(
  state: ConnectionFormState,
): { request: ConnectionSave } | { errors: FieldErrors } {
  const secrets: Record<string, string | null> = {};
  for (const field of secretFieldsByKind[state.kind] as readonly SecretField[]) {
    if (state.clear[field]) secrets[field] = null;
    else if (state.secrets[field]) secrets[field] = state.secrets[field] ?? null;
  }
  const parsed = connectionSaveSchema.safeParse({
    name: state.name,
    settings: settingsOf(state),
    secrets,
  });
  if (parsed.success) return { request: parsed.data };
  return {
    errors: fieldErrors(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    ),
  };
}

/** "settings.baseUrl" -> "baseUrl", "secrets.clientSecret" -> "clientSecret". */
export function fieldErrors(issues: FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.replace(/^(settings|secrets)\./, '') || 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}
