import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '../shared/api.js';
import { TICKET_STATUSES } from '../shared/format.js';
import { useOthersReplying } from '../shared/live.js';
import { ErrorText } from '../shared/ui.js';

export function Composer({
  number,
  status,
  onSent,
}: {
  number: number;
  status: string;
  onSent: () => Promise<unknown>;
}) {
  const [internal, setInternal] = useState(false);
  const [body, setBody] = useState('');
  const others = useOthersReplying(number);
  const lastPresence = useRef(0);
  function typed(text: string) {
    setBody(text);
    // tell the other agents on this ticket, every few seconds while writing a public reply
    if (!internal && text.trim() && Date.now() - lastPresence.current > 8_000) {
      lastPresence.current = Date.now();
      api('POST', `/api/v1/tickets/${number}/presence`, { activity: 'replying' }).catch(() => {});
    }
  }
  const [after, setAfter] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api('POST', `/api/v1/tickets/${number}/messages`, {
        body,
        internal,
        ...(after ? { status: after } : {}),
      }),
    onSuccess: async () => {
      setBody('');
      setAfter('');
      await onSent();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim()) send.mutate();
  }
  return (
    <form className={`composer ${internal ? 'is-note' : 'is-reply'}`} onSubmit={submit} aria-label="Write">
      {others.length > 0 && (
        <p className="notice" role="status">
          {others.map((o) => o.name).join(' and ')} {others.length === 1 ? 'is' : 'are'} writing a reply to this ticket
          right now.
        </p>
      )}
      <div className="tabs" role="radiogroup" aria-label="Kind of message">
        <label className={!internal ? 'active' : undefined}>
          <input type="radio" name="kind" checked={!internal} onChange={() => setInternal(false)} /> Public reply
        </label>
        <label className={internal ? 'active' : undefined}>
          <input type="radio" name="kind" checked={internal} onChange={() => setInternal(true)} /> Internal note
        </label>
      </div>
      <label className="visually-hidden" htmlFor="composer-body">
        {internal ? 'Internal note, seen by agents only' : 'Public reply, mailed to the customer'}
      </label>
      <textarea
        id="composer-body"
        value={body}
        onChange={(e) => typed(e.target.value)}
        rows={6}
        placeholder={
          internal ? 'An internal note: only agents see it.' : 'A reply to the customer: it is mailed to them.'
        }
      />
      <div className="composer-actions">
        <label>
          then set status{' '}
          <select value={after} onChange={(e) => setAfter(e.target.value)}>
            <option value="">(as it is: {status})</option>
            {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={send.isPending || !body.trim()}>
          {internal ? 'Add note' : 'Send reply'}
        </button>
      </div>
      <ErrorText error={send.error} />
    </form>
  );
}
