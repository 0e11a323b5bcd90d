// @mentions in an internal note: `@ana`, `@ana@desk.example` or `@"Ana Lima"`, resolved against the
// active agents: an address by email, a quoted handle by name, a bare one by the email's local part
// or name. A handle that fits two agents notifies nobody: a guess would tell the wrong person.

export interface MentionCandidate {
  id: string;
  email: string;
  name: string;
}

/** A handle as written, lower-cased; quoted means a name ("Ana Lima"). */
export interface Mention {
  handle: string;
  quoted: boolean;
}

export interface MentionResult<A extends MentionCandidate> {
  agents: A[];
  unknown: Mention[];
  ambiguous: Mention[];
}

// code is quoted, not addressed: `@ana` in a log line or a fence mentions nobody
const CODE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`/g;
// not after a word character, a dot or another @: lena@acme.example is an address, not a mention
const MENTION = /(?<![\w.@])@(?:"([^"\n]{1,100})"|([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)?))/g;

const normal = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The mentions in a text, each once, in order. */
export function parseMentions(text: string): Mention[] {
  const mentions = new Map<string, Mention>();
  for (const match of text.replace(CODE, ' ').matchAll(MENTION)) {
    const quoted = match[1] !== undefined;
    // "ask @ana." ends a sentence: the dot is not part of the handle
    const handle = normal(quoted ? (match[1] as string) : (match[2] ?? '').replace(/[.]+$/, ''));
    if (handle) mentions.set(`${quoted}:${handle}`, { handle, quoted });
  }
  return [...mentions.values()];
}

function fits({ handle, quoted }: Mention, agent: MentionCandidate): boolean {
  const email = agent.email.toLowerCase();
  if (quoted) return normal(agent.name) === handle;
  if (handle.includes('@')) return email === handle;
  return email.split('@')[0] === handle || normal(agent.name) === handle;
}

/** Each handle to the one agent it fits; the handles that fit none, or more than one. */
export function resolveMentions<A extends MentionCandidate>(mentions: Mention[], agents: A[]): MentionResult<A> {
  const result: MentionResult<A> = { agents: [], unknown: [], ambiguous: [] };
  for (const mention of mentions) {
    const found = agents.filter((a) => fits(mention, a));
    if (found.length === 0) result.unknown.push(mention);
    else if (found.length > 1) result.ambiguous.push(mention);
    else if (!result.agents.some((a) => a.id === found[0]?.id)) result.agents.push(found[0] as A);
  }
  return result;
}
