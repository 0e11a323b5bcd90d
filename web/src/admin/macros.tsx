import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import type { Macro, MacroActions } from '../agent/macro-picker.js';
import { MACRO_SHORTCUT } from '../agent/macro-picker.js';
import { api, get, type Page } from '../shared/api.js';
import { formatTime, TICKET_PRIORITIES, TICKET_STATUSES } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ConfirmButton, Empty, ErrorText, Loading } from '../shared/ui.js';

// Macros: every agent keeps their own; leads and admins also keep the shared ones. Most used first.

interface Draft {
  id: string | null;
  name: string;
  body: string;
  internal: boolean;
  shared: boolean;
  status: string;
  priority: string;
  addTags: string;
  removeTags: string;
  /** '' no change, 'me', 'none' unassign, or an agent id */
  assignee: string;
  /** '' no change, 'none' clear, or a team id */
  team: string;
  linkIssueUrl: string;
}

const BLANK: Draft = {
  id: null,
  name: '',
  body: '',
  internal: false,
  shared: false,
  status: '',
  priority: '',
  addTags: '',
  removeTags: '',
  assignee: '',
  team: '',
  linkIssueUrl: '',
};

function draftOf(m: Macro): Draft {
  const a = m.actions;
  return {
    id: m.id,
    name: m.name,
    body: m.body,
    internal: m.internal,
    shared: m.shared,
    status: a.status ?? '',
    priority: a.priority ?? '',
    addTags: (a.addTags ?? []).join(' '),
    removeTags: (a.removeTags ?? []).join(' '),
    assignee: a.assignee === null ? 'none' : (a.assignee ?? ''),
    team: a.team === null ? 'none' : (a.team ?? ''),
    linkIssueUrl: a.linkIssueUrl ?? '',
  };
}

function actionsOf(d: Draft): MacroActions {
  const tags = (text: string) => text.split(/[\s,]+/).filter(Boolean);
  return {
    ...(d.status ? { status: d.status } : {}),
    ...(d.priority ? { priority: d.priority } : {}),
    ...(tags(d.addTags).length ? { addTags: tags(d.addTags) } : {}),
    ...(tags(d.removeTags).length ? { removeTags: tags(d.removeTags) } : {}),
    ...(d.assignee ? { assignee: d.assignee === 'none' ? null : d.assignee } : {}),
    ...(d.team ? { team: d.team === 'none' ? null : d.team } : {}),
    ...(d.linkIssueUrl.trim() ? { linkIssueUrl: d.linkIssueUrl.trim() } : {}),
  };
}

