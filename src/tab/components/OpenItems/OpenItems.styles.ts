import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useOpenItemsStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    // The item's kind reads in its words too; the stripe only groups them for the eye.
    // (Griffel flips left and right for right-to-left languages.)
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorderActive}`,
  },
  text: {
    ...typographyStyles.body1Strong,
    margin: 0,
  },
  detail: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  command: {
    ...typographyStyles.body1,
    margin: 0,
  },
  keyword: {
    fontFamily: tokens.fontFamilyMonospace,
    paddingInline: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  chat: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  none: {
    ...typographyStyles.body1,
    margin: 0,
  },
});
