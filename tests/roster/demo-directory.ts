import { DEPARTMENTS, type Person } from '../../src/domain';
import { generateDemoCity } from '../../src/services/demo/demo-city';
import type { DirectoryUserSeed } from '../emulators/graph';

/** The directory of the demo city, 6,500 users: */
export type DemoDirectory = {
  /** every user, to seed the Graph emulator with; */
  users: DirectoryUserSeed[];
  /** the demo city's people, whom the example mapping turns these users into; */
  people: Person[];
  /** users the example mapping leaves out: by department name (with no department as ''). */
  unmapped: Record<string, number>;
  /** disabled accounts of no one on the roster. */
  disabled: number;
};

const NAME_OF = new Map(DEPARTMENTS.map((d) => [d.id, d.name]));

/** An object id for users the demo city does not have (beyond its 6,485 people). */
export const extraObjectId = (n: number) =>
  `10000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

/**
 * Entra ID as the demo city's would look: every demo person a user with the department's name,
 * job title, employee number (`employeeId`) and a manager (the department's first senior manager,
 * who reports to the mayor's office's), plus 15 users who are not city staff in the plan's sense:
 * a county transit team and service accounts (no department), and two disabled accounts.
 */
export function demoDirectory(): DemoDirectory {
  const { people } = generateDemoCity();
  const heads = new Map<string, string>();
  for (const p of people) if (!heads.has(p.departmentId)) heads.set(p.departmentId, p.aadObjectId);
  const top = heads.get('MAYR') ?? '';
  const users: DirectoryUserSeed[] = people.map((p) => {
    const head = heads.get(p.departmentId) ?? top;
    return {
      id: p.aadObjectId,
      displayName: p.displayName,
      userPrincipalName: p.upn,
      mail: p.upn,
      department: NAME_OF.get(p.departmentId) ?? p.departmentId,
      jobTitle: p.jobTitle,
      employeeId: p.id,
      managerId: p.aadObjectId === top ? null : p.aadObjectId === head ? top : head,
    };
  });
  for (let i = 1; i <= 10; i += 1) {
    users.push({
      id: extraObjectId(i),
      displayName: `Transit Planner ${i}`,
      userPrincipalName: `transit.planner${i}@milwaukee.gov`,
      department: 'Milwaukee County Transit System',
      jobTitle: 'Planner',
      employeeId: `MCTS-${i}`,
    });
  }
  for (let i = 11; i <= 13; i += 1) {
    users.push({
      id: extraObjectId(i),
      displayName: `Scanner Service ${i}`,
      userPrincipalName: `scanner${i}@milwaukee.gov`,
    });
  }
  for (let i = 14; i <= 15; i += 1) {
    users.push({
      id: extraObjectId(i),
      displayName: `Former Clerk ${i}`,
      userPrincipalName: `former.clerk${i}@milwaukee.gov`,
      department: 'Comptroller',
      jobTitle: 'Clerk',
      employeeId: `COMP-9${i}`,
      accountEnabled: false,
    });
  }
  return {
    users,
    people,
    unmapped: { 'Milwaukee County Transit System': 10, '': 3 },
    disabled: 2,
  };
}
