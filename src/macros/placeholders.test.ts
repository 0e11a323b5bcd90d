import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { assertPlaceholdersKnown, firstName, renderPlaceholders, unknownPlaceholders } from './placeholders.js';

describe('macro placeholders', () => {
  it('fills known placeholders, with or without spaces inside the braces', () => {
    expect(
      renderPlaceholders('Hi {{requester.first_name}}, about #{{ ticket.number }}: {{agent.name}}', {
        'requester.first_name': 'Lena',
        'ticket.number': 42,
        'agent.name': 'Ana Silva',
      }),
    ).toBe('Hi Lena, about #42: Ana Silva');
  });

  it("puts a customer's subject or name in as text: it cannot make a link, an image or code in the desk's mail", async () => {
    const { renderMarkdown } = await import('../tickets/markdown.js');
    const body = renderPlaceholders('About "{{ticket.subject}}", {{requester.name}}:', {
      'ticket.subject': '[Verify your account](https://evil.example) ![x](https://evil.example/p.png)',
      'requester.name': '<https://evil.example>\n# `Lena`',
    });
    const html = renderMarkdown(body);
    // a bare address may show as itself (linkified), never behind words of the attacker's choosing
    for (const [, href, text] of html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)) expect(text).toBe(href);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<code>');
    expect(html).not.toContain('<h1>');
    expect(html).toContain('[Verify your account](');
  });

  it('renders a missing value as empty text', () => {
    expect(renderPlaceholders('Fixed in {{issue.milestone}}.', { 'issue.milestone': null })).toBe('Fixed in .');
    expect(renderPlaceholders('See {{issue.url}}', {})).toBe('See ');
  });

  it('names each unknown placeholder once, and refuses them with a stable code', () => {
    expect(unknownPlaceholders('{{requester.frist_name}} {{requester.frist_name}} {{ticket.number}} {{}}')).toEqual([
      'requester.frist_name',
      '',
    ]);
    expect(() => assertPlaceholdersKnown('Hi {{customer.name}}')).toThrow(AppError);
    try {
      assertPlaceholdersKnown('Hi {{customer.name}}');
    } catch (err) {
      expect((err as AppError).code).toBe('MACRO_PLACEHOLDER_UNKNOWN');
      expect((err as AppError).message).toContain('{{customer.name}}');
    }
    expect(() => assertPlaceholdersKnown('Plain {text} and {{ticket.subject}}')).not.toThrow();
  });

  it('does not take inherited object keys for placeholders', () => {
    expect(unknownPlaceholders('{{constructor}} {{toString}}')).toEqual(['constructor', 'toString']);
  });

  it('takes a first name from a full name', () => {
    expect(firstName('  Lena Meyer ')).toBe('Lena');
    expect(firstName(null)).toBe('');
  });
});
