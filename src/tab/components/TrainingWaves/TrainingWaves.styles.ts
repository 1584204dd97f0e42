import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useTrainingWavesStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  title: {
    ...typographyStyles.title2,
    margin: 0,
  },
  intro: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    maxWidth: '60rem',
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  sectionTitle: {
    ...typographyStyles.subtitle1,
    margin: 0,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
  // Read by screen readers only: what just happened, announced politely.
  announcer: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
