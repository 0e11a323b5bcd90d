import { recordEvent } from '../audit/index.js';
import { type Actor, SYSTEM } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { findAgentById } from '../people/index.js';
import { addMessageRecord } from '../tickets/add-message.js';
import { escapeHtml } from '../tickets/html.js';
import { whenText } from './call-mail.js';
import { findCall, updateCallRow } from './call-store.js';
import { readJoin } from './offers.js';

// A join link: a page with one button (mail scanners follow links, they do not press buttons), whose
// POST records who came (the customer's coming is what tells a call from a no-show; the
// host's answering an emergency is its acknowledgement) and sends them on to the room.

const JOIN_EARLY_MS = 30 * 60_000;
const JOIN_LATE_MS = 2 * 3_600_000;

/** Where to send the browser: the room, or the ticket when the call is over or has no room. */
export async function followJoinLink(deps: Deps, token: string): Promise<string> {
  const claims = readJoin(deps, token);
  if (!claims) return `${deps.config.publicUrl}/portal`;
  return inTransaction(deps, async (tx) => {
    const call = await findCall(tx.db, claims.callId, { forUpdate: true });
    if (!call) return `${deps.config.publicUrl}/portal`;
    const ticketPage = `${deps.config.publicUrl}/${claims.role === 'host' ? 'tickets' : 'portal/tickets'}/${call.ticketId}`;
    const now = tx.clock.now();
    // a join link opens the room around the call's time only, not for good (personal rooms are reused)
    const opens = call.startsAt.getTime() - JOIN_EARLY_MS;
    const closes = call.endsAt.getTime() + JOIN_LATE_MS;
    if (call.status === 'cancelled' || !call.videoUrl || now.getTime() < opens || now.getTime() > closes)
      return ticketPage;
    if (claims.role === 'customer' && !call.customerJoinedAt) {
      await updateCallRow(tx.db, call.id, { customerJoinedAt: now });
    }
    if (claims.role === 'host' && !call.hostJoinedAt) {
      await updateCallRow(tx.db, call.id, { hostJoinedAt: now });
      if (call.emergency) {
        const host = await findAgentById(tx.db, call.agentId);
        const actor: Actor = host
          ? { kind: 'agent', role: host.role, agentId: host.id, tokenId: null, name: host.name }
          : SYSTEM;
        await addMessageRecord(
          tx,
          actor,
          call.ticketId,
          { body: `${actor.name} joined the call.`, internal: false, channel: 'call', notify: false },
          { trusted: true, keepStatus: true },
        );
        await recordEvent(tx.db, {
          actor,
          at: now,
          action: 'call.answered',
          entityType: 'call',
          entityId: call.id,
          ticketId: call.ticketId,
          data: {},
        });
      }
    }
    return call.videoUrl;
  });
}

/** The join link's page: the call and one button, or where to go instead (a bad link, a cancelled call). */
export async function joinPage(deps: Deps, token: string): Promise<{ redirect: string } | { html: string }> {
  const claims = readJoin(deps, token);
  const call = claims ? await findCall(deps.db, claims.callId) : undefined;
  if (!claims || !call) return { redirect: `${deps.config.publicUrl}/portal` };
  const host = await findAgentById(deps.db, call.agentId);
  const zone = claims.role === 'host' ? (host?.timeZone ?? 'UTC') : (call.customerZone ?? 'UTC');
  const title = call.emergency ? 'Emergency call' : `Support call with ${host?.name ?? 'your engineer'}`;
  const state =
    call.status === 'cancelled'
      ? '<p>This call was cancelled.</p>'
      : `<form method="post"><button type="submit" style="font:inherit;padding:.6em 1.4em;border-radius:6px;border:0;background:#1f6feb;color:#fff;cursor:pointer">Join the call</button></form>`;
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<main style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>
<p>Ticket #${call.ticketId} · ${escapeHtml(whenText(call, zone))}</p>
${state}
</main></html>`;
  return { html };
}
