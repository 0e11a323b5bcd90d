// What an agent was writing on a ticket, kept while the tab lives: going to the list and back, or a
// reload, must not lose a half-written reply. sessionStorage, not localStorage: a draft is not left
// on a shared computer after the tab closes; each is the agent's own (keyed by them), and signing out
// drops them all. Attachments are not kept (they may be large).

export interface Draft {
  body: string;
  internal: boolean;
}

const PREFIX = 'pf-draft:';
// an API token in the browser has no agent id: its drafts are the token's
const key = (agentId: string | null | undefined, number: number) => `${PREFIX}${agentId ?? 'token'}:${number}`;

export function readDraft(agentId: string | null | undefined, number: number): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(key(agentId, number));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.body === 'string' ? { body: draft.body, internal: draft.internal === true } : undefined;
  } catch {
    return undefined;
  }
}

export function keepDraft(agentId: string | null | undefined, number: number, draft: Draft): void {
  try {
    if (draft.body.trim()) sessionStorage.setItem(key(agentId, number), JSON.stringify(draft));
    else sessionStorage.removeItem(key(agentId, number));
  } catch {
    // storage full or refused (private mode): the draft lives as long as the page, as before
  }
}

export function dropDraft(agentId: string | null | undefined, number: number): void {
  try {
    sessionStorage.removeItem(key(agentId, number));
  } catch {
    // nothing kept
  }
}

/** At sign-out: the next person at this browser finds none of them. */
export function dropAllDrafts(): void {
  try {
    for (const name of Object.keys(sessionStorage)) if (name.startsWith(PREFIX)) sessionStorage.removeItem(name);
  } catch {
    // nothing kept
  }
}
