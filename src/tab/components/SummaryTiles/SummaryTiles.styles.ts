import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSummaryTilesStyles = makeStyles({
  list: {
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
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  title: {
    ...typographyStyles.body1Strong,
    color: tokens.colorNeutralForeground2,
  },
  value: {
    ...typographyStyles.title2,
    fontVariantNumeric: 'tabular-nums',
  },
  of: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    marginInlineStart: tokens.spacingHorizontalXS,
  },
  // Keeps an empty bar visible in the high-contrast theme (see CompletionBar).
  bar: {
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  caption: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
});
