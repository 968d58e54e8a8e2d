/**
 * Text from the provider data with its `backticked` commands shown as code: the checklists and
 * "what to send where" quote CLI commands that way (the CLI prints them as they are).
 */
import type { ReactElement } from 'react';

/** `text` with each `…` span as `<code>`. */
export function Prose({ text }: { text: string }): ReactElement {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}
