import { toGraphError } from './graph-error';
import { LISTS, TEXT_MAX, type ColumnDef, type ListDef } from './schema';
import type { SiteLists } from './site-lists';

/** What provisioning did to one list. */
export type ListOutcome = {
  displayName: string;
  action: 'created' | 'updated' | 'unchanged';
  details: string[];
};

type GraphColumn = { id: string; name: string; indexed?: boolean };

/** The unique, indexed column every list has: the record's natural key. */
const KEY_COLUMN = {
  name: 'Key',
  text: { maxLength: TEXT_MAX },
  indexed: true,
  enforceUniqueValues: true,
};

/** A Graph `columnDefinition` for one of our columns. */
export function columnDefinition(c: ColumnDef): Record<string, unknown> {
  const base = { name: c.name, ...(c.indexed ? { indexed: true } : {}) };
  switch (c.type) {
    case 'text':
    case 'flag':
      return { ...base, text: { maxLength: TEXT_MAX } };
    case 'note':
    case 'json':
      return { ...base, text: { allowMultipleLines: true, textType: 'plain' } };
    case 'number':
      return { ...base, number: {} };
    case 'boolean':
      return { ...base, boolean: {} };
  }
}

async function provisionList(site: SiteLists, def: ListDef): Promise<ListOutcome> {
  const siteId = await site.siteId();
  const existing = (await site.lists(true)).get(def.displayName);
  const wanted = [KEY_COLUMN, ...def.columns.map(columnDefinition)];
  if (!existing) {
    try {
      await site.client.api(`/sites/${siteId}/lists`).post({
        displayName: def.displayName,
        description: def.description,
        list: { template: 'genericList' },
        columns: wanted,
      });
    } catch (error) {
      throw toGraphError(error, `creating the list ${def.displayName}`);
    }
    const indexed = wanted.filter((c) => c.indexed).length;
    return {
      displayName: def.displayName,
      action: 'created',
      details: [`${wanted.length} columns, ${indexed} indexed`],
    };
  }
  const columns = new Map<string, GraphColumn>();
  for await (const c of site.pages<GraphColumn>(
    `/sites/${siteId}/lists/${existing}/columns?$select=id,name,indexed`,
    `reading the columns of ${def.displayName}`,
  )) {
    columns.set(c.name, c);
  }
  const details: string[] = [];
  for (const column of wanted) {
    const name = String(column.name);
    const have = columns.get(name);
    try {
      if (!have) {
        await site.client.api(`/sites/${siteId}/lists/${existing}/columns`).post(column);
        details.push(`added ${name}`);
      } else if (column.indexed && !have.indexed) {
        await site.client
          .api(`/sites/${siteId}/lists/${existing}/columns/${have.id}`)
          .patch({ indexed: true });
        details.push(`indexed ${name}`);
      }
    } catch (error) {
      throw toGraphError(error, `updating column ${name} of ${def.displayName}`);
    }
  }
  return {
    displayName: def.displayName,
    action: details.length ? 'updated' : 'unchanged',
    details,
  };
}

/**
 * Creates every list of the schema on the site, or brings an existing one up to it (missing
 * columns added, missing indexes set). Changes nothing when everything is in place.
 * @param progress called after each list with its position and outcome.
 */
export async function provision(
  site: SiteLists,
  progress: (index: number, total: number, outcome: ListOutcome) => void = () => {},
): Promise<ListOutcome[]> {
  const outcomes: ListOutcome[] = [];
  for (const [i, def] of LISTS.entries()) {
    const outcome = await provisionList(site, def);
    outcomes.push(outcome);
    progress(i + 1, LISTS.length, outcome);
  }
  return outcomes;
}
