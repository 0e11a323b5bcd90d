import fs from 'node:fs';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { CliExit } from './program.js';

// `pipefitter bundle add --ticket N FILE`: a client of the desk's HTTP API, from wherever the file is
// (a customer's server, an engineer's laptop). Small files go as one raw body; larger ones by the
// resumable upload, which rides out a dropped connection, and are then attached to the ticket.

/** from this size on, the resumable upload: below it the raw body is simpler; above it a dropped connection
 * should not cost the whole file (the desk's own cap on raw bodies is higher: rawBodyCap in get-bundle.ts) */
const RESUMABLE_FROM_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 32 * 1024 * 1024;

export interface BundleAddOptions {
  ticket: string;
  file: string;
  env: Record<string, string | undefined>;
  err(text: string): void;
}

function contentTypeOf(filename: string): string {
  if (/\.(tar\.gz|tgz|gz)$/i.test(filename)) return 'application/gzip';
  if (/\.tar$/i.test(filename)) return 'application/x-tar';
  return 'application/octet-stream';
}

async function explain(response: Response): Promise<never> {
  const text = await response.text();
  let message = text.trim() || response.statusText;
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) message = `${parsed.error.message} (${parsed.error.code})`;
  } catch {
    // not JSON: the text as it came
  }
  throw new CliExit(1, `The desk refused the bundle: ${response.status} ${message}`);
}

export async function bundleAdd(
  options: BundleAddOptions,
): Promise<{ id: string; state: string; ticketNumber: number }> {
  const base = options.env.PIPEFITTER_URL?.replace(/\/+$/, '');
  const token = options.env.PIPEFITTER_TOKEN;
  if (!base || !token) {
    throw new CliExit(
      78, // EX_CONFIG
      'Set PIPEFITTER_URL (the desk, e.g. https://support.example.com) and PIPEFITTER_TOKEN (an API token).',
    );
  }
  const ticket = Number(options.ticket);
  if (!Number.isSafeInteger(ticket) || ticket < 1) throw new CliExit(2, '--ticket must be a ticket number.');
  let size: number;
  try {
    const stat = fs.statSync(options.file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (err) {
    throw new CliExit(66, `cannot read ${options.file}: ${(err as Error).message}`); // EX_NOINPUT
  }
  const filename = path.basename(options.file);
  const contentType = contentTypeOf(filename);
  const authorization = `Bearer ${token}`;
  const bundles = `${base}/api/v1/tickets/${ticket}/bundles`;

  const send = (init: RequestInit & { url: string }) =>
    fetch(init.url, init).catch((err: Error) => {
      throw new CliExit(75, `cannot reach ${base}: ${(err.cause as Error | undefined)?.message ?? err.message}`);
    });

  let response: Response;
  if (size < RESUMABLE_FROM_BYTES) {
    response = await send({
      url: `${bundles}?filename=${encodeURIComponent(filename)}`,
      method: 'POST',
      headers: { authorization, 'content-type': contentType },
      body: fs.readFileSync(options.file),
    });
  } else {
    options.err(`Uploading ${filename} (${size} bytes, resumable)…\n`);
    const uploadUrl = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(fs.createReadStream(options.file), {
        endpoint: `${base}/api/v1/uploads`,
        uploadSize: size,
        chunkSize: CHUNK_BYTES,
        // a dropped connection is retried from the offset the desk has
        retryDelays: [0, 1000, 3000, 10_000, 30_000, 60_000],
        headers: { authorization },
        metadata: { filename, filetype: contentType, ticket: String(ticket) },
        onSuccess: () => resolve(upload.url as string),
        onError: (err) => {
          const status = (err as { originalResponse?: { getStatus(): number; getBody(): string } | null })
            .originalResponse;
          reject(
            status
              ? new CliExit(1, `The desk refused the upload: ${status.getStatus()} ${status.getBody().trim()}`)
              : new CliExit(75, `The upload failed: ${err.message}`),
          );
        },
      });
      upload.start();
    });
    response = await send({
      url: bundles,
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId: uploadUrl.split('/').pop() }),
    });
  }
  if (!response.ok) return explain(response);
  return (await response.json()) as { id: string; state: string; ticketNumber: number };
}
