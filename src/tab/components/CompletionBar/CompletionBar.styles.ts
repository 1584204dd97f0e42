import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useCompletionBarStyles = makeStyles({
  // The high-contrast theme draws the track in the page colour; this stroke, transparent in the
  // other themes, keeps an empty bar visible there.
  bar: {
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  regular: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  regularHead: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
  },
  label: {
    ...typographyStyles.body1Strong,
  },
  figure: {
    ...typographyStyles.body1,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  regularFoot: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    color: tokens.colorNeutralForeground2,
    ...typographyStyles.caption1,
  },
  compact: {
    display: 'grid',
    gridTemplateColumns: 'minmax(2.5rem, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    ...typographyStyles.caption1,
    // A phone has no room beside the bar: the figure goes under it.
    '@media (max-width: 700px)': {
      gridTemplateColumns: '1fr',
    },
  },
  compactFigure: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    textAlign: 'end',
    '@media (max-width: 700px)': {
      whiteSpace: 'normal',
      textAlign: 'start',
    },
  },
});
