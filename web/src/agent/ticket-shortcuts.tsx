import { useEffect, useRef } from 'react';

// Keyboard shortcuts on the ticket page, as in Zendesk and GitHub: single keys, ignored while typing.
// The composer is driven through the page (its "Public reply"/"Internal note" radios and its
// textarea), so it needs to know nothing of them.

export const TICKET_SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'r', what: 'Write a public reply (mailed to the customer)' },
  { keys: 'n', what: 'Write an internal note' },
  { keys: 'e', what: 'Solve the ticket' },
  { keys: 'Ctrl+Enter', what: 'Send what you wrote' },
  { keys: '?', what: 'Show these shortcuts' },
  { keys: 'Esc', what: 'Close this help' },
];

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether a key pressed here is someone typing: into a text field, a text area, a select or an editor. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

/** Picks the composer's kind of message by its label and puts the cursor in the text. */
function compose(kind: 'Public reply' | 'Internal note') {
  const form = document.querySelector<HTMLFormElement>('form[aria-label="Write"]');
  if (!form) return;
  const radio = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((input) =>
    input.closest('label')?.textContent?.includes(kind),
  );
  if (radio && !radio.checked) radio.click();
  // previewing: back to writing first
  if (!form.querySelector('#composer-body')) {
    form.querySelector<HTMLButtonElement>('button[aria-pressed="true"]')?.click();
  }
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>('#composer-body')?.focus());
}

export function useTicketShortcuts({ onSolve, onHelp }: { onSolve: () => void; onHelp: () => void }) {
  // the latest callbacks, without listening again on every render
  const handlers = useRef({ onSolve, onHelp });
  handlers.current = { onSolve, onHelp };
  useEffect(() => {
    function keyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typingIn(event.target)) return;
      // an open dialog (this help, a confirmation) has the keyboard
      if (document.querySelector('dialog[open]')) return;
      const act: Record<string, () => void> = {
        r: () => compose('Public reply'),
        n: () => compose('Internal note'),
        e: () => handlers.current.onSolve(),
        '?': () => handlers.current.onHelp(),
      };
      const action = act[event.key];
      if (!action) return;
      // the key must not also land in the text field that now has the focus
      event.preventDefault();
      action();
    }
    document.addEventListener('keydown', keyDown);
    return () => document.removeEventListener('keydown', keyDown);
  }, []);
}

/** The help overlay: every shortcut, in a modal dialog that Escape closes. */
export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {TICKET_SHORTCUTS.map((s) => (
          <div key={s.keys}>
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">They work on a ticket page whenever you are not typing in a field.</p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
