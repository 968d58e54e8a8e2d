/**
 * The explicit consent the network policy asks for (ARCHITECTURE §6): where a fetch starts from
 * untrusted input — a package's jwks_uri, a redirect from a public host — private and local
 * addresses are refused unless the user ticks this. Link-local addresses stay refused.
 */
import type { ReactElement } from 'react';

/** The "Allow private network addresses" checkbox with what it does and does not lift. */
export function AllowPrivateNetwork({ id, checked, onChange, what }: { id: string; checked: boolean; onChange: (value: boolean) => void; what: string }): ReactElement {
  return (
    <div className="field">
      <div className="checkbox-row">
        <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-help`} onChange={(event) => onChange(event.target.checked)} data-testid="allow-private-network" />
        <label htmlFor={id}>Allow private network addresses</label>
      </div>
      <p className="field-help" id={`${id}-help`}>
        {what} Link-local addresses (169.254.x.x, fe80::, cloud metadata) are never fetched.
      </p>
    </div>
  );
}
