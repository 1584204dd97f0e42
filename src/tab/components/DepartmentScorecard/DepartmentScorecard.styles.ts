import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useDepartmentScorecardStyles = makeStyles({
  card: {
    display: 'grid',
    gridTemplateColumns: 'minmax(11rem, 13rem) minmax(18rem, 1fr) minmax(30rem, 2fr)',
    gap: tokens.spacingHorizontalXL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    '@media (max-width: 1100px)': {
      gridTemplateColumns: 'minmax(11rem, 13rem) 1fr',
    },
    '@media (max-width: 700px)': {
      gridTemplateColumns: '1fr',
    },
  },
  identity: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  name: {
    ...typographyStyles.subtitle2,
    margin: 0,
  },
  detail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  counts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    margin: 0,
    marginBlockStart: tokens.spacingVerticalXS,
    ...typographyStyles.caption1,
  },
  countLabel: {
    color: tokens.colorNeutralForeground2,
  },
  countValue: {
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
  },
  rules: {
    display: 'grid',
    gridTemplateColumns: 'minmax(4.5rem, auto) 1fr',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  ruleName: {
    ...typographyStyles.caption1Strong,
    color: tokens.colorNeutralForeground2,
    paddingBlockStart: tokens.spacingVerticalXXS,
  },
  ruleValue: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  problems: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    flexBasis: '100%',
  },
  training: {
    alignSelf: 'start',
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    ...typographyStyles.caption1,
    '@media (max-width: 1100px)': {
      gridColumn: '1 / -1',
    },
  },
  trainingHead: {
    ...typographyStyles.caption1Strong,
    overflowWrap: 'break-word',
    hyphens: 'auto',
    color: tokens.colorNeutralForeground2,
    textAlign: 'start',
    verticalAlign: 'bottom',
    paddingBlockEnd: tokens.spacingVerticalXS,
    paddingInlineEnd: tokens.spacingHorizontalM,
  },
  tierColumn: {
    width: '5.5rem',
    '@media (max-width: 700px)': {
      width: '4.5rem',
    },
  },
  tierHead: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    paddingBlock: tokens.spacingVerticalXXS,
  },
  trainingCell: {
    paddingBlock: tokens.spacingVerticalXXS,
    paddingInlineEnd: tokens.spacingHorizontalM,
    '@media (max-width: 700px)': {
      paddingInlineEnd: tokens.spacingHorizontalS,
      verticalAlign: 'top',
    },
  },
  notRequired: {
    color: tokens.colorNeutralForeground3,
  },
});
