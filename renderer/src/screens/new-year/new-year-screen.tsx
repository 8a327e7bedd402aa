import { Button, Card, Group, Loader, Modal, Select, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { StageRequest } from '../../../../shared/domain/change';
import type {
  ReclaimList,
  Rehearsal,
  YearPerson,
  YearSource,
} from '../../../../shared/domain/new-year';
import { useSyncEnded } from '../../api/use-sync-ended';
import { errorMessage, invoke } from '../../api/invoke';
import { ScreenHeader } from '../../components/screen-header';
import { downloadBase64 } from '../../lib/download';
import { notify } from '../../lib/notify';
import { useRouteStore } from '../../stores/route-store';
import { useSyncStore } from '../../stores/sync-store';
import { ForecastCard } from './forecast-card';
import { NextYearExportButton } from './next-year-export';
import { PeoplePicker } from './people-picker';
import { ReadinessCard } from './readiness-card';
import { ReclaimCard } from './reclaim-card';
import { SchoolTable } from './school-table';
import { stagePicks } from './stage-picks';

type Lists = 'leavers' | 'arrivals' | 'emailChanges';
const ready = (people: YearPerson[]) =>
  new Set(people.filter((p) => p.stage && !p.pending).map((p) => p.sourcedId));

/**
 * The new school year before it happens: next year's roster beside today's and the license, the
 * readiness checklist, the seat forecast and the seats nobody uses; the admin picks what to stage.
 */
export function NewYearScreen() {
  const [sources, setSources] = useState<YearSource[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [rehearsal, setRehearsal] = useState<Rehearsal | null>(null);
  const [reclaim, setReclaim] = useState<ReclaimList | null>(null);
  const [loaded, setLoaded] = useState(-1);
  const [problem, setProblem] = useState<string | null>(null);
  const [picked, setPicked] = useState<Record<Lists, Set<string>>>({
    leavers: new Set(),
    arrivals: new Set(),
    emailChanges: new Set(),
  });
  const [confirm, setConfirm] = useState(false);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const busy = loaded !== version;
  const demoRunning = useSyncStore((s) => s.demoRunning);
  const go = useRouteStore((s) => s.go);

  useEffect(() => {
    let live = true;
    invoke('year.sources', {})
      .then(async (list) => {
        if (!live) return;
        setSources(list);
        const id =
          chosen !== null && list.some((s) => s.snapshotId === chosen)
            ? chosen
            : (list[0]?.snapshotId ?? null);
        if (id === null) {
          setRehearsal(null);
          // No next year yet: the seats nobody uses still show.
          const list = await invoke('year.reclaim', {});
          if (live) setReclaim(list);
          return;
        }
        setChosen(id);
        const r = await invoke('year.rehearse', { snapshotId: id });
        if (!live) return;
        setRehearsal(r);
        setPicked({
          leavers: ready(r.leavers),
          arrivals: ready(r.arrivals),
          emailChanges: ready(r.emailChanges),
        });
        setProblem(null);
      })
      .catch((error: unknown) => live && setProblem(errorMessage(error)))
      .finally(() => live && setLoaded(version));
    return () => {
      live = false;
    };
    // `chosen` is read, not watched: picking a source calls reload itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  // A sync that ends may be next year's roster arriving.
  useSyncEnded(reload);

  const requests = (list: Lists): StageRequest[] =>
    (rehearsal?.[list] ?? []).flatMap((p) =>
      p.stage && !p.pending && picked[list].has(p.sourcedId) ? [p.stage] : [],
    );
  const picks = [...requests('leavers'), ...requests('arrivals'), ...requests('emailChanges')];
  const removals = requests('leavers').length;
  const stage = async () => {
    setConfirm(false);
    if (await stagePicks(picks, 'NEW_YEAR')) reload();
  };
  const exportAs = async (format: 'csv' | 'pdf') => {
    try {
      const file = await invoke('year.export', {
        format,
        ...(chosen !== null ? { snapshotId: chosen } : {}),
      });
      downloadBase64(file.fileName, file.mimeType, file.base64);
      notify('success', `Saved ${file.fileName}`);
    } catch (error) {
      notify('error', errorMessage(error), 'Export failed');
    }
  };
  const demoNextYear = async () => {
    try {
      await invoke('demo.nextYear', {});
      notify('info', "Syncing the demo district's next year: the rehearsal opens when it ends.");
    } catch (error) {
      notify('error', errorMessage(error), 'Not started');
    }
  };

  return (
    <>
      <ScreenHeader
        title="New school year"
        description="A dress rehearsal of next year's roster against today's and the license: who leaves, arrives and changes email, per school; whether the district is ready; whether the seats last; and the seats nobody uses. Nothing is pushed by itself."
        actions={
          rehearsal ? (
            <Group gap="xs">
              <Button variant="default" onClick={() => void exportAs('csv')}>
                Export CSV
              </Button>
              <Button variant="default" onClick={() => void exportAs('pdf')}>
                Export PDF
              </Button>
            </Group>
          ) : undefined
        }
      />
      <Stack>
        {problem && <Text c="var(--mantine-color-red-text)">{problem}</Text>}
        {sources !== null && sources.length === 0 && (
          <Card withBorder role="region" aria-label="Next year's roster">
            <Stack gap="sm">
              <Title order={3} size="h4">
                Point RosterDesk at next year's roster
              </Title>
              <Text size="sm">
                Add the export your SIS produced for next year (a OneRoster CSV zip): it becomes a
                connection of its own and is synced. A folder export (Connections) or a held sync of
                the new year (Watch) works too. The rehearsal compares it with today's roster and
                the license.
              </Text>
              <Group>
                <NextYearExportButton />
                <Button variant="subtle" onClick={() => go('connections')}>
                  Open Connections
                </Button>
                {demoRunning && (
                  <Button onClick={() => void demoNextYear()}>
                    Use the demo district's next year
                  </Button>
                )}
              </Group>
            </Stack>
          </Card>
        )}
        {sources !== null && sources.length > 0 && (
          <Group align="flex-end">
            <Select
              label="Next year's roster"
              data={sources.map((s) => ({ value: String(s.snapshotId), label: s.label }))}
              value={chosen === null ? null : String(chosen)}
              onChange={(v) => {
                if (v) {
                  setChosen(Number(v));
                  reload();
                }
              }}
              allowDeselect={false}
              w="100%"
              maw={560}
            />
            <NextYearExportButton />
            {busy && <Loader size="sm" aria-label="Rehearsing" />}
          </Group>
        )}
        {!rehearsal && reclaim && <ReclaimCard list={reclaim} changed={reload} />}
        {rehearsal && (
          <>
            <Text size="sm" aria-label="Rehearsal summary">
              {`Today: ${rehearsal.today.connectionName}. Next year: ${rehearsal.next.label}${rehearsal.startsOn ? `, starting ${rehearsal.startsOn}` : ''}. ${rehearsal.totals.leavers} teachers leave, ${rehearsal.totals.arrivals} arrive, ${rehearsal.totals.emailChanges} change email; ${rehearsal.totals.graduates} students graduate.`}
            </Text>
            <ReadinessCard readiness={rehearsal.readiness} />
            <ForecastCard forecast={rehearsal.forecast} />
            <Card withBorder role="region" aria-label="What the new year changes">
              <Stack gap="md">
                <Title order={3} size="h4">
                  What the new year changes, per school
                </Title>
                <SchoolTable schools={rehearsal.schools} />
                {rehearsal.findings.length > 0 && (
                  <Text size="sm" aria-label="Problems that would appear or go away">
                    {`Problems next year: ${rehearsal.findings
                      .slice(0, 8)
                      .map((f) =>
                        f.after > f.before
                          ? `${f.after - f.before} new ${f.code}`
                          : `${f.before - f.after} fewer ${f.code}`,
                      )
                      .join('; ')}.`}
                  </Text>
                )}
                <PeoplePicker
                  title="Teachers leaving"
                  people={rehearsal.leavers}
                  total={rehearsal.totals.leavers}
                  action="Remove from the license"
                  picked={picked.leavers}
                  setPicked={(s) => setPicked({ ...picked, leavers: s })}
                />
                <PeoplePicker
                  title="Teachers arriving"
                  people={rehearsal.arrivals}
                  total={rehearsal.totals.arrivals}
                  action="Invite"
                  picked={picked.arrivals}
                  setPicked={(s) => setPicked({ ...picked, arrivals: s })}
                />
                <PeoplePicker
                  title="Emails changing"
                  people={rehearsal.emailChanges}
                  total={rehearsal.totals.emailChanges}
                  action="Change the email"
                  picked={picked.emailChanges}
                  setPicked={(s) => setPicked({ ...picked, emailChanges: s })}
                />
                <PeoplePicker
                  title="Teachers with no class next year"
                  people={rehearsal.noClass}
                  total={rehearsal.totals.noClass}
                  action=""
                  picked={new Set()}
                  setPicked={() => undefined}
                />
                <Group>
                  <Button
                    disabled={picks.length === 0}
                    onClick={() => (removals > 0 ? setConfirm(true) : void stage())}
                  >
                    {`Stage ${picks.length} picked change${picks.length === 1 ? '' : 's'}`}
                  </Button>
                  <Text size="sm" c="dimmed">
                    Staged changes wait for approval on Changes; nothing is pushed by itself.
                  </Text>
                </Group>
              </Stack>
            </Card>
            <ReclaimCard list={rehearsal.reclaim} changed={reload} />
          </>
        )}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={confirm}
        onClose={() => setConfirm(false)}
        title="Stage the new year's changes?"
      >
        <Stack>
          <Text size="sm">
            {`${removals} teacher${removals === 1 ? '' : 's'} leaving will be removed from the license, freeing ${removals} seat${removals === 1 ? '' : 's'}; ${requests('arrivals').length} invited; ${requests('emailChanges').length} email${requests('emailChanges').length === 1 ? '' : 's'} changed. Staged for approval only.`}
          </Text>
          {rehearsal && rehearsal.forecast.teacher.short > 0 && requests('arrivals').length > 0 && (
            <Text size="sm" c="var(--mantine-color-red-text)">
              {`The license is short by about ${rehearsal.forecast.teacher.short} seat${rehearsal.forecast.teacher.short === 1 ? '' : 's'} next year: once its ${rehearsal.forecast.seats ?? ''} seats are taken, the platform refuses the invitations past them. Free seats first (seats nobody uses, below) or ask for more.`}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(false)}>
              Cancel
            </Button>
            <Button onClick={() => void stage()}>{`Stage ${picks.length}`}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
