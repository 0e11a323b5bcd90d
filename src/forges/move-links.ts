import type { Deps } from '../deps.js';
import { findForgeIssue, moveTicketLinkRows } from './forge-store.js';
import { enqueueWriteBack } from './link-issue.js';
import { addEvidence } from './suggest/signatures.js';

/**
 * A merge moves a ticket's links to the ticket it was merged into; the demand written back to each
 * forge is counted again, and the target becomes the evidence for suggestions. Returns the moved
 * issues' URLs, for the merge's audit event.
 */
export async function moveTicketLinks(deps: Deps, fromTicketId: number, toTicketId: number): Promise<string[]> {
  const ids = await moveTicketLinkRows(deps.db, fromTicketId, toTicketId);
  const urls: string[] = [];
  for (const id of ids) {
    const issue = await findForgeIssue(deps.db, id);
    if (!issue) continue;
    urls.push(issue.url);
    await enqueueWriteBack(deps, issue);
    await addEvidence(deps, toTicketId, id);
  }
  return urls;
}
