import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useAnnualReportStyles = makeStyles({
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
  },
  year: {
    minWidth: '16rem',
  },
  downloads: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(13rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  tileTitle: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground2,
  },
  tileValue: {
    ...typographyStyles.title2,
    fontVariantNumeric: 'tabular-nums',
  },
  tileCaption: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXL,
  },
});
