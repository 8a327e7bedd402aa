import { Anchor, Text } from '@mantine/core';
import { useInvoke } from '../../api/use-invoke';
import { useRouteStore } from '../../stores/route-store';

/** The license's students view in one line: old manual accounts still holding seats, and where to merge them. */
export function StudentSeatsLine({ pulledAt }: { pulledAt: string | null }) {
  const { data } = useInvoke('students.seats', {}, [pulledAt]);
  const go = useRouteStore((s) => s.go);
  if (!data || data.rosteredStudents + data.oldUnmerged + data.merged === 0) return null;
  return (
    <Text size="sm" mt="xs">
      {`Students: ${data.rosteredStudents} rostered accounts, ${data.oldUnmerged} old manual accounts not merged (each holds a seat), ${data.merged} merged. `}
      {data.oldUnmerged > 0 ? (
        <Anchor component="button" size="sm" onClick={() => go('students')}>
          Merge the old accounts
        </Anchor>
      ) : null}
    </Text>
  );
}
