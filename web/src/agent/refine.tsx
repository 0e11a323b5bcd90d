import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, get } from '../shared/api.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';
import { FieldFilter, fieldParams } from './field-filter.js';
import { apiFilterValue, FilterFields, type FilterKey } from './ticket-filters.js';

// Refining a list: status, priority, tag and order live in the page's URL (so Back and a shared
// link keep them) and narrow the view's own filter; the result can be saved as a view of one's own.

/** The agent's saved views and the shared ones, for the side bar and the view's own page. */
export function useSavedViews(enabled: boolean) {
  return useQuery({
    queryKey: ['views'],
    enabled,
    queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/v1/views'),
  });
}

export const REFINE_KEYS = [
  'status',
  'priority',
  'tag',
  'sort',
  'assignee',
  'organization',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
] as const;
const MORE_KEYS = ['assignee', 'organization', 'createdFrom', 'createdTo', 'updatedFrom', 'updatedTo'] as const;
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
    if (value) query.set(key, apiFilterValue(key, value));
  }
  for (const [key, value] of fieldParams(params)) query.set(key, value);
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
  const session = useSession();
  const teams = useQuery({
    queryKey: ['teams'],
    enabled: naming,
    queryFn: () => get<{ items: { id: string; name: string; members: { id: string }[] }[] }>('/api/v1/teams'),
  });
  const lead = session.actor.role !== 'agent';
  // a view is shared with a team its author belongs to (leads: any team), or with everyone (leads)
  const shareTeams = (teams.data?.items ?? []).filter(
    (t) => lead || t.members.some((m) => m.id === session.actor.agentId),
  );
  const moreOn = MORE_KEYS.some((key) => params.get(key)) || fieldParams(params).length > 0;

  const set = (key: (typeof REFINE_KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const share = String(form.get('share') ?? '');
    if (!name) return;
    setError(null);
    const filters = Object.fromEntries([...merged].filter(([key]) => key !== 'sort'));
    try {
      const view = await api<{ id: string }>('POST', '/api/v1/views', {
        name,
        filters,
        ...(merged.get('sort') ? { sort: merged.get('sort') } : {}),
        ...(share === 'everyone' ? { shared: true } : share ? { team: share } : {}),
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
        <FilterFields
          idPrefix="refine"
          only={['status', 'priority']}
          statusAny="as the view says"
          value={(key) => params.get(key) ?? ''}
          set={(key: FilterKey, value) => set(key, value)}
        />
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
        <RefineSelect
          name="sort"
          label="Order"
          value={params.get('sort') ?? '-updated'}
          onChange={(v) => set('sort', v)}
          options={Object.entries(SORTS)}
        />
        {!naming && (
          <button type="button" className="link" onClick={() => setNaming(true)}>
            Save as a view
          </button>
        )}
      </fieldset>
      <details className="more-filters" open={moreOn}>
        <summary>More filters{moreOn ? ' (on)' : ''}</summary>
        <fieldset className="inline-form">
          <legend className="visually-hidden">More filters</legend>
          <FilterFields
            idPrefix="refine"
            only={MORE_KEYS}
            value={(key) => params.get(key) ?? ''}
            set={(key: FilterKey, value) => set(key, value)}
          />
          <FieldFilter />
        </fieldset>
      </details>
      {naming && (
        <form className="inline-form" onSubmit={save} aria-label="Save as a view">
          <label>
            Name of the view
            <input name="name" required maxLength={200} ref={nameRef} />
          </label>
          <label>
            Shared with
            <select name="share" defaultValue="">
              <option value="">only me</option>
              {shareTeams.map((t) => (
                <option key={t.id} value={t.id}>
                  team {t.name}
                </option>
              ))}
              {lead && <option value="everyone">every agent</option>}
            </select>
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

function RefineSelect(props: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [value: string, label: string][];
}) {
  return (
    <span className="field">
      <label htmlFor={`refine-${props.name}`}>{props.label}</label>
      <select id={`refine-${props.name}`} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </span>
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
