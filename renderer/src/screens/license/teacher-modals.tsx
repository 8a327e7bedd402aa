import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { LicenseRow } from '../../../../shared/domain/license';
import type { StageRequest } from '../../../../shared/domain/change';
import { errorMessage, invoke } from '../../api/invoke';
import { useChangesStore } from '../../stores/changes-store';

/** The reason a change was not staged, and the submit button. */
function FormFooter({
  error,
  busy,
  label,
}: {
  error: string | null;
  busy: boolean;
  label: string;
}) {
  return (
    <>
      {error ? (
        <Alert color="red" title="Not staged">
          {error}
        </Alert>
      ) : null}
      <Group justify="end">
        <Button type="submit" disabled={busy}>
          {label}
        </Button>
      </Group>
    </>
  );
}

function useStage(onDone: () => void) {
  const staged = useChangesStore((s) => s.staged);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stage = async (request: StageRequest, message: string) => {
    setBusy(true);
    setError(null);
    try {
      const change = await invoke('changes.stage', request);
      staged(change.warning ? `${message}. ${change.warning}` : message);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { stage, error, busy };
}

/** Stages an invitation for one teacher. */
export function AddTeacherModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const [email, setEmail] = useState('');
  const [givenName, setGiven] = useState('');
  const [familyName, setFamily] = useState('');
  const { stage, error, busy } = useStage(() => {
    setEmail('');
    setGiven('');
    setFamily('');
    onClose();
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add a teacher to the license"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void stage(
            { kind: 'invite', email, givenName, familyName },
            `Staged an invitation for ${email}. Approve it on the Changes screen.`,
          );
        }}
      >
        <Stack>
          <TextInput
            label="Email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label="First name"
            value={givenName}
            onChange={(e) => setGiven(e.currentTarget.value)}
          />
          <TextInput
            label="Last name"
            value={familyName}
            onChange={(e) => setFamily(e.currentTarget.value)}
          />
          <FormFooter error={error} busy={busy} label="Stage invitation" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Stages a new email for a manually added teacher (rostered ones are edited at the source). */
export function ChangeEmailModal({ row, onClose }: { row: LicenseRow | null; onClose(): void }) {
  const [email, setEmail] = useState('');
  const { stage, error, busy } = useStage(() => {
    setEmail('');
    onClose();
  });
  return (
    <Modal
      opened={row !== null}
      onClose={onClose}
      title="Change a teacher's email"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {row ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void stage(
              { kind: 'change-email', teacherId: row.platformId ?? '', email },
              `Staged: ${row.email} → ${email}. Approve it on the Changes screen.`,
            );
          }}
        >
          <Stack>
            <Text size="sm">{`Now: ${row.email}`}</Text>
            <TextInput
              label="New email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <FormFooter error={error} busy={busy} label="Stage email change" />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
