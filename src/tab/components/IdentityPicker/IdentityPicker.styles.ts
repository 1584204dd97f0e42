import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useIdentityPickerStyles = makeStyles({
  dropdown: {
    minWidth: '20rem',
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
  },
  optionDetail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
});
