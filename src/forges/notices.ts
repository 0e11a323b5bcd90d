import type { Db } from '../platform/db.js';
import { deleteSetting, readSettings, writeSetting } from '../platform/settings-store.js';
import type { ForgeKind, IssueSnapshot } from './forge.js';
import { closedWithoutFixReason, type TransitionKind } from './issue-status.js';

// What the customer reads in their ticket thread. Templates are editable (stored in desk_settings);
// placeholders: {issue} {url} {title} {milestone} {due} {change} {changeUrl} {author} {mergedBy}
// {release} {releaseUrl} {reason}. Every notice ends with how to follow the issue on its forge.

/** a transition of the issue, or `linked`: the ticket was linked to it */
export type NoticeKind = TransitionKind | 'linked';

export const DEFAULT_TEMPLATES: Record<NoticeKind, string> = {
  linked:
    'We have linked your ticket to {issue} ("{title}"), where the fix is worked on in public. We will tell you here when it is scheduled, merged and released.',
  scheduled: 'The fix for {issue} ("{title}") is scheduled for {milestone}{due}.',
  merged:
    'The fix for {issue} has been merged: {change} by {author}{mergedBy}. It will reach you with the next release.',
  released: 'The fix for {issue} has shipped in {release}. {releaseUrl}',
  'closed-without-fix': '{issue} ("{title}") was closed without a fix ({reason}). We will follow up with you here.',
  reopened: '{issue} ("{title}") was reopened, so the work on it continues.',
};

const KEY = (kind: NoticeKind) => `notice.${kind}`;

export async function loadTemplates(db: Db): Promise<Record<NoticeKind, string>> {
  const stored = await readSettings(db, 'notice.');
  const templates = { ...DEFAULT_TEMPLATES };
  for (const kind of Object.keys(DEFAULT_TEMPLATES) as NoticeKind[]) {
    const text = stored.get(KEY(kind));
    if (text !== undefined) templates[kind] = text;
  }
  return templates;
}

export async function saveTemplate(db: Db, kind: NoticeKind, text: string | null) {
  if (text === null) await deleteSetting(db, KEY(kind));
  else await writeSetting(db, KEY(kind), text);
}

function issueName(issue: IssueSnapshot): string {
  const sigil = issue.itemKind === 'change' ? (issue.url.includes('/pull/') ? '#' : '!') : '#';
  return `${issue.projectRef}${sigil}${issue.number}`;
}

/**
 * How a customer follows the issue themselves, in the words of its forge. They are invited to show they
 * are affected and to say how they use the product: a maintainer weighs that more than a count.
 */
export function followInvitation(forgeKind: ForgeKind, url: string): string {
  const watch =
    forgeKind === 'github'
      ? 'select Subscribe to hear of every change, add a 👍 reaction to the issue to show you are affected'
      : 'select the bell (Notifications) to hear of every change, add a 👍 to the issue to show you are affected';
  return `To follow the issue yourself, open ${url}: ${watch}, and comment there with your use case. The issue is public, so leave out anything private.`;
}

/** One message for everything that happened at once (or for the link), with how to follow the issue. */
export function composeNotice(
  issue: IssueSnapshot,
  happened: { kind: NoticeKind }[],
  templates: Record<NoticeKind, string>,
  forgeKind: ForgeKind,
): string {
  const change = issue.change;
  const changeName = change
    ? `${issue.url.includes('github') || change.url.includes('/pull/') ? '#' : '!'}${change.number} "${change.title}"`
    : '';
  const values: Record<string, string> = {
    issue: issueName(issue),
    url: issue.url,
    // anyone may open (and retitle) an issue in a public project: no link of theirs rides in our notice
    title: issue.title.replace(/\b(?:https?|ftp):\/\/\S*/gi, '[link]').replace(/\bwww\.\S*/gi, '[link]'),
    milestone: issue.milestone?.title ?? '',
    due: issue.milestone?.dueDate ? ` (due ${issue.milestone.dueDate})` : '',
    change: changeName,
    changeUrl: change?.url ?? '',
    author: change?.author ?? 'a contributor',
    mergedBy: change?.mergedBy && change.mergedBy !== change.author ? `, merged by ${change.mergedBy}` : '',
    release: issue.release
      ? issue.release.name && issue.release.name !== issue.release.tag
        ? `${issue.release.name} (${issue.release.tag})`
        : issue.release.tag
      : '',
    releaseUrl: issue.release?.url ?? '',
    reason: closedWithoutFixReason(issue),
  };
  const lines = happened.map((t) =>
    templates[t.kind].replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m).trim(),
  );
  return [...lines, '', followInvitation(forgeKind, issue.url)].join('\n');
}
