import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeMessageHtml, textToHtml } from './html.js';

describe('sanitizeMessageHtml', () => {
  it('removes scripts, event handlers and javascript: links', () => {
    const html = sanitizeMessageHtml(
      '<p onclick="steal()">Hi<script>alert(1)</script></p><a href="javascript:alert(1)">x</a><img src=x onerror="alert(1)">',
    );
    expect(html).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(html).toContain('<p>Hi</p>');
  });

  it('keeps a remote image from loading until the reader asks', () => {
    const html = sanitizeMessageHtml('<img src="https://tracker.example/pixel.gif" alt="logo">');
    expect(html).not.toContain(' src=');
    expect(html).toContain('data-remote-src="https://tracker.example/pixel.gif"');
  });

  it('writes data-remote-src itself, from an http(s) src only: one the mail brings is dropped', () => {
    expect(sanitizeMessageHtml('<img data-remote-src="javascript:alert(1)" alt="x">')).toBe('<img alt="x" />');
    const both = sanitizeMessageHtml('<img src="https://cdn.example/a.png" data-remote-src="javascript:alert(1)">');
    expect(both).toContain('data-remote-src="https://cdn.example/a.png"');
    expect(both).not.toContain('javascript');
    expect(sanitizeMessageHtml('<img src="data:text/html;base64,PHNjcmlwdD4=">')).toBe('<img />');
    expect(sanitizeMessageHtml('<img src="//tracker.example/p.gif">')).toBe('<img />');
  });

  it('keeps inline cid: images and opens links safely', () => {
    expect(sanitizeMessageHtml('<img src="cid:logo@x">')).toContain('src="cid:logo@x"');
    expect(sanitizeMessageHtml('<a href="https://gitlab.com/x">issue</a>')).toContain(
      'rel="noopener noreferrer nofollow"',
    );
  });

  it('drops styles, forms and iframes', () => {
    const html = sanitizeMessageHtml(
      '<style>body{display:none}</style><form><input></form><iframe src="https://x"></iframe>ok',
    );
    expect(html).toBe('ok');
  });
});

describe('textToHtml', () => {
  it('escapes markup and keeps paragraphs and line breaks', () => {
    expect(textToHtml('a <b>\nline\n\nnext & last')).toBe('<p>a &lt;b&gt;<br>line</p>\n<p>next &amp; last</p>');
  });
  it('links bare URLs without their trailing punctuation', () => {
    expect(textToHtml('see https://gitlab.com/a/b/-/issues/1.')).toContain(
      '<a href="https://gitlab.com/a/b/-/issues/1" rel="noopener noreferrer nofollow" target="_blank">https://gitlab.com/a/b/-/issues/1</a>.',
    );
  });
});

it('htmlToText keeps the words', () => {
  expect(htmlToText('<p>Hello <b>there</b></p><p>Bye</p>')).toBe('Hello there\n\nBye');
});
