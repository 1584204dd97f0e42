import { makeStyles, tokens } from '@fluentui/react-components';

export const useMeasureChartsStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(24rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});
