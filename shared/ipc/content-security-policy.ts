/**
 * The renderer's Content Security Policy: the browser host's headers and the Electron session's
 * (electron/main/security.ts) both take it from here. index.html carries the
 * same policy in a meta tag for Electron's file:// window. Mantine injects <style> tags, hence
 * 'unsafe-inline' for styles only; scripts come from the app's own files and nowhere else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
