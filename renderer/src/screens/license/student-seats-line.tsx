import { Anchor, Group, Text } from '@mantine/core';
import { useInvoke } from '../../api/use-invoke';
import { useRouteStore } from '../../stores/route-store';
import { saveExport } from '../../api/save-export';
import { plural } from '../../components/plural';

const number = new Intl.NumberFormat();

/** The license's students view in one line: old manual accounts still holding seats, the worksheet, and where to merge them. */
export function StudentSeatsLine({ pulledAt }: { pulledAt: string | null }) {
  const { data } = useInvoke('students.seats', {}, [pulledAt]);
  const go = useRouteStore((s) => s.go);
  if (!data || data.rosteredStudents + data.oldUnmerged + data.merged === 0) return null;
  return (
    <Group gap="sm" mt="xs">
      <Text size="sm">
        {`Students: ${plural(data.rosteredStudents, 'rostered account')}, ${plural(data.oldUnmerged, 'old manual account')} not merged (each holds a seat), ${number.format(data.merged)} merged.`}
      </Text>
      {data.oldUnmerged > 0 ? (
        <>
          <Anchor
            component="button"
            size="sm"
            onClick={() => void saveExport({ kind: 'student-logins', pseudonymise: false })}
          >
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
