/**
 * Generate a key pair: algorithm (and RSA size) from the provider's policy with the declared
 * algorithm (token_endpoint_auth_signing_alg) preselected, and a progress bar fed by
 * `onKeyProgress` while the main process works. Another algorithm than the declared one is
 * refused here as in the main process: such a key could not sign what the provider expects.
 */
import { useEffect, useId, useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ErrorNotice } from '../components/error-notice';
import { Icon } from '../components/icons';
import { getBridge } from '../bridge';
import { call, type ValueFor } from '../hooks/use-operation';

type Ring = ValueFor<'listKeys'>;
type Phase = 'generating' | 'encrypting' | 'storing' | 'done';

const PHASES: Record<Phase, { text: string; from: number; to: number }> = {
  generating: { text: 'Generating the key pair…', from: 0, to: 0.7 },
  encrypting: { text: 'Encrypting the private key…', from: 0.7, to: 0.85 },
  storing: { text: 'Storing it in your OS keychain…', from: 0.85, to: 0.99 },
  done: { text: 'Done.', from: 1, to: 1 },
};

/** The curve an ECDSA algorithm implies. */
const EC_CURVES: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

function isRsa(alg: string): boolean {
  return alg.startsWith('RS') || alg.startsWith('PS');
}

/** The generate form. `onGenerated` gets the new kid. */
/** A year from today (the rotation reminder's horizon), as YYYY-MM-DD. */
function aYearAhead(): string {
  return new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
}

export function GenerateKey({
  id,
  policy,
  hasKeys,
  offerDatedKid = false,
  onGenerated,
}: {
  id: string;
  policy: Ring['policy'];
  hasKeys: boolean;
  /** API platform: offer a kid NHS's hosted-JWKS expiry check tracks (`<rotate-by date>-<short thumbprint>`). */
  offerDatedKid?: boolean;
  onGenerated: (kid: string, warnings: string[]) => void;
}): ReactElement {
  const [alg, setAlg] = useState(policy.defaultAlg);
  const [dated, setDated] = useState(false);
  const [rotateBy, setRotateBy] = useState(aYearAhead);
  const [size, setSize] = useState(policy.defaultRsaSize);
  const [progress, setProgress] = useState<{ phase: Phase; fraction: number } | undefined>(undefined);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const base = useId();
  const busy = progress !== undefined;
  const conflict = policy.declaredAlg !== undefined && alg !== policy.declaredAlg;

  // Subscribed for the panel's lifetime so no early event is missed; events outside a run (late
  // ones after the answer) are ignored because there is no progress to update.
  useEffect(
    () =>
      getBridge()?.onKeyProgress((event) => {
        if (event.id !== id) return;
        const span = PHASES[event.phase];
        setProgress((previous) => {
          if (previous === undefined) return previous;
          // Heartbeats during generation carry no fraction: creep forward so the bar shows life.
          const within = event.fraction ?? (previous.phase === event.phase ? Math.min(0.95, (previous.fraction - span.from) / Math.max(span.to - span.from, 0.01) + 0.1) : 0);
          return { phase: event.phase, fraction: span.from + (span.to - span.from) * Math.max(0, Math.min(1, within)) };
        });
      }),
    [id],
  );

  const generate = async () => {
    setError(undefined);
    setProgress({ phase: 'generating', fraction: 0 });
    const curve = EC_CURVES[alg];
    const result = await call('generateKey', { id, alg, ...(isRsa(alg) ? { size } : curve ? { curve } : {}), ...(offerDatedKid && dated && { kidStyle: 'dated' as const, rotateBy }) });
    setProgress(undefined);
    if (result.ok) onGenerated(result.value.record.kid, result.value.warnings);
    else setError(result.error);
  };

  return (
    <div className="generate-key">
      <p>
        Made on this computer; the private key stays in your OS keychain. Only the public half is shown, copied or published.
        {hasKeys && ' A new key starts as the next key: publish it, then rotate to start signing with it.'}
      </p>
      {offerDatedKid && (
        <div className="field dated-kid">
          <div className="checkbox-row">
            <input id={`${base}-dated`} type="checkbox" checked={dated} disabled={busy} onChange={(event) => setDated(event.target.checked)} />
            <label htmlFor={`${base}-dated`}>Dated key ID (for an NHS-hosted JWKS)</label>
          </div>
          {dated && (
            <>
              <label htmlFor={`${base}-rotate-by`}>Rotate by</label>
              <input id={`${base}-rotate-by`} type="date" value={rotateBy} disabled={busy} aria-describedby={`${base}-dated-help`} onChange={(event) => setRotateBy(event.target.value)} />
            </>
          )}
          <span className="field-help" id={`${base}-dated-help`}>
            The key ID becomes the rotate-by date and the first 8 characters of its fingerprint (e.g. 2027-12-01-AbCdEfGh): NHS's expiry check reads the date and raises a
            rotation ticket 60 days before it.
          </span>
        </div>
      )}
      <div className="action-row">
        <div className="field field-inline">
          <label htmlFor={`${base}-alg`}>Key algorithm</label>
          <select id={`${base}-alg`} value={alg} disabled={busy} onChange={(event) => setAlg(event.target.value)}>
            {policy.allowedAlgs.map((a) => (
              <option key={a} value={a}>
                {a}
                {a === policy.declaredAlg ? ' (declared in your values)' : policy.declaredAlg === undefined && a === policy.defaultAlg ? ' (provider default)' : ''}
              </option>
            ))}
          </select>
        </div>
        {isRsa(alg) ? (
          <div className="field field-inline">
            <label htmlFor={`${base}-size`}>RSA key size</label>
            <select id={`${base}-size`} value={size} disabled={busy} onChange={(event) => setSize(Number(event.target.value))}>
              {policy.allowedRsaSizes.map((s) => (
                <option key={s} value={s}>
                  {s} bits{s === policy.defaultRsaSize ? ' (default)' : ''}
                  {s >= 4096 ? ' — takes several seconds' : ''}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="field-inline muted">Curve {EC_CURVES[alg] ?? 'from the algorithm'}</p>
        )}
        <button type="button" className="button button-primary" disabled={busy || conflict} onClick={() => void generate()}>
          <Icon name="key" size={18} />
          {busy ? 'Generating…' : hasKeys ? 'Generate another key pair' : 'Generate key pair'}
        </button>
      </div>
      {conflict && (
        <p className="notice notice-warning" role="status">
          Your values declare {policy.declaredAlg} (token_endpoint_auth_signing_alg): a {alg} key could not sign what the provider expects. To move to {alg}, change
          the Signing algorithm above first, then generate the key.
        </p>
      )}
      {progress !== undefined && (
        <div className="key-progress">
          <div
            className="progress-track"
            role="progressbar"
            aria-label="Key generation"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress.fraction * 100)}
            aria-valuetext={PHASES[progress.phase].text}
          >
            <span className="progress-fill" style={{ width: `${Math.max(4, Math.round(progress.fraction * 100))}%` }} />
          </div>
          <p className="muted" aria-live="polite">
            {PHASES[progress.phase].text}
          </p>
        </div>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
    </div>
  );
}
