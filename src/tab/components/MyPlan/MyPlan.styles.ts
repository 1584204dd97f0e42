import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useMyPlanStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXL,
    maxWidth: '72rem',
  },
  header: {
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
  intro: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
    maxWidth: '60rem',
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
