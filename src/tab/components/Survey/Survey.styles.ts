import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSurveyStyles = makeStyles({
  subTitle: {
    ...typographyStyles.subtitle2,
    margin: 0,
  },
  /** With the layout's `panel`: a table's box, its rows closer, scrolled sideways if it must. */
  panel: {
    rowGap: tokens.spacingVerticalS,
    overflowX: 'auto',
  },
  rowHead: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    paddingInline: tokens.spacingHorizontalS,
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  suppressed: {
    color: tokens.colorNeutralForeground2,
    fontStyle: 'italic',
    whiteSpace: 'nowrap',
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(28rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXL,
  },
});
