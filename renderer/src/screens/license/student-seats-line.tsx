import { Anchor, Group, Text } from '@mantine/core';
import { errorMessage, invoke } from '../../api/invoke';
import { useInvoke } from '../../api/use-invoke';
import { downloadBase64 } from '../../lib/download';
import { notify } from '../../lib/notify';
import { useRouteStore } from '../../stores/route-store';

/** The license's students view in one line: old manual accounts still holding seats, the worksheet, and where to merge them. */
export function StudentSeatsLine({ pulledAt }: { pulledAt: string | null }) {
  const { data } = useInvoke('students.seats', {}, [pulledAt]);
  const go = useRouteStore((s) => s.go);
  if (!data || data.rosteredStudents + data.oldUnmerged + data.merged === 0) return null;
  const exportWorksheet = async () => {
    try {
      const file = await invoke('reports.export', { kind: 'student-logins', pseudonymise: false });
      downloadBase64(file.fileName, file.mimeType, file.base64);
      notify('success', `Saved ${file.fileName}`);
    } catch (e) {
      notify('error', errorMessage(e), 'Export failed');
    }
  };
  return (
    <Group gap="sm" mt="xs">
      <Text size="sm">
        {`Students: ${data.rosteredStudents} rostered accounts, ${data.oldUnmerged} old manual accounts not merged (each holds a seat), ${data.merged} merged.`}
      </Text>
      {data.oldUnmerged > 0 ? (
        <>
          <Anchor component="button" size="sm" onClick={() => void exportWorksheet()}>
            Export the old accounts worksheet
          </Anchor>
          <Anchor component="button" size="sm" onClick={() => go('students')}>
            Merge the old accounts
          </Anchor>
        </>
      ) : null}
    </Group>
  );
}
