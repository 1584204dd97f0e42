import type { LocalIdentity } from '../../api/api-types';
import type { ThemeName } from '../../theme/app-theme';
import { IdentityPicker } from '../IdentityPicker/IdentityPicker';
import { StatusBadge } from '../StatusBadge/StatusBadge';
import { ThemeSwitcher } from '../ThemeSwitcher/ThemeSwitcher';
import { useLocalToolbarStyles } from './LocalToolbar.styles';

export type LocalToolbarProps = {
  /** The local identity picker's choices; absent when the server is not in local mode. */
  identities?: LocalIdentity[];
  personId: string | undefined;
  onPersonChange: (personId: string) => void;
  /** The theme switcher's state; absent in Teams, which sets the theme itself. */
  theme?: ThemeName;
  onThemeChange: (theme: ThemeName) => void;
};

/**
 * What the tab shows above the page outside Teams: the identity picker (local mode) and the theme
 * switcher. Loaded on demand, since a tab in Teams needs neither.
 */
export function LocalToolbar({
  identities,
  personId,
  onPersonChange,
  theme,
  onThemeChange,
}: LocalToolbarProps) {
  const styles = useLocalToolbarStyles();
  return (
    <div className={styles.toolbar} role="banner">
      <div className={styles.brand}>
        <span className={styles.brandName}>reap</span>
        {identities && <StatusBadge status="attention">Local mode</StatusBadge>}
      </div>
      <div className={styles.controls}>
        {identities && (
          <IdentityPicker identities={identities} personId={personId} onChange={onPersonChange} />
        )}
        {theme && <ThemeSwitcher theme={theme} onChange={onThemeChange} />}
      </div>
    </div>
  );
}
