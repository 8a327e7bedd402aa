import {
  Alert,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Progress,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { localDay } from '../../../../shared/domain/old-students';
import type { CleanupResult, WorksheetImportResult } from '../../../../shared/domain/old-students';
import { errorMessage, invoke } from '../../api/invoke';
import { useInvoke } from '../../api/use-invoke';
import { useChangesStore } from '../../stores/changes-store';
import { ScreenHeader } from '../../components/screen-header';
import { notify } from '../../lib/notify';
import { ReviewQueueCard } from './review-queue-card';
import { WorksheetImportResultView } from './worksheet-import-result';
import { CountCards } from '../../components/count-cards';
import { saveExport } from '../../api/save-export';

const SeatsChart = lazy(() => import('./seats-chart').then((m) => ({ default: m.SeatsChart })));
const number = new Intl.NumberFormat('en-US');

/**
 * Students' old accounts after rostering (seed 004): the seats they hold, the worksheet teachers
 * fill with real names, read back as merges to review and push, and the clean-up of the rest.
 */
export function OldStudentsScreen() {
  const [tick, setTick] = useState(0);
  const { data: seats, error } = useInvoke('students.seats', {}, [tick]);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<WorksheetImportResult | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [before, setBefore] = useState('2026-01-01');
  const [cleanup, setCleanup] = useState<CleanupResult | null>(null);
  const refreshChanges = useChangesStore((st) => st.refresh);
  const overview = useInvoke('roster.overview', {}).data;
  // Two teachers with one name ("Li Taylor"): their emails tell them apart.
  const names = (seats?.perTeacher ?? []).map((t) => t.teacher);
  const namesakes = new Set(names.filter((n, i) => names.indexOf(n) !== i));

  const exportWorksheet = async (kind: 'student-logins' | 'student-worksheet-pdf') => {
    setBusy(kind);
    await saveExport({ kind, pseudonymise: false });
    setBusy(null);
  };
  const importWorksheet = async (file: File | null) => {
    if (!file) return;
    setImportError(null);
    setBusy('import');
    try {
      const read = await invoke('students.importWorksheet', {
        fileName: file.name,
        text: await file.text(),
      });
      setResult(read);
      setTick((t) => t + 1);
      // The navigation's count of waiting changes includes the merges just staged.
      void refreshChanges();
    } catch (e) {
      setImportError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const countCleanup = async () => {
    try {
      setCleanup(await invoke('students.cleanup', { before, stage: false }));
    } catch (e) {
      notify('error', errorMessage(e), 'Could not count');
    }
  };
  const stageCleanup = async () => {
    try {
      const done = await invoke('students.cleanup', { before, stage: true });
      notify('success', `Staged ${done.staged} removals for review on the Changes screen`);
      setCleanup(null);
      setTick((t) => t + 1);
      void refreshChanges();
    } catch (e) {
      notify('error', errorMessage(e), 'Not staged');
    }
  };

  return (
    <>
      <ScreenHeader
        title="Old student accounts"
        description="Accounts teachers made by hand before rostering: a username and passcode, no name. Each still holds a seat and the student's work until it is merged into the student's rostered account."
      />
      <Stack>
        {error ? <Alert color="red">{error}</Alert> : null}
        {seats && overview?.snapshot ? (
          <Text size="sm" c="dimmed">
            {`Rostered student accounts are counted on the platform; the roster sends ${number.format(overview.students)} live students${seats.rosteredStudents > overview.students ? `. The ${number.format(seats.rosteredStudents - overview.students)} more accounts belong to students the roster now marks disabled or to be deleted: the platform keeps their accounts until it removes them` : ''}.`}
          </Text>
        ) : null}
        {seats ? (
          <CountCards
            cols={{ base: 2, sm: 3, lg: 5 }}
            counts={[
              ['Rostered student accounts', seats.rosteredStudents],
              ['Old accounts not merged', seats.oldUnmerged],
              ['Merged so far', seats.merged],
              ['Seats freed by staged changes', seats.seatsToFree],
              ['Student seats used', seats.studentSeatsUsed ?? 0],
            ]}
          />
        ) : null}
        <Card withBorder>
          <Title order={3} size="h4">
            1. Send teachers the worksheet
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            One row per old account, grouped by the teacher who made it, with two empty columns for
            the student&apos;s real first and last name.
          </Text>
          <Group>
            <Button
              loading={busy === 'student-logins'}
              onClick={() => void exportWorksheet('student-logins')}
            >
              Export the worksheet (CSV)
            </Button>
            <Button
              variant="default"
              loading={busy === 'student-worksheet-pdf'}
              onClick={() => void exportWorksheet('student-worksheet-pdf')}
            >
              Printable PDF, a page per teacher
            </Button>
          </Group>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">
            2. Read the filled worksheet back
          </Title>
          <FileInput
            label="Filled worksheet (CSV)"
            description="Any column order, comma or semicolon. A name is merged only into a student of the classes of the teacher who made the account whom it singles out (accents, nicknames, a typo, swapped names or an initial allowed); every other row waits below for your choice, never guessed."
            accept=".csv,text/csv,text/plain"
            leftSection={<IconFileUpload size={16} aria-hidden />}
            onChange={(f) => void importWorksheet(f)}
            disabled={busy === 'import'}
            clearable
            mb="sm"
          />
          {importError ? (
            <Alert color="red" title="Not read">
              {importError}
            </Alert>
          ) : null}
          {result ? <WorksheetImportResultView result={result} /> : null}
        </Card>
        <ReviewQueueCard tick={tick} onChange={() => setTick((t) => t + 1)} />
        <Card withBorder>
          <Text size="sm" c="dimmed" mt="sm">
            3. Approve the merges on the Changes screen and push: each is applied once, and the
            seats below update after the push.
          </Text>
        </Card>
        {seats && seats.perTeacher.length > 0 ? (
          <Card withBorder role="region" aria-label="Progress per teacher">
            <Title order={3} size="h4" mb="xs">
              Progress per teacher
            </Title>
            <Stack gap={6}>
              {seats.perTeacher.map((t) => (
                <div key={`${t.teacher}|${t.email ?? ''}`}>
                  <Text size="sm">{`${t.teacher}${namesakes.has(t.teacher) && t.email ? ` (${t.email})` : ''}: ${t.merged} of ${t.total} old account${t.total === 1 ? '' : 's'} merged${t.staged ? ` (${t.staged} staged)` : ''}`}</Text>
                  <Progress
                    value={t.total ? (100 * t.merged) / t.total : 0}
                    aria-label={`${t.teacher}: ${t.merged} of ${t.total} merged`}
                  />
                </div>
              ))}
            </Stack>
          </Card>
        ) : null}
        {seats ? (
          <Suspense fallback={null}>
            <SeatsChart history={seats.history} />
          </Suspense>
        ) : null}
        <Card withBorder>
          <Title order={3} size="h4">
            Clean up what nobody claims
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            Old accounts never merged and last active before a date are staged for removal, for you
            to review. Nothing is removed until you approve and push.
          </Text>
          <Group align="end">
            <TextInput
              type="date"
              label="Last active before"
              max={localDay(new Date())}
              value={before}
              onChange={(e) => setBefore(e.currentTarget.value)}
            />
            <Button variant="default" onClick={() => void countCleanup()}>
              Remove unclaimed old accounts…
            </Button>
          </Group>
        </Card>
      </Stack>
      <Modal
        opened={cleanup !== null}
        onClose={() => setCleanup(null)}
        title="Remove unclaimed old accounts?"
      >
        {cleanup ? (
          <Stack>
            <Text>
              {cleanup.accounts === 0
                ? `No old account unmerged and last active before ${before}.`
                : `${cleanup.accounts} old student accounts were never merged and were last active before ${before}. Removing them frees ${cleanup.seatsFreed} seats, and erases ${number.format(cleanup.workRecordsLost)} work records for good: a student who comes back cannot get that work back.`}
            </Text>
            {cleanup.skipped > 0 ? (
              <Text
                size="sm"
                c="dimmed"
              >{`${cleanup.skipped} already have a merge or removal staged and are left as they are.`}</Text>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCleanup(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                disabled={cleanup.accounts === 0}
                onClick={() => void stageCleanup()}
              >
                {`Stage ${cleanup.accounts} removals for review`}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
