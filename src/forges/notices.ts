import type { Db } from '../platform/db.js';
import { deleteSetting, readSettings, writeSetting } from '../platform/settings-store.js';
import type { IssueSnapshot } from './forge.js';
import { closedWithoutFixReason, type Transition, type TransitionKind } from './issue-status.js';

// What the customer reads in their ticket thread. Templates are editable (stored in desk_settings);
// placeholders: {issue} {url} {title} {milestone} {due} {change} {changeUrl} {author} {mergedBy}
// {release} {releaseUrl} {reason}.

export const DEFAULT_TEMPLATES: Record<TransitionKind, string> = {
  scheduled: 'The fix for {issue} ("{title}") is scheduled for {milestone}{due}.',
  merged:
    'The fix for {issue} has been merged: {change} by {author}{mergedBy}. It will reach you with the next release.',
  released: 'The fix for {issue} has shipped in {release}. {releaseUrl}',
  'closed-without-fix': '{issue} ("{title}") was closed without a fix ({reason}). We will follow up with you here.',
  reopened: '{issue} ("{title}") was reopened, so the work on it continues.',
};

const KEY = (kind: TransitionKind) => `notice.${kind}`;

export async function loadTemplates(db: Db): Promise<Record<TransitionKind, string>> {
  const stored = await readSettings(db, 'notice.');
  const templates = { ...DEFAULT_TEMPLATES };
  for (const kind of Object.keys(DEFAULT_TEMPLATES) as TransitionKind[]) {
    const text = stored.get(KEY(kind));
    if (text !== undefined) templates[kind] = text;
  }
  return templates;
}

export async function saveTemplate(db: Db, kind: TransitionKind, text: string | null) {
  if (text === null) await deleteSetting(db, KEY(kind));
  else await writeSetting(db, KEY(kind), text);
}

function issueName(issue: IssueSnapshot): string {
  const sigil = issue.itemKind === 'change' ? (issue.url.includes('/pull/') ? '#' : '!') : '#';
  return `${issue.projectRef}${sigil}${issue.number}`;
}

/** One message for everything that happened at once, with a link to follow or comment on the issue. */
export function composeNotice(
  issue: IssueSnapshot,
  happened: Transition[],
  templates: Record<TransitionKind, string>,
): string {
  const change = issue.change;
  const changeName = change
    ? `${issue.url.includes('github') || change.url.includes('/pull/') ? '#' : '!'}${change.number} "${change.title}"`
    : '';
  const values: Record<string, string> = {
    issue: issueName(issue),
    url: issue.url,
    title: issue.title,
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
  return [...lines, '', `Follow the issue, or comment on it: ${issue.url}`].join('\n');
}
