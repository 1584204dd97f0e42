import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useScorecardTableStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
  },
  search: {
    minWidth: '16rem',
  },
  select: {
    minWidth: '16rem',
  },
  export: {
    marginInlineStart: 'auto',
  },
  count: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  // Wide tables scroll inside their own box rather than the page.
  scroll: {
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  table: {
    // Fluent's tables lay out fixed columns of equal width; this one sizes them to their content.
    tableLayout: 'auto',
    minWidth: '72rem',
    ...typographyStyles.caption1,
  },
  head: {
    verticalAlign: 'bottom',
    ...typographyStyles.caption1Strong,
  },
  nameHead: {
    verticalAlign: 'bottom',
    minWidth: '10rem',
    ...typographyStyles.caption1Strong,
  },
  headText: {
    display: 'flex',
    flexDirection: 'column',
  },
  headDetail: {
    display: 'block',
    ...typographyStyles.caption2,
    color: tokens.colorNeutralForeground2,
    fontWeight: tokens.fontWeightRegular,
  },
  row: {
    cursor: 'pointer',
  },
  cell: {
    verticalAlign: 'top',
    paddingBlock: tokens.spacingVerticalS,
  },
  cellStack: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalXXS,
  },
  name: {
    ...typographyStyles.body1Strong,
    textAlign: 'start',
  },
  detail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  counts: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
  },
  late: {
    display: 'inline-flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXXS,
    color: tokens.colorPaletteRedForeground1,
    whiteSpace: 'nowrap',
  },
  empty: {
    ...typographyStyles.body1,
    padding: tokens.spacingHorizontalL,
    margin: 0,
  },
});
