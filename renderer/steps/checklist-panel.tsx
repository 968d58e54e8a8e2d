/**
 * The wizard's last step: the submission checklist — what to do where (Connection Manager, a form,
 * an e-mail, the Developer Hub), copy-ready answers from the registration's values, what comes back
 * and NHS's page for each step, with a tick per item kept in the registration. The same data as
 * `oidc-onboard checklist` and the package SUMMARY.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import type { ChecklistAnswerView, ChecklistItemView, ChecklistView } from '../../contract/schemas/checklist';
import { ActionStatus, type ActionOutcome } from '../components/action-status';
import { copyPublicText } from '../components/copy-text';
import { ErrorNotice } from '../components/error-notice';
import { ExternalLink } from '../components/external-link';
import { Icon } from '../components/icons';
import { call, useOperation } from '../hooks/use-operation';
import { formatDateTime } from '../format/dates';
import { Prose } from '../components/prose';


const WHERE_LABEL: Record<string, string> = {
  'connection-manager': 'Connection Manager',
  'e-mail': 'E-mail',
  form: 'Form',
  portal: 'Portal',
  repository: 'NHS repository',
  'your-server': 'Your server',
};

function Answer({ answer, onCopied }: { answer: ChecklistAnswerView; onCopied: (outcome: ActionOutcome) => void }): ReactElement {
  const copy = async (text: string) => {
    const result = await copyPublicText(text);
    onCopied(result.ok ? { kind: 'done', text: `Copied “${answer.label}”.` } : { kind: 'error', error: result.error });
  };
  let body: ReactElement;
  if (answer.uses === 'you') body = <span className="checklist-you">You supply this{answer.hint ? `: ${answer.hint}` : '.'}</span>;
  else if (answer.missing) {
    body = (
      <span className="checklist-missing">
        <Icon name="warning" size={16} /> Not set yet: <code>{answer.uses}</code>
        {answer.hint ? ` — ${answer.hint}` : ''}
      </span>
    );
  } else {
    const value = answer.value ?? '';
    body = (
      <span className="checklist-value">
        {value.includes('\n') ? <pre className="checklist-pre">{value}</pre> : <code>{value}</code>}
        <button type="button" className="button button-secondary button-small" onClick={() => void copy(value)}>
          <Icon name="copy" size={16} />
          Copy<span className="visually-hidden"> {answer.label}</span>
        </button>
      </span>
    );
  }
  return (
    <>
      <dt>
        {answer.label}
        {answer.uses !== 'you' && <span className="checklist-uses"> from <code>{answer.uses}</code></span>}
      </dt>
      <dd data-answer-id={answer.id}>
        {body}
        {answer.note && <span className="field-help checklist-note">{answer.note}</span>}
      </dd>
    </>
  );
}

function Item({ item, index, onTick, busy }: { item: ChecklistItemView; index: number; onTick: (done: boolean) => void; busy: boolean }): ReactElement {
  const [outcome, setOutcome] = useState<ActionOutcome>({ kind: 'none' });
  const checkboxId = `checklist-${item.id}`;
  return (
    <li className={item.done ? 'checklist-item checklist-done' : 'checklist-item'} data-item-id={item.id}>
      <div className="checkbox-row checklist-title">
        <input id={checkboxId} type="checkbox" checked={item.done} disabled={busy} onChange={(event) => onTick(event.target.checked)} />
        <label htmlFor={checkboxId}>
          {index + 1}. {item.title}
          {item.optional && <span className="checklist-optional"> (optional)</span>}
        </label>
      </div>
      <p className="checklist-where">
        <span className="badge">{WHERE_LABEL[item.where.kind] ?? item.where.kind}</span> {item.where.name}
        {item.where.url && (
          <>
            {' '}
            <code>{item.where.url}</code>{' '}
            <button type="button" className="button button-secondary button-small" onClick={() => void copyPublicText(item.where.url!).then((r) => setOutcome(r.ok ? { kind: 'done', text: 'Copied the address.' } : { kind: 'error', error: r.error }))}>
              <Icon name="copy" size={16} />
              Copy address
            </button>
          </>
        )}
      </p>
      <p>
        <Prose text={item.detail} />
      </p>
      {item.answers.length > 0 && <dl className="facts checklist-answers">{item.answers.map((a) => <Answer key={a.id} answer={a} onCopied={setOutcome} />)}</dl>}
      <ActionStatus outcome={outcome} testId={`checklist-copy-status-${item.id}`} />
      {item.returns && (
        <p>
          <strong>Comes back:</strong> <Prose text={item.returns} />
        </p>
      )}
      <p className="checklist-source muted">
        Source: <ExternalLink url={item.source.url}>{item.source.title}</ExternalLink>
        {item.corroboration.map((c) => (
          <span key={c.url}>
            {' · '}
            <ExternalLink url={c.url}>{c.title}</ExternalLink>
          </span>
        ))}
      </p>
      {item.done && item.doneAt && <p className="muted checklist-done-at">Done {formatDateTime(item.doneAt)}</p>}
    </li>
  );
}

function Checklist({ id, view, onView }: { id: string; view: ChecklistView; onView: (view: ChecklistView) => void }): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload | undefined>(undefined);
  // The tick shows at once (a checkbox that springs back until the main process answers reads as
  // "did not take"); a refused save puts it back and shows why.
  const [pending, setPending] = useState<Readonly<Record<string, boolean>>>({});
  const tick = async (itemId: string, done: boolean) => {
    setBusy(true);
    setPending((current) => ({ ...current, [itemId]: done }));
    const result = await call('tickChecklistItem', { id, itemId, done });
    setBusy(false);
    setPending(({ [itemId]: _settled, ...rest }) => rest);
    if (result.ok) {
      setError(undefined);
      onView(result.value);
    } else setError(result.error);
  };
  if (!view.available) {
    return (
      <div className="notice notice-info" data-testid="checklist-unavailable">
        <Icon name="info" className="notice-icon" />
        <p>{view.intro}</p>
      </div>
    );
  }
  return (
    <div className="checklist" data-testid="checklist">
      <p>{view.intro}</p>
      <p className="checklist-progress" data-testid="checklist-progress" aria-live="polite">
        {view.progress.done} of {view.progress.total} done
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
      <ol className="checklist-items">
        {view.items.map((item, index) => (
          <Item key={item.id} item={{ ...item, done: pending[item.id] ?? item.done }} index={index} busy={busy} onTick={(done) => void tick(item.id, done)} />
        ))}
      </ol>
      <div className="notice notice-info checklist-package">
        <Icon name="package" className="notice-icon" />
        <div>
          <p className="notice-title">The package</p>
          <p>
            <Prose text={view.package.text} />
          </p>
        </div>
      </div>
    </div>
  );
}

/** The Submit step's content. */
export function ChecklistPanel({ id }: { id: string }): ReactElement {
  const checklist = useOperation('getChecklist', { id });
  if (checklist.state.status === 'loading') return <p role="status">Loading…</p>;
  if (checklist.state.status === 'error') return <ErrorNotice error={checklist.state.error} />;
  return <Checklist id={id} view={checklist.state.value} onView={checklist.setValue} />;
}
