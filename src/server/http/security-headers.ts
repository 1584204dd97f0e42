import type { Request, Response, Next } from 'restify';

/**
 * The hosts that may frame the tab: Teams, and the Microsoft 365 and Outlook hosts that run Teams
 * apps (Microsoft's "Tab requirements" list, including the `*.cloud.microsoft` domains the web
 * clients are moving to). Teams desktop and mobile do not frame the tab in a page.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/**
 * The tab's Content Security Policy: its own scripts only (no inline script, no eval), styles from
 * itself plus the `<style>` elements Fluent UI's Griffel inserts at run time, API calls to itself
 * (and teams-js's origin list), and framing only by itself and Teams' hosts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // teams-js fetches the current list of Microsoft's host origins from this CDN (it falls back
  // to a built-in list when it cannot).
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/**
 * A restify `pre` handler that puts the security headers on every response, errors included.
 * No `X-Frame-Options`: its `DENY`/`SAMEORIGIN` would stop Teams framing the tab, and
 * `frame-ancestors` supersedes it. HSTS only when the public address is https.
 */
export function securityHeaders(options: { https: boolean }) {
  return (req: Request, res: Response, next: Next): void => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.https) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    // Answers about people are never cached by a browser or a proxy.
    if ((req.path() ?? '').startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
