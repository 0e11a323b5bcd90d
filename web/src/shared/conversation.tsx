import { type ReactNode, useEffect, useRef } from 'react';
import type { Message } from './api.js';
import { formatTime, sizeOf } from './format.js';

/** The HTML comes sanitized from the desk; quoted history is folded so the new words stand out. */
function MessageBody({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the markup to fold is new whenever the html is
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    for (const quote of Array.from(root.querySelectorAll(':scope > blockquote, :scope > div > blockquote'))) {
      if (quote.parentElement?.tagName === 'DETAILS') continue;
      const details = document.createElement('details');
      const summary = document.createElement('summary');
      summary.textContent = 'Quoted text';
      quote.replaceWith(details);
      details.append(summary, quote);
    }
  }, [html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the desk (src/tickets/html.ts) before it is stored
  return <div ref={ref} className="message-body" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Something that happened between messages (a change in the ticket's history), shown in time order. */
export interface ConversationEvent {
  id: string | number;
  at: string;
  content: ReactNode;
}

/** Events before the first message later than them; an event at a message's time comes after it. */
function interleave(messages: Message[], events: ConversationEvent[]) {
  const items: ({ kind: 'message'; message: Message } | { kind: 'event'; event: ConversationEvent })[] = [];
  let next = 0;
  for (const message of messages) {
    const at = Date.parse(message.createdAt);
    while (next < events.length && Date.parse((events[next] as ConversationEvent).at) < at) {
      items.push({ kind: 'event', event: events[next++] as ConversationEvent });
    }
    items.push({ kind: 'message', message });
  }
  for (const event of events.slice(next)) items.push({ kind: 'event', event });
  return items;
}

export function Conversation({
  messages,
  agentView,
  events = [],
}: {
  messages: Message[];
  agentView?: boolean;
  /** oldest first; agents only */
  events?: ConversationEvent[];
}) {
  if (messages.length === 0 && events.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ol className="conversation" aria-label="Conversation">
      {interleave(messages, events).map((item) =>
        item.kind === 'event' ? (
          <li key={`event-${item.event.id}`} className="history-event">
            {item.event.content}
          </li>
        ) : (
          <MessageItem key={item.message.id} m={item.message} agentView={agentView} />
        ),
      )}
    </ol>
  );
}

function MessageItem({ m, agentView }: { m: Message; agentView?: boolean | undefined }) {
  return (
    <li
      className={`message from-${m.author.kind}${m.internal ? ' internal' : ''}`}
      aria-label={`${m.internal ? 'Internal note' : 'Message'} from ${m.author.name}`}
    >
      <header>
        <strong>{m.author.name}</strong>
        {m.internal && <span className="badge note">internal note</span>}
        {agentView && m.sender?.verdict === 'fail' && (
          <span className="badge unverified" title={m.sender.detail ?? undefined}>
            unverified sender: its domain does not vouch for this From
          </span>
        )}
        <span className="muted">
          {' '}
          · <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
          {m.channel !== 'web' && m.channel !== 'api' ? ` · ${m.channel}` : ''}
        </span>
        {agentView && m.delivery && m.delivery.length > 0 && (
          <span className="muted small">
            {' '}
            · mail {m.delivery.map((d) => (d.error ? `${d.state}: ${d.error}` : d.state)).join(', ')}
          </span>
        )}
      </header>
      <MessageBody html={m.html} />
      {m.attachments.length > 0 && (
        <ul className="attachments" aria-label="Attachments">
          {m.attachments.map((a) => (
            <li key={a.id}>
              <a href={a.url} download={a.filename}>
                {a.filename}
              </a>{' '}
              <span className="muted small">{sizeOf(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
