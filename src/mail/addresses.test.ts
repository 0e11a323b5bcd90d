import { expect, it } from 'vitest';
import { DeskSecret } from '../platform/desk-secret.js';
import { MailAddresses } from './addresses.js';

const addresses = new MailAddresses(new DeskSecret('test-secret'), ['support@example.com', 'help@example.org']);
const other = new MailAddresses(new DeskSecret('another-desk'), ['support@example.com']);

it('recognizes our addresses with and without a +tag, in any case', () => {
  expect(addresses.isOurs('Support@Example.com')).toBe(true);
  expect(addresses.isOurs('support+anything@example.com')).toBe(true);
  expect(addresses.isOurs('help@example.org')).toBe(true);
  expect(addresses.isOurs('support@example.net')).toBe(false);
  expect(addresses.isOurs('supporter@example.com')).toBe(false);
});

it('a reply address names its ticket; a forged or foreign one names none', () => {
  const reply = addresses.replyAddress(123);
  expect(reply).toMatch(/^support\+t123-[0-9a-f]{10}@example\.com$/);
  expect(addresses.ticketFromAddress(reply)).toBe(123);
  expect(addresses.ticketFromAddress(reply.toUpperCase())).toBe(123); // some servers change the case
  expect(addresses.ticketFromAddress(reply.replace('t123', 't124'))).toBeUndefined();
  expect(other.ticketFromAddress(reply)).toBeUndefined();
});

it('our Message-IDs and thread ids name their ticket', () => {
  expect(addresses.ticketFromMessageId(addresses.messageId(7, 42))).toBe(7);
  expect(addresses.ticketFromMessageId(addresses.ticketThreadId(7))).toBe(7);
  expect(addresses.ticketFromMessageId(addresses.messageId(7, 42).replace('t7', 't8'))).toBeUndefined();
  expect(addresses.ticketFromMessageId('<CAF=abc@mail.gmail.com>')).toBeUndefined();
});

it('a bounce address names the outbound mail', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
  expect(addresses.outboundFromBounceAddress(addresses.bounceAddress(id))).toBe(id);
  expect(addresses.outboundFromBounceAddress(addresses.bounceAddress(id).replace('0f8f', '0f8e'))).toBeUndefined();
});
