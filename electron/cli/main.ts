import { CHECK_USAGE, CheckFailed, checkCommand } from './check-command';
import { PUSH_USAGE, pushCommand } from './push-command';
import { SYNC_USAGE, syncCommand } from './sync-command';
import { DataFolderBusyError } from '../core/db/data-folder-lock';
import {
  checkNativeModules,
  currentRuntime,
  describeProblem,
} from '../core/runtime/native-modules';

/** A problem stated in words for the user: printed without "unexpected failure". */
const expected = (error: unknown) =>
  error instanceof CheckFailed ||
  // The app is open on the folder: expected, and said as it is.
  error instanceof DataFolderBusyError ||
  (error instanceof Error &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'));

/** The `rosterdesk` command. */
async function main(argv: string[]): Promise<number> {
  const problem = checkNativeModules(currentRuntime());
  if (problem) {
    process.stderr.write(`rosterdesk cannot start: ${describeProblem(problem)}\n`);
    return 2;
  }
  const [command, ...rest] = argv;
  if (command === 'check') return checkCommand(rest);
  if (command === 'push') return pushCommand(rest);
  if (command === 'sync') return syncCommand(rest);
  process.stderr.write(
    `${command ? `Unknown command "${command}". ` : ''}${CHECK_USAGE}\n\n${PUSH_USAGE}\n\n${SYNC_USAGE}\n`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = expected(error)
      ? error instanceof DataFolderBusyError && process.argv[2] === 'push'
        ? `${error.message} To push now, use Push on the Changes screen of the RosterDesk that is open.`
        : error instanceof DataFolderBusyError && process.argv[2] === 'sync'
          ? `${error.message} The open RosterDesk syncs on its own schedule; nothing was changed.`
          : (error as Error).message
      : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`rosterdesk ${process.argv[2] ?? ''} could not run: ${message}\n`);
    process.exit(2);
  },
);
