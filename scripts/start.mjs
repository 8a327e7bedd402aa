// `npm start`: the Electron window where the Electron binary exists; otherwise the browser host
// (the same services and handler table, served to a browser on 127.0.0.1), saying why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { electronNativeProblem } from './electron-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

/** The Electron binary with a database module built for it, or why Electron cannot start. */
function electronBinary() {
  const problem = electronNativeProblem(root);
  if (problem) return { reason: problem };
  const dir = path.join(root, 'node_modules', 'electron');
  const relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  return { path: path.join(dir, 'dist', relative) };
}

function build(args) {
  const result = spawnSync(bin(args[0]), args.slice(1), { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
const wantHost = process.env.ROSTERDESK_BROWSER_HOST === '1';
if (electron.path && !wantHost) {
  build(['electron-vite', 'build']);
  forward(spawn(electron.path, [root, ...extra], { cwd: root, stdio: 'inherit' }));
} else {
  const why = wantHost ? 'ROSTERDESK_BROWSER_HOST=1 is set' : electron.reason;
  process.stdout.write(
    `Electron cannot start here (${why}).\nStarting the browser host instead: open the URL below in a browser on this machine.\n`,
  );
  build(['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
  const host = [process.execPath, '--import', 'tsx', 'electron/host/cli.ts', ...extra];
  const has = (command) =>
    spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  if (
    process.platform === 'linux' &&
    !process.env.DBUS_SESSION_BUS_ADDRESS &&
    has('dbus-run-session') &&
    has('gnome-keyring-daemon')
  ) {
    // A headless machine has no keychain: start a private one so connections (and the demo
    // district) can keep their secrets somewhere safe. It lasts as long as this host does.
    process.stdout.write(
      'No D-Bus session here: starting a private one with a temporary GNOME Keyring (secrets saved in it last until RosterDesk stops).\n',
    );
    forward(
      spawn('bash', [path.join(root, 'scripts/with-keyring.sh'), ...host], {
        cwd: root,
        stdio: 'inherit',
      }),
    );
  } else {
    forward(spawn(host[0], host.slice(1), { cwd: root, stdio: 'inherit' }));
  }
}
