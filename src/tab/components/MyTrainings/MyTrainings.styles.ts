import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useMyTrainingsStyles = makeStyles({
  list: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalXL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  about: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: '16rem',
    flexGrow: 1,
    flexBasis: '24rem',
  },
  title: {
    ...typographyStyles.subtitle2,
    margin: 0,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: {
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
  },
  value: {
    ...typographyStyles.body1,
    margin: 0,
  },
  courseLink: {
    alignSelf: 'flex-start',
  },
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    flexBasis: '22rem',
  },
  dateField: {
    minWidth: '12rem',
  },
  problem: {
    flexBasis: '100%',
  },
});
