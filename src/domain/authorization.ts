/**
 * Who may do what: one pure function, `decide`, asked by every API route and every bot verb. It
 * reads only the verified actor (from a token, or from Teams' `from.aadObjectId`), the action and,
 * for record-level actions, the record's owner and department: never anything a card, a query
 * string or a body says about who is asking.
 *
 * To add an action: name it in `ACTIONS`, give it a rule in `RULES` (built from the rules below),
 * and add its row to the matrix test in `tests/authorization/`, which fails for an action without one.
 */
import { Forbidden } from './errors';

/** A person's role in reap, highest first: an officer who also leads a department acts as officer. */
export const ROLES = ['officer', 'lead', 'ambassador', 'employee'] as const;
export type Role = (typeof ROLES)[number];

/** Nobody verified: no token, a token that failed, or (bot) an activity without an Entra id. */
export type AnonymousActor = { kind: 'anonymous' };

/** A verified person. */
export type PersonActor = {
  kind: 'person';
  /** The Entra object id the token or Teams vouched for. */
  aadObjectId: string;
  /** The roster person; absent when the verified person is not on the staff roster. */
  personId?: string;
  /** The roster person's department. */
  departmentId?: string;
  role: Role;
};

export type Actor = AnonymousActor | PersonActor;

/** Every action reap authorises. The names read `what.scope.verb`. */
export const ACTIONS = [
  /** Who am I and which mode is the server in (`GET /api/me`); answers anyone. */
  'session.read',
  /** The local identity picker's choices; the server also refuses it outside local mode. */
  'local.identities.read',
  /** The plan's goals, strategies and milestones. */
  'plan.read',
  /** Every department's progress, citywide. */
  'progress.citywide.read',
  /** The weekly trend of training completion, citywide (the citywide view's audience). */
  'progress.trend.read',
  /** A department's scorecard and wave counts (its channel tab shows it to its staff). */
  'progress.department.read',
  /**
   * The names of a department's people who have not confirmed a training; the record is the
   * department. Asked with the record, to decide whether the detail carries names.
   */
  'progress.department.people.read',
  /** The list of departments (the channel tab's configuration page). */
  'departments.read',
  /** One's own plan: trainings, and a lead's or Ambassador's department's open items. */
  'plan.own.read',
  /**
   * Toolkit analyses as a list: every department's for the officer (the review queue); a lead's
   * or Ambassador's own department's, the record being that department.
   */
  'toolkit.analyses.read',
  /** The bot's help card. */
  'help.read',
  /** One's own required trainings. */
  'trainings.own.read',
  /** Confirming a training as completed; the record is the completion's person. */
  'training.complete',
  /** The audit log. */
  'audit.read',
  /** Training waves and their state (the officer's campaign view). */
  'waves.read',
  /** Opening a wave of a training for a tier, with a due date (out of order only with a reason). */
  'wave.open',
  /** Sending a wave's reminder campaign to everyone in it who has not confirmed. */
  'campaign.start',
  /** Campaigns, their progress and the recipients they could not reach. */
  'campaigns.read',
  /**
   * Recording the completions of people who train in person (attendance card, attendance CSV);
   * the record is the department whose people are recorded.
   */
  'attendance.record',
  /** A department's unconfirmed people, and reminding them again; the record is the department. */
  'department.nudge',
  /**
   * The lead forms in chat (the `forms` menu and each form opened empty or prefilled); the record,
   * when known, is the department whose form it is.
   */
  'forms.open',
  /** Saving a GARE toolkit analysis as a draft, and submitting it for review; the department's. */
  'toolkit.save',
  /** Accepting a submitted toolkit analysis or returning it with a comment. */
  'toolkit.review',
  /** Designating a department's Racial Equity Leadership Team (its two leads). */
  'relt.designate',
  /** Adding people of a department to its Ambassadors, or removing them. */
  'ambassadors.manage',
  /** Adopting a department's vision statement (a new version keeps the old). */
  'vision.adopt',
  /** Recording a Minority Impact Statement a department's team guided. */
  'impact-statement.record',
  /** Reporting the quarter's status of the strategies a department is responsible for. */
  'strategy-status.report',
  /** Logging a department's partnership meetings and outreach events. */
  'partnership.log',
  /** A compiled annual report (as data, HTML or Word) and the list of years. */
  'report.read',
  /** Compiling a year's annual report (and saving it to the site's documents on SharePoint). */
  'report.compile',
  /** The public summary of citywide progress, for the city's website (HTML, CSV). */
  'public-summary.read',
  /** The indicator series (the Health Department's trends by group). */
  'indicators.read',
  /**
   * Importing an indicator series; the record is the department that keeps the series (the
   * Health Department), whose leads and Ambassadors may import besides the officer.
   */
  'indicators.import',
  /** Survey results and focus groups, with small-cell suppression. */
  'survey.read',
  /** Importing or entering survey aggregates, and logging focus groups. */
  'survey.record',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a record-level action is about: whose record it is, and which department's. */
export type AccessRecord = { ownerId?: string; departmentId?: string };

/** Why an action was refused; `unauthenticated` becomes 401, the others 403. */
export type DenialReason =
  'unauthenticated' | 'not-on-roster' | 'role' | 'not-own-record' | 'other-department';

export type Decision =
  { allowed: true } | { allowed: false; reason: DenialReason; message: string };

type Rule = (actor: Actor, record: AccessRecord | undefined) => Decision;

const ALLOW: Decision = { allowed: true };

function deny(reason: DenialReason, message: string): Decision {
  return { allowed: false, reason, message };
}

const UNAUTHENTICATED = deny('unauthenticated', 'Sign in through Microsoft Teams to use reap.');
const NOT_ON_ROSTER = deny(
  'not-on-roster',
  "You are signed in, but not on the city's staff roster for reap. Ask your Teams administrator or HR to add you.",
);

/** Anyone, signed in or not. */
const anyone: Rule = () => ALLOW;

/** Any verified person, on the roster or not. */
const signedIn: Rule = (actor) => (actor.kind === 'person' ? ALLOW : UNAUTHENTICATED);

/** A verified person on the staff roster. */
const onRoster: Rule = (actor) => {
  if (actor.kind !== 'person') return UNAUTHENTICATED;
  return actor.personId ? ALLOW : NOT_ON_ROSTER;
};

/** The Equity Officer (on the roster or not), or anyone on the roster. */
const officerOrOnRoster: Rule = (actor, record) =>
  actor.kind === 'person' && actor.role === 'officer' ? ALLOW : onRoster(actor, record);

/** Verified people with one of `roles`; `message` says who may, for the person refused. */
function roles(allowed: readonly Role[], message: string): Rule {
  return (actor) => {
    if (actor.kind !== 'person') return UNAUTHENTICATED;
    return allowed.includes(actor.role) ? ALLOW : deny('role', message);
  };
}

/** A person on the roster acting on their own record (the record's `ownerId`). */
const ownRecord: Rule = (actor, record) => {
  const roster = onRoster(actor, record);
  if (!roster.allowed || actor.kind !== 'person') return roster;
  if (record?.ownerId !== undefined && record.ownerId !== actor.personId) {
    return deny('not-own-record', 'You can change only your own records.');
  }
  return ALLOW;
};

/**
 * For department records (forms of later issues): `roles` of the record's own department, and the
 * officer for every department when `officerToo`.
 */
export function departmentTeam(
  allowed: readonly Exclude<Role, 'officer' | 'employee'>[],
  officerToo: boolean,
): Rule {
  return (actor, record) => {
    if (actor.kind !== 'person') return UNAUTHENTICATED;
    if (actor.role === 'officer' && officerToo) return ALLOW;
    if (!(allowed as readonly Role[]).includes(actor.role)) {
      const who = allowed.map((r) => (r === 'lead' ? 'leads' : 'Ambassadors')).join(' and ');
      return deny(
        'role',
        `Only a department's ${who} (and the Equity Officer) can do this. Type **help** to see what you can do.`,
      );
    }
    if (record?.departmentId !== undefined && record.departmentId !== actor.departmentId) {
      return deny('other-department', 'You can do this only for your own department.');
    }
    return ALLOW;
  };
}

/** The rules, one per action. Adding an action without a rule does not compile. */
const RULES: Record<Action, Rule> = {
  'session.read': anyone,
  'local.identities.read': anyone,
  'plan.read': signedIn,
  'progress.citywide.read': roles(
    ['officer', 'lead', 'ambassador'],
    'The citywide progress is for the Equity Officer and each department\'s leads and Ambassadors. Ask the reap bot for "my trainings" to see your own.',
  ),
  'progress.trend.read': roles(
    ['officer', 'lead', 'ambassador'],
    'The training trend is for the Equity Officer and each department\'s leads and Ambassadors. Ask the reap bot for "my trainings" to see your own.',
  ),
  'progress.department.read': officerOrOnRoster,
  'progress.department.people.read': departmentTeam(['lead', 'ambassador'], true),
  'departments.read': officerOrOnRoster,
  'plan.own.read': onRoster,
  'toolkit.analyses.read': departmentTeam(['lead', 'ambassador'], true),
  'help.read': onRoster,
  'trainings.own.read': onRoster,
  'training.complete': ownRecord,
  'audit.read': roles(['officer'], 'Only the Equity Officer can read the audit log.'),
  'waves.read': roles(['officer'], 'Only the Equity Officer manages training waves.'),
  'wave.open': roles(['officer'], 'Only the Equity Officer can open a training wave.'),
  'campaign.start': roles(['officer'], 'Only the Equity Officer can send a reminder campaign.'),
  'campaigns.read': roles(['officer'], 'Only the Equity Officer can see campaigns.'),
  'attendance.record': departmentTeam(['lead', 'ambassador'], true),
  'department.nudge': departmentTeam(['lead'], true),
  'forms.open': departmentTeam(['lead', 'ambassador'], true),
  'toolkit.save': departmentTeam(['lead', 'ambassador'], true),
  'toolkit.review': roles(['officer'], 'Only the Equity Officer reviews toolkit analyses.'),
  'relt.designate': departmentTeam(['lead', 'ambassador'], true),
  'ambassadors.manage': departmentTeam(['lead', 'ambassador'], true),
  'vision.adopt': departmentTeam(['lead', 'ambassador'], true),
  'impact-statement.record': departmentTeam(['lead', 'ambassador'], true),
  'strategy-status.report': departmentTeam(['lead', 'ambassador'], true),
  'partnership.log': departmentTeam(['lead', 'ambassador'], true),
  'report.read': roles(
    ['officer'],
    'Only the Equity Officer reads and compiles the annual report.',
  ),
  'report.compile': roles(['officer'], 'Only the Equity Officer compiles the annual report.'),
  'public-summary.read': roles(
    ['officer'],
    "Only the Equity Officer exports the public summary (to publish it on the city's website).",
  ),
  'indicators.read': officerOrOnRoster,
  'indicators.import': departmentTeam(['lead', 'ambassador'], true),
  'survey.read': roles(
    ['officer', 'lead', 'ambassador'],
    "The survey results are for the Equity Officer and each department's leads and Ambassadors.",
  ),
  'survey.record': roles(
    ['officer'],
    'Only the Equity Officer records survey results and focus groups.',
  ),
};

/**
 * Whether `actor` may do `action` (to `record`, for record-level actions). Pure: same answer for
 * the same arguments, no I/O.
 */
export function decide(actor: Actor, action: Action, record?: AccessRecord): Decision {
  return RULES[action](actor, record);
}

/**
 * The refusal `authorize` throws: a `Forbidden` that says why, so the one error mapping answers
 * 401 for `unauthenticated` and 403 otherwise, and the bot can pick its words.
 */
export class AccessDenied extends Forbidden {
  constructor(
    readonly reason: DenialReason,
    message: string,
  ) {
    super(message);
    this.name = 'AccessDenied';
  }
}

/**
 * `decide`, throwing when refused.
 * @throws AccessDenied with the reason and a message fit to show the person.
 */
export function authorize(actor: Actor, action: Action, record?: AccessRecord): void {
  const decision = decide(actor, action, record);
  if (!decision.allowed) throw new AccessDenied(decision.reason, decision.message);
}

/**
 * A person's role from what was verified: officer by app role, group or configured object id
 * (`isOfficer`), else lead or Ambassador by their department's records, else employee.
 */
export function roleFrom(
  isOfficer: boolean,
  memberships: readonly ('lead' | 'ambassador')[],
): Role {
  if (isOfficer) return 'officer';
  if (memberships.includes('lead')) return 'lead';
  if (memberships.includes('ambassador')) return 'ambassador';
  return 'employee';
}
