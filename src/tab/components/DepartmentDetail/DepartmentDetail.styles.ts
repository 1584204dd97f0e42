import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useDepartmentDetailStyles = makeStyles({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  rules: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  rule: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  ruleHead: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  ruleName: {
    ...typographyStyles.body1Strong,
  },
  ruleValue: {
    ...typographyStyles.subtitle2,
    fontVariantNumeric: 'tabular-nums',
  },
  ruleDetail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  scroll: {
    overflowX: 'auto',
  },
  // Fluent's tables lay out fixed columns of equal width; these size them to their content.
  table: {
    tableLayout: 'auto',
    minWidth: '48rem',
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  barCell: {
    minWidth: '12rem',
  },
  strategyText: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
