import crypto from 'node:crypto';
import { fail, type EmulatedRequest, type EmulatedResponse } from './graph-response';
import type { ResolvedRoute } from './graph-routes';
import type { SharePointSites, StoredSite } from './sharepoint-sites';

/** A file in a site's default document library ("Documents"), as uploaded. */
export type EmulatedDriveFile = {
  id: string;
  /** The path below the library's root, e.g. `reap/annual-report-2021.docx`. */
  path: string;
  name: string;
  bytes: Buffer;
  contentType: string;
  eTag: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
};

/** The write permissions that let an app upload to a site's library. */
const WRITE_ROLES = [
  'Sites.Selected',
  'Sites.ReadWrite.All',
  'Sites.FullControl.All',
  'Files.ReadWrite.All',
];

/** Graph's simple upload takes files up to 250 MB; larger ones need an upload session. */
const SIMPLE_UPLOAD_MAX = 250 * 1024 * 1024;

/**
 * The default document library of each site (`/sites/{id}/drive`), as far as reap uses it: a
 * simple upload by path (`PUT /sites/{id}/drive/root:/{path}:/content`, which replaces a file of
 * the same name and creates missing folders) and reading a file's metadata by path.
 */
export class EmulatedDrive {
  private readonly bySite = new Map<string, Map<string, EmulatedDriveFile>>();

  /** Every file of a site's library, by path. */
  files(siteId: string): EmulatedDriveFile[] {
    return [...(this.bySite.get(siteId)?.values() ?? [])].sort((a, b) =>
      a.path.localeCompare(b.path),
    );
  }

  file(siteId: string, path: string): EmulatedDriveFile | undefined {
    return this.bySite.get(siteId)?.get(path.toLowerCase());
  }

  clear(): void {
    this.bySite.clear();
  }

  /** Stores (or replaces) a file; `created` is false when one of that path was replaced. */
  put(
    site: StoredSite,
    path: string,
    bytes: Buffer,
    contentType: string,
  ): { file: EmulatedDriveFile; created: boolean } {
    const files = this.bySite.get(site.id) ?? new Map<string, EmulatedDriveFile>();
    this.bySite.set(site.id, files);
    const key = path.toLowerCase();
    const before = files.get(key);
    const now = new Date().toISOString();
    const file: EmulatedDriveFile = {
      id: before?.id ?? `01${crypto.randomBytes(16).toString('hex').toUpperCase()}`,
      path,
      name: path.split('/').pop() ?? path,
      bytes,
      contentType,
      eTag: `"{${crypto.randomUUID().toUpperCase()}},${Date.now()}"`,
      createdDateTime: before?.createdDateTime ?? now,
      lastModifiedDateTime: now,
      webUrl: `${site.webUrl}/Shared%20Documents/${path.split('/').map(encodeURIComponent).join('/')}`,
    };
    files.set(key, file);
    return { file, created: !before };
  }
}

function itemJson(file: EmulatedDriveFile, graphUrl: string, site: StoredSite) {
  return {
    '@odata.context': `${graphUrl}/$metadata#sites('${site.id}')/drive/root/$entity`,
    id: file.id,
    name: file.name,
    eTag: file.eTag,
    cTag: file.eTag,
    size: file.bytes.length,
    createdDateTime: file.createdDateTime,
    lastModifiedDateTime: file.lastModifiedDateTime,
    webUrl: file.webUrl,
    file: { mimeType: file.contentType },
    parentReference: {
      driveType: 'documentLibrary',
      path: `/drive/root:/${file.path.split('/').slice(0, -1).join('/')}`,
    },
  };
}

/**
 * Matches `/sites/{site-id}/drive/root:/{path}:/content` (PUT) and `/sites/{site-id}/drive/root:/{path}`
 * (GET); undefined for anything else.
 */
export function resolveDriveRoute(
  req: EmulatedRequest,
  ctx: { drive: EmulatedDrive; sites: SharePointSites; graphUrl: string; roles: readonly string[] },
): ResolvedRoute | undefined {
  const match = /^\/sites\/([^/:]+)\/drive\/root:\/(.+?)(:\/content)?$/.exec(req.path);
  if (!match?.[1] || !match[2]) return undefined;
  const [, siteId, rawPath, content] = match;
  const path = rawPath.replace(/:$/, '');
  return {
    kind: 'drive-item',
    handle: (): EmulatedResponse => {
      const site =
        ctx.sites.siteById(siteId) ??
        fail(404, 'itemNotFound', 'Requested site could not be found');
      if (content) {
        if (req.method !== 'PUT') {
          fail(
            405,
            'BadRequest',
            `The HTTP method '${req.method}' is not supported for this resource.`,
          );
        }
        if (!ctx.roles.some((r) => WRITE_ROLES.includes(r))) {
          fail(403, 'accessDenied', 'Either scp or roles claim need to be present in the token.');
        }
        if (/[\\*<>?|"]|(^|\/)\.\.?(\/|$)/.test(path)) {
          fail(400, 'invalidRequest', 'The provided name contains invalid characters.');
        }
        const bytes = req.raw ?? Buffer.alloc(0);
        if (bytes.length > SIMPLE_UPLOAD_MAX) {
          fail(
            413,
            'requestTooLarge',
            'The file is too large for a simple upload; use an upload session.',
          );
        }
        const { file, created } = ctx.drive.put(
          site,
          path,
          bytes,
          req.headers['content-type'] ?? 'application/octet-stream',
        );
        return { status: created ? 201 : 200, body: itemJson(file, ctx.graphUrl, site) };
      }
      if (req.method !== 'GET') {
        fail(
          405,
          'BadRequest',
          `The HTTP method '${req.method}' is not supported for this resource.`,
        );
      }
      const file =
        ctx.drive.file(site.id, path) ??
        fail(404, 'itemNotFound', 'The resource could not be found.');
      return { status: 200, body: itemJson(file, ctx.graphUrl, site) };
    },
  };
}
