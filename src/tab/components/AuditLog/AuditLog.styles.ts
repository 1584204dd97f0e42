import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useAuditLogStyles = makeStyles({
  table: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    boxShadow: tokens.shadow4,
  },
  when: {
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
  change: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  empty: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
