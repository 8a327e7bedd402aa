import type { RequestOf } from '../../../../shared/ipc/contract';
import { Accordion, Button, Card, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCloudDownload, IconSearch, IconUserPlus, IconUsersPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import type { LicenseRow } from '../../../../shared/domain/license';
import { errorMessage, invoke } from '../../api/invoke';
import { useInvoke } from '../../api/use-invoke';
import { notify } from '../../lib/notify';
import { ScreenHeader } from '../../components/screen-header';
import { VirtualTable } from '../../components/virtual-table';
import { useChangesStore } from '../../stores/changes-store';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { BulkAddModal } from './bulk-add-modal';
import { LicenseCsvImport } from './license-csv-import';
import { licenseColumns } from './license-columns';
import { plural } from '../../components/plural';
import { StagedInvitations } from './staged-invitations';
import { RosteringConnections } from './rostering-connections';
import { StudentSeatsLine } from './student-seats-line';
import { AddTeacherModal, ChangeEmailModal } from './teacher-modals';
import { localTime } from '../../components/local-time';

// The filters' values as the contract declares them, plus "all" (no filter).
type Status = 'all' | NonNullable<RequestOf<'license.view'>['status']>;
type Source = 'all' | NonNullable<RequestOf<'license.view'>['source']>;

/** The teacher license list as the platform holds it, with the changes an admin may stage. */
export function LicenseScreen() {
  const version = useChangesStore((s) => s.version);
  const staged = useChangesStore((s) => s.staged);
  const loadDiagnostics = useDiagnosticsStore((s) => s.load);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [status, setStatus] = useState<Status>('all');
  const [source, setSource] = useState<Source>('all');
  const [pulled, setPulled] = useState(0);
  const [pulling, setPulling] = useState(false);
  const [adding, setAdding] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [editing, setEditing] = useState<LicenseRow | null>(null);

  const query = useMemo(
    () => ({
      ...(debounced ? { search: debounced } : {}),
      ...(status === 'all' ? {} : { status }),
      ...(source === 'all' ? {} : { source }),
      // Not sent: they make the table reload after staging or pulling.
      reload: `${version}|${pulled}`,
    }),
    [debounced, status, source, version, pulled],
  );
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const { reload, ...filters } = query;
      void reload;
      const page = await invoke('license.view', {
        ...filters,
        offset,
        limit: Math.min(limit, 500),
      });
      return { total: page.total, rows: page.rows };
    },
    [query],
  );
  const { reload, ...filters } = query;
  const view = useInvoke('license.view', { ...filters, offset: 0, limit: 1 }, [reload]).data;

  const pull = async () => {
    setPulling(true);
    try {
      const imported = await invoke('platform.pull', {});
      notify('success', `Pulled ${plural(imported.entries, 'teacher')} from ${imported.source}`);
      setPulled((n) => n + 1);
      await loadDiagnostics();
    } catch (error) {
      notify('error', errorMessage(error), 'License not pulled');
    } finally {
      setPulling(false);
    }
  };
  const stageQuick = async (row: LicenseRow, kind: 'remove' | 'resend') => {
    try {
      await invoke('changes.stage', { kind, teacherId: row.platformId ?? '' });
      staged(
        `Staged: ${kind === 'remove' ? 'remove' : 'resend the invitation to'} ${row.email}. Approve it on the Changes screen.`,
      );
    } catch (error) {
      notify('error', errorMessage(error), 'Not staged');
    }
  };

  const fromPlatform = view?.fromPlatform ?? false;
  return (
    <>
      <ScreenHeader
        title="License"
        description="The teachers on your platform license. Changes you make here are staged; nothing reaches the platform until you approve and push it on the Changes screen."
      />
      <Card withBorder mb="md" role="region" aria-label="License summary">
        <Group justify="space-between">
          <Text>
            {view?.import
              ? `${plural(view.import.entries, 'teacher')} from ${view.import.source}, ${fromPlatform ? 'pulled' : 'imported'} ${localTime(view.import.importedAt)}${view.seats !== null ? ` · ${view.seatsUsed ?? 0} of ${view.seats} seats used` : ''}`
              : 'No license list yet.'}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconCloudDownload size={16} aria-hidden />}
              loading={pulling}
              onClick={() => void pull()}
            >
              Refresh from platform
            </Button>
            <Button
              leftSection={<IconUserPlus size={16} aria-hidden />}
              disabled={!fromPlatform}
              onClick={() => setAdding(true)}
            >
              Add teacher
            </Button>
            <Button
              variant="default"
              leftSection={<IconUsersPlus size={16} aria-hidden />}
              disabled={!fromPlatform}
              onClick={() => setBulk(true)}
            >
              Bulk add
            </Button>
          </Group>
        </Group>
        {fromPlatform && view ? <RosteringConnections connections={view.rostering} /> : null}
        {fromPlatform && view ? (
          <StudentSeatsLine pulledAt={view.import?.importedAt ?? null} />
        ) : null}

        {view?.import && !fromPlatform ? (
          <Text size="sm" mt="xs">
            This list came from a CSV file: add a Platform connection and refresh from the platform
            to stage changes.
          </Text>
        ) : null}
      </Card>
      <StagedInvitations />
      <Group mb="sm">
        <TextInput
          aria-label="Search the license"
          placeholder="Search name or email"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          aria-label="Status"
          value={status}
          onChange={(v) => setStatus((v as Status | null) ?? 'all')}
          data={[
            { value: 'all', label: 'Any status' },
            { value: 'active', label: 'Active' },
            { value: 'invited', label: 'Invited' },
          ]}
          w={150}
        />
        <Select
          aria-label="Source"
          value={source}
          onChange={(v) => setSource((v as Source | null) ?? 'all')}
          data={[
            { value: 'all', label: 'Any source' },
            { value: 'manual', label: 'Added by hand' },
            { value: 'classlink', label: 'ClassLink' },
            { value: 'clever', label: 'Clever' },
          ]}
          w={160}
        />
        {view ? <Text size="sm">{`${view.total} shown`}</Text> : null}
        <Text size="xs" c="dimmed">
          Source: CL rostered by ClassLink · C rostered by Clever (names and emails edited there) ·
          M added on the platform by hand · CSV from a license export
        </Text>
      </Group>
      {view?.import ? (
        <VirtualTable
          label="License teachers"
          queryKey={`${debounced}|${status}|${source}|${version}|${pulled}`}
          columns={licenseColumns({
            editable: fromPlatform,
            onChangeEmail: setEditing,
            onResend: (row) => void stageQuick(row, 'resend'),
            onRemove: (row) => void stageQuick(row, 'remove'),
          })}
          fetchPage={fetchPage}
        />
      ) : null}
      <Accordion mt="md" variant="contained">
        <Accordion.Item value="csv">
          <Accordion.Control>Import a license export CSV instead</Accordion.Control>
          <Accordion.Panel>
            <LicenseCsvImport />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <AddTeacherModal opened={adding} onClose={() => setAdding(false)} />
      <BulkAddModal opened={bulk} onClose={() => setBulk(false)} />
      <ChangeEmailModal row={editing} onClose={() => setEditing(null)} />
    </>
  );
}
