import { Dropdown, Field, Option } from '@fluentui/react-components';
import type { LocalIdentity, Role } from '../../api/api-types';
import { useIdentityPickerStyles } from './IdentityPicker.styles';

export type IdentityPickerProps = {
  identities: LocalIdentity[];
  /** The person the tab acts for now. */
  personId: string | undefined;
  onChange: (personId: string) => void;
};

/** How each role reads in the picker. */
export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Equity Officer',
  lead: 'Department lead',
  ambassador: 'Ambassador',
  employee: 'Employee',
};

function optionText(identity: LocalIdentity): string {
  return `${identity.displayName} (${ROLE_LABELS[identity.role]}, ${identity.departmentId})`;
}

/**
 * Local mode only: whom the tab acts for. The server trusts this choice only while it runs with no
 * Teams sign-in configured.
 */
export function IdentityPicker({ identities, personId, onChange }: IdentityPickerProps) {
  const styles = useIdentityPickerStyles();
  const selected = identities.find((i) => i.personId === personId);
  return (
    <Field label="Signed in as (local mode)">
      <Dropdown
        className={styles.dropdown}
        data-testid="identity-picker"
        value={selected ? optionText(selected) : ''}
        selectedOptions={selected ? [selected.personId] : []}
        placeholder="Choose a person"
        onOptionSelect={(_event, data) => {
          if (data.optionValue) onChange(data.optionValue);
        }}
      >
        {identities.map((identity) => (
          <Option key={identity.personId} value={identity.personId} text={optionText(identity)}>
            <span className={styles.option}>
              <span>{identity.displayName}</span>
              <span className={styles.optionDetail}>
                {ROLE_LABELS[identity.role]}, {identity.departmentName}
              </span>
            </span>
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
