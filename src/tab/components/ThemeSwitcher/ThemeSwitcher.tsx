import { Dropdown, Field, Option } from '@fluentui/react-components';
import { THEME_LABELS, THEME_NAMES, type ThemeName } from '../../theme/app-theme';

export type ThemeSwitcherProps = {
  theme: ThemeName;
  onChange: (theme: ThemeName) => void;
};

/** Outside Teams only (in Teams, the tab follows Teams' own theme): light, dark, high contrast. */
export function ThemeSwitcher({ theme, onChange }: ThemeSwitcherProps) {
  return (
    <Field label="Theme">
      <Dropdown
        data-testid="theme-switcher"
        value={THEME_LABELS[theme]}
        selectedOptions={[theme]}
        onOptionSelect={(_event, data) => {
          const next = THEME_NAMES.find((name) => name === data.optionValue);
          if (next) onChange(next);
        }}
      >
        {THEME_NAMES.map((name) => (
          <Option key={name} value={name}>
            {THEME_LABELS[name]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
