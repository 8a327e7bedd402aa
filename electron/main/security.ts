import { app, session, shell } from 'electron';
import { isSafeExternalUrl } from '../../shared/domain/external-url';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc/content-security-policy';

/**
 * App-wide rules: no navigation away from the app's page, no new windows (http(s) links go to
 * the user's browser), no webviews, no permissions, and the CSP on every response.
 */
export function hardenApp(isTrustedUrl: (url: string) => boolean): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternalSafely(url);
      return { action: 'deny' };
    });
  });
  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        },
      });
    });
  });
}

/** The one way a URL leaves the app: absolute http(s) only, opened in the user's browser. */
export async function openExternalSafely(url: string): Promise<void> {
  if (isSafeExternalUrl(url)) await shell.openExternal(url);
}
