import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';

// Refining a list: status, priority, tag and order live in the page's URL (so Back and a shared
// link keep them) and narrow the view's own filter; the result can be saved as a view of one's own.

export const REFINE_KEYS = ['status', 'priority', 'tag', 'sort'] as const;

const STATUSES = ['new', 'open', 'pending', 'on-hold', 'watching', 'solved', 'closed'];
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const SORTS: Record<string, string> = {
  '-updated': 'Latest activity first',
  updated: 'Oldest activity first',
  '-created': 'Newest first',
  created: 'Oldest first',
  '-priority': 'Most urgent first',
};

/** The view's own query with the refinements in the URL on top. */
export function refinedQuery(base: string, params: URLSearchParams): URLSearchParams {
  const query = new URLSearchParams(base);
  for (const key of REFINE_KEYS) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  return query;
}

export function RefineBar({ base }: { base: string }) {
  const [params, setParams] = useSearchParams();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [naming, setNaming] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  // the agent asked to name the view: the name field takes the focus
  useEffect(() => {
    if (naming) nameRef.current?.focus();
  }, [naming]);
  const [error, setError] = useState<unknown>(null);
  const merged = refinedQuery(base, params);

  const set = (key: (typeof REFINE_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (!name) return;
    setError(null);
    const filters = Object.fromEntries([...merged].filter(([key]) => key !== 'sort'));
    try {
      const view = await api<{ id: string }>('POST', '/api/v1/views', {
        name,
        filters,
        ...(merged.get('sort') ? { sort: merged.get('sort') } : {}),
      });
      await client.invalidateQueries({ queryKey: ['views'] });
      setNaming(false);
      navigate(`/views/saved-${view.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="refine">
      <fieldset className="inline-form">
        <legend className="visually-hidden">Refine the list</legend>
        <span className="field">
          <label htmlFor="refine-status">Status</label>
          <select id="refine-status" value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">as the view says</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor="refine-priority">Priority</label>
          <select
            id="refine-priority"
            value={params.get('priority') ?? ''}
            onChange={(e) => set('priority', e.target.value)}
          >
            <option value="">any</option>
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </span>
        <span className="field">
          <label htmlFor="refine-tag">Tag</label>
          <input
            id="refine-tag"
            key={params.get('tag') ?? ''}
            defaultValue={params.get('tag') ?? ''}
            size={12}
            onBlur={(e) => set('tag', e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') set('tag', e.currentTarget.value.trim());
            }}
          />
        </span>
        <span className="field">
          <label htmlFor="refine-sort">Order</label>
          <select
            id="refine-sort"
            value={params.get('sort') ?? '-updated'}
            onChange={(e) => set('sort', e.target.value)}
          >
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </span>
        {!naming && (
          <button type="button" className="link" onClick={() => setNaming(true)}>
            Save as a view
          </button>
        )}
      </fieldset>
      {naming && (
        <form className="inline-form" onSubmit={save} aria-label="Save as a view">
          <label>
            Name of the view
            <input name="name" required maxLength={200} ref={nameRef} />
          </label>
          <button type="submit">Save view</button>
          <button type="button" className="link" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      )}
      <ErrorText error={error} />
    </div>
  );
}

/** Deleting one's saved view: asks once more before it goes. */
export function DeleteView({ id }: { id: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function remove() {
    try {
      await api('DELETE', `/api/v1/views/${id}`);
      await client.invalidateQueries({ queryKey: ['views'] });
      navigate('/views/mine');
    } catch (err) {
      setError(err);
    }
  }
  return (
    <>
      <button type="button" className="link" onClick={() => (sure ? remove() : setSure(true))}>
        {sure ? 'Really delete this view?' : 'Delete this view'}
      </button>
      <ErrorText error={error} />
    </>
  );
}
