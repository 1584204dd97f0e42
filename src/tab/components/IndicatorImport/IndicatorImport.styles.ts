import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useIndicatorImportStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  title: {
    ...typographyStyles.subtitle1,
    margin: 0,
  },
  hint: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    maxWidth: '60rem',
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  file: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground1,
    '::file-selector-button': {
      marginInlineEnd: tokens.spacingHorizontalM,
      paddingBlock: tokens.spacingVerticalXS,
      paddingInline: tokens.spacingHorizontalM,
      borderRadius: tokens.borderRadiusMedium,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorNeutralForeground1,
      fontFamily: tokens.fontFamilyBase,
    },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
  lines: {
    ...typographyStyles.caption1,
    maxHeight: '20rem',
    overflowY: 'auto',
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
  },
});
