import { renderNoticeCard } from '../cards/notice-card';
import type { FormDefinition } from './form-kit';

/** Placeholder until the form is built: says so rather than pretending. */
export const meetingForm: FormDefinition = {
  name: 'meeting',
  command: 'log meeting',
  title: 'Partnership meeting',
  description: 'Log a meeting with partners such as County OAAA or foundations.',
  action: 'partnership.log',
  open: async () =>
    renderNoticeCard({ title: 'Partnership meeting', text: 'This form is not built yet.' }),
  verbs: [],
};
