import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

// Live updates from GET /api/v1/stream (server-sent events): a changed ticket refreshes what shows
// it; "presence" says another agent is writing a reply on a ticket. EventSource reconnects by itself.

export interface Presence {
  agentId: string;
  name: string;
  at: number;
}

const PresenceContext = createContext<Map<number, Presence[]>>(new Map());

// A ticket list must not re-sort under the agent's cursor: lists are not refreshed by live events,
// they hear which tickets changed and announce it (ticket-list.tsx), refreshing when asked.
const ticketChangeListeners = new Set<(ticket: number) => void>();

/** Calls `listener` with each changed ticket's number; returns the unsubscribe. */
export function onTicketChange(listener: (ticket: number) => void): () => void {
  ticketChangeListeners.add(listener);
  return () => ticketChangeListeners.delete(listener);
}
const PRESENCE_MS = 20_000;

export function LiveUpdates({ children, selfId }: { children: ReactNode; selfId: string | null }) {
  const client = useQueryClient();
  const [presence, setPresence] = useState(new Map<number, Presence[]>());

  useEffect(() => {
    const source = new EventSource('/api/v1/stream');
    let lists: ReturnType<typeof setTimeout> | undefined;
    // <html data-live="ready"> while changes are heard (tests wait for it before changing things)
    source.addEventListener('ready', () => {
      document.documentElement.dataset.live = 'ready';
    });
    source.addEventListener('error', () => {
      delete document.documentElement.dataset.live;
    });
    source.addEventListener('ticket', (message) => {
      const { ticket } = JSON.parse((message as MessageEvent<string>).data) as { ticket: number };
      for (const key of ['ticket', 'messages', 'sla', 'links', 'calls'])
        void client.invalidateQueries({ queryKey: [key, ticket] });
      for (const listener of ticketChangeListeners) listener(ticket);
      // lists and counts change with many tickets at once: refresh them at most once a second
      lists ??= setTimeout(() => {
        lists = undefined;
        for (const key of ['count', 'portal-tickets', 'sla-next']) void client.invalidateQueries({ queryKey: [key] });
      }, 1_000);
    });
    // a notification for me: the bell counts again, an open notifications page refreshes
    source.addEventListener('notification', () => {
      for (const key of ['notification-count', 'notifications']) void client.invalidateQueries({ queryKey: [key] });
    });
    source.addEventListener('presence', (message) => {
      const p = JSON.parse((message as MessageEvent<string>).data) as { ticket: number; agentId: string; name: string };
      if (p.agentId === selfId) return;
      setPresence((old) => {
        const next = new Map(old);
        const others = (next.get(p.ticket) ?? []).filter((x) => x.agentId !== p.agentId);
        next.set(p.ticket, [...others, { agentId: p.agentId, name: p.name, at: Date.now() }]);
        return next;
      });
    });
    return () => {
      source.close();
      delete document.documentElement.dataset.live;
      if (lists) clearTimeout(lists);
    };
  }, [client, selfId]);

  // forget who stopped writing
  useEffect(() => {
    const timer = setInterval(() => {
      setPresence((old) => {
        const now = Date.now();
        let changed = false;
        const next = new Map<number, Presence[]>();
        for (const [ticket, list] of old) {
          const fresh = list.filter((p) => now - p.at < PRESENCE_MS);
          if (fresh.length !== list.length) changed = true;
          if (fresh.length > 0) next.set(ticket, fresh);
        }
        return changed ? next : old;
      });
    }, 5_000);
    return () => clearInterval(timer);
  }, []);

  return <PresenceContext.Provider value={presence}>{children}</PresenceContext.Provider>;
}

/** Other agents writing a reply on this ticket right now. */
export function useOthersReplying(ticket: number): Presence[] {
  return useContext(PresenceContext).get(ticket) ?? [];
}
