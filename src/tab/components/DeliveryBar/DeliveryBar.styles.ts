import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/** Thin lines of the card's colour across a segment, at `angle`. */
function stripes(angle: string): string {
  return `repeating-linear-gradient(${angle}, transparent 0 4px, ${tokens.colorNeutralBackground1} 4px 6px)`;
}

export const useDeliveryBarStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  track: {
    display: 'flex',
    columnGap: '2px',
    height: '12px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground4,
    // The high-contrast theme draws the track in the page colour; this stroke keeps it visible.
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  segment: {
    flexBasis: 0,
    minWidth: '3px',
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    ...typographyStyles.caption1,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
  },
  swatch: {
    width: '12px',
    height: '12px',
    borderRadius: tokens.borderRadiusSmall,
    flexShrink: 0,
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  count: {
    ...typographyStyles.caption1Strong,
    fontVariantNumeric: 'tabular-nums',
  },
  none: {
    color: tokens.colorNeutralForeground3,
  },
  // One colour and one pattern per group: the high-contrast theme draws every colour white, and
  // some readers tell colours apart poorly. The legend gives every figure in words.
  sent: { backgroundColor: tokens.colorStatusSuccessBackground3 },
  waiting: {
    backgroundColor: tokens.colorBrandBackground,
    backgroundImage: stripes('135deg'),
  },
  blocked: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    backgroundImage: `${stripes('45deg')}, ${stripes('135deg')}`,
  },
  not_installed: {
    backgroundColor: tokens.colorPaletteMarigoldBackground3,
    backgroundImage: stripes('90deg'),
  },
  gone: {
    backgroundColor: tokens.colorNeutralStrokeAccessible,
    backgroundImage: stripes('0deg'),
  },
  failed: {
    backgroundColor: tokens.colorPaletteBerryBackground3,
    backgroundImage: stripes('45deg'),
  },
});
