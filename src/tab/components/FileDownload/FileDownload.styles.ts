import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useFileDownloadStyles = makeStyles({
  root: {
    display: 'inline-flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  problem: {
    ...typographyStyles.caption1,
    color: tokens.colorPaletteRedForeground1,
    maxWidth: '24rem',
  },
});
