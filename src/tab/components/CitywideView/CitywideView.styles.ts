import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useCitywideViewStyles = makeStyles({
  city: {
    ...typographyStyles.body1Strong,
    color: tokens.colorBrandForeground1,
  },
  loading: {
    paddingBlock: tokens.spacingVerticalXXXL,
  },
});
