import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, get } from '../shared/api.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';
import { useAgents } from './ticket-filters.js';

// Changing the selected tickets at once: assign to anyone, set status or priority, add or remove
// tags, apply a macro. One request per 100 tickets (POST /api/v1/tickets/bulk); each ticket is
// answered for itself, so the agent sees which ones did not change and why.

interface BulkAnswer {
  items: { number: number; ok: boolean; error?: { code: string; message: string } }[];
  changed: number;
  failed: number;
}

const CHUNK = 100;
const tagsOf = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);

export function BulkBar(props: {
  selected: number[];
  /** the live events of these changes arrive while the request runs */
  onStart: (numbers: number[]) => void;
  onDone: (numbers: number[], failed: number[]) => void | Promise<void>;
}) {
  const session = useSession();
  const agents = useAgents();
  const macros = useQuery({
    queryKey: ['macros'],
    queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/v1/macros?limit=200'),
    staleTime: 30_000,
    retry: false,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const count = props.selected.length;

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: Record<string, unknown> = {};
    const assignee = String(form.get('assignee') ?? '');
    if (assignee === 'none') changes.assignee = null;
    else if (assignee) changes.assignee = assignee;
    for (const key of ['status', 'priority']) {
      const value = String(form.get(key) ?? '');
      if (value) changes[key] = value;
    }
    const addTags = tagsOf(form.get('addTags'));
    const removeTags = tagsOf(form.get('removeTags'));
    if (addTags.length) changes.addTags = addTags;
    if (removeTags.length) changes.removeTags = removeTags;
    const macroId = String(form.get('macro') ?? '');
    if (Object.keys(changes).length === 0 && !macroId) {
      setOutcome('Choose what to change first.');
      return;
    }
    setBusy(true);
    setError(null);
    setOutcome(null);
    const target = event.currentTarget;
    props.onStart(props.selected);
    const failures: { number: number; message: string }[] = [];
    let changed = 0;
    try {
      for (let i = 0; i < props.selected.length; i += CHUNK) {
        const answer = await api<BulkAnswer>('POST', '/api/v1/tickets/bulk', {
          numbers: props.selected.slice(i, i + CHUNK),
          changes,
          ...(macroId ? { macroId } : {}),
        });
        changed += answer.changed;
        for (const item of answer.items)
          if (!item.ok) failures.push({ number: item.number, message: item.error?.message ?? 'failed' });
      }
      target.reset();
      setOutcome(
        `Changed ${changed} of ${count} ticket${count === 1 ? '' : 's'}.` +
          (failures.length ? ` Not changed: ${failures.map((f) => `#${f.number} (${f.message})`).join('; ')}` : ''),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      await props.onDone(
        props.selected,
        failures.map((f) => f.number),
      );
    }
  }

  return (
    <div className="bulk-area">
      {count > 0 && (
        <form className="bulk" aria-label="Change the selected tickets" onSubmit={apply}>
          <span className="bulk-count">{count} selected</span>
          <span className="field">
            <label htmlFor="bulk-assignee">Assign to</label>
            <select id="bulk-assignee" name="assignee" defaultValue="">
              <option value="">—</option>
              {session.actor.agentId && <option value={session.actor.agentId}>me</option>}
              <option value="none">nobody (unassign)</option>
              {(agents.data?.items ?? [])
                .filter((a) => a.active !== false && a.id !== session.actor.agentId)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name || a.email}
                  </option>
                ))}
            </select>
          </span>
          <span className="field">
            <label htmlFor="bulk-status">Status</label>
            <select id="bulk-status" name="status" defaultValue="">
              <option value="">—</option>
              {TICKET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </span>
          <span className="field">
            <label htmlFor="bulk-priority">Priority</label>
            <select id="bulk-priority" name="priority" defaultValue="">
              <option value="">—</option>
              {[...TICKET_PRIORITIES].reverse().map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </span>
          <span className="field">
            <label htmlFor="bulk-add-tags">Add tags</label>
            <input id="bulk-add-tags" name="addTags" size={10} autoComplete="off" />
          </span>
          <span className="field">
            <label htmlFor="bulk-remove-tags">Remove tags</label>
            <input id="bulk-remove-tags" name="removeTags" size={10} autoComplete="off" />
          </span>
          {macros.data && macros.data.items.length > 0 && (
            <span className="field">
              <label htmlFor="bulk-macro">Apply macro</label>
              <select id="bulk-macro" name="macro" defaultValue="">
                <option value="">—</option>
                {macros.data.items.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </span>
          )}
          <button type="submit" disabled={busy}>
            {busy ? 'Applying…' : `Apply to ${count} ticket${count === 1 ? '' : 's'}`}
          </button>
        </form>
      )}
      <ErrorText error={error} />
      {outcome && (
        <p className="bulk-outcome" role="status">
          {outcome}
        </p>
      )}
    </div>
  );
}
