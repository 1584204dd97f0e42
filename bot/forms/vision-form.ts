import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const visionForm: FormDefinition = {
  name: 'vision',
  command: 'vision',
  title: 'Vision statement',
  description: "Adopt your department's racial equity vision statement; earlier versions are kept.",
  action: 'vision.adopt',
  open: async () =>
    renderNoticeCard({ title: 'Vision statement', text: 'This form is not built yet.' }),
  verbs: [],
};
