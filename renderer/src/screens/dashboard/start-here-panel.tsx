import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
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
  const [percent, setPercent] = useState(90);
  const [copyText, setCopyText] = useState<string | null>(null);
  const a = problem.action;
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
        <Button size="xs" loading={busy} onClick={() => void run('EMAIL_MISMATCH', percent / 100)}>
          {`Fix all with confidence ≥ ${percent}%`}
        </Button>
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
      <Button size="xs" variant="default" onClick={() => go(a.screen)}>
        {a.label}
      </Button>
    );
  else
    primary = (
      <Button size="xs" variant="default" onClick={() => setCopyText(a.text)}>
        {a.label}
      </Button>
    );
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
      {copyText !== null ? (
        <Modal
          opened
          closeButtonProps={{ 'aria-label': 'Close' }}
          onClose={() => setCopyText(null)}
          title="A message for the district's IT"
          size="lg"
        >
          <Stack>
            <Text size="sm">
              RosterDesk cannot fix this: it is made at the rostering service or in the SIS. Copy
              this message and send it to whoever manages them.
            </Text>
            <Textarea
              value={copyText}
              readOnly
              autosize
              minRows={6}
              maxRows={16}
              aria-label="Message"
            />
            <Group justify="flex-end">
              <Button
                onClick={() => {
                  void navigator.clipboard
                    .writeText(copyText)
                    .then(() => notify('success', 'Copied: paste it into an email or a ticket.'))
                    .catch(() =>
                      notify('error', 'Select the text and copy it with Ctrl+C.', 'Could not copy'),
                    );
                }}
              >
                Copy to the clipboard
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
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
            onOpenUser={() => setDetails(null)}
          />
        ) : null}
      </Modal>
    </Card>
  );
}
