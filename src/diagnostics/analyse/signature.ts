// An error's signature: its class and its message with the parts that change from one occurrence to the next
// replaced, so "Couldn't find Project with 'id'=42" and "…'id'=7" count as one error.

const MAX_MESSAGE = 160;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
// a hex id: 7+ hex characters with at least one digit (commit SHAs, correlation ids, object ids)
const HEX = /\b(?=[0-9a-f]*\d)(?:0x)?[0-9a-f]{7,}\b/gi;
// a quote that opens after a letter is an apostrophe (Couldn't), not a quoted value
const QUOTED = /(?<![A-Za-z])'[^']*'|"[^"]*"|`[^`]*`/g;
const NUMBER = /(?<![A-Za-z_\d.])-?\d+(?:\.\d+)?/g;

/** the message with ids, numbers, addresses and quoted values replaced (<uuid>, <email>, <ip>, <hex>, ?, <n>) */
export function normaliseMessage(message: string): string {
  const m = (message.length > 2_000 ? message.slice(0, 2_000) : message)
    .replace(UUID, '<uuid>')
    .replace(EMAIL, '<email>')
    .replace(IPV4, '<ip>')
    .replace(HEX, '<hex>')
    .replace(QUOTED, (q) => `${q[0]}?${q[0]}`)
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE)}…` : m;
}

/** `Class: normalised message`, or the class alone */
export function errorSignature(errorClass: string | undefined, message: string | undefined): string {
  const cls = errorClass?.trim() || 'Error';
  const text = message ? normaliseMessage(message) : '';
  return text ? `${cls}: ${text}` : cls;
}