export function MacrosPage() {
  const session = useSession();
  const client = useQueryClient();
  const lead = session.actor.role === 'lead' || session.actor.role === 'admin';
  const [filter, setFilter] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const macros = useQuery({
    queryKey: ['macros'],
    queryFn: () => get<{ items: Macro[] }>('/api/v1/macros?limit=200'),
  });
  const remove = useMutation({
    mutationFn: (m: Macro) => api('DELETE', `/api/v1/macros/${m.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['macros'] }),
  });
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (macros.data?.items ?? []).filter((m) => words.every((w) => m.name.toLowerCase().includes(w)));

  return (
    <section aria-labelledby="macros-title" className="macros-page">
      <h1 id="macros-title">Macros</h1>
      <p className="muted">
        Canned replies and notes, with placeholders filled for the ticket and actions applied to it. In the composer,
        press <kbd>{MACRO_SHORTCUT.label}</kbd> or choose “Macros”.{' '}
        {lead ? 'You keep your own macros and the shared ones.' : 'You keep your own; leads keep the shared ones.'}
      </p>
      {draft ? (
        <MacroForm draft={draft} lead={lead} onDone={() => setDraft(null)} />
      ) : (
        <button type="button" onClick={() => setDraft({ ...BLANK, shared: false })}>
          New macro
        </button>
      )}
      <label className="macro-filter">
        Find a macro
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {macros.isPending && <Loading what="macros" />}
      <ErrorText error={macros.error ?? remove.error} />
      {macros.data && shown.length === 0 && (
        <Empty title={filter ? 'No macro matches' : 'No macros yet'}>
          <p>A macro answers the question you answer every day, and sets the ticket as you would.</p>
        </Empty>
      )}
      <ul className="macro-cards" aria-label="Macros, most used first">
        {shown.map((m) => (
          <li key={m.id} className="macro-card">
            <h2>{m.name}</h2>
            <p className="muted small">
              {m.shared ? 'Shared' : 'Mine'}
              {m.internal ? ' · internal note' : ' · public reply'} · used {m.usageCount}{' '}
              {m.usageCount === 1 ? 'time' : 'times'}
              {m.lastUsedAt ? `, last ${formatTime(m.lastUsedAt)}` : ''}
            </p>
            {m.summary.length > 0 && <p className="small">Actions: {m.summary.join(' · ')}</p>}
            {m.body && <pre className="macro-body">{m.body}</pre>}
            {m.editable && (
              <p className="macro-card-actions">
                <button type="button" className="small" onClick={() => setDraft(draftOf(m))}>
                  Edit <span className="visually-hidden">{m.name}</span>
                </button>{' '}
                <ConfirmButton
                  className="small danger"
                  disabled={remove.isPending}
                  question={`Delete the macro “${m.name}”?`}
                  onConfirm={() => remove.mutate(m)}
                >
                  Delete <span className="visually-hidden">{m.name}</span>
                </ConfirmButton>
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MacroForm({ draft: initial, lead, onDone }: { draft: Draft; lead: boolean; onDone: () => void }) {
  const client = useQueryClient();
  const [d, setD] = useState(initial);
  const set = (patch: Partial<Draft>) => setD((current) => ({ ...current, ...patch }));
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const helpId = useId();
  const placeholders = useQuery({
    queryKey: ['macro-placeholders'],
    queryFn: () => get<{ items: { name: string; description: string }[] }>('/api/v1/macros/placeholders'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const agents = useQuery({
    queryKey: ['agents'],
    queryFn: () => get<Page<{ id: string; name: string; email: string }>>('/api/v1/agents?limit=100'),
    staleTime: 60_000,
  });
  const teams = useQuery({
    queryKey: ['teams'],
    queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/v1/teams'),
    staleTime: 60_000,
  });
  const save = useMutation({
    mutationFn: () => {
      const payload = {
        name: d.name,
        body: d.body,
        internal: d.internal,
        actions: actionsOf(d),
        ...(lead ? { shared: d.shared } : {}),
      };
      return d.id ? api('PATCH', `/api/v1/macros/${d.id}`, payload) : api('POST', '/api/v1/macros', payload);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['macros'] });
      onDone();
    },
  });

  function insertPlaceholder(name: string) {
    const area = bodyRef.current;
    const text = `{{${name}}}`;
    const start = area?.selectionStart ?? d.body.length;
    const end = area?.selectionEnd ?? d.body.length;
    set({ body: d.body.slice(0, start) + text + d.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="macro-form panel" onSubmit={submit} aria-labelledby="macro-form-title">
      <h2 id="macro-form-title">{d.id ? `Edit “${initial.name}”` : 'New macro'}</h2>
      <label>
        Name
        <input required maxLength={200} value={d.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      {lead && (
        <label>
          <input type="checkbox" checked={d.shared} onChange={(e) => set({ shared: e.target.checked })} /> Shared with
          every agent
        </label>
      )}
      <label>
        <input type="checkbox" checked={d.internal} onChange={(e) => set({ internal: e.target.checked })} /> The text is
        an internal note (not a public reply)
      </label>
      <label>
        Text (Markdown)
        <textarea
          ref={bodyRef}
          rows={7}
          value={d.body}
          aria-describedby={helpId}
          onChange={(e) => set({ body: e.target.value })}
          placeholder="Hi {{requester.first_name}}, …"
        />
      </label>
      <div id={helpId} className="macro-placeholders">
        <p className="muted small">
          Placeholders are filled for the ticket; one it has no value for stays empty. Insert:
        </p>
        <ul>
          {(placeholders.data?.items ?? []).map((p) => (
            <li key={p.name}>
              <button type="button" className="chip" title={p.description} onClick={() => insertPlaceholder(p.name)}>
                {`{{${p.name}}}`}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <fieldset>
        <legend>Actions on the ticket</legend>
        <div className="macro-action-grid">
          <label>
            Status
            <select value={d.status} onChange={(e) => set({ status: e.target.value })}>
              <option value="">no change</option>
              {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select value={d.priority} onChange={(e) => set({ priority: e.target.value })}>
              <option value="">no change</option>
              {TICKET_PRIORITIES.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label>
            Add tags
            <input
              value={d.addTags}
              placeholder="e.g. waiting-on-fix"
              onChange={(e) => set({ addTags: e.target.value })}
            />
          </label>
          <label>
            Remove tags
            <input value={d.removeTags} onChange={(e) => set({ removeTags: e.target.value })} />
          </label>
          <label>
            Assignee
            <select value={d.assignee} onChange={(e) => set({ assignee: e.target.value })}>
              <option value="">no change</option>
              <option value="me">whoever applies it</option>
              <option value="none">unassigned</option>
              {(agents.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Team
            <select value={d.team} onChange={(e) => set({ team: e.target.value })}>
              <option value="">no change</option>
              <option value="none">no team</option>
              {(teams.data?.items ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Link an issue
          <input
            type="url"
            value={d.linkIssueUrl}
            placeholder="https://gitlab.com/group/project/-/issues/123"
            onChange={(e) => set({ linkIssueUrl: e.target.value })}
          />
        </label>
      </fieldset>
      <ErrorText error={save.error} />
      <p>
        <button type="submit" disabled={save.isPending}>
          {d.id ? 'Save macro' : 'Create macro'}
        </button>{' '}
        <button type="button" className="link" onClick={onDone}>
          Cancel
        </button>
      </p>
    </form>
  );
}
