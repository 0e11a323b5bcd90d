import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../shared/api.js';
import { ErrorText } from '../shared/ui.js';
import { attachmentsOf } from './files.js';

export function PortalNewTicket() {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const attachments = await attachmentsOf(
        (event.currentTarget.elements.namedItem('files') as HTMLInputElement).files,
      );
      const ticket = await api<{ number: number }>('POST', '/api/v1/tickets', {
        subject: String(form.get('subject')),
        body: String(form.get('body')),
        ...(attachments.length > 0 ? { attachments } : {}),
      });
      navigate(`/portal/tickets/${ticket.number}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="new-ticket-title">
      <h1 id="new-ticket-title">Open a ticket</h1>
      <label>
        Subject
        <input name="subject" required maxLength={500} />
      </label>
      <label>
        What happened? Versions, error messages and what you tried help us most.
        <textarea name="body" rows={10} required />
      </label>
      <label>
        Attachments (logs, screenshots)
        <input name="files" type="file" multiple />
      </label>
      <ErrorText error={error} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : 'Open the ticket'}
      </button>
    </form>
  );
}
