import nodemailer from 'nodemailer';
import type { MailTransport } from './transport.js';

export function createSmtpTransport(url: string): MailTransport {
  // pooled connections: a fix shipping to thousands of tickets sends thousands of mails at once
  const pooled = new URL(url);
  pooled.searchParams.set('pool', 'true');
  pooled.searchParams.set('maxConnections', '5');
  const transporter = nodemailer.createTransport(pooled.toString());
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        cc: mail.cc,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments?.length
          ? {
              attachments: mail.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                content: a.content,
                ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' as const } : {}),
              })),
            }
          : {}),
        // nodemailer sends it twice: a text/calendar alternative with method= beside the text
        // (what Outlook and Gmail show as an invitation) and an invite.ics attachment (for clients
        // that read only attachments), the layout RFC 6047 and the calls note ask for
        ...(mail.calendar
          ? { icalEvent: { method: mail.calendar.method, filename: 'invite.ics', content: mail.calendar.content } }
          : {}),
        messageId: mail.messageId,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references?.length ? { references: mail.references } : {}),
        headers: mail.headers,
        envelope: { from: mail.envelopeFrom, to: [...mail.to, ...mail.cc] },
      });
    },
    close: () => transporter.close(),
  };
}
