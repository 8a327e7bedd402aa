import type { RequestOf } from '../../../../shared/ipc/contract';
import { Badge, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { UserRow } from '../../../../shared/domain/roster-query';
import { invoke } from '../../api/invoke';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { SourceBadge } from '../../components/source-badge';
import { VirtualTable } from '../../components/virtual-table';
import type { Column } from '../../components/virtual-table';
import { useSyncStore } from '../../stores/sync-store';
import { useDiagnosticsStore } from '../../stores/diagnostics-store';
import { Anchor } from '@mantine/core';

// The filters' values as the contract declares them: a new role or status there is one here too.
type Role = NonNullable<RequestOf<'roster.users'>['role']>;
type Status = NonNullable<RequestOf<'roster.users'>['status']>;

export function UsersScreen() {
  const overview = useSyncStore((s) => s.overview);
  const loadOverview = useSyncStore((s) => s.loadOverview);
  const openUser = useDiagnosticsStore((s) => s.openUser);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const [role, setRole] = useState<Role>('all');
  // Live users by default: what the dashboard and the per-school table count.
  const [status, setStatus] = useState<Status>('active');
  const [school, setSchool] = useState<string>('');
  const schools = useDiagnosticsStore((s) => s.schools);
  const loadDiagnostics = useDiagnosticsStore((s) => s.load);
  useEffect(() => {
    if (schools.length === 0) void loadDiagnostics();
  }, [schools.length, loadDiagnostics]);

  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      invoke('roster.users', {
        search: debounced,
        role,
        status,
        ...(school ? { schoolId: school } : {}),
        offset,
        limit,
      }),
    [debounced, role, status, school],
  );
  const kind = overview?.snapshot?.sourceKind ?? '';
  const columns: Column<UserRow>[] = [
    { key: 'source', header: 'Source', width: 70, render: () => <SourceBadge kind={kind} /> },
    {
      key: 'name',
      header: 'Name',
      width: 220,
      render: (u) => (
        <Anchor
          component="button"
          size="sm"
          onClick={() => openUser(u.sourcedId)}
        >{`${u.familyName}, ${u.givenName}`}</Anchor>
      ),
    },
    { key: 'role', header: 'Role', width: 110, render: (u) => u.role },
    {
      key: 'email',
      header: 'Email',
      width: 300,
      render: (u) => (
        <span style={{ overflowWrap: 'anywhere' }}>
          {u.email ?? <Badge color="red.9">no email</Badge>}
          {u.matchedBy ? (
            <Text span size="xs" c="dimmed" display="block">
              {`${u.matchedBy} (on the license)`}
            </Text>
          ) : null}
        </span>
      ),
    },
    { key: 'school', header: 'School', width: 220, render: (u) => u.school ?? '' },
    {
      key: 'status',
      header: 'Status',
      width: 90,
      render: (u) => (u.active ? 'active' : 'inactive'),
    },
    { key: 'id', header: 'sourcedId', width: 140, render: (u) => u.sourcedId },
  ];

  if (overview && !overview.snapshot) {
    return (
      <>
        <ScreenHeader title="Users" />
        <NextStepEmptyState
          icon={<IconUsers size={28} aria-hidden />}
          title="No users to show"
          description="Users appear here after the first sync of a roster connection, or open the demo district from the dashboard."
          action={{ label: 'Open the dashboard', route: 'dashboard' }}
        />
      </>
    );
  }
  return (
    <>
      <ScreenHeader
        title="Users"
        description="Every teacher, student and administrator the roster sends, from the local copy (works offline)."
      />
      <Group mb="sm" align="flex-end">
        <TextInput
          label="Search users"
          placeholder="Name, roster or license email, or sourcedId"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Select
          label="Role"
          value={role}
          onChange={(v) => setRole((v as Role | null) ?? 'all')}
          allowDeselect={false}
          data={[
            { value: 'all', label: 'All roles' },
            { value: 'teacher', label: 'Teachers' },
            { value: 'student', label: 'Students' },
            { value: 'administrator', label: 'Administrators' },
            { value: 'other', label: 'Other' },
          ]}
          w={160}
        />
        <Select
          label="Status"
          value={status}
          onChange={(v) => setStatus((v as Status | null) ?? 'all')}
          allowDeselect={false}
          data={[
            { value: 'active', label: 'Active (as counted)' },
            { value: 'inactive', label: 'Disabled or to be deleted' },
            { value: 'all', label: 'Any status' },
          ]}
          w={200}
        />
        <Select
          label="School"
          value={school}
          onChange={(v) => setSchool(v ?? '')}
          allowDeselect={false}
          searchable
          data={[
            { value: '', label: 'All schools' },
            ...schools
              .filter((s) => s.sourcedId)
              .map((s) => ({ value: s.sourcedId, label: s.name })),
          ]}
          w={220}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {school
          ? 'Everyone with a role at this school: a teacher at two schools is listed under both, while the per-school table on the dashboard counts each person once, at their first school.'
          : 'Active users are the ones the dashboard counts; users the roster marks disabled or to be deleted are under their own status.'}
      </Text>
      <VirtualTable
        label="Users"
        columns={columns}
        queryKey={`${debounced}|${role}|${status}|${school}`}
        fetchPage={fetchPage}
      />
    </>
  );
}
