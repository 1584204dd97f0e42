import { Badge } from '@fluentui/react-components';
import {
  CheckmarkCircle16Filled,
  Circle16Regular,
  ErrorCircle16Filled,
  Warning16Filled,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useStatusBadgeStyles } from './StatusBadge.styles';

/** How a rule stands: met, needs attention, broken, or nothing to judge yet. */
export type StatusKind = 'met' | 'attention' | 'problem' | 'neutral';

export type StatusBadgeProps = {
  status: StatusKind;
  /** The words of the status; always shown, so colour is never the only signal. */
  children: ReactNode;
  /** @default 'medium' */
  size?: 'small' | 'medium';
};

const LOOK = {
  met: { color: 'success', icon: <CheckmarkCircle16Filled /> },
  attention: { color: 'warning', icon: <Warning16Filled /> },
  problem: { color: 'danger', icon: <ErrorCircle16Filled /> },
  neutral: { color: 'informative', icon: <Circle16Regular /> },
} as const;

/** A status badge with an icon and text (WCAG 1.4.1: not colour alone). */
export function StatusBadge({ status, children, size = 'medium' }: StatusBadgeProps) {
  const styles = useStatusBadgeStyles();
  const { color, icon } = LOOK[status];
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      color={color}
      icon={icon}
      size={size}
      shape="rounded"
    >
      {children}
    </Badge>
  );
}
