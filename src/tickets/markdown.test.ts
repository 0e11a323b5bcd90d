import fs from 'node:fs';
import path from 'node:path';
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { htmlForMail, markdownForText, renderMarkdown } from './markdown.js';

const CORPUS = fs
  .readFileSync(path.join(import.meta.dirname, '__fixtures__/markdown-xss.txt'), 'utf8')
  .split(/^=====$/m)
  .slice(1)
  .map((block) => block.replace(/^\n|\n$/g, ''));

const SAFE_TAGS = [
  'p',
  'a',
  'img',
  'code',
  'pre',
  'span',
  'br',
  'ol',
  'ul',
  'li',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'em',
  'strong',
  'h1',
  'hr',
];
const SAFE_ATTRIBUTES = ['href', 'rel', 'target', 'src', 'alt', 'title', 'class', 'start', 'data-remote-src'];

describe('renderMarkdown', () => {
  it('renders what a support engineer writes: code fences highlighted, inline code, lists, links, quotes', () => {
    const html = renderMarkdown(
      [
        'The slow query:',
        '',
        '```sql',
        "SELECT * FROM jobs WHERE state = 'queued' ORDER BY id;",
        '```',
        '',
        'Run `EXPLAIN ANALYZE` and:',
        '',
        '1. check the index',
        '2. see https://gitlab.com/acme/app/-/issues/7',
        '',
        '> the queue is stuck',
      ].join('\n'),
    );
    expect(html).toContain('<pre><code class="language-sql">');
    expect(html).toMatch(/<span class="hljs-keyword">SELECT<\/span>/);
    expect(html).toContain('<code>EXPLAIN ANALYZE</code>');
    expect(html).toContain('<ol>');
    expect(html).toContain(
      '<a href="https://gitlab.com/acme/app/-/issues/7" rel="noopener noreferrer nofollow" target="_blank">',
    );
    expect(html).toContain('<blockquote>');
  });

  it('shows raw HTML in the source as text', () => {
    expect(renderMarkdown('a <b>bold</b> claim')).toBe('<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>\n');
  });

  it('keeps a line break typed, and a pasted image by its cid', () => {
    expect(renderMarkdown('one\ntwo')).toBe('<p>one<br />\ntwo</p>\n');
    expect(renderMarkdown('![screenshot](cid:paste-1@desk)')).toContain(
      '<img alt="screenshot" src="cid:paste-1@desk" />',
    );
  });

  it('does not highlight an unknown language nor a huge block (plain, escaped code)', () => {
    expect(renderMarkdown('```nosuchlang\n<b>x</b>\n```')).toBe(
      '<pre><code class="language-nosuchlang">&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n',
    );
    const huge = renderMarkdown(`\`\`\`sql\n${'SELECT 1;\n'.repeat(10_000)}\`\`\``);
    expect(huge).not.toContain('hljs-keyword');
  });

  it(`renders every vector of the XSS corpus (${CORPUS.length}) without script, handlers or dangerous URLs`, () => {
    expect(CORPUS.length).toBeGreaterThan(40);
    for (const vector of CORPUS) {
      const html = renderMarkdown(vector);
      // parsed as a browser would: only the sanitizer's tags, only its attributes, only safe URLs
      parseDocument(html)
        .children.flatMap(function all(node): AnyNode[] {
          return [node, ...('children' in node ? node.children.flatMap(all) : [])];
        })
        .filter((node): node is Element => node.type === 'tag')
        .forEach((element) => {
          expect(SAFE_TAGS, vector).toContain(element.name);
          for (const [name, value] of Object.entries(element.attribs)) {
            expect(SAFE_ATTRIBUTES, `${vector}: ${name}`).toContain(name);
            // a link with a scheme has a safe one; one without is a harmless relative path
            // (a scheme as the URL standard reads one: tabs and newlines removed, then letters and +.-)
            const url = value.replace(/[\t\n\r]/g, '').trim();
            if (name === 'href' && /^[a-z][a-z0-9+.-]*:/i.test(url)) expect(url, vector).toMatch(/^(https?:|mailto:)/i);
            if (name === 'src') expect(value, vector).toMatch(/^(cid:|data:image\/(png|gif|jpeg|webp))/);
          }
        });
    }
  });
});

describe('mail', () => {
  it('dresses code and quotes with inline styles and drops highlighting classes', () => {
    const mail = htmlForMail(renderMarkdown('```sql\nSELECT 1;\n```\n\n`x` and\n\n> quoted'));
    expect(mail).toMatch(/<pre style="[^"]*monospace[^"]*"><code>/);
    expect(mail).toMatch(/<code style="[^"]*">x<\/code>/);
    expect(mail).toMatch(/<blockquote style="[^"]*border-left/);
    expect(mail).not.toContain('class=');
  });

  it('reads a megabyte of unclosed image syntax in linear time (no catastrophic backtracking)', () => {
    // quadratic matching would take ~10^11 steps on these and never finish within the test's time
    expect(markdownForText('!['.repeat(500_000))).toHaveLength(1_000_000);
    expect(markdownForText('![](cid:'.repeat(125_000))).toHaveLength(1_000_000);
  });

  it('the text part says where a pasted image was instead of a cid: reference', () => {
    expect(markdownForText('See:\n\n![the error](cid:paste-1@desk)\n')).toBe('See:\n\n[image: the error]\n');
  });
});
