import { Alert, Stack } from '@mantine/core';
import { useAppStatusStore } from '../stores/app-status-store';

const colors = { info: 'blue', warning: 'yellow', error: 'red' } as const;

/** What the main process had to tell the user at start: a damaged cache moved aside, an upgrade. */
export function StartupNotices() {
  const status = useAppStatusStore((s) => s.status);
  const error = useAppStatusStore((s) => s.error);
  if (error) {
    return (
      <Alert color="red" title="RosterDesk's back end is not answering" mb="md">
        {error}
      </Alert>
    );
  }
  if (!status || status.notices.length === 0) return null;
  return (
    <Stack gap="xs" mb="md">
      {status.notices.map((notice) => (
        <Alert
          key={notice.message}
          color={colors[notice.level]}
          title={notice.level === 'error' ? 'Cache problem' : 'Notice'}
        >
          {notice.message}
        </Alert>
      ))}
    </Stack>
  );
}
