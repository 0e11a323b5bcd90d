// Which files may become bundles: by name before a byte is stored, then by their first bytes (a name can lie).
// The analysis reads gzip, tar and text; an archive or program of another kind is refused with what to do.

/** what the analysis reads, for the limits route and the messages */
export const ACCEPTED_NAMES = ['.tar.gz', '.tgz', '.tar', '.gz', '.log', '.csv', '.txt', '.json', 'no extension'];

const ACCEPTED_EXTENSIONS = new Set(['tgz', 'tar', 'gz', 'log', 'csv', 'txt', 'json']);

/**
 * The extension that counts: a short run of letters after the last dot. `gitlabsos.host_20240501` and
 * `current` have none; rotated logs (`production_json.log.1`) and svlogd's `@4000….s` keep their log's kind.
 */
function extensionOf(name: string): string | undefined {
  const base = name.replace(/^.*[\\/]/, '');
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(base);
  if (!match || match.index === 0) return undefined;
  const ext = (match[1] as string).toLowerCase();
  if (/^\d+$/.test(ext)) return extensionOf(base.slice(0, match.index));
  if (ext === 's' || ext === 'u') return undefined;
  return ext;
}

/** why a file name is refused, or undefined when it is one the analysis reads */
export function refusedName(filename: string): string | undefined {
  const ext = extensionOf(filename);
  if (ext === undefined || ACCEPTED_EXTENSIONS.has(ext)) return undefined;
  if (ext === 'zip') {
    return `${filename} is a zip archive, which is not read: upload a .tar.gz (tar czf bundle.tar.gz …) or the log files themselves.`;
  }
  return `${filename}: .${ext} files are not log bundles. Accepted: ${ACCEPTED_NAMES.join(', ')}.`;
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'a zip archive' },
  { bytes: [0x50, 0x4b, 0x07, 0x08], what: 'a zip archive' },
  { bytes: [0x4d, 0x5a], what: 'a Windows program' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux program (ELF)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], what: 'a macOS program' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed (recompress it with gzip)' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed (recompress it with gzip)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed (recompress it with gzip)' },
];

/** bytes a sniff needs */
export const SNIFF_BYTES = 8;

/** why the first bytes of a file refuse it, or undefined */
export function refusedContent(filename: string, head: Buffer): string | undefined {
  if (head.length === 0) return `${filename} is empty.`;
  for (const magic of MAGIC) {
    if (magic.bytes.every((b, i) => head[i] === b)) {
      return `${filename} is ${magic.what}, not a log bundle. Accepted: a .tar.gz, a .tar, or the log files themselves (plain or gzip).`;
    }
  }
  return undefined;
}

/** a mail attachment worth analysing: an archive or a log by its name (a screenshot or a PDF is not) */
export function looksLikeBundleAttachment(filename: string, size: number): boolean {
  if (size < 1) return false;
  return /\.(tar\.gz|tgz|tar|gz|log)(\.\d+)?$/i.test(filename);
}

// zero-width and direction-changing characters: `report\u202Egz.exe` would read as `reportexe.gz`
const INVISIBLES = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** a file name fit for the database and a Content-Disposition: no path, no control or invisible characters, cut */
export function cleanFilename(filename: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const controls = /[\u0000-\u001f\u007f]/g;
  const base = filename
    .replace(INVISIBLES, '')
    .replace(/^.*[\\/]/, '')
    .replace(controls, '_')
    .trim();
  return base.slice(0, 255) || 'bundle';
}
