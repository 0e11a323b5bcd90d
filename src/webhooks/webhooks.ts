import { createHmac, randomUUID } from 'node:crypto';
import type { Deps } from '../deps.js';
import { defineJob } from '../platform/jobs/define-job.js';

// Outgoing webhooks: the desk's events as signed JSON POSTs to WEBHOOK_URL. Each event is a job in
// the caller's transaction, so an event exists exactly when its cause was committed, and a receiver
// that is down gets it later (retries with backoff); X-Pipefitter-Delivery lets it drop repeats.

export type WebhookEvent = 'sla.warning' | 'sla.breached' | 'oncall.paged' | 'oncall.escalated' | 'ticket.circled';

interface Delivery {
  id: string;
  event: WebhookEvent;
  at: string;
  data: unknown;
}

export async function emitWebhook(deps: Deps, event: WebhookEvent, data: unknown): Promise<void> {
  if (!deps.config.webhookUrl) return;
  const delivery: Delivery = { id: randomUUID(), event, at: deps.clock.now().toISOString(), data };
  await deps.enqueue(deps.db, 'webhooks.deliver', delivery, { key: `webhook:${delivery.id}` });
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export const deliverWebhookJob = defineJob<Delivery, Deps>({
  name: 'webhooks.deliver',
  async handle(deps, delivery) {
    const url = deps.config.webhookUrl;
    if (!url) return;
    const body = JSON.stringify({ id: delivery.id, event: delivery.event, at: delivery.at, data: delivery.data });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Pipefitter-Webhook',
        'x-pipefitter-event': delivery.event,
        'x-pipefitter-delivery': delivery.id,
        ...(deps.config.webhookSecret ? { 'x-pipefitter-signature': signBody(deps.config.webhookSecret, body) } : {}),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`the webhook receiver answered ${response.status}`);
  },
});

export const webhookJobs = [deliverWebhookJob];
