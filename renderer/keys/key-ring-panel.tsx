/**
 * A registration's signing keys: generate or import, the key list with state and the fingerprint
 * to compare, the public key to publish (JWKS or PEM) with hosting help, the rotation plan and
 * reminders, and the per-key actions. Only public material ever reaches this page.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { copyPublicText } from '../components/copy-text';
import { ConfirmDeleteDialog } from '../components/dialog';
import { ErrorNotice } from '../components/error-notice';
import { Icon, type IconName } from '../components/icons';
import { Tabs } from '../components/tabs';
import { call, useOperation, type ValueFor } from '../hooks/use-operation';
import { ExportPrivateKeyDialog } from './export-dialog';
import { GenerateKey } from './generate-key';
import { HostedJwksRequest } from './hosted-jwks-request';
import { ImportKeyDialog } from './import-dialog';
import { formatDate } from '../format/dates';

type Ring = ValueFor<'listKeys'>;
type KeyRecord = Ring['records'][number];
type PublicFormat = 'jwks' | 'spki-pem';

const STATE: Record<KeyRecord['state'], { word: string; tone: string; icon: IconName; text: string }> = {
  active: { word: 'Active', tone: 'ok', icon: 'check', text: 'Signs your client assertions now.' },
  next: { word: 'Next', tone: 'warn', icon: 'pending', text: 'Published ahead of use; rotate to start signing with it.' },
  retired: { word: 'Retired', tone: 'pending', icon: 'pending', text: 'No longer signs; stays published until it can be removed.' },
};
const ORDER: Record<KeyRecord['state'], number> = { active: 0, next: 1, retired: 2 };

function day(iso: string | undefined): string {
  if (iso === undefined) return '';
  return formatDate(iso);
}

function describeKey(record: KeyRecord): string {
  return record.kty === 'RSA' ? `${record.alg} · RSA ${record.size ?? ''} bits` : `${record.alg} · EC ${record.crv ?? ''}`;
}

function KeyCard({ record, published, onExport, onDelete, onRetire, onCopyFingerprint }: { record: KeyRecord; published: boolean; onExport: () => void; onDelete: () => void; onRetire: () => void; onCopyFingerprint: () => void }): ReactElement {
  const state = STATE[record.state];
  return (
    <li className="key-card" data-kid={record.kid} data-state={record.state}>
      <div className="key-card-head">
        <h4 className="key-kid">
          <span className="visually-hidden">Key </span>
          <code>{record.kid}</code>
        </h4>
        <span className={`badge badge-${state.tone}`}>
          <Icon name={state.icon} size={14} />
          {state.word}
        </span>
        {published ? (
          <span className="badge badge-ok">
            <Icon name="check" size={14} />
            Published
          </span>
        ) : (
          <span className="badge badge-pending">
            <Icon name="pending" size={14} />
            Not published
          </span>
        )}
      </div>
      <p className="muted">{state.text}</p>
      <dl className="facts key-facts">
        <dt>Type</dt>
        <dd>{describeKey(record)}</dd>
        <dt>Fingerprint</dt>
        <dd className="fingerprint-row">
          <code className="fingerprint" data-testid="fingerprint">
            {record.thumbprint}
          </code>
          <button type="button" className="button button-quiet button-small" onClick={onCopyFingerprint}>
            <Icon name="copy" size={16} />
            Copy<span className="visually-hidden"> fingerprint of {record.kid}</span>
          </button>
          <span className="field-help fingerprint-help">SHA-256 JWK thumbprint (RFC 7638): compare it with what the provider shows for your key.</span>
        </dd>
        <dt>Custody</dt>
        <dd>{record.custody === 'keychain' ? 'OS keychain' : 'Passphrase-protected file'}</dd>
        <dt>Created</dt>
        <dd>{day(record.createdAt)}</dd>
        {record.activatedAt !== undefined && (
          <>
            <dt>Activated</dt>
            <dd>{day(record.activatedAt)}</dd>
          </>
        )}
        {record.retiredAt !== undefined && (
          <>
            <dt>Retired</dt>
            <dd>{day(record.retiredAt)}</dd>
          </>
        )}
        {record.removeAfter !== undefined && (
          <>
            <dt>Remove after</dt>
            <dd>{day(record.removeAfter)}</dd>
          </>
        )}
      </dl>
      <ul className="key-actions">
        <li>
          <button type="button" className="button button-secondary" onClick={onExport}>
            Export private key…<span className="visually-hidden"> {record.kid}</span>
          </button>
          <span className="action-help">Encrypted with your passphrase, for your backend.</span>
        </li>
        {record.state !== 'retired' && (
          <li>
            <button type="button" className="button button-secondary" onClick={onRetire}>
              Retire<span className="visually-hidden"> {record.kid}</span>
            </button>
            <span className="action-help">Stops signing with it; it stays published for a grace period.</span>
          </li>
        )}
        <li>
          <button type="button" className="button button-danger-quiet" onClick={onDelete}>
            <Icon name="trash" size={16} />
            Delete<span className="visually-hidden"> {record.kid}</span>
          </button>
          <span className="action-help">Removes the key pair from this computer for good.</span>
        </li>
      </ul>
    </li>
  );
}

function DeleteKeyDialog({ id, kid, onClose, onDeleted }: { id: string; kid: string | undefined; onClose: () => void; onDeleted: (kid: string) => void }): ReactElement {
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    if (kid === undefined) return;
    setBusy(true);
    const result = await call('deleteKey', { id, kid, confirm: true });
    setBusy(false);
    if (result.ok) {
      setError(undefined);
      onDeleted(kid);
    } else setError(result.error);
  };
  return (
    <ConfirmDeleteDialog
      open={kid !== undefined}
      title="Delete this key pair?"
      confirmLabel="Delete key pair"
      busy={busy}
      onConfirm={() => void remove()}
      onClose={onClose}
    >
      <p>
        Key <code>{kid}</code> is removed from your OS keychain and this computer. Anything still signing with it, or any copy you exported, is not
        affected. <strong>This cannot be undone.</strong>
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
    </ConfirmDeleteDialog>
  );
}

function PublishSection({ id, ring, onOutcome }: { id: string; ring: Ring; onOutcome: (outcome: ActionOutcome) => void }): ReactElement {
  const pemFirst = ring.policy.keySource === 'pem';
  const jwks = useOperation('publicKeys', { id, format: 'jwks' });
  const [snippetId, setSnippetId] = useState(ring.hosting[0]?.id ?? '');
  const snippet = ring.hosting.find((h) => h.id === snippetId) ?? ring.hosting[0];
  // Key changes invalidate publicKeys (data/query-client.ts): the preview follows the ring by itself.

  const copy = async (format: PublicFormat) => {
    const result = await call('copyPublicKeys', { id, format });
    onOutcome(result.ok ? { kind: 'done', text: format === 'jwks' ? 'Copied the public JWKS.' : 'Copied the public key (PEM).' } : { kind: 'error', error: result.error });
  };
  const save = async (format: PublicFormat) => {
    const result = await call('savePublicKeys', { id, format });
    if (!result.ok) onOutcome({ kind: 'error', error: result.error });
    else onOutcome(result.value.saved ? { kind: 'done', text: `Saved to ${result.value.path ?? 'the chosen file'}.` } : { kind: 'info', text: 'Not saved: no file was chosen.' });
  };
  const copySnippet = async () => {
    if (!snippet) return;
    const result = await copyPublicText(snippet.snippet);
    onOutcome(result.ok ? { kind: 'done', text: `Copied the ${snippet.title} snippet.` } : { kind: 'error', error: result.error });
  };

  const pemActions = (
    <div className={pemFirst ? 'publish-group publish-primary' : 'publish-group'}>
      <h4>Public key (PEM)</h4>
      <p className="action-help">{pemFirst ? 'What this provider asks for: paste or attach it with your registration request.' : 'The same public key as “BEGIN PUBLIC KEY” text, for tools that want PEM.'}</p>
      <div className="action-row">
        <button type="button" className={pemFirst ? 'button button-primary' : 'button button-secondary'} onClick={() => void copy('spki-pem')}>
          <Icon name="copy" size={18} />
          Copy public PEM
        </button>
        <button type="button" className="button button-secondary" onClick={() => void save('spki-pem')}>
          Save public PEM…
        </button>
      </div>
    </div>
  );
  const jwksActions = (
    <div className={pemFirst ? 'publish-group' : 'publish-group publish-primary'}>
      <h4>Public JWK Set</h4>
      <p className="action-help">The file to serve at your jwks_uri: public keys only ({ring.published.length === 0 ? 'none published yet' : `publishes ${ring.published.join(', ')}`}).</p>
      <div className="action-row">
        <button type="button" className={pemFirst ? 'button button-secondary' : 'button button-primary'} onClick={() => void copy('jwks')}>
          <Icon name="copy" size={18} />
          Copy JWKS
        </button>
        <button type="button" className="button button-secondary" onClick={() => void save('jwks')}>
          Save JWKS…
        </button>
      </div>
    </div>
  );

  return (
    <section className="keys-section" aria-labelledby="publish-heading">
      <h3 id="publish-heading">Publish the public key</h3>
      <div className="publish-groups">
        {pemFirst ? pemActions : jwksActions}
        {pemFirst ? jwksActions : pemActions}
      </div>
      {!pemFirst && (
        <div className="jwks-hosting">
          <div className="jwks-preview">
            <h4 id="jwks-preview-heading">jwks.json</h4>
            {jwks.state.status === 'ok' ? (
              <pre className="code-block" aria-labelledby="jwks-preview-heading" tabIndex={0}>
                <code>{jwks.state.value.text}</code>
              </pre>
            ) : jwks.state.status === 'error' ? (
              <ErrorNotice error={jwks.state.error} />
            ) : (
              <p role="status">Loading…</p>
            )}
          </div>
          {snippet !== undefined && (
            <div className="hosting-help">
              <h4>Hosting help</h4>
              <p className="action-help">Serve the file as JSON with a short cache lifetime, so a rotation reaches the provider within the hour.</p>
              <div className="action-row">
                <label htmlFor="hosting-choice" className="inline-label">
                  Server
                </label>
                <select id="hosting-choice" value={snippet.id} onChange={(event) => setSnippetId(event.target.value)}>
                  {ring.hosting.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.title}
                    </option>
                  ))}
                </select>
                <button type="button" className="button button-quiet button-small" onClick={() => void copySnippet()}>
                  <Icon name="copy" size={16} />
                  Copy snippet
                </button>
              </div>
              <pre className="code-block" aria-label={`${snippet.title} snippet`} tabIndex={0}>
                <code>{snippet.snippet}</code>
              </pre>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** More than one key, or a next key published ahead of use: only then is there a rotation to plan. */
