import { makeStyles, tokens } from '@fluentui/react-components';

export const useTrendChartStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  select: {
    maxWidth: '24rem',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXL,
  },
});
