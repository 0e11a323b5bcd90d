import { useQuery } from '@tanstack/react-query';
import { NavLink } from 'react-router';
import { get } from '../shared/api.js';

// The bell in the top bar: how many of my notifications are unread. A new one arrives over the
// live stream (shared/live.tsx refreshes this count); the slow poll covers a stream that dropped.

export const NOTIFICATION_COUNT_KEY = 'notification-count';

export function unreadLabel(unread: number): string {
  return unread >= 100 ? '99+' : String(unread);
}

export function NotificationBell({ enabled }: { enabled: boolean }) {
  const count = useQuery({
    queryKey: [NOTIFICATION_COUNT_KEY],
    enabled,
    queryFn: () => get<{ unread: number }>('/api/v1/notifications/unread-count'),
    refetchInterval: 60_000,
  });
  const unread = count.data?.unread ?? 0;
  const label = unread > 0 ? `Notifications: ${unreadLabel(unread)} unread` : 'Notifications';
  return (
    <NavLink to="/notifications" className={`bell${unread > 0 ? ' has-unread' : ''}`} aria-label={label} title={label}>
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" aria-hidden="true">
          {unreadLabel(unread)}
        </span>
      )}
    </NavLink>
  );
}
