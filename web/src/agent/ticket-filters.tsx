import { useQuery } from '@tanstack/react-query';
import { get } from '../shared/api.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../shared/format.js';

// The filters search and lists share: status, priority, assignee, organization, created and updated
// dates. They live in the page's URL (so Back and a shared link keep them); dates are the viewer's
// local days there and become instants for the API.

export const FILTER_KEYS = [
  'status',
  'priority',
  'assignee',
  'organization',
  'createdFrom',
  'createdTo',
  'updatedFrom',
  'updatedTo',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const DATE_KEYS = new Set<string>(['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo']);

/** A filter value as the API takes it: a local day becomes the instant it starts (or, for `…To`, ends). */
export function apiFilterValue(key: string, value: string): string {
  if (!DATE_KEYS.has(key) || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const day = new Date(`${value}T00:00`);
  if (key.endsWith('To')) day.setDate(day.getDate() + 1);
  return day.toISOString();
}

export interface AgentOption {
  id: string;
  email: string;
  name: string;
  active?: boolean;
}

/** Every agent, for "assign to" and "assignee" pickers. */
export function useAgents() {
  return useQuery({
    queryKey: ['agents', 'all'],
    queryFn: () => get<{ items: AgentOption[] }>('/api/v1/agents?limit=100'),
    staleTime: 60_000,
  });
}

function useOrganizationNames() {
  return useQuery({
    queryKey: ['organizations', 'names'],
    queryFn: () => get<{ items: { id: string; name: string }[] }>('/api/v1/organizations?limit=100'),
    staleTime: 60_000,
  });
}

const PRIORITIES = [...TICKET_PRIORITIES].reverse(); // most urgent first

/**
 * The filter fields, each labelled; `value(key)` reads one, `set(key, value)` changes it ('' clears).
 * `only` limits which appear (a list shows status and priority in its bar, the rest under "More").
 */
export function FilterFields(props: {
  idPrefix: string;
  value: (key: FilterKey) => string;
  set: (key: FilterKey, value: string) => void;
  only?: readonly FilterKey[];
  statusAny?: string;
}) {
  const agents = useAgents();
  const organizations = useOrganizationNames();
  const shown = (key: FilterKey) => !props.only || props.only.includes(key);
  const id = (key: string) => `${props.idPrefix}-${key}`;
  const select = (key: FilterKey, label: string, options: [string, string][]) => (
    <span className="field" key={key}>
      <label htmlFor={id(key)}>{label}</label>
      <select id={id(key)} value={props.value(key)} onChange={(e) => props.set(key, e.target.value)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
  const date = (key: FilterKey, label: string) => (
    <span className="field" key={key}>
      <label htmlFor={id(key)}>{label}</label>
      <input id={id(key)} type="date" value={props.value(key)} onChange={(e) => props.set(key, e.target.value)} />
    </span>
  );
  return (
    <>
      {shown('status') &&
        select('status', 'Status', [
          ['', props.statusAny ?? 'any'],
          ...TICKET_STATUSES.map((s): [string, string] => [s, s]),
        ])}
      {shown('priority') &&
        select('priority', 'Priority', [['', 'any'], ...PRIORITIES.map((p): [string, string] => [p, p])])}
      {shown('assignee') &&
        select('assignee', 'Assignee', [
          ['', 'anyone'],
          ['me', 'me'],
          ['none', 'unassigned'],
          ...(agents.data?.items ?? []).map((a): [string, string] => [a.id, a.name || a.email]),
        ])}
      {shown('organization') && (
        <span className="field">
          <label htmlFor={id('organization')}>Organization</label>
          <input
            id={id('organization')}
            list={id('organizations')}
            key={props.value('organization')}
            defaultValue={props.value('organization')}
            size={14}
            onBlur={(e) => props.set('organization', e.target.value.trim())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                props.set('organization', e.currentTarget.value.trim());
              }
            }}
          />
          <datalist id={id('organizations')}>
            {(organizations.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.name} />
            ))}
          </datalist>
        </span>
      )}
      {shown('createdFrom') && date('createdFrom', 'Created from')}
      {shown('createdTo') && date('createdTo', 'Created to')}
      {shown('updatedFrom') && date('updatedFrom', 'Updated from')}
      {shown('updatedTo') && date('updatedTo', 'Updated to')}
    </>
  );
}
