import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, get, type ResponseOf } from '../shared/api.js';
import { ErrorText, Loading } from '../shared/ui.js';

// The page the entitlement link opens (/entitlement/:token, from the mail a stranger at a known
// domain gets): no sign-in, the one-use link is the key. Opening it changes nothing (a mail scanner
// follows links); the person confirms with the button, and may say who they are.

type LinkView = ResponseOf<'/api/v1/entitlement-links/{token}', 'get'>;
const linkUrl = (token: string) => `/api/v1/entitlement-links/${encodeURIComponent(token)}`;

export function EntitlementLinkPage() {
  const token = useParams().token ?? '';
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const view = useQuery({
    queryKey: ['entitlement-link', token],
    queryFn: () => get<LinkView>(linkUrl(token)),
    retry: false,
  });
  const confirm = useMutation({
    mutationFn: () => api<LinkView>('POST', linkUrl(token), note.trim() ? { note: note.trim() } : {}),
    onSuccess: (data) => client.setQueryData(['entitlement-link', token], data),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    confirm.mutate();
  }
  const data = view.data;
  const org = data?.organization.name ?? '';
  return (
    <div className="portal">
      <header className="top">
        <span className="brand">Support</span>
      </header>
      <main className="page entitlement-page" id="main">
        {view.isPending && <Loading what="your request" />}
        {view.isError && (
          <>
            <h1>This link cannot be used</h1>
            <ErrorText error={view.error} />
          </>
        )}
        {data && (
          <section aria-labelledby="entitlement-page-title">
            <h1 id="entitlement-page-title">Support for {org}</h1>
            {data.state === 'awaiting-confirmation' && (
              <form onSubmit={submit}>
                <p>
                  You wrote to our support from <strong>{data.email}</strong>. Only {org}’s named support contacts are
                  entitled to support. Confirm this address, and {org}’s administrators decide whether to add you.
                </p>
                <label htmlFor="entitlement-note">
                  Who are you, and why do you write? (optional, for {org}’s administrators)
                </label>
                <textarea
                  id="entitlement-note"
                  rows={3}
                  maxLength={500}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
                <div>
                  <button type="submit" disabled={confirm.isPending}>
                    Confirm my address
                  </button>
                </div>
                <ErrorText error={confirm.error} />
              </form>
            )}
            {data.state === 'awaiting-approval' && (
              <p role="status">
                Thank you: {data.email} is confirmed. {org}’s administrators decide now, and we write to you when they
                have.
              </p>
            )}
            {data.state === 'approved' && (
              <p role="status">
                {data.email} is one of {org}’s named support contacts. <Link to="/portal">Your tickets</Link>
              </p>
            )}
            {data.state === 'declined' && (
              <p role="status">
                {org} did not add {data.email} to its named support contacts.
              </p>
            )}
            {data.state === 'expired' && <p role="status">This link has expired. Write to us again for a new one.</p>}
          </section>
        )}
      </main>
    </div>
  );
}
