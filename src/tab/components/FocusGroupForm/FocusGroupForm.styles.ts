import { makeStyles, tokens } from '@fluentui/react-components';

export const useFocusGroupFormStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  heldOn: {
    width: '11rem',
  },
  participants: {
    width: '10rem',
  },
  department: {
    flexGrow: 1,
    minWidth: '16rem',
  },
  submit: {
    alignSelf: 'flex-start',
  },
});
