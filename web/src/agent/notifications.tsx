import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, get, type Page } from '../shared/api.js';
import { formatTime, fromNow } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';
import { NOTIFICATION_COUNT_KEY } from './notification-bell.js';

// My notifications (assigned to me, a customer replied, @mentioned, SLA), newest first, each a link
// to its ticket (following it marks it read), and which kinds I get in the app and by email.

interface Notification {
  id: number;
  kind: 'assigned' | 'customer-reply' | 'mention' | 'sla' | 'call' | 'csat';
  ticket: { number: number; subject: string; status: string };
  actor: string | null;
  title: string;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

interface Preference {
  kind: Notification['kind'];
  label: string;
  inApp: boolean;
  email: boolean;
}

const PAGE = 25;

export function NotificationsPage() {
  const client = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery({
    queryKey: ['notifications', 'list', unreadOnly],
    queryFn: ({ pageParam }) =>
      get<Page<Notification>>(
        `/api/v1/notifications?limit=${PAGE}${unreadOnly ? '&unread=true' : ''}${pageParam ? `&cursor=${pageParam}` : ''}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['notifications'] }),
      client.invalidateQueries({ queryKey: [NOTIFICATION_COUNT_KEY] }),
    ]);
  const markRead = useMutation({
    mutationFn: (id: number) => api('POST', `/api/v1/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    // up to the newest shown: one that arrives meanwhile stays unread
    mutationFn: (throughId: number) => api('POST', `/api/v1/notifications/read-all?throughId=${throughId}`),
    onSuccess: refresh,
  });
  const newest = items[0];
  const anyUnread = items.some((n) => !n.readAt);

  return (
    <section aria-labelledby="notifications-title" className="notifications-page">
      <div className="list-head">
        <h1 id="notifications-title">Notifications</h1>
        <label className="inline-check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Only unread
        </label>
        <button
          type="button"
          className="small"
          disabled={!newest || !anyUnread || markAll.isPending}
          onClick={() => newest && markAll.mutate(newest.id)}
        >
          Mark all read
        </button>
      </div>
      <ErrorText error={list.error ?? markRead.error ?? markAll.error} />
      {list.isPending && <Loading what="notifications" />}
      {list.data && items.length === 0 && (
        <Empty title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
          You are told here when a ticket is assigned to you, a customer replies on yours, someone @mentions you in a
          note, or an SLA clock on your ticket nears its due time.
        </Empty>
      )}
      {items.length > 0 && (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
              <Link
                to={`/tickets/${n.ticket.number}`}
                onClick={() => {
                  // the ticket opens at once; marking read follows on its own
                  if (!n.readAt) markRead.mutate(n.id);
                }}
              >
                {!n.readAt && <span className="visually-hidden">Unread: </span>}
                <strong>{n.title}</strong> · #{n.ticket.number} {n.ticket.subject}
              </Link>
              {n.excerpt && <p className="excerpt">{n.excerpt}</p>}
              <p className="meta muted small">
                <time dateTime={n.createdAt} title={formatTime(n.createdAt)}>
                  {fromNow(n.createdAt)}
                </time>
                {!n.readAt && (
                  <>
                    {' · '}
                    <button
                      type="button"
                      className="link small"
                      aria-label={`Mark read: ${n.title}, #${n.ticket.number}`}
                      onClick={() => markRead.mutate(n.id)}
                    >
                      Mark read
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="small" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          Show older
        </button>
      )}
      <NotificationSettings />
    </section>
  );
}

export function NotificationSettings() {
  const client = useQueryClient();
  const preferences = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => get<{ items: Preference[] }>('/api/v1/notifications/preferences'),
  });
  const key = ['notifications', 'preferences'];
  const save = useMutation({
    mutationFn: (p: Preference) =>
      api<Preference>('PUT', `/api/v1/notifications/preferences/${p.kind}`, { inApp: p.inApp, email: p.email }),
    // the box changes as it is clicked; the desk's answer confirms it, or puts it back
    onMutate: async (p: Preference) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<{ items: Preference[] }>(key);
      client.setQueryData<{ items: Preference[] }>(key, (old) =>
        old ? { items: old.items.map((o) => (o.kind === p.kind ? p : o)) } : old,
      );
      return { before };
    },
    onError: (_err, _p, context) => client.setQueryData(key, context?.before),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  return (
    <section aria-labelledby="notification-settings-title" className="notification-settings">
      <h2 id="notification-settings-title">Notify me</h2>
      <ErrorText error={preferences.error ?? save.error} />
      {preferences.isPending && <Loading what="your settings" />}
      {preferences.data && (
        <table>
          <thead>
            <tr>
              <th scope="col" className="when">
                When
              </th>
              <th scope="col" className="toggle">
                In the app
              </th>
              <th scope="col" className="toggle">
                By email
              </th>
            </tr>
          </thead>
          <tbody>
            {preferences.data.items.map((p) => (
              <tr key={p.kind}>
                <th scope="row" className="when">
                  {p.label}
                </th>
                <td className="toggle">
                  <input
                    type="checkbox"
                    aria-label={`${p.label}: in the app`}
                    checked={p.inApp}
                    onChange={(e) => save.mutate({ ...p, inApp: e.target.checked })}
                  />
                </td>
                <td className="toggle">
                  <input
                    type="checkbox"
                    aria-label={`${p.label}: by email`}
                    checked={p.email}
                    onChange={(e) => save.mutate({ ...p, email: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
