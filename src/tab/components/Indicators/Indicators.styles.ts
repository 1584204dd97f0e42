import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useIndicatorsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
  },
  header: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
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
  picker: {
    maxWidth: '32rem',
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
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(28rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    // Each frame keeps its own height: a neighbour's opened table must not stretch the chart.
    alignItems: 'start',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXL,
  },
});
