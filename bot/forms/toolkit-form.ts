import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const toolkitForm: FormDefinition = {
  name: 'toolkit',
  command: 'toolkit',
  title: 'GARE toolkit analysis',
  description:
    'Analyse a policy, program or budget decision with the six steps of the Racial Equity Toolkit; save a draft at any step and submit it for review.',
  action: 'toolkit.save',
  open: async () =>
    renderNoticeCard({ title: 'GARE toolkit analysis', text: 'This form is not built yet.' }),
  verbs: [],
};
