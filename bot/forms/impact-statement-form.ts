import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const impactStatementForm: FormDefinition = {
  name: 'mis',
  command: 'mis',
  title: 'Minority Impact Statement',
  description:
    'Record a Minority Impact Statement your team guided, by its Common Council file number.',
  action: 'impact-statement.record',
  open: async () =>
    renderNoticeCard({ title: 'Minority Impact Statement', text: 'This form is not built yet.' }),
  verbs: [],
};
