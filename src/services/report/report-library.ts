import type { PlanStore } from '../../store/plan-store';
import { toGraphError } from '../../store/sharepoint/graph-error';
import { SharePointStore } from '../../store/sharepoint/sharepoint-store';
import type { SiteLists } from '../../store/sharepoint/site-lists';

/** Where compiled reports are saved besides the store: the site's document library. */
export interface ReportLibrary {
  /** Saves (or replaces) a file; answers where people can open it. */
  save(fileName: string, bytes: Buffer, contentType: string): Promise<{ webUrl?: string }>;
}

/** The folder of reap's reports in the site's default document library ("Documents"). */
export const REPORT_FOLDER = 'reap';

/**
 * The reap site's document library, through the same Graph pipeline as the lists (token, retries
 * with Retry-After, User-Agent). A simple upload (`PUT …:/content`) replaces a file of the same
 * name and creates the folder when missing; it takes files up to 250 MB, and a report is well
 * under 1 MB. The app needs write access to the site: `Sites.Selected` with a `write` grant.
 */
export class SharePointReportLibrary implements ReportLibrary {
  constructor(private readonly site: SiteLists) {}

  async save(fileName: string, bytes: Buffer, contentType: string): Promise<{ webUrl?: string }> {
    const siteId = await this.site.siteId();
    const path = `/sites/${siteId}/drive/root:/${REPORT_FOLDER}/${encodeURIComponent(fileName)}:/content`;
    try {
      const item = (await this.site.client
        .api(path)
        .header('Content-Type', contentType)
        .put(bytes)) as { webUrl?: string };
      return item.webUrl ? { webUrl: item.webUrl } : {};
    } catch (error) {
      throw toGraphError(error, `saving ${fileName} to the site's documents`);
    }
  }
}

/** The document library of the store's site when reap runs on SharePoint; none on SQLite. */
export function reportLibraryFor(store: PlanStore): ReportLibrary | undefined {
  return store instanceof SharePointStore ? new SharePointReportLibrary(store.site) : undefined;
}
