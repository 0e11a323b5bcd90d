import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { api, get, type ItemOf, type ResponseOf } from './api.js';
import { formatTime, fromNow, sizeOf } from './format.js';
import { ErrorText, Loading } from './ui.js';

// The ticket's log bundles, one panel for both sides: the agent's ticket page (with the findings' counts
// and a link to the analysis) and the customer's portal page (the state only: results are agents').
// The list is polled every two seconds only while a bundle waits or is being analysed.

// the upload widget (and tus-js-client) loads with the first panel that offers it, not with the inbox
const BundleUpload = lazy(() => import('./bundle-upload.js').then((m) => ({ default: m.BundleUpload })));

export type BundleSummary = ItemOf<ResponseOf<'/api/v1/tickets/{number}/bundles', 'get'>>;
type Limits = ResponseOf<'/api/v1/bundle-limits', 'get'>;

/** a ticket's bundles, for its panel and for the bundle page's "compare with" */
export const ticketBundlesQuery = (ticketNumber: number) => ({
  queryKey: ['bundles', ticketNumber],
  queryFn: () => get<ResponseOf<'/api/v1/tickets/{number}/bundles', 'get'>>(`/api/v1/tickets/${ticketNumber}/bundles`),
});
export const inProgress = (state: string) => state === 'queued' || state === 'analysing';

const STATE_WORDS: Record<string, string> = {
  queued: 'waiting for analysis',
  analysing: 'analysing',
  done: 'analysed',
  failed: 'analysis failed',
};

export function BundleState({ state }: { state: string }) {
  return <span className={`badge bundle-${state}`}>{STATE_WORDS[state] ?? state}</span>;
}

/** queued or analysing: how far it got, as a bar and in words */
export function BundleProgress({ bundle }: { bundle: { state: string; progress: number; filename: string } }) {
  if (!inProgress(bundle.state)) return null;
  const percent = Math.round(bundle.progress * 100);
  return (
    <div className="bundle-progress">
      <progress max={100} value={percent} aria-label={`Analysis of ${bundle.filename}`} />
      <span className="small muted">{bundle.state === 'queued' ? 'in the queue' : `${percent} % read`}</span>
    </div>
  );
}

export function TicketBundles({
  ticketNumber,
  audience,
  closed = false,
}: {
  ticketNumber: number;
  audience: 'agent' | 'customer';
  /** a closed ticket takes no more uploads */
  closed?: boolean;
}) {
  const client = useQueryClient();
  const bundles = useQuery({
    ...ticketBundlesQuery(ticketNumber),
    refetchInterval: (query) => (query.state.data?.items.some((b) => inProgress(b.state)) ? 2_000 : false),
  });
  const limits = useQuery({
    queryKey: ['bundle-limits'],
    queryFn: () => get<Limits>('/api/v1/bundle-limits'),
    staleTime: 10 * 60_000,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ticketBundlesQuery(ticketNumber).queryKey });
  const items = bundles.data?.items ?? [];
  const agent = audience === 'agent';

  return (
    <section
      aria-labelledby={`bundles-title-${ticketNumber}`}
      className={agent ? 'panel bundles-panel' : 'portal-bundles bundles-panel'}
    >
      <h2 id={`bundles-title-${ticketNumber}`}>Log bundles</h2>
      {bundles.isPending && <Loading what="the bundles" />}
      <ErrorText error={bundles.error} />
      {bundles.data && items.length === 0 && (
        <p className="muted small">{agent ? 'No bundle on this ticket yet.' : 'Logs help us find the cause faster.'}</p>
      )}
      {items.length > 0 && (
        <ul className="bundle-list">
          {items.map((b) => (
            <BundleItem key={b.id} bundle={b} agent={agent} onDeleted={refresh} />
          ))}
        </ul>
      )}
      {!closed && (
        <>
          <Suspense fallback={<Loading what="the upload" />}>
            <BundleUpload ticketNumber={ticketNumber} maxBytes={limits.data?.maxBytes} onUploaded={refresh} />
          </Suspense>
          {agent && (
            <p className="muted small">
              The customer sees the bundles of this ticket and may download them; their findings stay with agents.
            </p>
          )}
          <details className="bundle-hint small">
            <summary>What to upload</summary>
            <p>
              A GitLabSOS archive (<code>gitlabsos.*.tar.gz</code>) is best. Single files work too, plain or gzipped:{' '}
              <code>production_json.log</code>, <code>api_json.log</code>, Sidekiq’s and Gitaly’s <code>current</code>,
              PostgreSQL logs (with <code>log_min_duration_statement</code>, or csvlog), a{' '}
              <code>pg_stat_statements</code> CSV, Redis <code>INFO</code> or <code>SLOWLOG GET</code> output, NGINX
              access logs, strace output.
              {limits.data ? ` Bundles are kept ${limits.data.retentionDays} days.` : ''}
            </p>
          </details>
        </>
      )}
    </section>
  );
}

function BundleItem({
  bundle: b,
  agent,
  onDeleted,
}: {
  bundle: BundleSummary;
  agent: boolean;
  onDeleted: () => Promise<unknown>;
}) {
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => api('DELETE', `/api/v1/bundles/${b.id}`),
    onSuccess: onDeleted,
    onSettled: () => setAsking(false),
  });
  // agents delete any bundle; a customer the ones a customer uploaded (the desk checks it was them)
  const mayDelete = agent || b.uploadedBy.kind === 'contact';
  return (
    <li className="bundle-item">
      <div>
        {agent ? (
          <Link to={`/tickets/${b.ticketNumber}/bundles/${b.id}`}>{b.filename}</Link>
        ) : (
          <strong>{b.filename}</strong>
        )}{' '}
        <BundleState state={b.state} />
      </div>
      <div className="small muted">
        {sizeOf(b.size)} · {b.uploadedBy.name} ·{' '}
        <time dateTime={b.createdAt} title={formatTime(b.createdAt)}>
          {fromNow(b.createdAt)}
        </time>
        {!agent && b.downloadable && (
          <>
            {' · '}
            <a href={`/api/v1/bundles/${b.id}/file`} download>
              Download
            </a>
          </>
        )}
      </div>
      <BundleProgress bundle={b} />
      {agent && b.state === 'done' && b.findingCount !== undefined && (
        <div className="small">
          {b.findingCount === 0 ? 'No findings' : `${b.findingCount} ${b.findingCount === 1 ? 'finding' : 'findings'}`}
          {b.criticalCount ? <strong className="critical-count"> · {b.criticalCount} critical</strong> : null}
        </div>
      )}
      {b.state === 'failed' && b.error && <p className="small error">{b.error}</p>}
      {mayDelete &&
        (asking ? (
          <div className="small bundle-delete">
            Delete {b.filename} for good?{' '}
            <button type="button" className="small danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Delete
            </button>{' '}
            <button type="button" className="link small" onClick={() => setAsking(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="link small"
            aria-label={`Delete ${b.filename}`}
            onClick={() => {
              remove.reset();
              setAsking(true);
            }}
          >
            Delete
          </button>
        ))}
      <ErrorText error={remove.error} />
    </li>
  );
}
