import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { DEFAULT_CONFIDENCE } from '../../../../shared/domain/start-here';
import type { Problem } from '../../../../shared/domain/start-here';
import { errorMessage, invoke } from '../../api/invoke';
import { age } from '../../components/age';
import { notify } from '../../lib/notify';
import { SourceBadge } from '../../components/source-badge';
import { useChangesStore } from '../../stores/changes-store';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { useRouteStore } from '../../stores/route-store';
import { useSyncStore } from '../../stores/sync-store';
import { FindingsList } from './findings-panel';
import { CopyMessageButton } from '../../components/copy-message';

// Mantine's orange.9 is below AA with white text; this darker orange is not.
const COLOR = { error: 'red.9', warning: '#a33f00', info: 'blue.9' } as const;
const SEVERITY_WORD = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/** Stages the fix of a problem's findings, then says what happened with a link to Changes. */
function useStageProblem() {
  const staged = useChangesStore((s) => s.staged);
  const reload = useDiagnosticsStore((s) => s.load);
  const [busy, setBusy] = useState(false);
  const run = async (
    code: 'EMAIL_MISMATCH' | 'NOT_ON_LICENSE' | 'INVITE_PENDING' | 'DUPLICATE_ACCOUNT',
    minConfidence?: number,
  ) => {
    setBusy(true);
    try {
      const r = await invoke('changes.stageFromFindings', {
        code,
        ...(minConfidence === undefined ? {} : { minConfidence }),
      });
      const skipped = r.skipped.length
        ? ` ${r.skipped.length} skipped (${r.skipped[0]?.subject ?? ''}: ${r.skipped[0]?.reason ?? ''}).`
        : '';
      if (r.staged === 0) notify('info', `Nothing new to stage.${skipped}`, 'Nothing staged');
      else
        staged(
          `Staged ${r.staged} change${r.staged === 1 ? '' : 's'}; approve and push them on the Changes screen.${skipped}${r.warning ? ` ${r.warning}` : ''}`,
        );
      await reload();
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}

function ProblemAction({ problem, onDetails }: { problem: Problem; onDetails(): void }) {
  const go = useRouteStore((s) => s.go);
  const { run, busy } = useStageProblem();
  const [percent, setPercent] = useState(DEFAULT_CONFIDENCE * 100);
  const a = problem.action;
  // Suggestions not staged yet at the chosen threshold: the button never offers what is staged.
  const left =
    a.kind === 'stage' && a.confidences
      ? a.confidences.filter((c) => c >= percent / 100 - 1e-9).length
      : null;
  let primary = null;
  if (a.kind === 'stage' && a.code === 'EMAIL_MISMATCH')
    primary = (
      <Group gap="xs" align="end" wrap="wrap">
        <NumberInput
          label="Minimum confidence (%)"
          size="xs"
          w={190}
          min={50}
          max={100}
          value={percent}
          onChange={(v) => setPercent(typeof v === 'number' ? v : Number(v) || 90)}
        />
        <Button
          size="xs"
          loading={busy}
          disabled={left === 0}
          onClick={() => void run('EMAIL_MISMATCH', percent / 100)}
        >
          {`Fix all with confidence ≥ ${percent}%`}
        </Button>
        <Text size="xs" c="dimmed" pb={6}>
          {left === 0 ? `None left at ${percent}% or more` : `${left} left at ${percent}% or more`}
        </Text>
      </Group>
    );
  else if (a.kind === 'stage')
    primary = (
      <Button size="xs" loading={busy} onClick={() => void run(a.code)}>
        {a.label}
      </Button>
    );
  else if (a.kind === 'open')
    primary = (
      <Button size="xs" variant="default" onClick={() => go(a.screen, a.connectionId)}>
        {a.label}
      </Button>
    );
  else primary = <CopyMessageButton label={a.label} text={a.text} />;
  return (
    <Group gap="xs" wrap="wrap" align="end">
      {primary}
      <Button
        size="xs"
        variant="subtle"
        onClick={onDetails}
        aria-label={`Who and why: ${problem.sentence}`}
      >
        Who and why
      </Button>
    </Group>
  );
}

/**
 * The first thing on the dashboard: what is compared with what, and the district's problems as
 * plain sentences, most harmful first, each with the button that fixes it (or the message for IT).
 */
export function StartHerePanel() {
  const startHere = useDiagnosticsStore((s) => s.startHere);
  const reload = useDiagnosticsStore((s) => s.load);
  const loadOverview = useSyncStore((s) => s.loadOverview);
  const go = useRouteStore((s) => s.go);
  const [details, setDetails] = useState<Problem | null>(null);
  if (!startHere?.scope) return null;
  const { scope, choices, problems } = startHere;
  const setScope = async (connectionId: string | null) => {
    if (!connectionId || connectionId === scope.connectionId) return;
    try {
      await invoke('dashboard.setScope', { connectionId });
      await Promise.all([loadOverview(), reload()]);
    } catch (error) {
      notify('error', errorMessage(error), 'Not switched');
    }
  };
  return (
    <Card withBorder role="region" aria-label="Start here">
      <Group gap="xs">
        <Title order={3} size="h4">
          Start here
        </Title>
        <SourceBadge kind={scope.sourceKind} />
      </Group>
      <Group gap="xs" mt={4} mb="sm" wrap="wrap" align="end">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 320px' }}>
          {`Comparing the roster from ${scope.connectionName} (synced ${age(scope.syncedAt)}) with ${scope.license ? `the license ${scope.license}` : 'no license yet: pull or import it on the License screen'}.`}
        </Text>
        {choices.length > 1 ? (
          <Select
            size="xs"
            label="Roster to check"
            w={260}
            allowDeselect={false}
            data={choices.map((c) => ({ value: c.connectionId, label: c.name }))}
            value={scope.connectionId}
            onChange={(v) => void setScope(v)}
          />
        ) : null}
      </Group>
      {startHere.reclaim ? (
        <Card withBorder padding="sm" mb="sm" data-testid="reclaim-note">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" fw={600} style={{ flex: '1 1 320px' }}>
              {`The license is ${Math.round((startHere.reclaim.used / startHere.reclaim.seats) * 100)}% used (${startHere.reclaim.used} of ${startHere.reclaim.seats} seats), and ${startHere.reclaim.unused} seat${startHere.reclaim.unused === 1 ? ' is' : 's are'} held by people who do not use the platform.`}
            </Text>
            <Button size="xs" variant="default" onClick={() => go('year')}>
              Reclaim unused seats
            </Button>
          </Group>
        </Card>
      ) : null}
      {problems.length === 0 ? (
        <Text>No problems found: every licensed teacher should see their classes.</Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {problems.map((p) => (
            <Card
              key={p.code}
              component="li"
              withBorder
              padding="sm"
              data-testid="problem"
              data-code={p.code}
            >
              <Group gap="xs" wrap="nowrap" align="start">
                <Badge
                  color={COLOR[p.severity]}
                  styles={{ root: { overflow: 'visible', flexShrink: 0 } }}
                >
                  {SEVERITY_WORD[p.severity]}
                </Badge>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Text fw={600}>{p.sentence}</Text>
                  <Text size="sm">{p.where}</Text>
                  {p.progress ? (
                    <Text size="sm" c="teal.9" fw={600} data-testid="problem-progress">
                      {p.progress}{' '}
                      <Anchor component="button" size="sm" onClick={() => go('changes')}>
                        Open Changes
                      </Anchor>
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">{`Code for support: ${p.code}`}</Text>
                </Stack>
              </Group>
              <div style={{ marginTop: 8 }}>
                <ProblemAction problem={p} onDetails={() => setDetails(p)} />
              </div>
            </Card>
          ))}
        </Stack>
      )}
      <Modal
        opened={details !== null}
        onClose={() => setDetails(null)}
        title={details?.sentence ?? ''}
        size="xl"
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {details ? (
          <FindingsList
            key={details.code}
            code={details.code}
            problem
            onOpenUser={() => setDetails(null)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
