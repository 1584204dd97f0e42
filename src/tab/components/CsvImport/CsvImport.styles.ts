import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useCsvImportStyles = makeStyles({
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
