import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { api, get } from '../shared/api.js';
import { fromNow } from '../shared/format.js';
import { Empty, ErrorText, Loading } from '../shared/ui.js';
import { OutboxSection } from './outbox.js';

interface Addresses {
  supportAddress: string;
  addresses: string[];
  emergencyAddress: string | null;
  smtpListenerPort: number | null;
  outboundConfigured: boolean;
}
interface Mailbox {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string;
  folder: string;
  enabled: boolean;
  lastPolledAt: string | null;
  lastError: string | null;
}

export function MailPage() {
  const client = useQueryClient();
  const addresses = useQuery({ queryKey: ['mail-addresses'], queryFn: () => get<Addresses>('/api/v1/mail/addresses') });
  const mailboxes = useQuery({
    queryKey: ['mailboxes'],
    queryFn: () => get<{ items: Mailbox[] }>('/api/v1/mail/mailboxes'),
  });
  const add = useMutation({
    mutationFn: (body: Record<string, unknown>) => api('POST', '/api/v1/mail/mailboxes', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['mailboxes'] }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api('DELETE', `/api/v1/mail/mailboxes/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['mailboxes'] }),
  });
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    // what was typed stays until the desk accepts it
    add.mutate(
      {
        name: String(form.get('name')),
        host: String(form.get('host')),
        username: String(form.get('username')),
        password: String(form.get('password')),
        secure: form.get('secure') === 'on',
      },
      { onSuccess: () => element.reset() },
    );
  }
  const a = addresses.data;
  return (
    <section aria-labelledby="mail-title">
      <h1 id="mail-title">Mail</h1>
      <h2>Support addresses</h2>
      <ErrorText error={addresses.error} />
      {a && (
        <ul>
          <li>
            Replies go out from <strong>{a.supportAddress}</strong>
            {a.outboundConfigured
              ? ''
              : ' — no outgoing SMTP server is set (OUTBOUND_SMTP_URL): mail waits in the outbox'}
          </li>
          <li>Mail is taken for {a.addresses.join(', ')} (and their +tag variants)</li>
          {a.emergencyAddress && <li>Emergencies: {a.emergencyAddress} pages the engineer on call</li>}
          <li>
            {a.smtpListenerPort
              ? `The built-in SMTP listener is on port ${a.smtpListenerPort}`
              : 'The built-in SMTP listener is off'}
          </li>
        </ul>
      )}
      <p className="muted">These are set in the desk's configuration (see the README).</p>
      <h2>IMAP mailboxes</h2>
      {mailboxes.isPending && <Loading what="mailboxes" />}
      <ErrorText error={mailboxes.error ?? remove.error} />
      {mailboxes.data?.items.length === 0 && (
        <Empty title="No IMAP mailbox">Add one to read a provider's mailbox into tickets.</Empty>
      )}
      <ul className="links">
        {mailboxes.data?.items.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong> {m.username}@{m.host}:{m.port} /{m.folder} —{' '}
            {m.lastError ? <span className="error">{m.lastError}</span> : `last read ${fromNow(m.lastPolledAt)}`}{' '}
            <button type="button" className="small" onClick={() => remove.mutate(m.id)}>
              Remove {m.name}
            </button>
          </li>
        ))}
      </ul>
      <form className="stack" onSubmit={submit} aria-label="Add an IMAP mailbox">
        <label>
          Name
          <input name="name" required />
        </label>
        <label>
          Host
          <input name="host" required placeholder="imap.example.com" />
        </label>
        <label>
          User
          <input name="username" required autoComplete="off" />
        </label>
        <label>
          Password
          <input name="password" type="password" required autoComplete="off" />
        </label>
        <label>
          <input name="secure" type="checkbox" defaultChecked /> TLS from the start (port 993)
        </label>
        <button type="submit">Add mailbox</button>
        <ErrorText error={add.error} />
      </form>
      <OutboxSection />
    </section>
  );
}
