// `npm run setup`: makes a fresh Debian machine of this kind ready to run and test RosterDesk.
// 1. System packages the tests need (Chromium, a keychain daemon and D-Bus, poppler): installed
//    with apt when missing and we are root, else the command to run is printed.
// 2. npm packages from package-lock.json (skipped when already installed from the same lock).
//    Electron's binary download is attempted separately and may fail without internet: then
//    `npm start` uses the browser host instead.
// 3. Where the Electron binary is there, better-sqlite3 built for Electron's ABI into
//    native/electron/ (scripts/electron-native.mjs), beside the Node build.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildElectronNative } from './electron-native.mjs';

const root = path.resolve(import.meta.dirname, '..');
const skipSystem = process.argv.includes('--no-system');
const say = (line) => process.stdout.write(`[setup] ${line}\n`);
const run = (cmd, args, options = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
const has = (command) =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const SYSTEM = [
  { command: 'chromium', pkg: 'chromium', why: 'end-to-end tests' },
  {
    command: 'dbus-run-session',
    pkg: 'dbus',
    why: 'a private D-Bus session for the keychain in tests',
  },
  { command: 'dbus-launch', pkg: 'dbus-x11', why: 'D-Bus autolaunch' },
  {
    command: 'gnome-keyring-daemon',
    pkg: 'gnome-keyring',
    why: 'the OS keychain (Secret Service)',
  },
  { command: 'pdftoppm', pkg: 'poppler-utils', why: 'checking PDF reports in tests' },
];

if (!skipSystem && process.platform === 'linux') {
  const missing = SYSTEM.filter((s) => !has(s.command));
  if (missing.length === 0) say('system packages: present');
  else if (process.getuid?.() === 0 && has('apt-get')) {
    const pkgs = missing.map((m) => m.pkg);
    say(`installing system packages: ${pkgs.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env }).status !== 0) process.exit(1);
    if (run('apt-get', ['install', '-y', '-qq', ...pkgs], { env }).status !== 0) process.exit(1);
  } else {
    say(`missing system packages (${missing.map((m) => `${m.pkg}: ${m.why}`).join('; ')}).`);
    say(`install them with: sudo apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`);
  }
}

const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
const stampFile = path.join(root, 'node_modules', '.rosterdesk-setup');
const stamp = `${crypto.createHash('sha256').update(lock).digest('hex')} node ${process.version}`;
if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) {
  say('npm packages: up to date');
} else {
  say('installing npm packages (better-sqlite3 builds from source here: about a minute)');
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  if (run('npm', ['ci', '--no-audit', '--no-fund'], { env }).status !== 0) process.exit(1);
  fs.writeFileSync(stampFile, stamp);
}

const electronDir = path.join(root, 'node_modules', 'electron');
if (!fs.existsSync(path.join(electronDir, 'path.txt'))) {
  say('fetching the Electron binary (optional)…');
  const result = spawnSync(process.execPath, ['install.js'], {
    cwd: electronDir,
    stdio: 'pipe',
    timeout: 120_000,
  });
  if (result.status === 0 && fs.existsSync(path.join(electronDir, 'path.txt')))
    say('Electron binary: installed');
  else
    say(
      'Electron binary: not available here (its download host cannot be reached); `npm start` will use the browser host.',
    );
} else {
  say('Electron binary: present');
}

// Electron loads native modules built for its own ABI: better-sqlite3 gets a second build for it
// (native/electron/), and the Node build the tests and the browser host load stays as npm made it.
if (fs.existsSync(path.join(electronDir, 'path.txt'))) {
  const native = buildElectronNative({ root, log: (line) => say(line) });
  if (native.state === 'unavailable')
    say(
      `better-sqlite3 for Electron: not built (${native.reason}); \`npm start\` will use the browser host.`,
    );
  else
    say(
      `better-sqlite3 for Electron ${native.build.electron}: ${native.state === 'built' ? 'built' : 'up to date'} (NODE_MODULE_VERSION ${native.build.modules})`,
    );
}
say('done');
