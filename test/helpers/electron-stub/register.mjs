// Runs Electron's built main process (out/main/index.js) under plain Node with a stand-in for the
// `electron` module: the Electron binary cannot be downloaded here, but everything the main
// process does around it (the native-module check, the binding its workers get, opening the
// services, the menu, tray and window, IPC) runs for real. `process.versions.electron` is set, so
// the code takes Electron's paths.
import { register } from 'node:module';

Object.defineProperty(process.versions, 'electron', {
  value: process.env.STUB_ELECTRON_VERSION ?? '38.8.6',
  enumerable: true,
});
register(new URL('./hooks.mjs', import.meta.url));
