import { Checkbox, PasswordInput, Stack } from '@mantine/core';
import { secretFieldLabels } from '../../../../shared/domain/connection';
import type { SecretField } from '../../../../shared/domain/connection';

/** A write-only secret: type a new value to set or replace it; the saved value is never shown. */
export function SecretFieldInput(props: {
  field: SecretField;
  isSet: boolean | null | undefined;
  value: string;
  clear: boolean;
  error: string | undefined;
  onChange(value: string): void;
  onClear(clear: boolean): void;
}) {
  const label = secretFieldLabels[props.field];
  const description =
    props.isSet === true
      ? 'Saved in the keychain. Type a new value to replace it, or leave empty to keep it.'
      : props.isSet === null
        ? 'Unknown: the keychain cannot be reached.'
        : 'Stored only in the OS keychain, never shown again.';
  return (
    <Stack gap={4}>
      <PasswordInput
        label={label}
        description={description}
        value={props.value}
        disabled={props.clear}
        error={props.error}
        autoComplete="off"
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      {props.isSet ? (
        <Checkbox
          size="xs"
          label={`Remove the saved ${label.toLowerCase()}`}
          checked={props.clear}
          onChange={(e) => props.onClear(e.currentTarget.checked)}
        />
      ) : null}
    </Stack>
  );
}
