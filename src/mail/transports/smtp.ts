import nodemailer from 'nodemailer';
import type { MailTransport } from './transport.js';

export function createSmtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
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
