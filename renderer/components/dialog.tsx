/**
 * A modal dialog on the native `<dialog>` element: `showModal()` gives the focus trap, Escape to
 * close and an inert background for free, which a hand-rolled overlay would have to imitate.
 */
import { useEffect, useId, useRef, type ReactElement, type ReactNode } from 'react';

/** A modal dialog shown while `open`; `onClose` runs on Escape or a Cancel button. Mark the control to focus first with `data-autofocus`. */
export function Dialog({ open, title, onClose, children, actions }: { open: boolean; title: string; onClose: () => void; children: ReactNode; actions: ReactNode }): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control; a dialog may name a safer one (Cancel on Delete).
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // The body scrolls between a fixed title and actions: an error that appears in it is brought into view.
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = body.current;
    if (!open || !element) return;
    const observer = new MutationObserver(() => element.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' }));
    observer.observe(element, { subtree: true, childList: true });
    return () => observer.disconnect();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          <div className="dialog-body" ref={body}>
            {children}
          </div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

/** A destructive confirmation: the danger button says what goes, Cancel is focused first. */
export function ConfirmDeleteDialog({
  open,
  title,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}): ReactElement {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button-danger" disabled={busy} onClick={onConfirm}>
            {busy ? 'Deleting…' : confirmLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            Cancel
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
