import { extractMessageIds, type ParsedMail } from './parse-mail.js';

export interface BounceDetails {
  /** a permanent failure (5.x.x, action failed); a delay is only news */
  permanent: boolean;
  status: string | undefined;
  recipients: string[];
  /** Message-IDs of the mail that bounced, as far as the bounce shows them */
  originalMessageIds: string[];
  diagnostic: string | undefined;
}

/** What a bounce says: standard DSN fields where there are some, the enclosed original's ids otherwise. */
export function readBounce(mail: ParsedMail): BounceDetails {
  // mailparser does not always hand over the delivery-status part; its fields are distinctive enough
  // to read from the raw text
  const status = mail.report?.deliveryStatus ?? mail.rawText;
  const field = (name: string) =>
    [...status.matchAll(new RegExp(`^${name}:\\s*(.+)$`, 'gim'))].map((m) => (m[1] as string).trim());
  const recipients = [
    ...field('Final-Recipient').map((v) => v.replace(/^[\w-]+;\s*/, '')),
    ...(mail.headers.get('x-failed-recipients') ?? []).flatMap((v) => v.split(',')),
  ]
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a) => a.includes('@'));
  const statuses = field('Status');
  const actions = field('Action').map((a) => a.toLowerCase());
  const code = statuses[0] ?? /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(mail.text)?.[1];
  const delayed = actions.length > 0 && actions.every((a) => a === 'delayed');
  const permanent =
    !delayed && (code ? code.startsWith('5') : actions.includes('failed') || !/delay/i.test(mail.subject));

  const original = mail.report?.originalHeaders ?? '';
  const originalId = /^message-id:\s*(<[^<>\s]+>)/im.exec(original)?.[1];
  // the enclosed original, then any of our own ids quoted in the bounce's text or parts
  const quoted = [
    mail.text,
    mail.rawText,
    ...mail.attachments.filter((a) => /rfc822|text/.test(a.contentType)).map((a) => a.content.toString('utf8')),
  ]
    .flatMap((text) => [...text.matchAll(/^\s*message-id:\s*(<[^<>\s]+>)/gim)].map((m) => m[1] as string))
    .concat(extractMessageIds(mail.rawText).filter((id) => id.startsWith('<pf.')))
    .filter((id) => id !== mail.messageId);
  return {
    permanent,
    status: code,
    recipients: [...new Set(recipients)],
    originalMessageIds: [...new Set([...(originalId ? [originalId] : []), ...quoted])],
    diagnostic: field('Diagnostic-Code')[0],
  };
}
