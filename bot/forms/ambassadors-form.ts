import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const ambassadorsForm: FormDefinition = {
  name: 'ambassadors',
  command: 'ambassadors',
  title: 'Ambassadors',
  description: 'Add people of your department to its Ambassadors, or remove them.',
  action: 'ambassadors.manage',
  open: async () => renderNoticeCard({ title: 'Ambassadors', text: 'This form is not built yet.' }),
  verbs: [],
};
