import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useTabConfigStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
    maxWidth: '40rem',
  },
  title: {
    ...typographyStyles.title3,
    margin: 0,
  },
  text: {
    ...typographyStyles.body1,
    margin: 0,
  },
  preview: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXL,
  },
});
