import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { DetailedError, defaultOptions, Upload } from 'tus-js-client';
import { ApiError, api } from './api.js';
import { sizeOf } from './format.js';
import { useSession } from './session.js';
import { ErrorText } from './ui.js';

// A log bundle of several GB, sent in 8 MB chunks by the tus protocol to /api/v1/uploads: a lost
// connection or a reload costs one chunk, not the whole file. tus-js-client keeps each upload's address in
// localStorage under the file's fingerprint (name, type, size, last modified), so the same file picked
// again after a reload carries on where the server stopped. Once every byte is there, the finished upload
// is attached to the ticket as a bundle.

const CHUNK_BYTES = 8 * 1024 * 1024;
const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000, 20_000];
const ENDPOINT = '/api/v1/uploads';

type PreviousUpload = Awaited<ReturnType<Upload['findPreviousUploads']>>[number];

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading' | 'paused' | 'offline'; sent: number; total: number; resumed: boolean }
  | { kind: 'attaching'; total: number }
  | { kind: 'failed'; message: string; retry: (() => void) | null };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** the desk's JSON error behind a failed tus request, else tus-js-client's own words */
function uploadError(err: Error): string {
  if (err instanceof DetailedError && err.originalResponse) {
    try {
      const body = JSON.parse(err.originalResponse.getBody()) as { error?: { message?: string } };
      if (body.error?.message) return body.error.message;
    } catch {
      // not JSON: the status says enough
    }
    return `The upload was refused (${err.originalResponse.getStatus()}).`;
  }
  return navigator.onLine ? `The upload stopped: ${err.message}` : 'The connection is gone.';
}

