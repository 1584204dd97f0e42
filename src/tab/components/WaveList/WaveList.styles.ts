import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useWaveListStyles = makeStyles({
  trainings: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalL,
  },
  training: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast removes shadows; a transparent border becomes visible there.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  trainingTitle: {
    ...typographyStyles.subtitle2,
    margin: 0,
  },
  waves: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  wave: {
    display: 'grid',
    // A fixed actions column keeps the bars of one training's waves aligned.
    gridTemplateColumns: 'minmax(16rem, 3fr) minmax(12rem, 2fr) 17rem',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 900px)': {
      gridTemplateColumns: '1fr',
    },
  },
  about: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  nameLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  name: {
    ...typographyStyles.body1Strong,
    margin: 0,
  },
  dates: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    margin: 0,
  },
  reason: {
    ...typographyStyles.caption1,
    margin: 0,
    // Griffel flips left and right for right-to-left pages.
    paddingLeft: tokens.spacingHorizontalS,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteMarigoldBorderActive}`,
    overflowWrap: 'anywhere',
  },
  reasonLabel: {
    ...typographyStyles.caption1Strong,
  },
  progress: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
  },
  progressLabel: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  actions: {
    display: 'flex',
    justifyContent: 'flex-end',
    '@media (max-width: 900px)': {
      justifyContent: 'flex-start',
    },
  },
});
