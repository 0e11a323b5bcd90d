import { recordEvent } from '../../audit/index.js';
import { type Actor, auditActor, requireAgent } from '../../auth/actor.js';
import type { Deps } from '../../deps.js';
import { getTicketFields } from '../../fields/index.js';
import { AppError } from '../../platform/errors.js';
import { getTicket } from '../../tickets/get-ticket.js';
import { listTicketLinkRows } from '../forge-store.js';
import { resolveIssueUrl } from '../link-issue.js';
import type { ErrorSignature } from './error-signature.js';
import { type Candidate, rankSuggestions, type Suggestion } from './rank.js';
import { searchForges } from './search-forges.js';
import { versionIn } from './signature-keys.js';
import { readTicketSignature } from './signatures.js';
import { dismissSuggestion, findEvidence, listDismissedUrls, listIssuesWithLinks } from './suggest-store.js';

export interface Suggestions {
  signature: ErrorSignature & { words: string[] };
  sent: { forgeName: string; project: string; query: string }[];
  planned: { forgeName: string; project: string; query: string }[];
  customerVersion: string | null;
  items: Suggestion[];
  dismissed: number;
  notes: string[];
}

const keyOf = (forgeId: string, project: string, itemKind: string, number: number) =>
  `${forgeId}:${itemKind}:${project}#${number}`;

/**
 * The public issues this ticket may belong to: issues other tickets with the same failure (or the same
 * words) were linked to, and what the forges' own search finds for the ticket's signature. The forges
 * are asked only with `search` (the agent saw the planned terms and asked); otherwise only answers kept
 * from an earlier search count. Issues the ticket is linked to already, and suggestions dismissed on
 * it, are left out.
 */
export async function suggestIssues(
  deps: Deps,
  actor: Actor,
  number: number,
  options: { search: boolean } = { search: false },
): Promise<Suggestions> {
  requireAgent(actor);
  await getTicket(deps, actor, number); // 404 for a ticket that is not there
  const read = await readTicketSignature(deps, number);
  if (!read) throw new AppError('TICKET_NOT_FOUND', `No ticket #${number}.`);
  const customerVersion = (await versionField(deps, actor, number)) ?? read.signature.versions[0] ?? null;
  const queries = read.queries;

  const [evidence, search, linked, dismissed] = await Promise.all([
    findEvidence(deps.db, number, { keys: read.keys, words: read.words, subject: read.subject }),
    searchForges(deps, queries, { send: options.search }),
    listTicketLinkRows(deps.db, [number]),
    listDismissedUrls(deps.db, number),
  ]);

  const candidates = new Map<string, Candidate>();
  const known = await listIssuesWithLinks(deps.db, [...new Set(evidence.map((e) => e.forgeIssueId))]);
  const knownById = new Map(known.map((k) => [k.id, k]));
  for (const issue of known) {
    candidates.set(keyOf(issue.forgeId, issue.projectRef, issue.itemKind, issue.number), {
      url: issue.url,
      forgeId: issue.forgeId,
      forgeName: issue.forgeName,
      forgeKind: issue.forgeKind,
      project: issue.projectRef,
      number: issue.number,
      title: issue.title,
      state: issue.state,
      stateReason: issue.stateReason,
      fixVersion:
        versionIn(issue.releaseTag) ?? (issue.state === 'closed' ? (versionIn(issue.milestoneTitle) ?? null) : null),
      linkedTickets: issue.linkedTickets,
      evidence: [],
      forgeHits: [],
    });
  }
  for (const e of evidence) {
    const issue = knownById.get(e.forgeIssueId);
    if (!issue) continue;
    candidates.get(keyOf(issue.forgeId, issue.projectRef, issue.itemKind, issue.number))?.evidence.push(e);
  }
  for (const found of search.hits) {
    const key = keyOf(found.forgeId, found.project, 'issue', found.hit.ref.number);
    const existing = candidates.get(key);
    const seen = {
      forgeName: found.forgeName,
      query: found.query,
      queryIndex: found.queryIndex,
      position: found.position,
    };
    if (existing) {
      existing.forgeHits.push(seen);
      continue;
    }
    candidates.set(key, {
      url: found.hit.url,
      forgeId: found.forgeId,
      forgeName: found.forgeName,
      forgeKind: found.forgeKind,
      project: found.project,
      number: found.hit.ref.number,
      title: found.hit.title,
      state: found.hit.state,
      stateReason: found.hit.stateReason,
      fixVersion: found.hit.state === 'closed' ? (versionIn(found.hit.milestone) ?? null) : null,
      linkedTickets: 0,
      evidence: [],
      forgeHits: [seen],
    });
  }
  if (options.search && search.planned.length > 0) {
    await recordEvent(deps.db, {
      actor,
      at: deps.clock.now(),
      action: 'suggestion.searched',
      entityType: 'ticket',
      entityId: number,
      ticketId: number,
      data: { sent: search.sent.map((s) => `${s.forgeName} ${s.project}: ${s.query}`).slice(0, 20) },
    });
  }
  const linkedKeys = new Set(
    linked.map((l) => keyOf(l.forge.id, l.issue.projectRef, l.issue.itemKind, l.issue.number)),
  );
  const open = [...candidates.entries()]
    .filter(([key, c]) => !linkedKeys.has(key) && !dismissed.has(c.url))
    .map(([, c]) => c);
  return {
    signature: { ...read.signature, words: read.subjectWords },
    sent: search.sent,
    planned: search.planned,
    customerVersion,
    items: rankSuggestions(open, { customerVersion, now: deps.clock.now() }),
    dismissed: dismissed.size,
    notes: search.notes,
  };
}

/** The product version the customer gave in a custom field (version, product_version, gitlab_version…). */
async function versionField(deps: Deps, actor: Actor, number: number): Promise<string | undefined> {
  const { items } = await getTicketFields(deps, actor, number);
  for (const field of items) {
    if (!/(?:^|_)version$/.test(field.key) || typeof field.value !== 'string') continue;
    const version = versionIn(field.value);
    if (version) return version;
  }
  return undefined;
}

/** "Not this one": the suggestion is not shown on this ticket again. */
export async function dismissSuggestionOn(deps: Deps, actor: Actor, number: number, url: string) {
  requireAgent(actor);
  await getTicket(deps, actor, number);
  // only an issue address on a connected forge: anything else could not have been suggested
  const { forge, ref } = await resolveIssueUrl(deps, url);
  const now = deps.clock.now();
  await dismissSuggestion(deps.db, {
    ticketId: number,
    url: url.trim(),
    dismissedBy: auditActor(actor).name,
    dismissedAt: now,
  });
  await recordEvent(deps.db, {
    actor,
    at: now,
    action: 'suggestion.dismissed',
    entityType: 'ticket',
    entityId: number,
    ticketId: number,
    data: { url: url.trim(), forge: forge.id, issue: `${ref.projectRef}#${ref.number}` },
  });
}
