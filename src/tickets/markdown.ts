import hljs from 'highlight.js/lib/common';
import MarkdownIt from 'markdown-it';
import { type SafeHtml, sanitizeMessageHtml } from './html.js';

// Replies and notes written in Markdown, as support engineers write them on GitHub and GitLab: code
// fences with highlighting, inline code, lists, links, quotes. The source is what we keep as the
// message's text (search, the mail's text part); the HTML goes through the same sanitizer as mail.

// a highlighter is a pile of regular expressions: only named languages, only blocks of sane size
const HIGHLIGHT_MAX_CHARS = 64 * 1024;

const markdown = new MarkdownIt({
  // raw HTML in the source is shown as text, never as markup
  html: false,
  linkify: true,
  // a line break typed is a line break shown, as in GitHub comments and every mail client
  breaks: true,
  highlight(code, language) {
    const lang = language.trim().toLowerCase();
    if (!lang || code.length > HIGHLIGHT_MAX_CHARS || !hljs.getLanguage(lang)) return '';
    try {
      return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
    } catch {
      return '';
    }
  },
});

/** Markdown source as safe HTML for the ticket page, the portal and mail. */
export function renderMarkdown(source: string): SafeHtml {
  return sanitizeMessageHtml(markdown.render(source));
}

// Mail clients drop <style> and class names: code, quotes and tables carry their looks inline.
const MAIL_STYLES: [RegExp, string][] = [
  [
    /<pre>/g,
    '<pre style="background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:10px 12px;overflow:auto;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;line-height:1.45">',
  ],
  [
    /<code>/g,
    '<code style="background:#f6f8fa;border-radius:4px;padding:1px 4px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:90%">',
  ],
  [
    /<blockquote>/g,
    '<blockquote style="margin:0 0 0 4px;padding:0 0 0 10px;border-left:3px solid #d0d7de;color:#57606a">',
  ],
  [/<table>/g, '<table style="border-collapse:collapse">'],
  [/<(td|th)( [^>]*)?>/g, '<$1$2 style="border:1px solid #d0d7de;padding:4px 8px">'],
];

/**
 * The message's safe HTML dressed for a mail client: inline styles where the app uses CSS. Input is
 * our own sanitized HTML, so its tags are the few the sanitizer writes.
 */
export function htmlForMail(safe: SafeHtml): string {
  let html = safe.replace(/<pre><code class="[^"]*">/g, '<pre><code>');
  for (const [tag, styled] of MAIL_STYLES) html = html.replace(tag, styled);
  // highlighting classes mean nothing in mail; code inside a <pre> keeps the block's look
  html = html.replace(/(<pre [^>]*>)<code style="[^"]*">/g, '$1<code>').replace(/ class="hljs[^"]*"/g, '');
  return `<div style="font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328">${html}</div>`;
}

/** The mail's text part from Markdown source: inline images pasted into a reply become a mention. */
export function markdownForText(source: string): string {
  // bounded parts keep this linear: a body of a million unclosed `![` must not pin the event loop
  return source.replace(
    /!\[([^\]\n]{0,300})\]\(cid:[^)\s]{1,300}\)/g,
    (_m, alt: string) => `[image: ${alt || 'inline image'}]`,
  );
}
