import { makeStyles, tokens } from '@fluentui/react-components';

export const useReportFrameStyles = makeStyles({
  frame: {
    display: 'block',
    width: '100%',
    // Until the page has measured the report; then its own height, so the tab scrolls as one.
    minHeight: '40rem',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    // The report is a printable document in its own light colours, whatever the tab's theme.
    backgroundColor: tokens.colorNeutralBackgroundStatic,
    boxShadow: tokens.shadow4,
  },
});
