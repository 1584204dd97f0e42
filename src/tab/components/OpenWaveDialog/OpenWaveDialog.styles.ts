import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useOpenWaveDialogStyles = makeStyles({
  content: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  text: {
    ...typographyStyles.body1,
    margin: 0,
  },
});
