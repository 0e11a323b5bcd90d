import { describe, expect, it } from 'vitest';
import { parseMentions, resolveMentions } from './mentions.js';

const ana = { id: '1', email: 'ana@desk.example', name: 'Ana Lima' };
const anaB = { id: '2', email: 'ana.b@desk.example', name: 'Ana' };
const bo = { id: '3', email: 'bo@desk.example', name: 'Bo Chen' };
const bare = (handle: string) => ({ handle, quoted: false });
const quoted = (handle: string) => ({ handle, quoted: true });

describe('parseMentions', () => {
  it.each([
    ['@ana can you look at the slow query?', [bare('ana')]],
    ['ping @ana@desk.example, thanks', [bare('ana@desk.example')]],
    ['ask @"Ana  Lima" and @Bo.', [quoted('ana lima'), bare('bo')]],
    ['(@ana) and @ana again', [bare('ana')]],
    // an address is not a mention, nor is code
    ['mail lena@acme.example about it', []],
    ['see `@ana` and\n```\nlog: @bo said hi\n```\ndone', []],
    ['nobody here', []],
  ])('%s', (text, mentions) => {
    expect(parseMentions(text)).toEqual(mentions);
  });
});

describe('resolveMentions', () => {
  it('an address by email, a quoted handle by name, a bare one by local part or name', () => {
    const agents = [ana, anaB, bo];
    expect(
      resolveMentions(
        [bare('ana@desk.example'), quoted('ana lima'), bare('bo chen'), bare('ana.b'), quoted('ana')],
        agents,
      ),
    ).toEqual({ agents: [ana, bo, anaB], unknown: [], ambiguous: [] });
  });

  it('a handle that fits two agents, or none, resolves to nobody', () => {
    // ana is Ana Lima's local part and Ana B's name; nobody's name is "bo"
    expect(resolveMentions([bare('ana'), bare('zed'), quoted('bo')], [ana, anaB, bo])).toEqual({
      agents: [],
      unknown: [bare('zed'), quoted('bo')],
      ambiguous: [bare('ana')],
    });
  });
});
