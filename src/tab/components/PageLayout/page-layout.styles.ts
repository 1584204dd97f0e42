import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/**
 * The layout every page of the tab shares: a column of a header and sections, the page title, its
 * introduction and each section's title. A page adds only what is its own (with `mergeClasses`).
 */
export const usePageLayoutStyles = makeStyles({
  /** The page: its header and sections in a column, `spacingVerticalXL` apart. */
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXL,
  },
  /** With `root`: a page of lists, its parts closer together. */
  compact: {
    rowGap: tokens.spacingVerticalL,
  },
  /** With `root`: a page of tiles and charts, its parts further apart. */
  roomy: {
    rowGap: tokens.spacingVerticalXXL,
  },
  /** The title over its introduction. */
  header: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  /** The title with the page's controls beside it; they wrap under it in a narrow tab. */
  headerBar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  title: {
    ...typographyStyles.title2,
    margin: 0,
  },
  /** A paragraph that explains the page or a section, kept to a readable width. */
  intro: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    maxWidth: '60rem',
  },
  /** A line of facts under the title (who, when): as wide as it needs. */
  meta: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
  },
  sectionTitle: {
    ...typographyStyles.subtitle1,
    margin: 0,
  },
  /** A raised box on the page: a form, a table, a chart. */
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
});
