import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TIERS, type Department, type Tier } from '../../domain';

/**
 * The roster mapping file the city's admin edits (`roster-mapping.json`): how directory
 * departments become the plan's departments, how job titles (or the depth under the top of the
 * manager chain) become training tiers, and which user property holds the employee number.
 */
export type RosterMappingFile = {
  /** Directory department name → plan department id, e.g. `"Health Department": "MHD"`. */
  departments: Record<string, string>;
  tiers: {
    /** Tried in order; the first pattern (a regular expression, any case) that matches wins. */
    byJobTitle?: Array<{ pattern: string; tier: Tier }>;
    /** Managers above the person → tier (`"1"`: reports to the top of the chain); after titles. */
    byManagerDepth?: Record<string, Tier>;
    /** The tier of everyone no rule above places; without it they are left out and listed. */
    default?: Tier;
  };
  /** The user property holding the employee number; `null` to derive ids from object ids. */
  employeeNumber?: string | null;
};

const tier = z.enum(TIERS, { message: `must be one of ${TIERS.join(', ')}` });

const fileSchema = z.strictObject({
  $comment: z.string().optional(),
  departments: z.record(z.string().trim().min(1), z.string().trim().min(1)),
  tiers: z.strictObject({
    byJobTitle: z
      .array(
        z.strictObject({
          pattern: z.string().min(1).refine(isRegExp, { message: 'must be a regular expression' }),
          tier,
        }),
      )
      .optional(),
    byManagerDepth: z
      .record(z.string().regex(/^\d{1,2}$/, { message: 'must be a number of managers' }), tier)
      .optional(),
    default: tier.optional(),
  }),
  employeeNumber: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,119}$/, { message: 'must be the name of a user property' })
    .nullable()
    .optional(),
});

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, 'i');
    return true;
  } catch {
    return false;
  }
}

/** The mapping file is not usable; one line per problem, each naming where in the file. */
export class RosterMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RosterMappingError';
  }
}

/** How one person's tier was found, so the report can list titles that fell to the default. */
export type TierSource = 'title' | 'depth' | 'default';

/** A checked mapping, ready to apply. */
export type RosterMapping = {
  /** The plan department of a directory department name (or of a plan department id), if any. */
  departmentOf(name: string): string | undefined;
  /** The tier of a job title at a depth under the top of the manager chain, if a rule gives one. */
  tierOf(jobTitle: string, depth?: number): { tier: Tier; by: TierSource } | undefined;
  /** True when some tier comes from the manager chain: the whole directory must be read. */
  readonly usesManagerDepth: boolean;
  /** The user property holding the employee number, or undefined to derive ids. */
  readonly employeeNumber?: string;
  /** A digest of the mapping: a different one means people skipped before may now be placed. */
  readonly fingerprint: string;
};

/** Department names compare without regard to case or repeated spaces. */
const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Checks a mapping file's JSON against the plan's departments.
 * @throws RosterMappingError listing every problem (unknown departments and tiers, bad patterns).
 */
export function parseRosterMapping(json: unknown, departments: Department[]): RosterMapping {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new RosterMappingError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  }
  const file = parsed.data;
  const known = new Map(departments.map((d) => [d.id.toLowerCase(), d.id]));
  const problems: string[] = [];
  const byName = new Map<string, string>();
  for (const [name, id] of Object.entries(file.departments)) {
    const planId = known.get(id.toLowerCase());
    if (!planId) {
      problems.push(
        `departments.${name}: "${id}" is not a department of the plan (${[...known.values()].join(', ')})`,
      );
      continue;
    }
    const key = normalise(name);
    if (byName.has(key) && byName.get(key) !== planId) {
      problems.push(`departments.${name}: named twice, for ${byName.get(key)} and ${planId}`);
    }
    byName.set(key, planId);
  }
  if (problems.length > 0) throw new RosterMappingError(problems);

  const titles = (file.tiers.byJobTitle ?? []).map((r) => ({
    pattern: new RegExp(r.pattern, 'i'),
    tier: r.tier,
  }));
  const depths = new Map(
    Object.entries(file.tiers.byManagerDepth ?? {}).map(([d, t]) => [Number(d), t]),
  );
  const fallback = file.tiers.default;
  const employeeNumber = file.employeeNumber === undefined ? 'employeeId' : file.employeeNumber;
  const canonical = JSON.stringify({
    departments: [...byName.entries()].sort(),
    titles: (file.tiers.byJobTitle ?? []).map((r) => [r.pattern, r.tier]),
    depths: [...depths.entries()].sort(),
    fallback: fallback ?? null,
    employeeNumber,
  });
  return {
    departmentOf: (name) => byName.get(normalise(name)) ?? known.get(name.trim().toLowerCase()),
    tierOf: (jobTitle, depth) => {
      const title = titles.find((t) => t.pattern.test(jobTitle.trim()));
      if (title) return { tier: title.tier, by: 'title' };
      const deep = depth === undefined ? undefined : depths.get(depth);
      if (deep) return { tier: deep, by: 'depth' };
      return fallback ? { tier: fallback, by: 'default' } : undefined;
    },
    usesManagerDepth: depths.size > 0,
    ...(employeeNumber ? { employeeNumber } : {}),
    fingerprint: createHash('sha256').update(canonical).digest('hex').slice(0, 16),
  };
}
