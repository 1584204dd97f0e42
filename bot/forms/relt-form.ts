import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const reltForm: FormDefinition = {
  name: 'team',
  command: 'team',
  title: 'Racial Equity Leadership Team',
  description: "Designate the two members of your department's team, at least one a senior leader.",
  action: 'relt.designate',
  open: async () =>
    renderNoticeCard({
      title: 'Racial Equity Leadership Team',
      text: 'This form is not built yet.',
    }),
  verbs: [],
};
