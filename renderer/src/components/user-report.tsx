import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  List,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconQuestionMark } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, invoke } from '../api/invoke';
import { useInvoke } from '../api/use-invoke';
import { useChangesStore } from '../stores/changes-store';
import { useDiagnosticsStore } from '../stores/diagnostics-store';
import { notify } from '../lib/notify';
import { SourceBadge } from './source-badge';
import { CopyMessageButton } from './copy-message';
import type { PersonAction } from '../../../shared/domain/diagnostics-views';

const STEP = {
  ok: { color: 'teal.9', icon: <IconCheck size={14} aria-hidden />, label: 'OK' },
  problem: { color: 'red.9', icon: <IconAlertTriangle size={14} aria-hidden />, label: 'Problem' },
  unknown: { color: 'gray.7', icon: <IconQuestionMark size={14} aria-hidden />, label: 'Unknown' },
} as const;

const STAGED_WORDS = {
  EMAIL_MISMATCH: 'Staged the email change for approval',
  NOT_ON_LICENSE: 'Staged the invitation for approval',
  INVITE_PENDING: 'Staged the resend for approval',
  DUPLICATE_ACCOUNT: 'Staged the merge for approval',
} as const;

/** One fix for one person, staged from where the problem is shown; disabled with the reason when it waits. */
function PersonActionButton({ sourcedId, action }: { sourcedId: string; action: PersonAction }) {
  const staged = useChangesStore((s) => s.staged);
  const reload = useDiagnosticsStore((s) => s.load);
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  if (action.text !== undefined)
    return <CopyMessageButton label={action.label} text={action.text} size="compact-sm" />;
  const code = action.code;
  if (!code) return null;
  const run = async () => {
    setState('busy');
    try {
      const r = await invoke('changes.stageFromFindings', { code, subjectId: sourcedId });
      if (r.staged === 0) throw new Error(r.skipped[0]?.reason ?? 'Nothing to stage');
      staged(`${STAGED_WORDS[code]}.${r.warning ? ` ${r.warning}` : ''}`);
      setState('done');
      await reload();
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
      setState('idle');
    }
  };
  return (
    <Stack gap={2} mt={4} align="flex-start">
      <Button
        size="compact-sm"
        disabled={state !== 'idle' || Boolean(action.disabled)}
        onClick={() => void run()}
      >
        {state === 'done' ? `${action.label}: staged` : action.label}
      </Button>
      {action.disabled && state === 'idle' ? (
        <Text size="xs" c="dimmed">
          {action.disabled}
        </Text>
      ) : null}
    </Stack>
  );
}

