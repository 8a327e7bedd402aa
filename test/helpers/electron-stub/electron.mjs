// A stand-in for the parts of Electron that RosterDesk's main process uses. Each call a test needs
// to see is printed as one line, `STUB <what> <json>`, on stdout. With STUB_SCRIPT=demo, once the
// window has loaded, the stand-in calls IPC as the page would (open the demo district, wait for its
// sync), prints the replies, then quits the way Electron does (before-quit, will-quit, exit 0).
import path from 'node:path';

const say = (what, value) =>
  process.stdout.write(`STUB ${what} ${JSON.stringify(value ?? null)}\n`);
const listeners = new Map();
const on = (name, fn) => {
  listeners.set(name, [...(listeners.get(name) ?? []), fn]);
};
const emit = (name, ...args) => (listeners.get(name) ?? []).forEach((fn) => fn(...args));
let ipcListener = null;
let loadedUrl = null;

let quitting = false;
function quit(code = 0) {
  // Electron ignores app.quit() while it is already quitting.
  if (quitting) return;
  quitting = true;
  emit('before-quit', { preventDefault() {} });
  for (const window of windows) window.emit('close', { preventDefault() {} });
  emit('window-all-closed');
  emit('will-quit', { preventDefault() {} });
  // services.close() runs on will-quit: give it a moment, as Electron's loop would.
  setTimeout(() => process.exit(code), 300);
}

export const app = {
  isPackaged: false,
  name: 'RosterDesk',
  getAppPath: () => process.env.STUB_APP_PATH ?? process.cwd(),
  getPath: (name) => path.join(process.env.STUB_HOME ?? '/tmp', name),
  requestSingleInstanceLock: () => true,
  enableSandbox: () => say('enableSandbox'),
  whenReady: () => Promise.resolve(),
  on,
  quit: () => quit(0),
  exit: (code) => {
    say('exit', code);
    process.exit(code);
  },
  setLoginItemSettings: (settings) => say('loginItem', settings),
};

export const dialog = {
  showErrorBox: (title, message) => say('dialog', { title, message }),
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};

export const ipcMain = {
  handle: (channel, listener) => {
    say('ipc', channel);
    ipcListener = listener;
  },
  removeHandler: () => {},
};

const windows = [];
class Emitter {
  constructor() {
    this.handlers = new Map();
  }
  on(name, fn) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }
  once(name, fn) {
    return this.on(name, fn);
  }
  emit(name, ...args) {
    (this.handlers.get(name) ?? []).forEach((fn) => fn(...args));
  }
}

export class BrowserWindow extends Emitter {
  static getAllWindows() {
    return windows;
  }
  constructor(options) {
    super();
    say('window', options);
    this.options = options;
    this.visible = false;
    windows.push(this);
    this.webContents = {
      isLoading: () => false,
      isDestroyed: () => false,
      getURL: () => loadedUrl ?? '',
      executeJavaScript: async (script) => say('executeJavaScript', script),
      // Events to the window (webContents.send): the channel, the event's name and its payload.
      send: (channel, name, payload) => say('event', { channel, name, payload }),
    };
  }
  loadURL(url) {
    loadedUrl = url;
    say('loadURL', url);
    this.emit('ready-to-show');
    setTimeout(() => void runScript(), 0);
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.visible;
  }
  maximize() {}
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: this.options.width ?? 1280, height: this.options.height ?? 820 };
  }
}

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) =>
    say(
      'applicationMenu',
      menu.template.map((item) => item.label ?? item.role),
    ),
};

export class Tray extends Emitter {
  constructor(image) {
    super();
    say('tray', image);
  }
  setImage() {}
  setToolTip(text) {
    say('trayTooltip', text);
  }
  setContextMenu(menu) {
    say(
      'trayMenu',
      menu.template.map((item) => item.label ?? item.type),
    );
  }
}

export const nativeImage = {
  createFromBitmap: (buffer, size) => ({ bytes: buffer.length, ...size }),
};

export class Notification extends Emitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    this.options = options;
  }
  show() {
    say('notification', this.options);
    // Clicking it opens the screen it is about.
    this.emit('click');
  }
}

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1440, height: 900 } }],
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    webRequest: { onHeadersReceived: () => {} },
  },
};

export const shell = { openExternal: async () => {} };

/** What the page would do over IPC, run from the trusted page's own URL. */
async function invoke(channel, payload = {}) {
  const reply = await ipcListener({ senderFrame: { url: loadedUrl } }, channel, payload);
  if (channel !== 'sync.jobs' || reply.value?.every?.((j) => j.state !== 'running'))
    say('reply', { channel, reply });
  return reply;
}

async function runScript() {
  if (process.env.STUB_SCRIPT !== 'demo' || !ipcListener) return;
  try {
    await invoke('app.status');
    await invoke('desktop.setPreferences', { closeToTray: 'never' });
    // The admin is elsewhere while the demo syncs: its end is an OS notification.
    windows[0]?.hide();
    const opened = await invoke('demo.open');
    if (!opened.ok) return quit(1);
    for (;;) {
      const jobs = await invoke('sync.jobs');
      if (jobs.ok && jobs.value.length > 0 && jobs.value.every((j) => j.state !== 'running')) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await invoke('diagnostics.startHere');
    quit(0);
  } catch (error) {
    say('scriptError', String(error));
    quit(1);
  }
}
