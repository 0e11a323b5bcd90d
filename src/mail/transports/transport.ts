/** What the outbox needs from a way of sending mail. */
export interface MailTransport {
  send(mail: {
    from: string;
    to: string[];
    cc: string[];
    subject: string;
    text: string;
    html?: string | undefined;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<void>;
  close(): void;
}
