import { makeStyles, tokens } from '@fluentui/react-components';

export const useTrainingWavesStyles = makeStyles({
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
  // Read by screen readers only: what just happened, announced politely.
  announcer: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
