/**
 * `attachment` with an ASCII fallback and the UTF-8 name (RFC 6266): a quote, a backslash or a line break
 * in a user's file name can never break the header. For every download of a name someone else chose.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
