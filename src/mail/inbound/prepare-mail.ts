import { htmlToText, type SafeHtml, sanitizeMessageHtml } from '../../tickets/html.js';
import { type MailPart, type ParsedMail, parseMail } from './parse-mail.js';
import { trimQuotedHtml, trimQuotedText } from './trim-quotes.js';

// Everything a stranger's mail costs in CPU happens here, with no I/O: MIME parsing, HTML to text,
// trimming quotes and sanitizing. It runs on a worker thread (prepare-mail-task.ts), bounded in
// time, so one hostile message cannot stall the desk.

/** HTML above this is not rendered: the text is shown and the HTML kept as an attachment. */
export const HTML_RENDER_MAX_BYTES = 1024 * 1024;
/** Text above this is read (trimmed, indexed) from its start; the whole is kept as an attachment. */
export const TEXT_READ_MAX_CHARS = 1024 * 1024;

export interface MessageBody {
  /** trimmed for reading */
  text: string;
  /** sanitized, trimmed for reading */
  html: SafeHtml | undefined;
  fullText: string;
  attachments: { filename: string; contentType: string; content: Buffer; contentId?: string }[];
  refused: { filename: string; size: number }[];
}

export interface PreparedMail {
  mail: ParsedMail;
  body: MessageBody;
}

export interface PrepareOptions {
  attachmentMaxBytes: number;
}

export async function prepareMail(raw: Buffer, options: PrepareOptions): Promise<PreparedMail> {
  const mail = await parseMail(raw);
  return { mail, body: messageBody(mail, options.attachmentMaxBytes) };
}

/** Trimmed text and sanitized HTML for reading, the full text beside them, attachments within limits. */
function messageBody(mail: ParsedMail, limit: number): MessageBody {
  const renderable = mail.html !== undefined && mail.html.length <= HTML_RENDER_MAX_BYTES;
  // past the limits the text is read from the start only: the whole is in an attachment
  const longText = mail.text.length > TEXT_READ_MAX_CHARS;
  const fullText = mail.text
    ? mail.text.slice(0, TEXT_READ_MAX_CHARS)
    : mail.html
      ? htmlToText(renderable ? mail.html : mail.html.slice(0, 64 * 1024))
      : '';
  const text = trimQuotedText(fullText, mail.subject).text || '(no text)';
  // sanitized once, after the quote is cut; the raw mail keeps the rest
  const html = renderable ? sanitizeMessageHtml(trimQuotedHtml(mail.html as string, mail.subject).html) : undefined;
  const parts: MailPart[] = [...mail.attachments];
  if (longText) {
    parts.push({
      filename: 'message.txt',
      contentType: 'text/plain',
      content: Buffer.from(mail.text, 'utf8'),
      contentId: undefined,
      inline: false,
    });
  }
  if (mail.html !== undefined && !renderable) {
    parts.push({
      filename: 'message.html',
      contentType: 'text/html',
      content: Buffer.from(mail.html, 'utf8'),
      contentId: undefined,
      inline: false,
    });
  }
  const attachments = parts
    .filter((a) => a.content.length <= limit)
    .map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      ...(a.contentId ? { contentId: a.contentId } : {}),
    }));
  const refused = parts
    .filter((a) => a.content.length > limit)
    .map((a) => ({ filename: a.filename, size: a.content.length }));
  const notes = [
    ...(longText
      ? [`[This mail is longer than ${TEXT_READ_MAX_CHARS / 1048576} MB of text; the whole is attached as message.txt]`]
      : []),
    ...(mail.html !== undefined && !renderable
      ? [`[The HTML of this mail is larger than ${HTML_RENDER_MAX_BYTES / 1048576} MB; it is attached as message.html]`]
      : []),
    ...(refused.length
      ? [
          `[Not stored, larger than ${limit / 1048576} MB: ${refused.map((r) => `${r.filename} (${(r.size / 1048576).toFixed(1)} MB)`).join(', ')}]`,
        ]
      : []),
  ];
  return {
    text: notes.length ? `${text}\n\n${notes.join('\n')}` : text,
    html,
    fullText,
    attachments,
    refused,
  };
}
