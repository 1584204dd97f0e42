import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import { ValidationError, type Quarter } from '../../src/domain';
import type { Notices } from '../../src/campaigns/notices';
import { NOTE_MAX, recordId } from '../../src/server/input/limits';
import {
  QuarterlyReminder,
  type QuarterlyReminderOptions,
} from '../../src/services/forms/quarterly-reminder';
import {
  noteField,
  quarterLabel,
  statusField,
  StrategyStatusService,
  type StatusEntry,
  type StatusReportOutcome,
} from '../../src/services/forms/strategy-status-service';
import type { BotDeps } from '../bot-deps';
import { quarterlyReminderActivity } from '../cards/quarterly-reminder-card';
import {
  renderStrategyStatusCard,
  strategyStatusCardModel,
  type StrategyStatusValues,
} from '../cards/strategy-status-card';
import {
  formVerb,
  messagesFor,
  nothingSavedNotice,
  type FormDefinition,
  type FormScope,
} from './form-kit';

/** The verb of the form's send button (`bot/cards/strategy-status.json`). */
export const REPORT_STRATEGY_STATUS_VERB = 'reportStrategyStatus';

const BUTTON_KEYS = new Set(['departmentId', 'quarter', 'reportId']);
/** A strategy's inputs: `status-S1.1`, `note-S1.1`. */
const ROW_KEY = /^(status|note)-([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/**
 * The send button's data merged with the inputs, one status and one note per strategy. Only
 * those keys are accepted; their rules (a status offered, a note's length, a strategy of the
 * department) are the service's, so the message stands beside the strategy.
 */
const reportData = z
  .object({
    departmentId: recordId(),
    quarter: z.string().max(16),
    reportId: recordId(),
  })
  .catchall(z.string().max(NOTE_MAX))
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!BUTTON_KEYS.has(key) && !ROW_KEY.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not a field reap accepts here' });
      }
    }
  });

/** The rows the card sent, by strategy, in the order they came. */
function entriesOf(input: Record<string, string>): {
  entries: StatusEntry[];
  values: StrategyStatusValues;
} {
  const byStrategy = new Map<string, StatusEntry>();
  const values: StrategyStatusValues = {};
  for (const [key, value] of Object.entries(input)) {
    const match = ROW_KEY.exec(key);
    if (!match) continue;
    const [, kind, strategyId = ''] = match;
    values[key] = value;
    const entry = byStrategy.get(strategyId) ?? { strategyId, status: '', note: '' };
    if (kind === 'status') entry.status = value.trim();
    else entry.note = value;
    byStrategy.set(strategyId, entry);
  }
  return { entries: [...byStrategy.values()], values };
}

/** The form of the scope's department for `quarter`. */
async function formCard(
  scope: FormScope,
  quarter: Quarter,
  options: {
    values?: StrategyStatusValues;
    errors?: Record<string, string>;
    notice?: string;
    saved?: string;
    reportId?: string;
  } = {},
): Promise<Attachment> {
  const service = new StrategyStatusService(scope.deps.store, scope.deps.clock);
  const standings = await service.standings(scope.department.id, quarter);
  return renderStrategyStatusCard(
    strategyStatusCardModel({ department: scope.department, quarter, standings, ...options }),
  );
}

/** What a send did, in a sentence. */
function savedText(outcome: StatusReportOutcome): string {
  const label = quarterLabel(outcome.quarter);
  const strategies = (n: number) => `${n} ${n === 1 ? 'strategy' : 'strategies'}`;
  if (outcome.saved > 0) {
    const same = outcome.unchanged > 0 ? ` ${strategies(outcome.unchanged)} unchanged.` : '';
    return `Saved the ${label} status of ${strategies(outcome.saved)}.${same}`;
  }
  if (outcome.alreadySaved > 0) return 'This report was saved already; nothing new was stored.';
  return `Nothing changed since your last ${label} report, so nothing new was stored.`;
}

/**
 * The strategy status form (`update`): each plan strategy the department is responsible for,
 * under its plan heading, with a status and a note for the current quarter, prefilled with this
 * quarter's latest report or else last quarter's.
 */
export const strategyStatusForm: FormDefinition = {
  name: 'update',
  command: 'update',
  title: 'Strategy status',
  description:
    "Report this quarter's status of each plan strategy your department is responsible for.",
  action: 'strategy-status.report',
  open: (scope) =>
    formCard(scope, new StrategyStatusService(scope.deps.store, scope.deps.clock).currentQuarter()),
  verbs: [
    formVerb({
      verb: REPORT_STRATEGY_STATUS_VERB,
      data: reportData,
      action: 'strategy-status.report',
      answer: async (scope, input) => {
        const { deps, department, person } = scope;
        const service = new StrategyStatusService(deps.store, deps.clock);
        const { entries, values } = entriesOf(input);
        try {
          const outcome = await service.report(person, department.id, {
            reportId: input.reportId,
            quarter: input.quarter,
            entries,
          });
          return formCard(scope, outcome.quarter, { saved: savedText(outcome) });
        } catch (error) {
          const closed = error instanceof ValidationError && error.field === 'quarter';
          const quarter = closed ? service.currentQuarter() : input.quarter;
          const fields = (await service.standings(department.id, quarter)).flatMap((s) => [
            statusField(s.strategy.id),
            noteField(s.strategy.id),
          ]);
          const { errors, notice } = messagesFor(error, fields);
          return formCard(scope, quarter, {
            values,
            ...(errors ? { errors: errors as Record<string, string> } : {}),
            notice: closed ? (notice ?? '') : nothingSavedNotice(notice, 'strategy'),
            reportId: input.reportId,
          });
        }
      },
    }),
  ],
};

/**
 * The quarterly reminder with its card, from the bot's dependencies. The server runs it on a
 * timer: `quarterlyReminderFor({ store, clock, plan: config.plan, notices: campaigns.notices })`,
 * then `run()` every hour or so; it sends each lead one card per quarter, whatever the timer does.
 */
export function quarterlyReminderFor(
  deps: Pick<BotDeps, 'store' | 'clock' | 'plan'> & { notices: Notices },
  options?: QuarterlyReminderOptions,
): QuarterlyReminder {
  return new QuarterlyReminder(deps, quarterlyReminderActivity, options);
}
