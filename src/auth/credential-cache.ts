import type { Actor } from './actor.js';

// Resolving a token or session costs database round trips on every request; a busy integration
// makes hundreds a second. Resolved credentials are kept for a few seconds. Any change of someone's
// access (access.ts: sign-out, revocation, new password, deactivation, a contact's organization or
// its sharing) drops their entries here at once; other processes notice within CACHE_MS, and their
// live streams at once.

const CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedCredential {
  actor: Actor;
  csrfToken: string | null;
  /** a session or token that ends sooner than the cache entry must not outlive it */
  expiresAt: number | null;
}

export class CredentialCache {
  private readonly entries = new Map<string, CachedCredential & { until: number }>();

  get(key: string, now: number): CachedCredential | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now || (entry.expiresAt !== null && entry.expiresAt <= now)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: CachedCredential, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // drop the oldest entry; Map iterates in insertion order
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...value, until: now + CACHE_MS });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** after a revocation by id, where the key (the secret's hash) is unknown */
  deleteWhere(predicate: (value: CachedCredential) => boolean): void {
    for (const [key, value] of this.entries) if (predicate(value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
