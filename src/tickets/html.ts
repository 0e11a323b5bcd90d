import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

// HTML from mail and the API is sanitized once, when stored: no script, no event handlers, no
// styles that can overlay the page, and no remote loads — a remote image keeps its address in
// data-remote-src so the reader can choose to load it.

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'a',
    'b',
    'blockquote',
    'br',
    'caption',
    'code',
    'col',
    'colgroup',
    'dd',
    'del',
    'div',
    'dl',
    'dt',
    'em',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'hr',
    'i',
    'img',
    'ins',
    'kbd',
    'li',
    'ol',
    'p',
    'pre',
    's',
    'samp',
    'small',
    'span',
    'strong',
    'sub',
    'sup',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'tr',
    'u',
    'ul',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-remote-src'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    ol: ['start'],
    '*': ['dir', 'lang'],
  },
  // highlighted code from Markdown: the app colours these, nothing else reads a class
  allowedClasses: { code: ['hljs', 'language-*'], span: ['hljs-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
    img: (tagName, attribs) => {
      // data-remote-src is ours to write: one that came with the mail could hold any scheme
      const { src = '', 'data-remote-src': _theirs, ...rest } = attribs;
      if (/^(cid:|data:image\/)/i.test(src)) return { tagName, attribs: { ...rest, src } };
      return { tagName, attribs: /^https?:\/\//i.test(src) ? { ...rest, 'data-remote-src': src } : rest };
    },
  },
};

/** HTML that went through sanitizeMessageHtml or textToHtml: stored and shown as it is. */
export type SafeHtml = string & { readonly __safe: true };

export function sanitizeMessageHtml(html: string): SafeHtml {
  return sanitizeHtml(html, SANITIZE_OPTIONS) as SafeHtml;
}

export function htmlToText(html: string): string {
  // html-to-text walks the tree recursively and overflows the stack at about 2,000 levels; a mail
  // of 10,000 nested divs did (test/mail-fuzz.test.ts). Deeper than this is cut with an ellipsis.
  return convert(html, {
    wordwrap: false,
    selectors: [{ selector: 'img', format: 'skip' }],
    limits: { maxDepth: 1000 },
  }).trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Plain text as safe HTML: escaped, paragraphs and line breaks kept, bare links made clickable. */
export function textToHtml(text: string): SafeHtml {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => {
      const escaped = escapeHtml(paragraph).replace(
        /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g,
        (url) => `<a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${url}</a>`,
      );
      return `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n') as SafeHtml;
}
