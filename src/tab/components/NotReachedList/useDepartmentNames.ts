import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client';
import type { CitywideProgress } from '../../api/api-types';

// One read per signed-in person (an ApiClient each), shared by every list that asks.
const cache = new WeakMap<ApiClient, Promise<Map<string, string>>>();

function departmentNames(api: ApiClient): Promise<Map<string, string>> {
  let names = cache.get(api);
  if (!names) {
    names = api
      .get<CitywideProgress>('/api/progress/citywide')
      .then(({ departments }) => new Map(departments.map((d) => [d.departmentId, d.name])));
    // A failed read is tried again by the next list that asks.
    names.catch(() => cache.delete(api));
    cache.set(api, names);
  }
  return names;
}

/**
 * The departments' names by id, read once when first `enabled`; until then, or if they cannot be
 * read, an empty map (the lists then show the department's code alone).
 */
export function useDepartmentNames(api: ApiClient, enabled: boolean): ReadonlyMap<string, string> {
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    departmentNames(api)
      .then((found) => current && setNames(found))
      .catch((error: unknown) => console.warn('reap: could not read the department names', error));
    return () => {
      current = false;
    };
  }, [api, enabled]);
  return names;
}
