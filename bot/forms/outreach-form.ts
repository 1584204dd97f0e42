import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const outreachForm: FormDefinition = {
  name: 'outreach',
  command: 'log outreach',
  title: 'Outreach event',
  description: 'Log an event that educated the public, with the people reached.',
  action: 'partnership.log',
  open: async () =>
    renderNoticeCard({ title: 'Outreach event', text: 'This form is not built yet.' }),
  verbs: [],
};
