import { makeStyles, tokens } from '@fluentui/react-components';

export const useWorkspaceStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  pages: {
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