function Troubleshooter({ sourcedId }: { sourcedId: string }) {
  const { data: result, error } = useInvoke('diagnostics.troubleshoot', { sourcedId });
  if (error) return <Alert color="red">{error}</Alert>;
  if (!result) return <Text c="dimmed">Checking…</Text>;
  return (
    <Stack gap="xs" role="region" aria-label="Troubleshooter">
      <List spacing="xs" listStyleType="none">
        {result.steps.map((s) => (
          <List.Item
            key={s.title}
            icon={
              <ThemeIcon
                size={22}
                radius="xl"
                color={STEP[s.status].color}
                aria-label={STEP[s.status].label}
              >
                {STEP[s.status].icon}
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={600}>
              {s.title}
            </Text>
            <Text size="sm">{s.detail}</Text>
            {s.fix ? <Text size="sm" c="dimmed">{`Fix: ${s.fix}`}</Text> : null}
            {s.action && s.status === 'problem' ? (
              <PersonActionButton sourcedId={sourcedId} action={s.action} />
            ) : null}
          </List.Item>
        ))}
      </List>
      <Alert
        color={result.steps.some((s) => s.status === 'problem') ? 'red' : 'teal'}
        title="Verdict"
      >
        {result.verdict}
        {result.verdictAction ? (
          <PersonActionButton sourcedId={sourcedId} action={result.verdictAction} />
        ) : null}
      </Alert>
      {result.importableClasses.length > 0 ? (
        <>
          <Text size="sm" fw={600}>
            Classes the teacher would be offered to import
          </Text>
          <List size="sm">
            {result.importableClasses.map((c) => (
              <List.Item key={c.sourcedId}>{`${c.title} (${c.students} students)`}</List.Item>
            ))}
          </List>
        </>
      ) : null}
    </Stack>
  );
}

/** What the roster sends for one user, their license entry, their findings, and for a teacher the troubleshooter. */
export function UserReport() {
  const sourcedId = useDiagnosticsStore((s) => s.reportUser);
  const openUser = useDiagnosticsStore((s) => s.openUser);
  return (
    <Drawer
      opened={sourcedId !== null}
      onClose={() => openUser(null)}
      position="right"
      size="xl"
      title="User report"
      closeButtonProps={{ 'aria-label': 'Close user report' }}
    >
      {sourcedId ? <UserReportBody key={sourcedId} sourcedId={sourcedId} /> : null}
    </Drawer>
  );
}

function UserReportBody({ sourcedId }: { sourcedId: string }) {
  const { data: detail, error } = useInvoke('roster.user', { sourcedId });
  const [troubleshoot, setTroubleshoot] = useState(false);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!detail) return <Text c="dimmed">Loading…</Text>;
  return (
    <Stack>
      <Group gap="xs">
        <SourceBadge kind={detail.sourceKind} />
        <Title order={3} size="h4">{`${detail.givenName} ${detail.familyName}`}</Title>
        <Badge color="gray.7">{detail.role}</Badge>
      </Group>
      <Table variant="vertical" withTableBorder aria-label="What the roster sends">
        <Table.Tbody>
          {(
            [
              ['Email', detail.email ?? '(none)'],
              ['Username', detail.username ?? ''],
              ['sourcedId', detail.sourcedId],
              ['Identifier', detail.identifier ?? ''],
              ['Status', `${detail.status}${detail.enabled ? '' : ', disabled'}`],
              ['Schools', detail.orgs.map((o) => o.name ?? o.sourcedId).join(', ')],
              ...(detail.roles.length > 0
                ? [
                    [
                      'Roles (OneRoster 1.2)',
                      detail.roles
                        .map(
                          (r) =>
                            `${r.sourceRole}${r.org ? ` at ${r.org.name ?? r.org.sourcedId}` : ''} (${r.roleType}${r.endDate ? `, until ${r.endDate}` : ''})`,
                        )
                        .join('; '),
                    ] as const,
                  ]
                : []),
              ['Grades', detail.grades.join(', ')],
            ] as const
          ).map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={140}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {detail.roles.length > 1 ? (
        <Text size="sm" c="dimmed">
          {`The roster sends ${detail.roles.length} roles. RosterDesk uses the primary role (${detail.role}) and the first school listed (${detail.orgs[0]?.name ?? detail.orgs[0]?.sourcedId ?? 'none'}, the primary org) wherever one is needed: counts per school, the license check.`}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {`Names and emails of rostered users are edited at ${detail.sourceKind === 'clever' ? 'Clever' : detail.sourceKind === 'classlink' ? 'ClassLink' : 'the SIS'}, not in the platform.`}
      </Text>
      <Title order={4} size="h5">{`Classes (${detail.classes.length})`}</Title>
      <List size="sm">
        {detail.classes.map((c) => (
          <List.Item key={c.sourcedId}>{`${c.title}: ${c.role}, ${c.students} students`}</List.Item>
        ))}
      </List>
      <Title order={4} size="h5">
        License
      </Title>
      <Text size="sm">
        {detail.license
          ? `${detail.license.email}, ${detail.license.status}${detail.license.status === 'invited' && detail.license.invitedAt ? ` (invited on ${detail.license.invitedAt.slice(0, 10)}${detail.license.resentAt ? `, resent on ${detail.license.resentAt.slice(0, 10)}` : ''})` : ''}${detail.license.how === 'suggested' ? ` (likely the same person, ${Math.round(detail.license.confidence * 100)}%)` : ''}`
          : 'No license entry.'}
      </Text>
      {(detail.actions ?? []).length > 0 ? (
        <>
          <Title order={4} size="h5">
            What RosterDesk can do
          </Title>
          <Group gap="sm" align="flex-start" role="group" aria-label="Actions for this person">
            {(detail.actions ?? []).map((a) => (
              <PersonActionButton key={a.label} sourcedId={detail.sourcedId} action={a} />
            ))}
          </Group>
        </>
      ) : null}
      <Title order={4} size="h5">{`Findings (${detail.findings.length})`}</Title>
      {detail.firstProblem && detail.findings.length > 1 ? (
        <Text size="sm" c="dimmed">
          {`Start here lists them under ${detail.firstProblem}: it is the problem to fix first.`}
        </Text>
      ) : null}
      {detail.findings.map((f, i) => (
        <Alert
          key={i}
          color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'blue'}
          title={f.code}
        >
          {f.message}
          <Text size="sm" mt={4}>{`Fix: ${f.fix.action}`}</Text>
        </Alert>
      ))}
      {detail.role === 'teacher' || detail.roles.some((r) => r.role === 'teacher') ? (
        troubleshoot ? (
          <Troubleshooter sourcedId={detail.sourcedId} />
        ) : (
          <Button onClick={() => setTroubleshoot(true)}>
            Why can&apos;t this teacher import their classes?
          </Button>
        )
      ) : null}
    </Stack>
  );
}
