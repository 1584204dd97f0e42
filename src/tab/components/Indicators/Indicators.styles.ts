import { makeStyles, tokens } from '@fluentui/react-components';

export const useIndicatorsStyles = makeStyles({
  picker: {
    maxWidth: '32rem',
  },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(28rem, 1fr))',
    gap: tokens.spacingHorizontalL,
    // Each frame keeps its own height: a neighbour's opened table must not stretch the chart.
    alignItems: 'start',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXL,
  },
});
