/**
 * Form fields that show their findings beside them. Each field links its help text and findings
 * through aria-describedby, and marks itself aria-invalid while it has an error.
 */
import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import type { Finding } from '../../contract/schemas/findings';
import { FieldFindings } from '../components/findings';
import { Icon } from '../components/icons';
import { findingsAt, findingsExactly } from './findings-index';

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length === 0 ? undefined : list.join(' ');
}

function hasError(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}

interface BaseProps {
  id: string;
  label: string;
  help?: ReactNode;
  /** The metadata path this field edits, used to pick its findings. */
  path: string;
  findings: readonly Finding[];
}

/** A one-line text input. */
export function TextField({ id, label, help, path, findings, value, onChange, type = 'text', placeholder }: BaseProps & { value: string; onChange: (value: string) => void; type?: 'text' | 'url' | 'email'; placeholder?: string }): ReactElement {
  const mine = findingsAt(findings, path);
  return (
    <div className="field" data-path={path}>
      <label htmlFor={id}>{label}</label>
      {help !== undefined && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <input
        id={id}
        type={type}
        inputMode={type === 'url' ? 'url' : type === 'email' ? 'email' : undefined}
        spellCheck={type === 'text'}
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={hasError(mine) ? true : undefined}
        aria-describedby={describedBy(help !== undefined && `${id}-help`, mine.length > 0 && `${id}-findings`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldFindings id={`${id}-findings`} findings={mine} />
    </div>
  );
}

/** A multi-line text area. */
export function TextArea({ id, label, help, path, findings, value, onChange }: BaseProps & { value: string; onChange: (value: string) => void }): ReactElement {
  const mine = findingsAt(findings, path);
  return (
    <div className="field" data-path={path}>
      <label htmlFor={id}>{label}</label>
      {help !== undefined && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <textarea
        id={id}
        rows={4}
        aria-describedby={describedBy(help !== undefined && `${id}-help`, mine.length > 0 && `${id}-findings`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldFindings id={`${id}-findings`} findings={mine} />
    </div>
  );
}

/** A select; the empty option stands for "not set" and is described by `unsetLabel`. */
export function SelectField({ id, label, help, path, findings, value, onChange, options, unsetLabel }: BaseProps & { value: string; onChange: (value: string) => void; options: readonly { value: string; label: string }[]; unsetLabel: string }): ReactElement {
  const mine = findingsAt(findings, path);
  const known = options.some((option) => option.value === value);
  return (
    <div className="field" data-path={path}>
      <label htmlFor={id}>{label}</label>
      {help !== undefined && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <select
        id={id}
        aria-invalid={hasError(mine) ? true : undefined}
        aria-describedby={describedBy(help !== undefined && `${id}-help`, mine.length > 0 && `${id}-findings`)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{unsetLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {!known && value !== '' && <option value={value}>{value} (not offered by this provider)</option>}
      </select>
      <FieldFindings id={`${id}-findings`} findings={mine} />
    </div>
  );
}

/** A checkbox. */
export function CheckboxField({ id, label, help, path, findings, checked, onChange }: BaseProps & { checked: boolean; onChange: (checked: boolean) => void }): ReactElement {
  const mine = findingsAt(findings, path);
  return (
    <div className="field field-checkbox" data-path={path}>
      <div className="checkbox-row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={describedBy(help !== undefined && `${id}-help`, mine.length > 0 && `${id}-findings`)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {help !== undefined && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <FieldFindings id={`${id}-findings`} findings={mine} />
    </div>
  );
}

/**
 * An editable list (redirect URIs, contacts): one input per row with its own findings
 * (`path[i]`), a remove button per row, and an add button that focuses the new row.
 */
export function ListEditor({
  id,
  label,
  help,
  path,
  findings,
  items,
  onChange,
  itemLabel,
  addLabel,
  type = 'text',
  placeholder,
}: BaseProps & { items: readonly string[]; onChange: (items: string[]) => void; itemLabel: string; addLabel: string; type?: 'url' | 'email' | 'text'; placeholder?: string }): ReactElement {
  const listFindings = findingsExactly(findings, path);
  const [focusRow, setFocusRow] = useState<number | undefined>(undefined);
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRow === undefined) return;
    if (focusRow < 0) addRef.current?.focus();
    else document.getElementById(`${id}-${focusRow}`)?.focus();
    setFocusRow(undefined);
  }, [focusRow, id]);

  return (
    <fieldset className="field list-editor" data-path={path} aria-describedby={describedBy(help !== undefined && `${id}-help`, listFindings.length > 0 && `${id}-findings`)}>
      <legend>{label}</legend>
      {help !== undefined && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <FieldFindings id={`${id}-findings`} findings={listFindings} />
      {items.length > 0 && (
        <ol className="list-rows" ref={listRef}>
          {items.map((item, index) => {
            const rowPath = `${path}[${index}]`;
            const rowFindings = findingsAt(findings, rowPath);
            const rowId = `${id}-${index}`;
            return (
              <li key={index} className="list-row" data-path={rowPath}>
                <div className="list-row-inputs">
                  <input
                    id={rowId}
                    type={type}
                    inputMode={type === 'url' ? 'url' : type === 'email' ? 'email' : undefined}
                    spellCheck={false}
                    autoComplete="off"
                    placeholder={placeholder}
                    aria-label={`${itemLabel} ${index + 1}`}
                    aria-invalid={hasError(rowFindings) ? true : undefined}
                    aria-describedby={rowFindings.length > 0 ? `${rowId}-findings` : undefined}
                    value={item}
                    onChange={(event) => onChange(items.map((old, i) => (i === index ? event.target.value : old)))}
                  />
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
                    onClick={() => {
                      onChange(items.filter((_, i) => i !== index));
                      // Keep focus in the list: on the row that took this one's place, or on Add.
                      setFocusRow(items.length - 1 > 0 ? Math.min(index, items.length - 2) : -1);
                    }}
                  >
                    <Icon name="trash" size={18} />
                    <span aria-hidden="true">Remove</span>
                  </button>
                </div>
                <FieldFindings id={`${rowId}-findings`} findings={rowFindings} />
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        ref={addRef}
        className="button button-secondary"
        onClick={() => {
          onChange([...items, '']);
          setFocusRow(items.length);
        }}
      >
        <Icon name="plus" size={18} />
        {addLabel}
      </button>
    </fieldset>
  );
}
