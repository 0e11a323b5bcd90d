/** What the outbox needs from a way of sending mail. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string[];
  cc: string[];
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html?: string | undefined;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  headers: Record<string, string>;
  attachments?: { filename: string; contentType: string; content: Buffer; cid?: string | undefined }[];
  /** an iCalendar invitation, sent as a text/calendar part with its method */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string } | undefined;
  /** the envelope sender: bounces come back to it */
  envelopeFrom: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}
