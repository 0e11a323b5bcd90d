import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get, type IssueLink } from '../shared/api.js';
import { Conversation } from '../shared/conversation.js';
import { fixStory, fromNow } from '../shared/format.js';
import { TicketBundles } from '../shared/ticket-bundles.js';
import { useTicketWithMessages } from '../shared/ticket-queries.js';
import { ErrorText, Loading } from '../shared/ui.js';
import { attachmentsOf } from './files.js';
import { FollowIssue } from './follow-issue.js';
import { PortalRating } from './rating.js';
import { PortalCalls } from './ticket-calls.js';
import { PortalTicketDetails } from './ticket-details.js';
import { plainStatus } from './tickets.js';

export function PortalTicket() {
  const number = Number(useParams().number);
  const client = useQueryClient();
  const { ticket, messages } = useTicketWithMessages(number);
  const links = useQuery({
    queryKey: ['links', number],
    queryFn: () => get<{ items: IssueLink[] }>(`/api/v1/tickets/${number}/links`),
    enabled: ticket.isSuccess,
  });
  const [body, setBody] = useState('');
  const files = useRef<HTMLInputElement>(null);
  const reply = useMutation({
    mutationFn: async () => {
      const attachments = await attachmentsOf(files.current?.files ?? null);
      return api('POST', `/api/v1/tickets/${number}/messages`, {
        body,
        ...(attachments.length > 0 ? { attachments } : {}),
      });
    },
    onSuccess: async () => {
      setBody('');
      if (files.current) files.current.value = '';
      await client.invalidateQueries({ queryKey: ['messages', number] });
      await client.invalidateQueries({ queryKey: ['ticket', number] });
    },
  });

  if (ticket.isPending) return <Loading what="your ticket" />;
  if (ticket.isError) {
    return (
      <section>
        <h1>Ticket {number}</h1>
        <ErrorText error={ticket.error} />
        <p>
          <Link to="/portal">Back to your tickets</Link>
        </p>
      </section>
    );
  }
  const t = ticket.data;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (body.trim()) reply.mutate();
  }
  return (
    <article aria-labelledby="portal-ticket-title">
      <p>
        <Link to="/portal">← Your tickets</Link>
      </p>
      <h1 id="portal-ticket-title">
        <span className="muted">#{t.number}</span> {t.subject}
      </h1>
      <p className="status-line">{plainStatus(t.status)}</p>
      <PortalRating number={t.number} status={t.status} />
      <PortalTicketDetails number={t.number} severity={t.severity} ccs={t.ccs ?? []} closed={t.status === 'closed'} />
      {links.data && links.data.items.length > 0 && (
        <section aria-labelledby="fix-title" className="fix-cards">
          <h2 id="fix-title">The fix</h2>
          {links.data.items.map((l) => (
            <div key={l.id} className="fix-card">
              <p className="fix-story">{fixStory(l).join(' · ')}</p>
              <p>
                <a href={l.url} target="_blank" rel="noreferrer">
                  {l.title}
                </a>{' '}
                <span className="muted small">· updated {fromNow(l.lastHeardAt)}</span>
              </p>
              <FollowIssue number={t.number} link={l} />
            </div>
          ))}
        </section>
      )}
      <PortalCalls ticket={t} />
      {messages.isPending && <Loading what="the conversation" />}
      <ErrorText error={messages.error} />
      {messages.data && <Conversation messages={messages.data.items} />}
      {t.status !== 'closed' ? (
        <form className="composer is-reply" onSubmit={submit} aria-label="Reply">
          <label htmlFor="portal-reply">Your reply</label>
          <textarea id="portal-reply" rows={6} value={body} onChange={(e) => setBody(e.target.value)} />
          <label>
            Attachments
            <input ref={files} type="file" multiple />
          </label>
          <div className="composer-actions">
            <button type="submit" disabled={reply.isPending || !body.trim()}>
              Send
            </button>
          </div>
          <ErrorText error={reply.error} />
        </form>
      ) : t.mergedInto ? (
        <MergedPointer into={t.mergedInto} />
      ) : (
        <p className="muted">This ticket is closed. Write to us again and we open a follow-up.</p>
      )}
      {/* after the conversation: logs are the second thing a customer sends, the message the first */}
      <TicketBundles ticketNumber={t.number} audience="customer" closed={t.status === 'closed'} />
    </article>
  );
}

/** A merged ticket points where its conversation continues, when the customer may open that ticket. */
function MergedPointer({ into }: { into: number }) {
  const target = useQuery({ queryKey: ['ticket', into], queryFn: () => get(`/api/v1/tickets/${into}`), retry: false });
  if (target.isPending) return null;
  return (
    <p className="notice">
      {target.isSuccess ? (
        <>
          This ticket was merged into <Link to={`/portal/tickets/${into}`}>ticket #{into}</Link>: the conversation
          continues there.
        </>
      ) : (
        'This ticket was merged with another request our team handles. Reply to our last mail if you have anything to add.'
      )}
    </p>
  );
}
