import { makeStyles, tokens } from '@fluentui/react-components';

export const useSurveyRecordingStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  // The file import and the focus group side by side; the hand entry under them, the page's width
  // (a row of fields per group).
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(28rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
});
