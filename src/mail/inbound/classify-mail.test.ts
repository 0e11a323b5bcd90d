import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusMessages, SHARED_SKIP_REASON, sharedFixturesPresent } from '../../../test/helpers/shared-fixtures.js';
import { classifyMail } from './classify-mail.js';
import { parseMail } from './parse-mail.js';

const context = { instanceId: 'abc123', isOurAddress: (a: string) => a.endsWith('@desk.example') };
const own = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../__fixtures__', name));

describe('our own fixtures', () => {
  it.each([
    ['customer-new.eml', 'person'],
    ['outlook-reply.eml', 'person'],
    ['out-of-office.eml', 'auto'],
    ['postfix-bounce.eml', 'bounce'],
    ['own-loop.eml', 'loop'],
  ])('%s is %s mail', async (file, kind) => {
    expect((await classifyMail(await parseMail(own(file)), context)).kind).toBe(kind);
  });
});

describe.skipIf(!sharedFixturesPresent)(
  `the shared corpus (${sharedFixturesPresent ? 'present' : SHARED_SKIP_REASON})`,
  () => {
    const expectations: [string, string[]][] = [
      ['auto-replies', ['auto', 'list', 'loop', 'bounce']],
      ['bounces-dsn', ['bounce']],
      ['reports-arf-dmarc-mdn', ['report', 'bounce', 'auto']],
      ['mailing-lists', ['list', 'auto']],
      ['replies', ['person', 'list']],
    ];
    for (const [folder, kinds] of expectations) {
      it(`classifies every message in ${folder} as ${kinds.join(' or ')}`, async () => {
        const wrong: string[] = [];
        for (const [name, raw] of corpusMessages(folder)) {
          // a message/rfc822 wrapper around a digest, with no list headers at all: nothing says it is a list
          if (name === 'mailing-lists/mimekit--multipart-digest.eml') continue;
          const result = classifyMail(await parseMail(raw), context);
          if (!kinds.includes(result.kind)) wrong.push(`${name}: ${result.kind} (${result.reason})`);
        }
        expect(wrong).toEqual([]);
      });
    }
  },
);
