import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusMessages, sharedFixturesPresent } from '../../../test/helpers/shared-fixtures.js';
import { parseMail } from './parse-mail.js';
import { REPLY_MARKER, trimQuotedHtml, trimQuotedText } from './trim-quotes.js';

const own = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../__fixtures__', name));

describe('trimming quoted history for reading', () => {
  it.each([
    ['outlook-reply.eml', 'Here are the logs you asked for. The biggest queue is default with 48,000 jobs.\n\nLena'],
    ['gmail-reply.eml', 'Adding to what Lena said: it started right after the migration step.'],
    ['apple-mail-reply.eml', 'Routing the worker to its own queue fixed it. Thank you!'],
    ['thunderbird-reply.eml', 'It came back after the nightly restart, latency is at 6 minutes again.'],
  ])('%s keeps only the answer', async (file, answer) => {
    const mail = await parseMail(own(file));
    expect(trimQuotedText(mail.text, mail.subject).text).toBe(answer);
  });

  it('cuts at our own marker first', () => {
    expect(trimQuotedText(`Thanks, done.\n\n${REPLY_MARKER}\nOld text`).text).toBe('Thanks, done.');
  });

  it('never trims a forward, and never down to nothing', () => {
    const forward = 'FYI\n\n---------- Forwarded message ---------\nFrom: a@b.example\n\n> quoted';
    expect(trimQuotedText(forward, 'Fwd: logs').trimmed).toBe(false);
    expect(trimQuotedText('> only a quote\n> nothing else').text).toBe('> only a quote\n> nothing else');
  });

  it('cuts HTML at the client quote markers', () => {
    const html = '<div>Answer</div><div class="gmail_quote">On … wrote: <blockquote>old</blockquote></div>';
    expect(trimQuotedHtml(html)).toEqual({ html: '<div>Answer</div>', trimmed: true });
    expect(trimQuotedHtml('<div>No quote here</div>').trimmed).toBe(false);
  });
});

describe.skipIf(!sharedFixturesPresent)('the real clients in the corpus', () => {
  // talon's fixtures: each reply's answer is one short line above the quote
  it.each(['gmail', 'outlook', 'hotmail', 'aol', 'yahoo', 'apple_mail', 'thunderbird', 'iphone', 'android', 'sparrow'])(
    'talon--%s.eml trims to the answer',
    async (client) => {
      const raw = corpusMessages('replies').find(([name]) => name === `replies/talon--${client}.eml`)?.[1];
      if (!raw) return;
      const mail = await parseMail(raw);
      const { text } = trimQuotedText(mail.text, mail.subject);
      expect(text.split('\n').filter((l) => l.trim()).length, `${client}: ${text}`).toBeLessThanOrEqual(2);
      expect(text.length).toBeLessThan(mail.text.length);
    },
  );
});
