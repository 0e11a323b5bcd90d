import { sql } from 'drizzle-orm';
import { type Db, queryOne, queryRows } from '../platform/db.js';

/**
 * A ticket's words for reading it as a whole (what failed, which versions): the subject, its messages
 * oldest first, and the text of small text attachments (a pasted log), cut at `maxChars`. Internal notes
 * are left out. Nothing of it is shown to anyone; callers keep what they derive.
 */
export async function loadTicketText(
  db: Db,
  ticketId: number,
  maxChars: number,
): Promise<
  | {
      subject: string;
      firstMessage: string;
      text: string;
      organizationId: string | null;
      createdAt: Date;
      /** the organization's and requester's names, address and mail domains: words that are theirs */
      names: string[];
    }
  | undefined
> {
  const ticket = await queryOne<{
    subject: string;
    organizationId: string | null;
    createdAt: Date | string;
    names: (string | null)[];
  }>(
    db,
    sql`SELECT t.subject, t.organization_id AS "organizationId", t.created_at AS "createdAt",
               ARRAY[o.name, c.name, c.email, (SELECT string_agg(d.domain, ' ') FROM organization_domains d
                                              WHERE d.organization_id = t.organization_id)] AS names
        FROM tickets t LEFT JOIN organizations o ON o.id = t.organization_id
        LEFT JOIN contacts c ON c.id = t.requester_id
        WHERE t.id = ${ticketId}`,
  );
  if (!ticket) return undefined;
  // the first 20 public messages (the problem is told at the start), each cut to 64 kB: a thread of
  // thousands is read in bounded time. Internal notes stay out: what is read here may reach a forge's
  // search as the signature, and notes hold what agents wrote, sometimes of other customers.
  const messages = await queryRows<{ body: string }>(
    db,
    sql`SELECT left(body_text, ${Math.min(maxChars, 65_536)}) AS body FROM messages
        WHERE ticket_id = ${ticketId} AND NOT internal ORDER BY id LIMIT 20`,
  );
  // bytes, decoded here: a log that is not valid UTF-8 must not fail the statement (and its transaction)
  const attachments = await queryRows<{ bytes: Uint8Array }>(
    db,
    sql`SELECT substring(b.content FROM 1 FOR ${Math.min(maxChars, 262_144)}) AS bytes
        FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
        JOIN messages m ON m.id = a.message_id AND NOT m.internal
        WHERE a.ticket_id = ${ticketId} AND a.size <= 1048576
          AND (a.content_type LIKE 'text/%' OR a.filename ~* '\\.(log|txt)$')
        ORDER BY a.created_at LIMIT 5`,
  );
  let text = ticket.subject;
  const parts = [...messages.map((m) => m.body), ...attachments.map((a) => Buffer.from(a.bytes).toString('utf8'))];
  for (const part of parts) {
    if (text.length >= maxChars) break;
    text += `\n${part.slice(0, maxChars - text.length)}`;
  }
  return {
    subject: ticket.subject,
    firstMessage: messages[0]?.body.slice(0, 8192) ?? '',
    text,
    organizationId: ticket.organizationId,
    createdAt: new Date(ticket.createdAt),
    names: ticket.names.filter((n): n is string => typeof n === 'string'),
  };
}
