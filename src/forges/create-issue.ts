import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { getTicket } from '../tickets/get-ticket.js';
import { ADAPTERS } from './adapters.js';
import { forgeFailure } from './forge-failure.js';
import { findForgeRow } from './forge-store.js';
import { forgeConfig } from './forges.js';
import { linkIssue } from './link-issue.js';
import { type Redaction, redactForPublicIssue } from './redact.js';

export interface CreateIssueInput {
  forgeId: string;
  project: string;
  title: string;
  description: string;
}

/** What would be sent: the agent's text with addresses, hosts, IPs and secrets removed. */
export async function previewIssue(deps: Deps, actor: Actor, input: Omit<CreateIssueInput, 'project'>) {
  requireAgent(actor);
  const forge = await findForgeRow(deps.db, input.forgeId);
  if (!forge) throw new AppError('NOT_FOUND', `No forge ${input.forgeId}.`);
  const publicHosts = [new URL(forge.baseUrl).host];
  const title = redactForPublicIssue(input.title, publicHosts);
  const description = redactForPublicIssue(input.description, publicHosts);
  return { title: title.text, description: description.text, removed: merge(title, description) };
}

function merge(a: Redaction, b: Redaction) {
  const totals = new Map<string, number>();
  for (const r of [...a.removed, ...b.removed]) totals.set(r.kind, (totals.get(r.kind) ?? 0) + r.count);
  return [...totals].map(([kind, count]) => ({ kind, count }));
}

/**
 * Opens an issue in a project from text the agent wrote, after the same redaction the preview shows,
 * and links the ticket to it. The issue names the ticket number only: no customer data leaves.
 * The project is checked first, before anything is asked: it must be a well-formed path (nothing
 * like ../../admin reaches the forge's API) and public, or the link to the new issue could not be
 * followed by customers.
 */
export async function createIssueFromTicket(deps: Deps, actor: Actor, number: number, input: CreateIssueInput) {
  requireAgent(actor);
  await getTicket(deps, actor, number);
  const forgeRow = await findForgeRow(deps.db, input.forgeId);
  if (!forgeRow) throw new AppError('NOT_FOUND', `No forge ${input.forgeId}.`);
  const forge = forgeConfig(deps, forgeRow);
  const adapter = ADAPTERS[forge.kind];
  const project = adapter.parseProject(input.project.trim());
  if (!project) {
    throw new AppError(
      'VALIDATION_FAILED',
      forge.kind === 'github'
        ? 'project must be owner/repository, e.g. octo-org/widgets (letters, digits, ".", "_" and "-").'
        : 'project must be a project path, e.g. group/subgroup/project (letters, digits, ".", "_" and "-").',
    );
  }
  const preview = await previewIssue(deps, actor, input);
  const visibility = await adapter.projectVisibility(forge, project).catch((err: unknown) => {
    throw forgeFailure(deps, forge, err);
  });
  if (!visibility) throw new AppError('NOT_FOUND', `No project ${project}, or the desk's token cannot see it.`);
  if (visibility !== 'public') {
    throw new AppError(
      'ISSUE_NOT_PUBLIC',
      `${project} is a ${visibility} project, so an issue there is not public and customers could not follow it.`,
    );
  }
  const description = `${preview.description}\n\n---\nReported by support (ticket #${number}).`;
  const ref = await adapter.createIssue(forge, project, preview.title, description).catch((err: unknown) => {
    throw forgeFailure(deps, forge, err);
  });
  const url =
    forge.kind === 'gitlab'
      ? `${forge.baseUrl}/${ref.projectRef}/-/issues/${ref.number}`
      : `${forge.baseUrl}/${ref.projectRef}/issues/${ref.number}`;
  const link = await linkIssue(deps, actor, number, url);
  await recordEvent(deps.db, {
    actor,
    at: deps.clock.now(),
    action: 'issue.created',
    entityType: 'ticket',
    entityId: number,
    ticketId: number,
    data: { url, removed: preview.removed },
  });
  return { link, removed: preview.removed };
}
