import { parseArgs } from 'node:util';
import {
  checkNativeModules,
  currentRuntime,
  describeProblem,
} from '../core/runtime/native-modules';
import { resolveDataDir } from '../core/runtime/data-dir';
import { runHost } from './run-host';

/** `npm run host`: the browser host over the same services and handler table as Electron's main. */
async function main(): Promise<void> {
  const problem = checkNativeModules(currentRuntime());
  if (problem) {
    process.stderr.write(`RosterDesk cannot start: ${describeProblem(problem)}\n`);
    process.exit(2);
  }
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  }
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const running = await runHost({
    dataDir,
    ...(values['renderer-dir'] ? { rendererDir: values['renderer-dir'] } : {}),
    ...(port === undefined ? {} : { port }),
  });
  const keychain = running.services.secrets.status();
  if (!keychain.available) {
    process.stdout.write(
      `Keychain unavailable (${keychain.reason ?? 'unknown reason'}): secrets cannot be saved.\n`,
    );
  }
  process.stdout.write(`Data dir: ${dataDir}\n`);
  process.stdout.write(`RosterDesk is running at ${running.host.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `RosterDesk could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(2);
});
