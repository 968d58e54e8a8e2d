/**
 * Tabs (WAI-ARIA tabs pattern): a tablist whose tabs show one panel at a time, with arrow keys,
 * Home and End moving between tabs. Used where one screen would otherwise be too tall to read.
 */
import { useRef, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';

/** One tab: its id (stable, for tests and aria), label, and panel content. */
export interface TabSpec<T extends string> {
  id: T;
  label: ReactNode;
  panel: ReactNode;
}

/** A controlled tab set; `idPrefix` keeps the element ids unique on the page. */
export function Tabs<T extends string>({ idPrefix, label, tabs, selected, onSelect }: { idPrefix: string; label: string; tabs: readonly TabSpec<T>[]; selected: T; onSelect: (id: T) => void }): ReactElement {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const target =
      event.key === 'ArrowRight' ? tabs[(index + 1) % tabs.length]
      : event.key === 'ArrowLeft' ? tabs[(index - 1 + tabs.length) % tabs.length]
      : event.key === 'Home' ? tabs[0]
      : event.key === 'End' ? tabs[tabs.length - 1]
      : undefined;
    if (target === undefined) return;
    event.preventDefault();
    onSelect(target.id);
    list.current?.querySelector<HTMLButtonElement>(`#${idPrefix}-tab-${target.id}`)?.focus();
  };
  return (
    <div className="tabs">
      <div className="tab-list" role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className={tab.id === selected ? 'tab tab-selected' : 'tab'}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`${idPrefix}-panel-${tab.id}`} aria-labelledby={`${idPrefix}-tab-${tab.id}`} hidden={tab.id !== selected} className="tab-panel" data-testid={`${idPrefix}-panel-${tab.id}`}>
          {tab.id === selected && tab.panel}
        </div>
      ))}
    </div>
  );
}
