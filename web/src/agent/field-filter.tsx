import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type CustomField, get } from '../shared/api.js';

// Refining a list by a custom field: field.<key>=value in the page's URL, passed to the API as is.

export const FIELD_PARAM = 'field.';

/** The custom field filters in a page's URL. */
export function fieldParams(params: URLSearchParams): [string, string][] {
  return [...params].filter(([key, value]) => key.startsWith(FIELD_PARAM) && value !== '');
}

export function FieldFilter() {
  const [params, setParams] = useSearchParams();
  const fields = useQuery({
    queryKey: ['fields'],
    queryFn: () => get<{ items: CustomField[] }>('/api/v1/fields'),
    staleTime: 60_000,
  });
  const active = fieldParams(params)[0];
  const [picked, setPicked] = useState<string | null>(null);
  const key = picked ?? active?.[0].slice(FIELD_PARAM.length) ?? '';
  const items = fields.data?.items ?? [];
  if (items.length === 0) return null;
  const field = items.find((f) => f.key === key);
  const value = active && active[0] === `${FIELD_PARAM}${key}` ? active[1] : '';

  const apply = (nextKey: string, nextValue: string) => {
    const next = new URLSearchParams(params);
    for (const [k] of fieldParams(params)) next.delete(k);
    if (nextKey && nextValue) next.set(`${FIELD_PARAM}${nextKey}`, nextValue);
    setParams(next, { replace: true });
  };

  return (
    <>
      <span className="field">
        <label htmlFor="refine-custom-field">Custom field</label>
        <select
          id="refine-custom-field"
          value={key}
          onChange={(e) => {
            setPicked(e.target.value);
            apply('', '');
          }}
        >
          <option value="">none</option>
          {items.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </span>
      {field && (
        <span className="field">
          <label htmlFor="refine-custom-value">{field.label} is</label>
          {field.type === 'select' || field.type === 'multiselect' ? (
            <select id="refine-custom-value" value={value} onChange={(e) => apply(field.key, e.target.value)}>
              <option value="">any</option>
              {field.options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="refine-custom-value"
              key={`${field.key}=${value}`}
              type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
              defaultValue={value}
              size={14}
              onBlur={(e) => apply(field.key, e.target.value.trim())}
              onKeyDown={(e) => {
                if (e.key === 'Enter') apply(field.key, e.currentTarget.value.trim());
              }}
            />
          )}
        </span>
      )}
    </>
  );
}
