import { Group, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSchool, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import type { ClassRow } from '../../../../shared/domain/roster-query';
import { invoke } from '../../api/invoke';
import { NextStepEmptyState } from '../../components/next-step-empty-state';
import { ScreenHeader } from '../../components/screen-header';
import { SourceBadge } from '../../components/source-badge';
import { VirtualTable } from '../../components/virtual-table';
import type { Column } from '../../components/virtual-table';
import { useSyncStore } from '../../stores/sync-store';

export function ClassesScreen() {
  const overview = useSyncStore((s) => s.overview);
  const loadOverview = useSyncStore((s) => s.loadOverview);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);

  useEffect(() => {
    void loadOverview();
  }, [loadOverview]);

  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      invoke('roster.classes', { search: debounced, offset, limit }),
    [debounced],
  );
  const kind = overview?.snapshot?.sourceKind ?? '';
  const columns: Column<ClassRow>[] = [
    { key: 'source', header: 'Source', width: 70, render: () => <SourceBadge kind={kind} /> },
    { key: 'title', header: 'Class', width: 260, render: (c) => c.title },
    { key: 'code', header: 'Code', width: 120, render: (c) => c.classCode ?? '' },
    { key: 'school', header: 'School', width: 240, render: (c) => c.school ?? '' },
    { key: 'teachers', header: 'Teachers', width: 90, render: (c) => c.teachers },
    { key: 'students', header: 'Students', width: 90, render: (c) => c.students },
    { key: 'id', header: 'sourcedId', width: 140, render: (c) => c.sourcedId },
  ];
  if (overview && !overview.snapshot) {
    return (
      <>
        <ScreenHeader title="Classes" />
        <NextStepEmptyState
          icon={<IconSchool size={28} aria-hidden />}
          title="No classes to show"
          description="Classes appear here after the first sync of a roster connection, or open the demo district from the dashboard."
          action={{ label: 'Open the dashboard', route: 'dashboard' }}
        />
      </>
    );
  }
  return (
    <>
      <ScreenHeader
        title="Classes"
        description="Classes and their enrollments as the roster sends them, from the local copy."
      />
      <Group mb="sm">
        <TextInput
          label="Search classes"
          placeholder="Title, code or sourcedId"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
        />
      </Group>
      <VirtualTable label="Classes" columns={columns} queryKey={debounced} fetchPage={fetchPage} />
    </>
  );
}
