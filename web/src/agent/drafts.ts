// What an agent was writing on a ticket, kept while the tab lives: going to the list and back, or a
// reload, must not lose a half-written reply. sessionStorage, not localStorage: a draft is not left
// on a shared computer after the tab closes. Attachments are not kept (they may be large).

export interface Draft {
  body: string;
  internal: boolean;
}

const key = (number: number) => `pf-draft:${number}`;

export function readDraft(number: number): Draft | undefined {
  try {
    const raw = sessionStorage.getItem(key(number));
    if (!raw) return undefined;
    const draft = JSON.parse(raw) as Partial<Draft>;
    return typeof draft.body === 'string' ? { body: draft.body, internal: draft.internal === true } : undefined;
  } catch {
    return undefined;
  }
}

export function keepDraft(number: number, draft: Draft): void {
  try {
    if (draft.body.trim()) sessionStorage.setItem(key(number), JSON.stringify(draft));
    else sessionStorage.removeItem(key(number));
  } catch {
    // storage full or refused (private mode): the draft lives as long as the page, as before
  }
}

export function dropDraft(number: number): void {
  try {
    sessionStorage.removeItem(key(number));
  } catch {
    // nothing kept
  }
}
