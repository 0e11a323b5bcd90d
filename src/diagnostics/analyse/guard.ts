import type { Limits, Progress } from './results.js';

// The limits of one analysis, counted as the bytes flow: compressed bytes read, bytes inflated at every level
// (outer gzip, gzip inside the tar), the inflate ratio (a zip bomb inflates ~1000×, logs 10–30×), entries, wall
// time, and the caller's abort. Crossing one throws StopError: the engine stops reading, keeps what it counted
// and says why in the results' notes.

export class StopError extends Error {}

// the ratio is judged once this much has been inflated, so a small, very repetitive log is not refused
const RATIO_GRACE_BYTES = 64 * 1024 * 1024;
const PROGRESS_EVERY_MS = 250;

export class Guard {
  compressedRead = 0;
  inflated = 0;
  entries = 0;
  /** set once a limit is crossed or the run is aborted: streams stop instead of draining */
  stopped = false;
  private readonly deadline: number;
  private lastProgress = 0;
  current: string | undefined;

  constructor(
    readonly limits: Limits,
    readonly totalBytes: number,
    private readonly onProgress: ((p: Progress) => void) | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.deadline = Date.now() + limits.maxMs;
  }

  /** compressed bytes read from the input file */
  read(n: number): void {
    this.compressedRead += n;
    this.check();
    this.progress(false);
  }

  /** bytes that came out of a gunzip */
  inflate(n: number): void {
    this.inflated += n;
    const { maxInflatedBytes, maxInflateRatio } = this.limits;
    if (this.inflated > maxInflatedBytes) {
      this.stop(`stopped: more than ${formatBytes(maxInflatedBytes)} inflated (the limit); the rest was not read`);
    }
    if (this.inflated > RATIO_GRACE_BYTES && this.inflated > maxInflateRatio * Math.max(this.compressedRead, 1)) {
      this.stop(
        `stopped: the archive inflates more than ${maxInflateRatio}× (${formatBytes(this.inflated)} from ` +
          `${formatBytes(this.compressedRead)}), as a zip bomb does; the rest was not read`,
      );
    }
  }

  entry(): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      this.stop(`stopped: more than ${this.limits.maxEntries} entries in the archive; the rest were not read`);
    }
  }

  /** wall time and abort; called for every chunk */
  check(): void {
    if (this.signal?.aborted) {
      this.stopped = true;
      throw this.signal.reason ?? new DOMException('The analysis was aborted', 'AbortError');
    }
    if (Date.now() > this.deadline) {
      const ms = this.limits.maxMs;
      const took = ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(0, Math.round(ms / 1000))} s`;
      this.stop(`stopped after ${took} (the time limit); the rest was not read`);
    }
  }

  stop(note: string): never {
    this.stopped = true;
    throw new StopError(note);
  }

  progress(final: boolean): void {
    if (!this.onProgress) return;
    const now = Date.now();
    if (!final && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    this.onProgress({
      bytesRead: final ? this.totalBytes : Math.min(this.compressedRead, this.totalBytes),
      totalBytes: this.totalBytes,
      ...(this.current ? { current: this.current } : {}),
    });
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