function hasSomethingToRotate(ring: Pick<Ring, 'records'>): boolean {
  return ring.records.length > 1 || ring.records.some((record) => record.state === 'next');
}

function RotationSection({ id, ring, onOutcome }: { id: string; ring: Ring; onOutcome: (outcome: ActionOutcome) => void }): ReactElement {
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    setBusy(true);
    const result = await call('rotateKeys', { id });
    setBusy(false);
    if (!result.ok) {
      onOutcome({ kind: 'error', error: result.error });
      return;
    }
    onOutcome({
      kind: 'done',
      text:
        result.value.action === 'activated'
          ? `Rotated: ${result.value.record.kid} is now the active key.`
          : `Generated ${result.value.record.kid} as the next key: publish the new JWKS, then rotate again to start signing with it.`,
    });
  };
  return (
    <section className="keys-section" aria-labelledby="rotation-heading">
      <h3 id="rotation-heading">Rotation</h3>
      {ring.reminders.length > 0 && (
        <ul className="key-reminders">
          {ring.reminders.map((reminder, index) => (
            <li key={index} className={`notice notice-${reminder.severity === 'info' ? 'info' : reminder.severity}`}>
              <Icon name={reminder.severity === 'error' ? 'error' : reminder.severity === 'warning' ? 'warning' : 'info'} className="notice-icon" />
              <div>
                <p>
                  <strong>{reminder.severity === 'error' ? 'Overdue' : reminder.severity === 'warning' ? 'Due soon' : 'Reminder'}:</strong> {reminder.message}
                </p>
                <p className="muted">Due {day(reminder.dueAt)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {/* A plan only once there is something to rotate: a second key, or a next key waiting. */}
      {hasSomethingToRotate(ring) && ring.plan.steps.length > 0 && (
        <ol className="rotation-plan">
          {ring.plan.steps.map((step) => (
            <li key={step.id}>
              <span className="plan-date">{day(step.date)}</span> {step.text}
            </li>
          ))}
        </ol>
      )}
      <div className="action-row">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void rotate()}>
          {busy ? 'Rotating…' : 'Rotate keys'}
        </button>
        <span className="action-help">Activates the published next key, or makes a new next key to publish first.</span>
      </div>
    </section>
  );
}

// Every key operation invalidates listKeys and publicKeys when it succeeds (data/query-client.ts),
// so the panel shows the new ring without reload callbacks.
function Panel({ id, ring, provider }: { id: string; ring: Ring; provider?: string | undefined }): ReactElement {
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const [exporting, setExporting] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [tab, setTab] = useState<'keys' | 'publish'>('keys');
  const records = [...ring.records].sort((a, b) => ORDER[a.state] - ORDER[b.state] || b.createdAt.localeCompare(a.createdAt));
  const warningsText = (warnings: string[]) => (warnings.length > 0 ? ` ${warnings.join(' ')}` : '');

  const retire = async (kid: string) => {
    const result = await call('retireKey', { id, kid });
    setOutcome(result.ok ? { kind: 'done', text: `Retired ${kid}. It stays published until ${day(result.value.removeAfter) || 'its grace period ends'}.` } : { kind: 'error', error: result.error });
  };
  const copyFingerprint = async (record: KeyRecord) => {
    const result = await copyPublicText(record.thumbprint);
    setOutcome(result.ok ? { kind: 'done', text: `Copied the fingerprint of ${record.kid}.` } : { kind: 'error', error: result.error });
  };

  const keysTab = (
    <>
      <section className="keys-section" aria-labelledby="keys-heading">
        <div className="section-title-row">
          <h3 id="keys-heading">Signing keys</h3>
          <div className="action-row">
            <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
              Import key…
            </button>
            <span className="action-help">Bring a key pair you already have.</span>
          </div>
        </div>
        <GenerateKey
          id={id}
          policy={ring.policy}
          offerDatedKid={provider === 'nhs-api-platform'}
          hasKeys={ring.records.length > 0}
          onGenerated={(kid, warnings) => {
            setOutcome({ kind: 'done', text: `Generated key ${kid}.${warningsText(warnings)}` });
          }}
        />
        {records.length === 0 ? (
          <p className="muted empty-keys">No key pair yet. Generate one above, or import one you already have.</p>
        ) : (
          <ul className="key-list" aria-label="Key pairs">
            {records.map((record) => (
              <KeyCard
                key={record.kid}
                record={record}
                published={ring.published.includes(record.kid)}
                onExport={() => setExporting(record.kid)}
                onDelete={() => setDeleting(record.kid)}
                onRetire={() => void retire(record.kid)}
                onCopyFingerprint={() => void copyFingerprint(record)}
              />
            ))}
          </ul>
        )}
      </section>
      {records.length > 0 && <RotationSection id={id} ring={ring} onOutcome={setOutcome} />}
    </>
  );
  const publishTab = (
    <>
      {records.length > 0 ? (
        <PublishSection id={id} ring={ring} onOutcome={setOutcome} />
      ) : (
        <p className="muted empty-keys">Nothing to publish yet: generate or import a key pair on the Key pairs tab first.</p>
      )}
      {provider === 'nhs-api-platform' && <HostedJwksRequest id={id} hasActiveKey={records.some((r) => r.state === 'active')} />}
    </>
  );

  return (
    <>
      {/* Above the tabs: what an action did stays in view whichever tab the user is on. */}
      <ActionStatus outcome={outcome} testId="keys-status" />
      <Tabs
        idPrefix="keys"
        label="Keys"
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'keys', label: `Key pairs (${records.length})`, panel: keysTab },
          { id: 'publish', label: ring.policy.keySource === 'pem' ? 'Publish (PEM)' : 'Publish (JWKS)', panel: publishTab },
        ]}
      />

      {exporting !== undefined && (
        <ExportPrivateKeyDialog
          id={id}
          kid={exporting}
          formats={ring.exportFormats}
          onClose={() => setExporting(undefined)}
          onExported={(path) => {
            setExporting(undefined);
            setOutcome({ kind: 'done', text: `Exported the encrypted private key to ${path}.` });
          }}
        />
      )}
      <DeleteKeyDialog
        id={id}
        kid={deleting}
        onClose={() => setDeleting(undefined)}
        onDeleted={(kid) => {
          setDeleting(undefined);
          setOutcome({ kind: 'done', text: `Deleted key ${kid}.` });
        }}
      />
      <ImportKeyDialog
        id={id}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={(kid, warnings) => {
          setImporting(false);
          setOutcome({ kind: 'done', text: `Imported key ${kid}.${warningsText(warnings)}` });
        }}
      />
    </>
  );
}

/** Loads the key ring of registration `id` and shows the panel. */
export function KeyRingPanel({ id, provider }: { id: string; provider?: string | undefined }): ReactElement {
  const ring = useOperation('listKeys', { id });
  if (ring.state.status === 'loading') return <p role="status">Loading keys…</p>;
  if (ring.state.status === 'error') return <ErrorNotice error={ring.state.error} />;
  return <Panel id={id} ring={ring.state.value} provider={provider} />;
}
