// Times are shown in the viewer's own zone, and the zone is named.

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: viewerZone,
});

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${dateTime.format(new Date(iso))} ${shortZone(new Date(iso))}`;
}

function shortZone(date: Date): string {
  const part = new Intl.DateTimeFormat(undefined, { timeZone: viewerZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? viewerZone;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "in 25 minutes", "3 hours ago" */
export function fromNow(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** Where a linked issue's fix stands, in plain words, as the customer reads it. */
export function fixStory(link: {
  status: string;
  milestone: { title: string } | null;
  change: { number: number; author: string | null; mergedBy: string | null } | null;
  release: { tag: string; name: string | null } | null;
  forge: { kind: string };
}): string[] {
  const parts: string[] = [];
  // GitLab names merge requests !N, GitHub pull requests #N
  const changeRef = (n: number) => (link.forge.kind === 'github' ? `#${n}` : `!${n}`);
  if (link.milestone) parts.push(`Scheduled for ${link.milestone.title}`);
  if (link.change?.mergedBy || link.status === 'delivered' || link.status === 'released') {
    if (link.change)
      parts.push(`Fixed by ${changeRef(link.change.number)}${link.change.author ? ` by ${link.change.author}` : ''}`);
    else parts.push('Fixed');
  }
  if (link.release) parts.push(`Released in ${link.release.name ?? link.release.tag}`);
  if (link.status === 'closed-without-fix') parts.push('Closed without a fix');
  if (parts.length === 0) parts.push(link.status === 'in-review' ? 'A fix is in review' : 'Open, not scheduled yet');
  return parts;
}

/** The ticket statuses in their lifecycle order, and the priorities from lowest (as the API knows them). */
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on-hold', 'watching', 'solved', 'closed'];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'];

/** numbers in the reader's locale, for tables of figures */
export const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
export const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
export const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** "expires 6 Dec 2027", or "expired 6 Dec 2026" once it stopped working: a token's */
export function expiryText(iso: string, now = Date.now()): string {
  const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: viewerZone }).format(new Date(iso));
  return new Date(iso).getTime() <= now ? `expired ${day}` : `expires ${day}`;
}
