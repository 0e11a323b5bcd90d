import type { Deps } from '../deps.js';
import { AppError } from '../platform/errors.js';
import { ADAPTERS } from './adapters.js';
import type { ForgeKind } from './forge.js';
import { findForgeIssueByRef, listForgeRows, recordDelivery } from './forge-store.js';
import { forgeConfig } from './forges.js';

export interface WebhookOutcome {
  duplicate: boolean;
  queued: number;
  ignored: string[];
}

/**
 * A webhook delivery: verified against each forge of its kind (constant time), recorded once by its
 * delivery id, then turned into jobs; the answer goes back at once (forges give up after ~10 s, and
 * GitLab disables hooks that keep failing), so nothing slow happens here.
 */
export async function receiveWebhook(
  deps: Deps,
  kind: ForgeKind,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
): Promise<WebhookOutcome> {
  const adapter = ADAPTERS[kind];
  const forges = (await listForgeRows(deps.db)).filter((f) => f.kind === kind);
  // a stranger learns nothing before the secret or signature checks out: not even what is malformed
  const forge = forges.find((row) => adapter.verifyWebhook(headers, rawBody, forgeConfig(deps, row).webhookSecret));
  if (!forge) throw new AppError('WEBHOOK_REFUSED', 'The secret or signature does not match any connected forge.');
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The delivery is not JSON.');
  }
  const deliveryId = adapter.deliveryId(headers, rawBody);
  if (!deliveryId || deliveryId.length > 200) {
    const name = kind === 'github' ? 'X-GitHub-Delivery' : 'Idempotency-Key';
    throw new AppError('VALIDATION_FAILED', `The delivery needs a ${name} header of at most 200 characters.`);
  }
  const event = adapter.eventName(headers).slice(0, 100);
  const outcome: WebhookOutcome = { duplicate: false, queued: 0, ignored: [] };
  await deps.db.transaction(async (txDb) => {
    const tx = { ...deps, db: txDb as unknown as Deps['db'] };
    if (!(await recordDelivery(tx.db, forge.id, deliveryId, event, tx.clock.now()))) {
      outcome.duplicate = true;
      return;
    }
    for (const signal of adapter.readWebhook(event, payload)) {
      if (signal.kind === 'ignored') outcome.ignored.push(signal.reason);
      else if (signal.kind === 'item') {
        const linked = await findForgeIssueByRef(tx.db, forge.id, signal.ref);
        if (!linked) {
          outcome.ignored.push(`${signal.ref.projectRef}#${signal.ref.number} is not linked to a ticket`);
          continue;
        }
        await tx.enqueue(tx.db, 'forges.refresh-issue', { forgeIssueId: linked.id, force: true });
        outcome.queued++;
      } else if (signal.kind === 'change-merged') {
        await tx.enqueue(tx.db, 'forges.change-merged', {
          forgeId: forge.id,
          projectRef: signal.projectRef,
          number: signal.number,
        });
        outcome.queued++;
      } else {
        await tx.enqueue(tx.db, 'forges.release-published', {
          forgeId: forge.id,
          projectRef: signal.projectRef,
          tag: signal.tag,
        });
        outcome.queued++;
      }
    }
  });
  return outcome;
}