/** the uploads of this ticket this browser left unfinished (tus keeps them in localStorage) */
function useUnfinished(ticketNumber: number, busy: boolean) {
  const [items, setItems] = useState<PreviousUpload[]>([]);
  useEffect(() => {
    if (busy) return;
    let current = true;
    void defaultOptions.urlStorage
      .findAllUploads()
      .then((all) => {
        if (current) setItems(all.filter((u) => u.metadata.ticket === String(ticketNumber)));
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [ticketNumber, busy]);
  const forget = async (u: PreviousUpload) => {
    await defaultOptions.urlStorage.removeUpload(u.urlStorageKey);
    setItems((all) => all.filter((x) => x.urlStorageKey !== u.urlStorageKey));
  };
  return { items, forget };
}

export function BundleUpload({
  ticketNumber,
  maxBytes,
  onUploaded,
}: {
  ticketNumber: number;
  /** the desk's limit, when known: a bigger file is refused here before a byte is sent */
  maxBytes?: number | undefined;
  onUploaded: () => unknown;
}) {
  const session = useSession();
  const inputId = useId();
  const hintId = useId();
  const upload = useRef<Upload | null>(null);
  // read by tus-js-client's callbacks, which outlive the render that made them
  const fileRef = useRef<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [said, setSaid] = useState('');
  const busy = phase.kind === 'uploading' || phase.kind === 'paused' || phase.kind === 'offline';
  const unfinished = useUnfinished(ticketNumber, busy || phase.kind === 'attaching');

  // leaving the page stops the requests; the server keeps what arrived, for the next pick of the file
  useEffect(() => () => void upload.current?.abort(), []);

  // back online: carry on by itself (tus-js-client gives up at once while the browser is offline)
  useEffect(() => {
    if (phase.kind !== 'offline') return;
    const online = () => {
      setPhase((p) => (p.kind === 'offline' ? { ...p, kind: 'uploading' } : p));
      upload.current?.start();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [phase.kind]);

  async function attach(done: Upload, total: number) {
    setPhase({ kind: 'attaching', total });
    const uploadId = (done.url ?? '').split('/').pop() ?? '';
    try {
      await api('POST', `/api/v1/tickets/${ticketNumber}/bundles`, { uploadId });
      upload.current = null;
      setPhase({ kind: 'idle' });
      setFile(null);
      setSaid(`${done.options.metadata?.filename ?? 'The bundle'} is uploaded and queued for analysis.`);
      await onUploaded();
    } catch (err) {
      // a refusal of the file itself (its type, its size, the quota) is the same the next time
      const refused = err instanceof ApiError && [413, 415, 422, 507].includes(err.status);
      setPhase({
        kind: 'failed',
        message: err instanceof Error ? err.message : 'The bundle could not be attached.',
        retry: refused ? null : () => void attach(done, total),
      });
    }
  }

  async function begin(picked: File) {
    setSaid('');
    setFile(picked);
    fileRef.current = picked;
    if (maxBytes !== undefined && picked.size > maxBytes) {
      setPhase({
        kind: 'failed',
        message: `${picked.name} is ${sizeOf(picked.size)}; the desk takes bundles up to ${sizeOf(maxBytes)}.`,
        retry: null,
      });
      return;
    }
    const next = new Upload(picked, {
      endpoint: `${window.location.origin}${ENDPOINT}`,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      metadata: {
        filename: picked.name,
        filetype: picked.type || 'application/octet-stream',
        ticket: String(ticketNumber),
      },
      headers: { 'x-csrf-token': session.csrfToken ?? '' },
      // once attached, picking the same file again is a new bundle, not this one
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) =>
        setPhase((p) =>
          p.kind === 'uploading' || p.kind === 'paused' || p.kind === 'offline' ? { ...p, sent, total } : p,
        ),
      onError: (err) => {
        if (!navigator.onLine) {
          setPhase((p) => (p.kind === 'uploading' ? { ...p, kind: 'offline' } : p));
          return;
        }
        setPhase({ kind: 'failed', message: uploadError(err), retry: () => resume() });
      },
      onSuccess: () => void attach(next, picked.size),
    });
    upload.current?.abort();
    upload.current = next;
    let resumed = false;
    try {
      const previous = await next.findPreviousUploads();
      // the newest address for this file; the server answers how much of it arrived
      const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
      if (latest) {
        next.resumeFromPreviousUpload(latest);
        resumed = true;
      }
    } catch {
      // no localStorage (a private window): a fresh upload
    }
    setPhase({ kind: 'uploading', sent: 0, total: picked.size, resumed });
    next.start();
  }

  function pause() {
    void upload.current?.abort();
    setPhase((p) => (p.kind === 'uploading' || p.kind === 'offline' ? { ...p, kind: 'paused' } : p));
  }
  function resume() {
    const current = fileRef.current;
    if (!upload.current || !current) return;
    setPhase((p) =>
      p.kind === 'paused' || p.kind === 'offline'
        ? { ...p, kind: 'uploading' }
        : { kind: 'uploading', sent: 0, total: current.size, resumed: true },
    );
    upload.current.start();
  }
  function cancel() {
    // the partial upload stays on the server until the sweep; picking the file again resumes it
    void upload.current?.abort();
    upload.current = null;
    setPhase({ kind: 'idle' });
    setFile(null);
    fileRef.current = null;
  }

  function dropped(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const picked = event.dataTransfer.files[0];
    if (picked && !busy) void begin(picked);
  }

  const share = busy && phase.total > 0 ? phase.sent / phase.total : 0;
  const percent = Math.floor(share * 100);
  return (
    <div className="bundle-upload">
      {!busy && phase.kind !== 'attaching' && (
        // biome-ignore lint/a11y/noStaticElementInteractions: the drop zone is for the mouse; the file input inside it is the keyboard's way
        <div
          className={`drop-zone${dragging ? ' is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={dropped}
        >
          <label htmlFor={inputId}>Upload a bundle</label>
          <input
            id={inputId}
            type="file"
            aria-describedby={hintId}
            onChange={(e) => {
              const picked = e.target.files?.[0];
              e.target.value = '';
              if (picked) void begin(picked);
            }}
          />
          <p id={hintId} className="small muted">
            Drop the file here or pick it
            {maxBytes !== undefined ? `, up to ${sizeOf(maxBytes)}` : ''}. A lost connection costs little: pick the same
            file again to continue.
          </p>
        </div>
      )}
      {!busy && unfinished.items.length > 0 && (
        <ul className="unfinished-uploads small">
          {unfinished.items.map((u) => (
            <li key={u.urlStorageKey}>
              Unfinished upload: <strong>{u.metadata.filename ?? 'a file'}</strong>
              {u.size ? ` (${megabytes(u.size)})` : ''} — pick the same file again to continue.{' '}
              <button type="button" className="link small" onClick={() => void unfinished.forget(u)}>
                Forget it
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && file && (
        <div className="upload-progress">
          <label htmlFor={`${inputId}-progress`}>
            {phase.kind === 'paused' ? 'Paused' : phase.kind === 'offline' ? 'Waiting for the connection' : 'Uploading'}{' '}
            {file.name}
          </label>
          <progress id={`${inputId}-progress`} max={100} value={percent} />
          <p className="small">
            {megabytes(phase.sent)} of {megabytes(phase.total)} · {percent} %
            {phase.resumed ? ' · resumed where it stopped' : ''}
          </p>
          {phase.kind === 'offline' && (
            <p className="notice small">The connection is gone. The upload continues when it is back.</p>
          )}
          <div className="upload-buttons">
            {phase.kind === 'uploading' ? (
              <button type="button" className="small secondary" onClick={pause}>
                Pause
              </button>
            ) : (
              <button type="button" className="small" onClick={resume}>
                Resume
              </button>
            )}
            <button type="button" className="link small" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'attaching' && <p className="small muted">Attaching the bundle to the ticket…</p>}
      {phase.kind === 'failed' && (
        <div>
          <ErrorText error={new Error(phase.message)} />
          {phase.retry && (
            <button type="button" className="small" onClick={phase.retry}>
              Try again
            </button>
          )}
        </div>
      )}
      {/* screen readers hear the progress in steps of ten, not every chunk */}
      <p className="visually-hidden" aria-live="polite">
        {busy && file
          ? `${phase.kind === 'paused' ? 'Paused' : 'Uploading'} ${file.name}: ${Math.floor(percent / 10) * 10} %`
          : said}
      </p>
      {said && (
        <p className="small" aria-hidden="true">
          {said}
        </p>
      )}
    </div>
  );
}
