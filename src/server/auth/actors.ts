import type { Config } from '../../config/config';
import type { Person } from '../../domain';
import { roleFrom, type Actor, type PersonActor } from '../../domain/authorization';
import type { PlanStore } from '../../store/plan-store';
import type { SsoIdentity } from './sso-token-verifier';

/** What, besides the roster, says a person is Equity Officer: their token's roles and groups. */
export type OfficerEvidence = Pick<SsoIdentity, 'roles' | 'groups'>;

const NO_EVIDENCE: OfficerEvidence = { roles: [], groups: [] };

/**
 * Turns a verified Entra object id into an `Actor`: the roster person it belongs to, and their
 * role: Equity Officer by app role, group (from a token) or configured object id; lead or
 * Ambassador by their department's records; else employee. The API and the bot both use it, so a
 * person has the same role everywhere (the bot sees no token, so only object ids count there).
 */
export class ActorResolver {
  constructor(
    private readonly store: PlanStore,
    private readonly config: Pick<Config, 'officerObjectIds' | 'officerAppRole' | 'officerGroupId'>,
  ) {}

  /** The actor for an Entra object id that a token or Teams vouched for. */
  async forObjectId(aadObjectId: string, evidence: OfficerEvidence = NO_EVIDENCE): Promise<Actor> {
    const oid = aadObjectId.toLowerCase();
    const person = await this.store.findPersonByAadObjectId(oid);
    return this.actor(oid, person, evidence);
  }

  /** The actor for a roster person (local mode's identity picker names one). */
  forPerson(person: Person, evidence: OfficerEvidence = NO_EVIDENCE): Promise<PersonActor> {
    return this.actor(person.aadObjectId.toLowerCase(), person, evidence);
  }

  private async actor(
    oid: string,
    person: Person | undefined,
    evidence: OfficerEvidence,
  ): Promise<PersonActor> {
    const { officerObjectIds, officerAppRole, officerGroupId } = this.config;
    const isOfficer =
      officerObjectIds.includes(oid) ||
      evidence.roles.includes(officerAppRole) ||
      (officerGroupId !== undefined && evidence.groups.includes(officerGroupId));
    if (!person) return { kind: 'person', aadObjectId: oid, role: roleFrom(isOfficer, []) };
    const members = await this.store.listMembers({ departmentId: person.departmentId });
    const memberships = members.filter((m) => m.personId === person.id).map((m) => m.role);
    return {
      kind: 'person',
      aadObjectId: oid,
      personId: person.id,
      departmentId: person.departmentId,
      role: roleFrom(isOfficer, memberships),
    };
  }
}
