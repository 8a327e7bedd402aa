import type { District } from './district';

export interface ClassMembers {
  teachers: string[];
  students: string[];
}

/** Who is in each class, from one pass over the enrollments (what a Clever section lists). */
export function classMembers(district: District): Map<string, ClassMembers> {
  const members = new Map<string, ClassMembers>();
  for (let i = 0; i < district.enrollments.count; i++) {
    const e = district.enrollments.at(i);
    if (e.status !== 'active') continue;
    let entry = members.get(e.classSourcedId);
    if (!entry) members.set(e.classSourcedId, (entry = { teachers: [], students: [] }));
    (e.role === 'teacher' ? entry.teachers : entry.students).push(e.userSourcedId);
  }
  return members;
}
