import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type Ticket } from '../shared/api.js';
import { ErrorText, Loading } from '../shared/ui.js';

// The composer's macro picker: a combobox over the macros (shared and the agent's own, most used
// first). Typing filters, arrows move, Enter applies: the macro's actions change the ticket at once
// and its rendered body lands in the composer. Ctrl+. opens it from anywhere on the ticket page; the
// key is not one typing, the browser or the ticket page's one-letter shortcuts use.

export interface MacroActions {
  status?: string;
  priority?: string;
  addTags?: string[];
  removeTags?: string[];
  assignee?: string | null;
  team?: string | null;
  linkIssueUrl?: string;
}

export interface Macro {
  id: string;
  name: string;
  body: string;
  internal: boolean;
  actions: MacroActions;
  summary: string[];
  shared: boolean;
  editable: boolean;
  usageCount: number;
  lastUsedAt: string | null;
}

export interface AppliedMacro {
  name: string;
  /** the body rendered for this ticket (Markdown); empty for a macro that only acts */
  body: string;
  internal: boolean;
}

export const MACRO_SHORTCUT = { label: 'Ctrl+.', aria: 'Control+.' };

/** Every word typed appears in the name, in any order. */
function matches(macro: Macro, query: string): boolean {
  const name = macro.name.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => name.includes(word));
}

export function MacroPicker({ number, onApplied }: { number: number; onApplied: (macro: AppliedMacro) => void }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [applied, setApplied] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // the composer's latest text is where the body goes, whenever the answer arrives
  const appliedTo = useRef(onApplied);
  appliedTo.current = onApplied;
  const returnTo = useRef<HTMLElement | null>(null);
  const panelId = useId();
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  const macros = useQuery({
    queryKey: ['macros'],
    queryFn: () => get<{ items: Macro[] }>('/api/v1/macros?limit=200'),
    enabled: open,
    staleTime: 30_000,
  });
  const shown = useMemo(() => (macros.data?.items ?? []).filter((m) => matches(m, query)), [macros.data, query]);

  function show() {
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setQuery('');
    setActive(0);
    setApplied(null);
    apply.reset();
    setOpen(true);
  }
  function close() {
    setOpen(false);
    returnTo.current?.focus();
  }

  // Ctrl+. from anywhere on the page (the textarea included)
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === '.' && event.ctrlKey && !event.altKey && !event.shiftKey && !event.metaKey) {
        event.preventDefault();
        show();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  // what the macro did is said for a while, then gives the composer its room back
  useEffect(() => {
    if (!applied) return;
    const timer = setTimeout(() => setApplied(null), 15_000);
    return () => clearTimeout(timer);
  }, [applied]);

  const apply = useMutation({
    mutationFn: (macro: Macro) =>
      api<{ body: string; internal: boolean; ticket: Ticket }>(
        'POST',
        `/api/v1/tickets/${number}/macros/${macro.id}/apply`,
        {},
      ),
    onSuccess: async (result, macro) => {
      setOpen(false);
      setApplied(
        `Applied “${macro.name}”${macro.summary.length ? `: ${macro.summary.join(', ')}` : ''}${
          result.body ? '. Its text is in the composer.' : '.'
        }`,
      );
      client.setQueryData(['ticket', number], result.ticket);
      if (result.body) appliedTo.current({ name: macro.name, body: result.body, internal: result.internal });
      else returnTo.current?.focus();
      // the ticket's side panel, history, links and lists show what the actions changed
      await Promise.all([
        client.invalidateQueries({ predicate: (q) => q.queryKey[1] === number }),
        client.invalidateQueries({ queryKey: ['tickets'] }),
        client.invalidateQueries({ queryKey: ['count'] }),
        client.invalidateQueries({ queryKey: ['macros'] }),
      ]);
    },
  });

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = shown.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((i) => Math.min(i + 1, last));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        break;
      case 'Home':
        event.preventDefault();
        setActive(0);
        break;
      case 'End':
        event.preventDefault();
        setActive(Math.max(last, 0));
        break;
      case 'Enter': {
        event.preventDefault(); // never the composer's submit
        const macro = shown[active];
        if (macro && !apply.isPending) apply.mutate(macro);
        break;
      }
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close();
        break;
    }
  }

  // the active option stays in view while the arrows move through a long list
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  return (
    <div className="macro-picker">
      <button
        type="button"
        className="small secondary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-keyshortcuts={MACRO_SHORTCUT.aria}
        title={`Apply a macro (${MACRO_SHORTCUT.label})`}
        onClick={() => (open ? close() : show())}
      >
        Macros <kbd>{MACRO_SHORTCUT.label}</kbd>
      </button>
      {applied && (
        <span className="macro-applied muted small" role="status">
          {applied}
        </span>
      )}
      {open && (
        <div
          id={panelId}
          className="macro-panel"
          role="dialog"
          aria-label="Apply a macro"
          onBlur={(e) => {
            // closes when focus leaves the panel, as a menu does
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
          }}
        >
          <input
            ref={input}
            role="combobox"
            aria-label="Find a macro"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown[active] ? optionId(active) : undefined}
            placeholder="Type to filter macros…"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={keyDown}
          />
          {macros.isPending && <Loading what="macros" />}
          <ErrorText error={macros.error ?? apply.error} />
          <div id={listId} role="listbox" aria-label="Macros" className="macro-options">
            {shown.map((m, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's keys choose options
              <div
                key={m.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()} // the input keeps focus
                onMouseEnter={() => setActive(i)}
                onClick={() => !apply.isPending && apply.mutate(m)}
              >
                <span className="macro-name">{m.name}</span>
                <span className="macro-meta muted small">
                  {m.shared ? 'shared' : 'mine'}
                  {m.internal ? ' · note' : ''} · used {m.usageCount}×
                </span>
                {m.summary.length > 0 && <span className="macro-summary muted small">{m.summary.join(' · ')}</span>}
              </div>
            ))}
          </div>
          {macros.data && shown.length === 0 && (
            <p className="muted small">
              {query ? `No macro is named like “${query}”.` : 'No macros yet.'} <Link to="/macros">Manage macros</Link>
            </p>
          )}
          <p className="muted small macro-keys">↑ ↓ to choose · Enter applies · Esc closes</p>
        </div>
      )}
    </div>
  );
}
