import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSendRemindersDialogStyles = makeStyles({
  content: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  text: {
    ...typographyStyles.body1,
    margin: 0,
  },
  trigger: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    rowGap: tokens.spacingVerticalXS,
  },
  why: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    maxWidth: '18rem',
  },
});
