/**
 * Small pieces the package screens share: the "what to send where" box, an extra-CA field and
 * the copy helper for non-secret text (through the main process, which owns the clipboard).
 */
import type { ReactElement } from 'react';
import { call } from '../hooks/use-operation';
import { Icon } from '../components/icons';
import type { ActionOutcome } from '../components/action-status';
import { AllowPrivateNetwork } from '../components/allow-private-network';
import { Prose } from '../components/prose';

/** Copies non-secret text and says what happened. */
export async function copyPlain(text: string, done: string): Promise<ActionOutcome> {
  const result = await call('copyText', { text });
  return result.ok ? { kind: 'done', text: done } : { kind: 'error', error: result.error };
}

/** Where the package goes, from the provider profile; says so plainly when the profile does not know. */
export function SendTo({ text, known = true, headingLevel = 3 }: { text: string; known?: boolean; headingLevel?: 3 | 4 }): ReactElement {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="send-to" data-testid="send-to">
      <Heading>What to send where</Heading>
      <p className="send-to-text">
        <Prose text={text} />
      </p>
      {!known && (
        <p className="send-to-unknown">
          <Icon name="info" size={16} /> We do not know this provider’s submission route for sure. Check the provider’s onboarding guidance or ask your
          contact there before you send anything.
        </p>
      )}
    </div>
  );
}

/** Options every network-touching package action offers: offline, and an extra CA (a corporate TLS proxy). */
export function NetworkOptions({
  idPrefix,
  offline,
  setOffline,
  caPem,
  setCaPem,
  offlineLabel,
  allowPrivate,
}: {
  idPrefix: string;
  offline: boolean;
  setOffline: (value: boolean) => void;
  caPem: string;
  setCaPem: (value: string) => void;
  offlineLabel: string;
  /** The network-policy consent, where the fetch starts from untrusted input (an opened package). */
  allowPrivate?: { checked: boolean; onChange: (value: boolean) => void; what: string };
}): ReactElement {
  return (
    <fieldset className="package-options">
      <legend>Options</legend>
      <div className="checkbox-row">
        <input id={`${idPrefix}-offline`} type="checkbox" checked={offline} onChange={(event) => setOffline(event.target.checked)} />
        <label htmlFor={`${idPrefix}-offline`}>{offlineLabel}</label>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-ca`}>Extra CA certificates (PEM, optional)</label>
        <p className="field-help" id={`${idPrefix}-ca-help`}>
          Only needed behind a TLS-inspecting proxy or for a test server: paste the CA certificate(s) to trust in addition to the system’s.
        </p>
        <textarea
          id={`${idPrefix}-ca`}
          rows={3}
          spellCheck={false}
          aria-describedby={`${idPrefix}-ca-help`}
          value={caPem}
          onChange={(event) => setCaPem(event.target.value)}
          placeholder="-----BEGIN CERTIFICATE-----"
          disabled={offline}
        />
      </div>
      {allowPrivate !== undefined && !offline && <AllowPrivateNetwork id={`${idPrefix}-allow-private`} {...allowPrivate} />}
    </fieldset>
  );
}

/** A byte count for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A date-time for people: the UI's one formatter (en-GB). */
