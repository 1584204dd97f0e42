import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useChartFrameStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    minWidth: 0,
  },
  title: {
    ...typographyStyles.subtitle2,
    margin: 0,
  },
  chart: {
    minHeight: '8rem',
    minWidth: 0,
  },
  caption: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  toggle: {
    alignSelf: 'flex-start',
  },
  table: {
    ...typographyStyles.caption1,
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
});
