import { SEVERITY_OF } from '../../../shared/domain/finding';
import type { Finding, FindingCode } from '../../../shared/domain/finding';

/** A finding with its code's severity; every rule builds its findings through this. */
export function finding(
  code: FindingCode,
  parts: Omit<Finding, 'code' | 'severity' | 'evidence' | 'suggestion'> &
    Partial<Pick<Finding, 'evidence' | 'suggestion'>>,
): Finding {
  return { code, severity: SEVERITY_OF[code], evidence: [], suggestion: null, ...parts };
}
