import {
  ACTIONS,
  AccessDenied,
  authorize,
  decide,
  departmentTeam,
  roleFrom,
  type Action,
  type Actor,
  type DenialReason,
  type Role,
} from './authorization';

const person = (role: Role) =>
  ({
    kind: 'person',
    aadObjectId: `oid-${role}`,
    personId: `MPL-${role}`,
    departmentId: 'MPL',
    role,
  }) as const;

const ACTORS = {
  anonymous: { kind: 'anonymous' },
  offRoster: { kind: 'person', aadObjectId: 'oid-outsider', role: 'employee' },
  employee: person('employee'),
  ambassador: person('ambassador'),
  lead: person('lead'),
  officer: person('officer'),
} satisfies Record<string, Actor>;
type ActorName = keyof typeof ACTORS;

const Y = 'allowed' as const;
type Outcome = typeof Y | DenialReason;

/** Every action × every kind of actor, without a record: the whole policy at a glance. */
const POLICY: Record<Action, Record<ActorName, Outcome>> = {
  'session.read': { anonymous: Y, offRoster: Y, employee: Y, ambassador: Y, lead: Y, officer: Y },
  'local.identities.read': {
    anonymous: Y,
    offRoster: Y,
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'plan.read': {
    anonymous: 'unauthenticated',
    offRoster: Y,
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'progress.citywide.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'progress.trend.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'progress.department.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'progress.department.people.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'departments.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'plan.own.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'toolkit.analyses.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'help.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'trainings.own.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'training.complete': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'audit.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'waves.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'wave.open': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'campaign.start': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'campaigns.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'attendance.record': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'department.nudge': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: Y,
    officer: Y,
  },
  'forms.open': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'toolkit.save': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'toolkit.review': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'relt.designate': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'ambassadors.manage': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'vision.adopt': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'impact-statement.record': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'strategy-status.report': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'partnership.log': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'report.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'report.compile': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'public-summary.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
  'indicators.read': {
    anonymous: 'unauthenticated',
    offRoster: 'not-on-roster',
    employee: Y,
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  // Without a record: who may get as far as the route; the route asks again with the department.
  'indicators.import': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'survey.read': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: Y,
    lead: Y,
    officer: Y,
  },
  'survey.record': {
    anonymous: 'unauthenticated',
    offRoster: 'role',
    employee: 'role',
    ambassador: 'role',
    lead: 'role',
    officer: Y,
  },
};

const outcome = (
  actor: Actor,
  action: Action,
  record?: { ownerId?: string; departmentId?: string },
) => {
  const d = decide(actor, action, record);
  return d.allowed ? Y : d.reason;
};

describe('decide', () => {
  it('has a policy row for every action', () => {
    expect(Object.keys(POLICY).sort()).toEqual([...ACTIONS].sort());
  });

  const cells = ACTIONS.flatMap((action) =>
    (Object.keys(ACTORS) as ActorName[]).map(
      (name) => [action, name, POLICY[action][name]] as const,
    ),
  );
  it.each(cells)('%s by %s: %s', (action, name, expected) => {
    expect(outcome(ACTORS[name], action)).toBe(expected);
  });

  it('lets a person complete only their own training, whatever their role', () => {
    for (const name of ['employee', 'ambassador', 'lead', 'officer'] as const) {
      const actor = ACTORS[name];
      expect(outcome(actor, 'training.complete', { ownerId: actor.personId })).toBe(Y);
      expect(outcome(actor, 'training.complete', { ownerId: 'MPL-someone-else' })).toBe(
        'not-own-record',
      );
    }
    expect(outcome(ACTORS.anonymous, 'training.complete', { ownerId: 'x' })).toBe(
      'unauthenticated',
    );
  });

  it('lets leads and Ambassadors record attendance and leads nudge only for their own department; the officer for any', () => {
    for (const action of ['attendance.record', 'department.nudge'] as const) {
      expect(outcome(ACTORS.lead, action, { departmentId: ACTORS.lead.departmentId })).toBe(Y);
      expect(outcome(ACTORS.lead, action, { departmentId: 'OTHER' })).toBe('other-department');
      expect(outcome(ACTORS.officer, action, { departmentId: 'OTHER' })).toBe(Y);
    }
    expect(
      outcome(ACTORS.ambassador, 'attendance.record', {
        departmentId: ACTORS.ambassador.departmentId,
      }),
    ).toBe(Y);
    expect(outcome(ACTORS.ambassador, 'attendance.record', { departmentId: 'OTHER' })).toBe(
      'other-department',
    );
  });

  it("shows a department's unconfirmed names to its own leads and Ambassadors and the officer only", () => {
    const action = 'progress.department.people.read';
    expect(outcome(ACTORS.lead, action, { departmentId: 'MPL' })).toBe(Y);
    expect(outcome(ACTORS.ambassador, action, { departmentId: 'MPL' })).toBe(Y);
    expect(outcome(ACTORS.lead, action, { departmentId: 'MHD' })).toBe('other-department');
    expect(outcome(ACTORS.officer, action, { departmentId: 'MHD' })).toBe(Y);
    expect(outcome(ACTORS.employee, action, { departmentId: 'MPL' })).toBe('role');
  });

  it('lets an officer who is not on the roster read a department and the department list', () => {
    const officer: Actor = { kind: 'person', aadObjectId: 'oid-x', role: 'officer' };
    expect(outcome(officer, 'progress.department.read')).toBe(Y);
    expect(outcome(officer, 'departments.read')).toBe(Y);
    expect(outcome(officer, 'plan.own.read')).toBe('not-on-roster');
  });

  it("lets the Health Department's leads and Ambassadors import indicators, other departments' not; the officer always", () => {
    const mhd = { departmentId: 'MHD' };
    const fromMhd = (role: Role): Actor => ({ ...person(role), departmentId: 'MHD' });
    expect(outcome(fromMhd('lead'), 'indicators.import', mhd)).toBe(Y);
    expect(outcome(fromMhd('ambassador'), 'indicators.import', mhd)).toBe(Y);
    expect(outcome(fromMhd('employee'), 'indicators.import', mhd)).toBe('role');
    expect(outcome(ACTORS.lead, 'indicators.import', mhd)).toBe('other-department');
    expect(outcome(ACTORS.officer, 'indicators.import', mhd)).toBe(Y);
  });

  it('gives every refusal a message fit to show the person', () => {
    for (const action of ACTIONS) {
      for (const actor of Object.values(ACTORS)) {
        const d = decide(actor, action);
        if (!d.allowed) expect(d.message).toMatch(/^[A-Z"].{20,}[.)]$/);
      }
    }
  });

  it('throws AccessDenied with the reason from authorize', () => {
    expect(() => authorize(ACTORS.employee, 'audit.read')).toThrow(AccessDenied);
    try {
      authorize(ACTORS.anonymous, 'plan.read');
    } catch (error) {
      expect(error).toMatchObject({ reason: 'unauthenticated' });
    }
    expect(() => authorize(ACTORS.officer, 'audit.read')).not.toThrow();
  });
});

describe('departmentTeam (for department records)', () => {
  const leadsAndAmbassadors = departmentTeam(['lead', 'ambassador'], true);
  const leadsOnly = departmentTeam(['lead'], false);

  it("allows the department's own team, refuses other departments and employees", () => {
    expect(leadsAndAmbassadors(ACTORS.lead, { departmentId: 'MPL' })).toEqual({ allowed: true });
    expect(leadsAndAmbassadors(ACTORS.ambassador, { departmentId: 'MPL' })).toEqual({
      allowed: true,
    });
    expect(leadsAndAmbassadors(ACTORS.lead, { departmentId: 'MHD' })).toMatchObject({
      reason: 'other-department',
    });
    expect(leadsAndAmbassadors(ACTORS.employee, { departmentId: 'MPL' })).toMatchObject({
      reason: 'role',
    });
    expect(leadsAndAmbassadors(ACTORS.anonymous, { departmentId: 'MPL' })).toMatchObject({
      reason: 'unauthenticated',
    });
  });

  it('lets the officer act for every department only when the rule says so', () => {
    expect(leadsAndAmbassadors(ACTORS.officer, { departmentId: 'MHD' })).toEqual({ allowed: true });
    expect(leadsOnly(ACTORS.officer, { departmentId: 'MPL' })).toMatchObject({ reason: 'role' });
    expect(leadsOnly(ACTORS.ambassador, { departmentId: 'MPL' })).toMatchObject({ reason: 'role' });
  });
});

describe('roleFrom', () => {
  it('ranks officer over lead over Ambassador over employee', () => {
    expect(roleFrom(true, ['lead'])).toBe('officer');
    expect(roleFrom(false, ['ambassador', 'lead'])).toBe('lead');
    expect(roleFrom(false, ['ambassador'])).toBe('ambassador');
    expect(roleFrom(false, [])).toBe('employee');
  });
});
