// Transport constants, kept free of imports so the sandboxed preload bundles nothing else.

/** The name of Electron's single invoke channel. */
export const IPC_INVOKE_CHANNEL = 'rosterdesk:invoke';
/** The browser host's API prefix: POST /api/<channel>. */
export const HOST_API_PREFIX = '/api/';
/** Largest request body either transport accepts, in bytes (a 75,000-teacher license CSV fits). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** The channel on which Electron's main process sends events to the window. */
export const IPC_EVENT_CHANNEL = 'rosterdesk:event';
/** The browser host's event stream: GET, server-sent events, the same token as API calls. */
export const HOST_EVENTS_PATH = '/api/events';
