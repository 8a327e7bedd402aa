import {
  Alert,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useRef, useState } from 'react';
import {
  CLEVER_DEFAULT_BASE_URL,
  connectionKindLabels,
  connectionKinds,
  secretFieldsByKind,
} from '../../../../shared/domain/connection';
import type {
  ConnectionKind,
  ConnectionView,
  SecretField,
} from '../../../../shared/domain/connection';
import type { ConnectionTest } from '../../../../shared/domain/connection-test';
import { RosterDeskError, errorMessage, invoke } from '../../api/invoke';
import { uploadFile } from '../../api/upload-file';
import { useConnectionsStore } from '../../stores/connections-store';
import { fieldErrors, initialFormState, toSaveRequest } from './connection-form-state';
import type { ConnectionFormState, FieldErrors } from './connection-form-state';
import { SecretFieldInput } from './secret-field-input';

export function ConnectionForm({
  existing,
  onDone,
}: {
  existing?: ConnectionView;
  onDone(saved: ConnectionView | null): void;
}) {
  const [state, setState] = useState<ConnectionFormState>(() => initialFormState(existing));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const add = useConnectionsStore((s) => s.add);
  const update = useConnectionsStore((s) => s.update);

  const set = <K extends keyof ConnectionFormState>(key: K, value: ConnectionFormState[K]) =>
    setState((s) => ({ ...s, [key]: value }));
  const text = (
    key: 'name' | 'baseUrl' | 'clientId' | 'tokenUrl' | 'path' | 'licenseId',
    label: string,
    extra: { description?: string; placeholder?: string; required?: boolean } = {},
  ) => (
    <TextInput
      label={label}
      value={state[key]}
      error={errors[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      required={extra.required ?? true}
      {...extra}
    />
  );

  const submit = async () => {
    setFormError(null);
    const checked = toSaveRequest(state);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      onDone(existing ? await update(existing.id, checked.request) : await add(checked.request));
    } catch (error) {
      if (error instanceof RosterDeskError && error.issues.length > 0)
        setErrors(fieldErrors(error.issues));
      setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  // The native dialog in Electron; the browser cannot give a path, so there the file is uploaded.
  const fileInput = useRef<HTMLInputElement>(null);
  const [picking, setPicking] = useState(false);
  const pick = async () => {
    try {
      const picked = await invoke('files.pick', {});
      if (!picked.supported) fileInput.current?.click();
      else if (picked.path) set('path', picked.path);
    } catch (error) {
      setFormError(errorMessage(error));
    }
  };
  const upload = async (file: File | null) => {
    if (!file) return;
    setPicking(true);
    try {
      set('path', await uploadFile(file));
    } catch (error) {
      setFormError(errorMessage(error));
    } finally {
      setPicking(false);
    }
  };
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const runTest = async () => {
    setTest(null);
    const checked = toSaveRequest({ ...state, name: state.name || 'Test' });
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setTesting(true);
    try {
      const secrets = Object.fromEntries(
        Object.entries(checked.request.secrets).filter(([, v]) => typeof v === 'string'),
      );
      setTest(
        await invoke('connections.test', {
          ...(existing ? { id: existing.id } : {}),
          settings: checked.request.settings,
          secrets,
        }),
      );
    } catch (error) {
      setTest({ ok: false, sentence: errorMessage(error), detail: '', seconds: 0 });
    } finally {
      setTesting(false);
    }
  };

  const secretState = (field: SecretField) =>
    existing?.secrets.find((s) => s.field === field)?.isSet;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-label={existing ? `Edit ${existing.name}` : 'New connection'}
      noValidate
    >
      <Stack>
        <Select
          label="Kind"
          data={connectionKinds.map((k) => ({ value: k, label: connectionKindLabels[k] }))}
          value={state.kind}
          disabled={Boolean(existing)}
          allowDeselect={false}
          onChange={(value) => value && set('kind', value as ConnectionKind)}
        />
        {text('name', 'Name', { placeholder: 'e.g. Springfield USD ClassLink' })}
        {state.kind === 'classlink' ? (
          <>
            {text('baseUrl', 'Base URL', {
              placeholder: 'https://tenant-vn-v2.rosterserver.com/ims/oneroster/v1p1',
              description:
                'OneRoster 1.1 ends in /ims/oneroster/v1p1, 1.2 in /ims/oneroster/rostering/v1p2',
            })}
            <Select
              label="OneRoster version"
              description="Detect reads each user by its shape: a single role (1.1) or a roles list (1.2)"
              data={[
                { value: 'detect', label: 'Detect from what the server sends' },
                { value: '1.1', label: 'OneRoster 1.1' },
                { value: '1.2', label: 'OneRoster 1.2' },
              ]}
              value={state.onerosterVersion}
              allowDeselect={false}
              onChange={(v) => v && set('onerosterVersion', v as '1.1' | '1.2' | 'detect')}
            />
            <SegmentedControl
              aria-label="Authentication"
              value={state.authMethod}
              onChange={(v) => set('authMethod', v as 'oauth1' | 'oauth2')}
              data={[
                { value: 'oauth1', label: 'OAuth 1.0a (HMAC-SHA256)' },
                { value: 'oauth2', label: 'OAuth 2 client credentials' },
              ]}
            />
            {text('clientId', 'Client ID')}
            {state.authMethod === 'oauth2'
              ? text('tokenUrl', 'Token URL', {
                  required: false,
                  description: 'Leave empty to use <base URL>/token',
                })
              : null}
          </>
        ) : null}
        {state.kind === 'clever'
          ? text('baseUrl', 'Base URL', {
              required: false,
              placeholder: CLEVER_DEFAULT_BASE_URL,
              description: `Leave empty for ${CLEVER_DEFAULT_BASE_URL}`,
            })
          : null}
        {state.kind === 'oneroster-csv' ? (
          <Group align="end" gap="xs" wrap="nowrap">
            <div style={{ flex: 1 }}>
              {text('path', 'Folder or zip path', {
                placeholder: '/home/admin/exports/oneroster.zip',
                description: 'The full path, or choose the file',
              })}
            </div>
            <Button variant="default" loading={picking} onClick={() => void pick()}>
              Choose a file…
            </Button>
            <input
              ref={fileInput}
              type="file"
              accept=".zip"
              hidden
              aria-label="OneRoster export file"
              onChange={(e) => void upload(e.currentTarget.files?.[0] ?? null)}
            />
          </Group>
        ) : null}
        {state.kind === 'platform' ? (
          <>
            {text('baseUrl', 'Base URL', { placeholder: 'https://platform.example.com/api/v1' })}
            {text('licenseId', 'License ID')}
          </>
        ) : null}
        {(secretFieldsByKind[state.kind] as readonly SecretField[]).map((field) => (
          <SecretFieldInput
            key={field}
            field={field}
            isSet={secretState(field)}
            value={state.secrets[field] ?? ''}
            clear={state.clear[field] ?? false}
            error={errors[field]}
            onChange={(value) =>
              setState((s) => ({ ...s, secrets: { ...s.secrets, [field]: value } }))
            }
            onClear={(clear) => setState((s) => ({ ...s, clear: { ...s.clear, [field]: clear } }))}
          />
        ))}
        {test ? (
          <Alert
            color={test.ok ? 'teal' : 'red'}
            title={test.ok ? 'Connection works' : 'Connection test failed'}
            role="status"
          >
            <Text size="sm">{test.sentence}</Text>
            {test.detail ? (
              <details>
                <summary>
                  <Text span size="xs">
                    Technical detail
                  </Text>
                </summary>
                <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                  {test.detail}
                </Text>
              </details>
            ) : null}
          </Alert>
        ) : null}
        {formError ? (
          <Alert color="red" title="Not saved" role="alert">
            {formError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(null)}>
            Cancel
          </Button>
          <Button variant="default" loading={testing} onClick={() => void runTest()}>
            Test connection
          </Button>
          <Button type="submit" loading={saving}>
            {existing ? 'Save changes' : 'Add connection'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
