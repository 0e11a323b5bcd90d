import { useMutation } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { api, type Ticket } from '../shared/api.js';
import { formatTime, viewerZone } from '../shared/format.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';

// Defaults that do not surprise, on the ticket page: whether the ticket stays with its assignee when
// their day ends (pinned) or is handed over, and a date to look again at a watching ticket that has
// no linked issue.

export function HandOverChoice({ ticket, onChanged }: { ticket: Ticket; onChanged: () => Promise<unknown> }) {
  const session = useSession();
  const change = useMutation({
    mutationFn: (handOver: boolean) => api('PATCH', `/api/v1/tickets/${ticket.number}`, { handOver }),
    onSuccess: onChanged,
  });
  if (!ticket.assignee || ticket.handOver === undefined) return null;
  const mine = ticket.assignee.id !== undefined && ticket.assignee.id === session.actor.agentId;
  const whose = mine ? 'my' : `${ticket.assignee.name}’s`;
  return (
    <div className="handover-choice">
      <p className={ticket.handOver ? 'muted small' : 'pinned small'}>
        {ticket.handOver
          ? `Handed over to someone on shift when ${mine ? 'your' : `${ticket.assignee.name}’s`} day ends.`
          : `Pinned: stays with ${mine ? 'you' : ticket.assignee.name} when ${mine ? 'your' : 'their'} day ends.`}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={ticket.handOver}
          disabled={change.isPending}
          onChange={(e) => change.mutate(e.target.checked)}
        />
        Hand over when {whose} day ends
      </label>
      <ErrorText error={change.error} />
    </div>
  );
}

/** A watching ticket without a linked issue needs a date to look again; on that date it reopens. */
export function LookAgain({ ticket, onChanged }: { ticket: Ticket; onChanged: () => Promise<unknown> }) {
  const [date, setDate] = useState('');
  const watch = useMutation({
    mutationFn: () =>
      api('PATCH', `/api/v1/tickets/${ticket.number}`, {
        status: 'watching',
        // the start of the working day, in the agent's zone
        lookAgainAt: DateTime.fromISO(`${date}T09:00`, { zone: viewerZone }).toUTC().toISO(),
      }),
    onSuccess: async () => {
      setDate('');
      await onChanged();
    },
  });
  if (ticket.status === 'closed' || ticket.status === 'solved') return null;
  if (ticket.status === 'watching') {
    return ticket.lookAgainAt ? (
      <p className="small">Watching: reopens on {formatTime(ticket.lookAgainAt)} unless its issue moves first.</p>
    ) : null;
  }
  const tomorrow = DateTime.now().setZone(viewerZone).plus({ days: 1 }).toISODate() as string;
  return (
    <details className="look-again">
      <summary>Watch until a date (no linked issue)</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (date) watch.mutate();
        }}
      >
        <label>
          Look again on (it reopens that morning)
          <input type="date" min={tomorrow} value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <button type="submit" className="small" disabled={watch.isPending}>
          Watch until then
        </button>
      </form>
      <ErrorText error={watch.error} />
    </details>
  );
}
