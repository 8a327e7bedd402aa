import {
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { SUGGESTED_PAUSE } from '../../../../shared/domain/watch';
import type { ScheduleView, SyncSchedule } from '../../../../shared/domain/watch';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';

/** One roster connection's schedule, pause and hold thresholds, saved together. */
function ScheduleForm({
  view,
  saved,
}: {
  view: ScheduleView;
  saved: (next: ScheduleView[]) => void;
}) {
  const [draft, setDraft] = useState<SyncSchedule>(view.schedule);
  const [blackout, setBlackout] = useState(view.schedule.blackout.join(', '));
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<SyncSchedule>) => setDraft({ ...draft, ...patch });
  const save = async () => {
    setBusy(true);
    try {
      const days = blackout
        .split(/[\s,;]+/)
        .map((d) => d.trim())
        .filter(Boolean);
      saved(
        await invoke('watch.setSchedule', {
          connectionId: view.connectionId,
          schedule: { ...draft, blackout: days },
        }),
      );
      notify('success', `Schedule of ${view.connectionName} saved`);
    } catch (error) {
      notify('error', errorMessage(error), 'Schedule not saved');
    } finally {
      setBusy(false);
    }
  };
  const pct = (x: number) => Math.round(x * 100);
  return (
    <Stack gap="sm" role="group" aria-label={`Schedule of ${view.connectionName}`}>
      <Group justify="space-between">
        <Text fw={600}>{view.connectionName}</Text>
        <Text size="sm" c="dimmed">
          {view.next}
        </Text>
      </Group>
      <SegmentedControl
        aria-label={`When ${view.connectionName} syncs`}
        value={draft.mode}
        onChange={(mode) => set({ mode: mode as SyncSchedule['mode'] })}
        data={[
          { value: 'off', label: 'Off' },
          { value: 'daily', label: 'Daily' },
          { value: 'hours', label: 'Every N hours' },
        ]}
      />
      <Group align="flex-end">
        {draft.mode === 'daily' && (
          <TextInput
            label="At (HH:MM)"
            w={140}
            value={draft.at}
            onChange={(e) => set({ at: e.currentTarget.value })}
          />
        )}
        {draft.mode === 'hours' && (
          <NumberInput
            label="Every (hours)"
            w={160}
            min={1}
            max={744}
            value={draft.everyHours}
            onChange={(v) => typeof v === 'number' && set({ everyHours: v })}
          />
        )}
        <TextInput
          label="No sync on these days (YYYY-MM-DD, comma separated)"
          w={360}
          value={blackout}
          onChange={(e) => setBlackout(e.currentTarget.value)}
        />
      </Group>
      <Switch
        label={
          draft.pause
            ? `Pause every year from ${draft.pause.from} to ${draft.pause.until} (MM-DD)`
            : `Pause over the summer (suggested: ${SUGGESTED_PAUSE.from} to ${SUGGESTED_PAUSE.until}, as Clever does by default)`
        }
        checked={draft.pause !== null}
        onChange={(e) => set({ pause: e.currentTarget.checked ? { ...SUGGESTED_PAUSE } : null })}
      />
      <Group align="flex-end">
        {(
          [
            ['disappear', 'Hold when more than this % would disappear', 300, true],
            ['change', '… or more than this % would change', 260, true],
            ['minimum', 'Counted from (records)', 200, false],
          ] as const
        ).map(([key, label, width, percent]) => (
          <NumberInput
            key={key}
            label={label}
            w={width}
            min={0}
            {...(percent ? { max: 100 } : {})}
            value={percent ? pct(draft.thresholds[key]) : draft.thresholds[key]}
            onChange={(v) =>
              typeof v === 'number' &&
              set({ thresholds: { ...draft.thresholds, [key]: percent ? v / 100 : v } })
            }
          />
        ))}
      </Group>
      <TextInput
        label="Write each scheduled sync's digest as JSON to this folder (optional)"
        value={draft.digestFolder ?? ''}
        onChange={(e) => set({ digestFolder: e.currentTarget.value.trim() || null })}
      />
      <Button w="fit-content" loading={busy} onClick={() => void save()}>
        {`Save the schedule of ${view.connectionName}`}
      </Button>
    </Stack>
  );
}

/** Every roster connection's schedule. */
export function ScheduleCard({
  schedules,
  saved,
}: {
  schedules: ScheduleView[];
  saved: (next: ScheduleView[]) => void;
}) {
  return (
    <Card withBorder role="region" aria-label="Schedules">
      <Title order={3} size="h4" mb="xs">
        Schedules
      </Title>
      <Text size="sm" mb="sm">
        Scheduled syncs run while RosterDesk is open (the desktop app can keep running in the tray).
        A sync past its thresholds is held for review instead of becoming current. Where the app is
        not open, run <code>rosterdesk sync --data-dir DIR --all</code> from cron, a systemd timer
        or Task Scheduler (see README).
      </Text>
      <Stack gap="xl">
        {schedules.length === 0 ? (
          <Text size="sm" c="dimmed">
            No roster connection yet.
          </Text>
        ) : (
          schedules.map((s) => <ScheduleForm key={s.connectionId} view={s} saved={saved} />)
        )}
      </Stack>
    </Card>
  );
}
