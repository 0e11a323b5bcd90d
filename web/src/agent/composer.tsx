import { useMutation } from '@tanstack/react-query';
import {
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { api } from '../shared/api.js';
import { dropDraft, keepDraft, readDraft } from '../shared/drafts.js';
import { sizeOf, TICKET_STATUSES } from '../shared/format.js';
import { useOthersReplying } from '../shared/live.js';
import { useSession } from '../shared/session.js';
import { ErrorText } from '../shared/ui.js';
import { MacroPicker } from './macro-picker.js';

// Agents write Markdown, as on GitHub and GitLab: the desk renders it (src/tickets/markdown.ts) for
// the ticket page, the portal and the mail's HTML part; the source is the mail's text part. Files
// can be pasted or dropped: an image pasted lands inline where the cursor was (a cid: reference the
// mail carries as an inline part), anything else is attached.

interface PendingFile {
  key: string;
  filename: string;
  contentType: string;
  size: number;
  /** base64 */
  content: string;
  /** set for an image shown inline in the message */
  contentId?: string;
}

function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

const randomKey = () => Math.random().toString(36).slice(2, 10);

export function Composer({
  number,
  status,
  onSent,
}: {
  number: number;
  status: string;
  onSent: () => Promise<unknown>;
}) {
  // a draft kept from before (the list and back, a reload) comes back as it was
  const me = useSession().actor.agentId;
  const [internal, setInternal] = useState(() => readDraft(me, number)?.internal ?? false);
  const [body, setBody] = useState(() => readDraft(me, number)?.body ?? '');
  useEffect(() => keepDraft(me, number, { body, internal }), [me, number, body, internal]);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [previewing, setPreviewing] = useState(false);
  const [dragging, setDragging] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const others = useOthersReplying(number);
  const lastPresence = useRef(0);
  function typed(text: string) {
    setBody(text);
    // tell the other agents on this ticket, every few seconds while writing a public reply
    if (!internal && text.trim() && Date.now() - lastPresence.current > 8_000) {
      lastPresence.current = Date.now();
      api('POST', `/api/v1/tickets/${number}/presence`, { activity: 'replying' }).catch(() => {});
    }
  }

  /** Puts text where the cursor is (or at the end), as typing it would. */
  function insertAtCursor(text: string) {
    const area = textarea.current;
    const start = area?.selectionStart ?? body.length;
    const end = area?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + text + body.slice(end);
    typed(next);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + text.length, start + text.length);
    });
  }

  const [fileError, setFileError] = useState<string | null>(null);
  async function addFiles(list: File[], inline: boolean) {
    setFileError(null);
    const added: PendingFile[] = [];
    const references: string[] = [];
    for (const file of list) {
      try {
        const image = inline && /^image\/(png|jpeg|gif|webp)$/.test(file.type);
        const name = file.name && file.name !== 'image.png' ? file.name : `screenshot-${added.length + 1}.png`;
        const pending: PendingFile = {
          key: randomKey(),
          filename: image ? name : file.name || 'attachment',
          contentType: file.type || 'application/octet-stream',
          size: file.size,
          content: await readAsBase64(file),
          ...(image ? { contentId: `${randomKey()}@pipefitter` } : {}),
        };
        added.push(pending);
        if (pending.contentId) references.push(`![${pending.filename}](cid:${pending.contentId})`);
      } catch {
        setFileError(`${file.name} could not be read.`);
      }
    }
    setFiles((current) => [...current, ...added]);
    if (references.length > 0) insertAtCursor(`${references.join('\n')}\n`);
  }

  function pasted(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pastedFiles = Array.from(event.clipboardData.files);
    if (pastedFiles.length === 0) return; // text pastes as text
    event.preventDefault();
    void addFiles(pastedFiles, true);
  }
  function dropped(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = Array.from(event.dataTransfer.files);
    if (dropped.length > 0) void addFiles(dropped, true);
  }
  function removeFile(file: PendingFile) {
    setFiles((current) => current.filter((f) => f.key !== file.key));
    if (file.contentId) typed(body.replaceAll(`![${file.filename}](cid:${file.contentId})\n`, ''));
  }

  const [after, setAfter] = useState('');
  const send = useMutation({
    mutationFn: () =>
      api('POST', `/api/v1/tickets/${number}/messages`, {
        body,
        format: 'markdown',
        internal,
        ...(after ? { status: after } : {}),
        ...(files.length > 0
          ? {
              attachments: files.map((f) => ({
                filename: f.filename,
                contentType: f.contentType,
                content: f.content,
                ...(f.contentId ? { contentId: f.contentId } : {}),
              })),
            }
          : {}),
      }),
    onSuccess: async () => {
      dropDraft(me, number);
      setBody('');
      setAfter('');
      setFiles([]);
      setPreviewing(false);
      await onSent();
    },
  });
  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (body.trim() && !send.isPending) send.mutate();
  }
  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Ctrl/⌘+Enter sends, as in GitHub, GitLab and most mail clients
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
    // Esc leaves the text (kept as a draft), so that r, n and e work again
    if (event.key === 'Escape') event.currentTarget.blur();
  }
  const ready = body.trim().length > 0;
  return (
    <form
      className={`composer ${internal ? 'is-note' : 'is-reply'}${dragging ? ' is-dragging' : ''}`}
      onSubmit={submit}
      aria-label="Write"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={dropped}
    >
      {others.length > 0 && (
        <p className="notice" role="status">
          {others.map((o) => o.name).join(' and ')} {others.length === 1 ? 'is' : 'are'} writing a reply to this ticket
          right now.
        </p>
      )}
      <div className="composer-top">
        <div className="tabs" role="radiogroup" aria-label="Kind of message">
          <label className={!internal ? 'active' : undefined}>
            <input type="radio" name="kind" checked={!internal} onChange={() => setInternal(false)} /> Public reply
          </label>
          <label className={internal ? 'active' : undefined}>
            <input type="radio" name="kind" checked={internal} onChange={() => setInternal(true)} /> Internal note
          </label>
        </div>
        <button
          type="button"
          className="link"
          aria-pressed={previewing}
          onClick={() => setPreviewing(!previewing)}
          disabled={!ready && !previewing}
        >
          {previewing ? 'Edit' : 'Preview'}
        </button>
      </div>
      <label className="visually-hidden" htmlFor="composer-body">
        {internal ? 'Internal note, seen by agents only' : 'Public reply, mailed to the customer'}
      </label>
      {previewing ? (
        <Preview body={body} files={files} />
      ) : (
        <textarea
          id="composer-body"
          ref={textarea}
          value={body}
          onChange={(e) => typed(e.target.value)}
          onPaste={pasted}
          onKeyDown={keyDown}
          rows={6}
          aria-describedby={hintId}
          placeholder={
            internal ? 'An internal note: only agents see it.' : 'A reply to the customer: it is mailed to them.'
          }
        />
      )}
      <p id={hintId} className="muted small composer-hint">
        Markdown: **bold**, `code`, ```sql fences```, - lists, &gt; quotes. Paste or drop screenshots and files.
        Ctrl+Enter sends.
      </p>
      {files.length > 0 && (
        <ul className="attachments pending" aria-label="Files to send">
          {files.map((f) => (
            <li key={f.key}>
              {f.filename} <span className="muted small">{sizeOf(f.size)}</span>
              {f.contentId && <span className="muted small"> · inline</span>}{' '}
              <button type="button" className="link small" onClick={() => removeFile(f)}>
                Remove <span className="visually-hidden">{f.filename}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-actions">
        <div className="composer-tools">
          <MacroPicker
            number={number}
            onApplied={(macro) => {
              if (macro.internal) setInternal(true);
              insertAtCursor(macro.body);
            }}
          />
          <button type="button" className="small" onClick={() => fileInput.current?.click()}>
            Attach files
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            aria-label="Files to attach"
            onChange={(e) => {
              void addFiles(Array.from(e.target.files ?? []), false);
              e.target.value = '';
            }}
          />
        </div>
        <div className="composer-send">
          <label>
            then set status{' '}
            <select value={after} onChange={(e) => setAfter(e.target.value)}>
              <option value="">(as it is: {status})</option>
              {TICKET_STATUSES.filter((s) => s !== 'new').map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={send.isPending || !ready}>
            {internal ? 'Add note' : 'Send reply'}
          </button>
        </div>
      </div>
      {fileError && <p className="error">{fileError}</p>}
      <ErrorText error={send.error} />
    </form>
  );
}

/** The message as it will show: rendered by the desk, pasted images from what the browser holds. */
function Preview({ body, files }: { body: string; files: PendingFile[] }) {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api<{ html: string }>('POST', '/api/v1/messages/preview', { body, format: 'markdown' })
      .then((r) => current && setHtml(r.html))
      .catch((e) => current && setError(e));
    return () => {
      current = false;
    };
  }, [body]);
  if (error) return <ErrorText error={error} />;
  if (html === null) return <p className="muted">Rendering the preview…</p>;
  const withImages = html.replace(/src="cid:([^"]+)"/g, (match, cid: string) => {
    const file = files.find((f) => f.contentId === cid);
    return file ? `src="data:${file.contentType};base64,${file.content}"` : match;
  });
  return (
    <section className="composer-preview message-body" aria-label="Preview">
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitized by the desk (src/tickets/markdown.ts) */}
      <div dangerouslySetInnerHTML={{ __html: withImages }} />
    </section>
  );
}
