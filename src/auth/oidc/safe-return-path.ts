// Where the browser goes after signing in: a path on this desk, or the inbox. The value comes from
// whoever wrote the sign-in link, so an absolute URL, a protocol-relative one (//evil.example) or a
// backslash a browser reads as a slash (/\evil.example) would make the desk an open redirect.

const BASE = 'http://desk.invalid';

export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1000) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not pass
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // dot segments can fold into a protocol-relative path ("/..//evil.example" → "//evil.example")
  return path.startsWith('//') ? '/' : path;
}
