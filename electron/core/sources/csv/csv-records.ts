import type { RosterResource } from '../../../../shared/domain/roster';
import { recordMappers } from '../record-mappers';

/** OneRoster 1.1 CSV file names and the columns each must have. */
export const CSV_FILES: Record<RosterResource, { file: string; required: string[] }> = {
  orgs: { file: 'orgs.csv', required: ['sourcedId', 'name', 'type'] },
  users: { file: 'users.csv', required: ['sourcedId', 'role', 'givenName', 'familyName'] },
  classes: { file: 'classes.csv', required: ['sourcedId', 'title'] },
  enrollments: {
    file: 'enrollments.csv',
    required: ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'],
  },
  courses: { file: 'courses.csv', required: ['sourcedId', 'title'] },
  academicSessions: { file: 'academicSessions.csv', required: ['sourcedId', 'title', 'type'] },
};

/** Non-standard column names some exports use, read as the OneRoster 1.1 column (with a warning). */
export const CSV_COLUMN_ALIASES: Partial<Record<RosterResource, Record<string, string>>> = {
  users: { userId: 'userIds', grade: 'grades', orgSourcedId: 'orgSourcedIds' },
  classes: { grade: 'grades', termSourcedId: 'termSourcedIds', subject: 'subjects' },
};

/** A CSV row is already in OneRoster's flat names: it maps through the one mapper of its resource. */
export const csvMappers = recordMappers;
