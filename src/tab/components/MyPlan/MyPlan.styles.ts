import { makeStyles, tokens } from '@fluentui/react-components';

export const useMyPlanStyles = makeStyles({
  root: {
    maxWidth: '72rem',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
