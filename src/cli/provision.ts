import { ConfigError, loadConfig } from '../config/config';
import { createGraphClient } from '../store/sharepoint/graph-client';
import { GraphError } from '../store/sharepoint/graph-error';
import { provision } from '../store/sharepoint/provision';
import { SiteLists } from '../store/sharepoint/site-lists';

/**
 * `npm run provision`: creates or upgrades reap's SharePoint lists on SHAREPOINT_SITE_URL.
 * Safe to run again: a second run changes nothing.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) console.error(`provision: ${line}`);
    process.exit(1);
  }
  if (!config.sharepoint) {
    console.error(
      'provision: SHAREPOINT_SITE_URL is not set: set it (and GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET) to the site that will hold the lists. See "Run against your tenant" in the README.',
    );
    process.exit(1);
  }
  console.log(`provision: lists on ${config.sharepoint.siteUrl}`);
  const site = new SiteLists(createGraphClient(config.sharepoint), config.sharepoint);
  try {
    const outcomes = await provision(site, (i, total, o) => {
      const pad = String(total).length;
      console.log(
        `provision: [${String(i).padStart(pad)}/${total}] ${o.displayName.padEnd(28)} ${o.action}${
          o.details.length ? ` (${o.details.join(', ')})` : ''
        }`,
      );
    });
    const changed = outcomes.filter((o) => o.action !== 'unchanged').length;
    console.log(
      changed
        ? `provision: done; ${changed} of ${outcomes.length} lists created or changed`
        : `provision: done; all ${outcomes.length} lists were already in place, nothing changed`,
    );
  } catch (error) {
    if (error instanceof GraphError) {
      console.error(`provision: failed: ${error.message}`);
      if (error.status === 401 || error.status === 403) {
        console.error(
          'provision: the app needs Sites.Selected with a "write" grant on this site (README, "Run against your tenant").',
        );
      }
      process.exit(1);
    }
    throw error;
  }
}

void main();
