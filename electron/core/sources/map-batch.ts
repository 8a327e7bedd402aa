import type { RosterRecordMap, RosterResource, SyncWarning } from '../../../shared/domain/roster';
import { SoftFields, describeProblem, withSoftFields } from './record-fields';

/** Maps raw records, keeping the good ones and turning each bad one into a warning that says where. */
export function mapRecords<R extends RosterResource>(
  resource: R,
  raws: readonly unknown[],
  mapper: (raw: Record<string, unknown>) => RosterRecordMap[R],
  where: (index: number) => string,
): { records: RosterRecordMap[R][]; warnings: SyncWarning[] } {
  const records: RosterRecordMap[R][] = [];
  const warnings: SyncWarning[] = [];
  // Fields RosterDesk does not need to place a record: kept without them, said once per field.
  const soft = new SoftFields();
  raws.forEach((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      warnings.push({ resource, location: where(index), field: null, reason: 'not a JSON object' });
      return;
    }
    try {
      soft.at(where(index));
      records.push(withSoftFields(soft, () => mapper(raw as Record<string, unknown>)));
    } catch (error) {
      const { field, reason } = describeProblem(error);
      const id =
        (raw as { sourcedId?: unknown; id?: unknown }).sourcedId ?? (raw as { id?: unknown }).id;
      warnings.push({
        resource,
        location: where(index),
        field,
        reason: typeof id === 'string' && id ? `${reason} (record ${id})` : reason,
      });
    }
  });
  const first = raws.length > 0 ? where(0).replace(/ #\d+$/, '') : resource;
  warnings.push(...soft.warnings(resource, first, (w) => w));
  return { records, warnings };
}
