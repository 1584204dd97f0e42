import { ApiError } from '../../api/api-client';

/** What to tell a person when data would not load: what happened, and what to do next. */
export type ProblemText = { title: string; message: string; nextStep: string };

/** Turns a failed load into words; branches on the status and error code, never on message text. */
export function problemText(error: unknown, what: string): ProblemText {
  if (!(error instanceof ApiError)) {
    return {
      title: `The ${what} could not be shown`,
      message: error instanceof Error ? error.message : String(error),
      nextStep: 'Reload the page. If it happens again, tell your IT team what you see here.',
    };
  }
  switch (error.status) {
    case 0:
      return {
        title: 'reap is not reachable',
        message: `${error.message} The ${what} cannot load without it.`,
        nextStep:
          'Check your connection and try again. If you run reap yourself, check that the server is running (npm start).',
      };
    case 401:
      return {
        title: 'You are not signed in',
        message: error.message,
        nextStep:
          error.code === 'sso_failed'
            ? 'Reload the tab. If it keeps happening, your IT admin may need to grant consent to reap in the Teams admin center.'
            : 'Choose who you are, then try again.',
      };
    case 403:
      return {
        title: `The ${what} is not open to you`,
        message: error.message,
        nextStep:
          error.details.reason === 'not-on-roster'
            ? ''
            : 'If your work needs it, ask your Equity Officer.',
      };
    case 429:
      return {
        title: 'Too many requests',
        message: error.message,
        nextStep: 'Wait a moment, then try again.',
      };
    default:
      return {
        title: `The ${what} could not be loaded`,
        message: error.message,
        nextStep:
          error.status >= 500
            ? 'Try again in a minute. If it keeps happening, tell your IT team.'
            : 'Try again. If it keeps happening, tell your IT team.',
      };
  }
}
