import {
  quarterBounds,
  quarterOf,
  toIsoDate,
  type Department,
  type IsoDate,
  type Person,
  type PlanSettings,
  type Quarter,
  type Strategy,
} from '../../domain';
import type { Notice, Notices } from '../../campaigns/notices';
import type { PlanStore } from '../../store/plan-store';
import type { Clock } from '../clock';
import { unreported } from './strategy-status-service';

/** What one lead's reminder says: the strategies of their department not reported this quarter. */
export type QuarterlyReminderContent = {
  lead: Person;
  department: Department;
  quarter: Quarter;
  /** The quarter's last day. */
  dueOn: IsoDate;
  /** In plan order. */
  strategies: Strategy[];
};

/** From when in a quarter the reminder goes out. */
export type QuarterlyReminderOptions = {
  /**
   * Month of the quarter (1–3) from which leads are reminded.
   * @default 3 (the quarter's last month)
   */
  monthOfQuarter?: 1 | 2 | 3;
  /**
   * Day of that month (1–28) from which leads are reminded.
   * @default 1
   */
  dayOfMonth?: number;
};

/** The dependencies of a reminder run: the store, the notices' send queue, the clock, the plan. */
export type QuarterlyReminderDeps = {
  store: PlanStore;
  notices: Notices;
  clock: Clock;
  plan: PlanSettings;
};

/** The notice key of a lead's reminder for a quarter: one per lead and quarter, ever. */
export function reminderKey(quarter: Quarter, personId: string): string {
  return `strategy-status.reminder:${quarter}:${personId}`;
}

/**
 * The quarterly reminder of strategy status reports: from a set day of each quarter (by default
 * the first of its last month) every lead of a department that has strategies not yet reported
 * for the quarter gets one card in their chat listing them, with a button that opens the update
 * form. Leads with nothing due get nothing; a lead the bot cannot reach yet is reminded by the
 * first run after they open a chat with it. Each lead is reminded once per quarter, however often
 * `run` is called: the notice key names the quarter and the lead, and the send queue keeps a key
 * once.
 */
export class QuarterlyReminder {
  private readonly monthOfQuarter: number;
  private readonly dayOfMonth: number;

  /**
   * @param render the message for one lead (a card, built on the bot's side).
   */
  constructor(
    private readonly deps: QuarterlyReminderDeps,
    private readonly render: (content: QuarterlyReminderContent) => Notice['activity'],
    options: QuarterlyReminderOptions = {},
  ) {
    this.monthOfQuarter = options.monthOfQuarter ?? 3;
    this.dayOfMonth = Math.min(Math.max(Math.trunc(options.dayOfMonth ?? 1), 1), 28);
  }

  /** The first day of `quarter` on which leads are reminded. */
  remindsFrom(quarter: Quarter): IsoDate {
    const { start } = quarterBounds(quarter);
    const month = Number(start.slice(5, 7)) + this.monthOfQuarter - 1;
    return `${start.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(this.dayOfMonth).padStart(2, '0')}`;
  }

  /**
   * Reminds every lead who has something due and was not reminded this quarter yet; outside the
   * plan's period, or before the reminder day of the quarter, does nothing.
   * @returns how many reminders were queued by this run.
   */
  async run(): Promise<number> {
    const { store, notices, clock, plan } = this.deps;
    const today = toIsoDate(clock.now());
    const quarter = quarterOf(today);
    if (today < plan.period.start || today > plan.period.end) return 0;
    if (today < this.remindsFrom(quarter)) return 0;
    // Run every hour or so: once every lead with something due is reminded, a run reads no more.
    const members = await store.listMembers();
    const waiting = members.filter(
      (m) => m.role === 'lead' && notices.state(reminderKey(quarter, m.personId)) === undefined,
    );
    if (waiting.length === 0) return 0;
    const [departments, strategies, reports] = await Promise.all([
      store.listDepartments(),
      store.listStrategies(),
      store.listStrategyStatuses(),
    ]);
    let queued = 0;
    for (const department of departments) {
      const leads = waiting.filter((m) => m.departmentId === department.id);
      if (leads.length === 0) continue;
      const due = unreported(strategies, reports, department.id, quarter);
      if (due.length === 0) continue;
      for (const member of leads) {
        const lead = await store.getPerson(member.personId);
        // A lead the bot cannot reach yet is reminded on a later run, once they have opened it.
        if (!lead || !(await notices.reachable(lead.id))) continue;
        const activity = this.render({
          lead,
          department,
          quarter,
          dueOn: quarterBounds(quarter).end,
          strategies: due,
        });
        const sent = await notices.send({
          key: reminderKey(quarter, lead.id),
          personId: lead.id,
          activity,
        });
        if (sent) queued += 1;
      }
    }
    return queued;
  }
}
