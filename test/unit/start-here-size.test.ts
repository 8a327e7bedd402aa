import { afterEach, describe, expect, it } from 'vitest';
import { buildStartHere } from '../../shared/domain/start-here';
import { fileByPerson } from '../../shared/domain/problem-assignment';
import { SEVERITY_OF, findingCodes } from '../../shared/domain/finding';
import type { Finding, FindingCode } from '../../shared/domain/finding';

/**
 * Start here is built on every dashboard visit from every finding: at the full-scale district's
 * 54,197 findings a quadratic grouping (copying a code's list for each finding) took seconds.
 * Timings are not asserted; the work is counted instead: every array step taken while building
 * (spreads, for-of loops, Array.from) goes through the array iterator, which the test counts.
 */
const FULL_SCALE = 54_197;

function findings(n: number): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const code = findingCodes[i % findingCodes.length] as FindingCode;
    const id = `u${i}`;
    out.push({
      code,
      severity: SEVERITY_OF[code],
      subjects: [{ kind: 'user', id, email: `${id}@district.org` }],
      message: `${code} ${id}`,
      evidence: [],
      fix: { where: 'rosterdesk', action: '' },
      suggestion: null,
    });
  }
  return out;
}

const original = Object.getOwnPropertyDescriptor(Array.prototype, Symbol.iterator);
afterEach(() => {
  if (original) Object.defineProperty(Array.prototype, Symbol.iterator, original);
});

/** Array iterator steps taken by `work`. */
function iteratorSteps(work: () => void): number {
  const values = Array.prototype[Symbol.iterator];
  let steps = 0;
  Object.defineProperty(Array.prototype, Symbol.iterator, {
    configurable: true,
    writable: true,
    value: function counted(this: unknown[]) {
      const it = values.call(this);
      return {
        next: () => {
          steps++;
          return it.next();
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    },
  });
  try {
    work();
  } finally {
    if (original) Object.defineProperty(Array.prototype, Symbol.iterator, original);
  }
  return steps;
}

describe('Start here at full scale', () => {
  it(`files ${FULL_SCALE.toLocaleString('en-US')} findings in work that grows linearly`, () => {
    const half = fileByPerson(findings(Math.floor(FULL_SCALE / 2)));
    const full = fileByPerson(findings(FULL_SCALE));
    const stepsHalf = iteratorSteps(() => buildStartHere(half, 'ClassLink'));
    const stepsFull = iteratorSteps(() => buildStartHere(full, 'ClassLink'));
    // Linear: twice the findings, about twice the steps, and a few steps per finding.
    expect(stepsFull / Math.max(1, stepsHalf)).toBeLessThan(2.2);
    expect(stepsFull / FULL_SCALE).toBeLessThan(25);
    const problems = buildStartHere(full, 'ClassLink');
    expect(problems.reduce((n, p) => n + p.affected, 0)).toBe(FULL_SCALE);
  });
});
