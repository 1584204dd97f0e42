import { makeStyles } from '@fluentui/react-components';

export const useStatusBadgeStyles = makeStyles({
  // A badge has a fixed height: its words stay on one line.
  badge: {
    whiteSpace: 'nowrap',
    flexShrink: 0,
  },
});
