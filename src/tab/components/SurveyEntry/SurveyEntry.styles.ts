import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSurveyEntryStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  year: {
    width: '8rem',
  },
  department: {
    flexGrow: 1,
    minWidth: '16rem',
  },
  groups: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    ...typographyStyles.subtitle2,
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  group: {
    flexGrow: 1,
    minWidth: '12rem',
  },
  respondents: {
    width: '10rem',
  },
  value: {
    width: '10rem',
  },
  // Level with the inputs, under their labels.
  remove: {
    marginTop: `calc(${tokens.lineHeightBase300} + ${tokens.spacingVerticalXXS})`,
  },
  problem: {
    ...typographyStyles.caption1,
    color: tokens.colorPaletteRedForeground1,
    margin: 0,
  },
});
