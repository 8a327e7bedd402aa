import { Button, Group, NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { Finding } from '../../../../shared/domain/finding';
import { errorMessage, invoke } from '../../api/invoke';
import { notify } from '../../lib/notify';
import { useChangesStore } from '../../stores/changes-store';
import { DEFAULT_CONFIDENCE } from '../../../../shared/domain/start-here';

/** "Propose fix" on an email mismatch, "Propose merge" on a duplicate account: each stages one change. */
export function ProposeButton({ finding }: { finding: Finding }) {
  const [state, setState] = useState<'idle' | 'busy' | 'staged'>('idle');
  const staged = useChangesStore((s) => s.staged);
  const suggestion = finding.suggestion;
  const merge = finding.merge;
  const person = finding.subjects[0];
  const single =
    finding.code === 'NOT_ON_LICENSE' || finding.code === 'INVITE_PENDING' ? finding.code : null;
  if (finding.code === 'EMAIL_MISMATCH' && !suggestion) return null;
  if (
    finding.code !== 'EMAIL_MISMATCH' &&
    !(finding.code === 'DUPLICATE_ACCOUNT' && merge) &&
    !(single && person)
  )
    return null;
  const propose = async () => {
    setState('busy');
    try {
      if (single && person) {
        const r = await invoke('changes.stageFromFindings', { code: single, subjectId: person.id });
        if (r.staged === 0) throw new Error(r.skipped[0]?.reason ?? 'Nothing to stage');
        staged(
          `Staged: ${single === 'NOT_ON_LICENSE' ? 'invite' : 'resend the invitation to'} ${person.email ?? person.id}.${r.warning ? ` ${r.warning}` : ''}`,
        );
      } else if (suggestion) {
        await invoke('changes.stageEmailFix', { licenseEmail: suggestion.licenseEmail });
        staged(
          `Staged: ${suggestion.licenseEmail} → ${suggestion.rosterEmail}. Approve it on the Changes screen.`,
        );
      } else if (merge) {
        await invoke('changes.stage', {
          kind: 'merge',
          accountId: merge.accountId,
          intoAccountId: merge.intoAccountId,
        });
        staged('Staged the merge. Approve it on the Changes screen.');
      }
      setState('staged');
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
      setState('idle');
    }
  };
  const label =
    single === 'NOT_ON_LICENSE'
      ? `Invite ${person?.email ?? ''}`
      : single === 'INVITE_PENDING'
        ? 'Resend the invitation'
        : suggestion
          ? 'Propose fix'
          : `Propose merge${merge?.seatsFreed ? ` (frees ${merge.seatsFreed} seat)` : ''}`;
  return (
    <Button
      size="compact-xs"
      disabled={state !== 'idle'}
      onClick={() => void propose()}
      aria-label={
        suggestion
          ? `Propose fix for ${suggestion.licenseEmail}`
          : single === 'INVITE_PENDING'
            ? `Resend the invitation to ${person?.email ?? ''}`
            : label
      }
    >
      {state === 'staged' ? 'Staged' : label}
    </Button>
  );
}

/** Stages every email-mismatch suggestion at or above the confidence the admin picks. */
export function BulkStageEmailFixes({ onDone }: { onDone(): void }) {
  const [percent, setPercent] = useState<number>(DEFAULT_CONFIDENCE * 100);
  const [busy, setBusy] = useState(false);
  const staged = useChangesStore((s) => s.staged);
  const run = async () => {
    setBusy(true);
    try {
      const result = await invoke('changes.stageEmailFixes', { minConfidence: percent / 100 });
      staged(
        `Staged ${result.staged} email fix${result.staged === 1 ? '' : 'es'}${result.skipped.length ? `; ${result.skipped.length} skipped (${result.skipped[0]?.reason ?? ''})` : ''}`,
      );
      onDone();
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="end" gap="xs">
      <NumberInput
        label="Minimum confidence (%)"
        value={percent}
        onChange={(v) => setPercent(typeof v === 'number' ? v : Number(v) || 0)}
        min={0}
        max={100}
        w={170}
      />
      <Button disabled={busy} onClick={() => void run()}>
        Stage all suggestions at or above it
      </Button>
      <Text size="xs" c="dimmed" maw={260}>
        Staged fixes wait on the Changes screen; nothing is sent before you approve and push.
      </Text>
    </Group>
  );
}
