import type { AddressObject, Attachment } from 'mailparser';
import type { Address } from '../addresses.js';

// Raw bytes → what the pipeline needs. mailparser decodes MIME, charsets and encoded words; ids in
// In-Reply-To and References are taken from the raw header lines ourselves, because real mail has
// comma-separated, quoted and truncated lists that a parser hands back mangled.

export interface MailPart {
  filename: string;
  contentType: string;
  content: Buffer;
  contentId: string | undefined;
  inline: boolean;
}

export interface ParsedMail {
  messageId: string | undefined;
  inReplyTo: string[];
  references: string[];
  /** Outlook's conversation: the first 22 bytes of Thread-Index, base64 */
  threadIndexRoot: string | undefined;
  from: Address | undefined;
  /** addresses in From headers: one in any mail a sender's domain can vouch for (DMARC needs exactly one) */
  fromCount: number;
  replyTo: Address | undefined;
  to: Address[];
  cc: Address[];
  /** Delivered-To, X-Original-To, Envelope-To: where the mail system says it was delivered */
  deliveredTo: string[];
  subject: string;
  date: Date | undefined;
  text: string;
  html: string | undefined;
  attachments: MailPart[];
  /** lowercased header name → raw values, for the machine-mail filters */
  headers: Map<string, string[]>;
  contentType: string;
  /** report-type of a multipart/report, and the parts a report carries */
  report: { type: string; deliveryStatus: string | undefined; originalHeaders: string | undefined } | undefined;
  /** content types of every part, so a report hidden in a broken structure is still seen */
  partTypes: string[];
  /** the start of the raw message as text, for reading report fields parsers do not expose */
  rawText: string;
}

const MESSAGE_ID = /<[^<>\s]+>/g;

export function extractMessageIds(value: string | undefined): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored
  return [...(value ?? '').replace(/\u0000/g, '').matchAll(MESSAGE_ID)].map((m) => m[0]);
}

function headerMap(lines: readonly { key: string; line: string }[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const list = map.get(key.toLowerCase()) ?? [];
    list.push(value);
    map.set(key.toLowerCase(), list);
  }
  return map;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const out: Address[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const entry of list) {
      if (entry.group) walk(entry.group);
      else if (entry.address?.includes('@')) {
        out.push({ address: noNul(entry.address.toLowerCase()), ...(entry.name ? { name: noNul(entry.name) } : {}) });
      }
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

function threadIndexRoot(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bytes = Buffer.from(value.trim(), 'base64');
  return bytes.length >= 22 ? bytes.subarray(0, 22).toString('base64') : undefined;
}

function partText(part: Attachment): string | undefined {
  return part.content ? part.content.toString('utf8') : undefined;
}

// PostgreSQL text cannot hold NUL; broken mail carries it in headers and bodies
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must go
const noNul = (text: string) => text.replace(/\u0000/g, '');

export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  // loaded on first use: a quarter of a second that a process without inbound mail never pays
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(raw, {
    skipImageLinks: true,
    skipTextLinks: true,
    skipTextToHtml: true,
    // mailparser turns HTML-only mail into text itself; past this it leaves that to us (prepare-mail.ts)
    maxHtmlLengthToParse: 1024 * 1024,
  });
  const headers = headerMap(parsed.headerLines ?? []);
  const first = (name: string) => headers.get(name)?.[0];
  const contentType =
    (parsed.headers.get('content-type') as { value?: string } | undefined)?.value?.toLowerCase() ?? 'text/plain';

  // a report's machine-readable parts; mailparser lists some of them as attachments and some not
  let report: ParsedMail['report'];
  const partTypes = [contentType, ...parsed.attachments.map((a) => String(a.contentType ?? '').toLowerCase())];
  const hasReportPart = partTypes.some((t) =>
    /^message\/(global-)?(delivery-status|feedback-report|disposition-notification)/.test(t),
  );
  if (contentType === 'multipart/report' || hasReportPart) {
    const params =
      (parsed.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params ?? {};
    const status = parsed.attachments.find((a) => /message\/(global-)?delivery-status/i.test(a.contentType));
    const original = parsed.attachments.find((a) =>
      /^(message\/rfc822|text\/rfc822-headers|message\/global)/i.test(a.contentType),
    );
    const partType = partTypes.find((t) =>
      /^message\/(global-)?(delivery-status|feedback-report|disposition-notification)/.test(t),
    );
    report = {
      type: (params['report-type'] ?? partType?.replace(/^message\/(global-)?/, '') ?? '').toLowerCase(),
      deliveryStatus: status ? partText(status) : undefined,
      originalHeaders: original ? partText(original) : undefined,
    };
  }

  const deliveredTo = ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to'].flatMap((name) =>
    (headers.get(name) ?? []).flatMap((v) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []).map((a) => a.toLowerCase()),
  );
  const messageId = extractMessageIds(noNul(first('message-id') ?? ''))[0];
  const froms = addresses(parsed.from);
  const fromCount = Math.max(froms.length, (headers.get('from') ?? []).length);
  const from = froms[0];
  const replyTo = addresses(parsed.replyTo)[0];

  return {
    messageId,
    inReplyTo: extractMessageIds((headers.get('in-reply-to') ?? []).join(' ')),
    references: extractMessageIds((headers.get('references') ?? []).join(' ')),
    threadIndexRoot: threadIndexRoot(first('thread-index')),
    from,
    fromCount,
    replyTo,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    deliveredTo,
    subject: noNul(parsed.subject ?? '').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined,
    text: noNul(parsed.text ?? '').trim(),
    html: typeof parsed.html === 'string' ? noNul(parsed.html) : undefined,
    attachments: parsed.attachments
      .filter((a) => !/^(message\/(global-)?delivery-status|text\/rfc822-headers)$/i.test(a.contentType))
      .map((a) => ({
        filename: noNul(a.filename ?? (a.contentType === 'message/rfc822' ? 'message.eml' : 'attachment')),
        contentType: noNul(a.contentType || 'application/octet-stream'),
        content: a.content,
        contentId: a.contentId || a.cid ? noNul((a.contentId ?? a.cid) as string) : undefined,
        inline: a.contentDisposition === 'inline' || Boolean(a.related),
      })),
    headers,
    contentType,
    report,
    partTypes,
    rawText: raw.subarray(0, 512 * 1024).toString('latin1'),
  };
}

/** Does this look like mail at all: a header block that starts with a header line? */
export function looksLikeMail(raw: Buffer): boolean {
  // leading blank lines, indentation and a UTF-8 byte-order mark are seen in the wild
  const head = raw
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .replace(/^(\xEF\xBB\xBF)?\s+/, '')
    .replace(/^\xEF\xBB\xBF/, '');
  const firstLine = head.split(/\r?\n|\r/, 1)[0] ?? '';
  // a header name, optional space before the colon (obsolete syntax), or an mbox "From " line
  return /^[!-9;-~]+[ \t]*:/.test(firstLine) || /^From \S+/.test(firstLine);
}
