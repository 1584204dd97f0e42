import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const strategyStatusForm: FormDefinition = {
  name: 'update',
  command: 'update',
  title: 'Strategy status',
  description:
    "Report this quarter's status of each plan strategy your department is responsible for.",
  action: 'strategy-status.report',
  open: async () =>
    renderNoticeCard({ title: 'Strategy status', text: 'This form is not built yet.' }),
  verbs: [],
};
