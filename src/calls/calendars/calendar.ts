import { lookup as lookupCallback } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { IANAZone } from 'luxon';
import { calendarQuery, createObject, deleteObject, propfind, updateObject } from 'tsdav';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Interval } from '../../coverage/working-intervals.js';
import { busyFromIcs, DEFAULT_MAX_OCCURRENCES } from './busy-from-ics.js';

// An agent's own calendar, as the calls module sees it: busy time to read, and the host's copy of a
// booked call to write. Two kinds:
// - caldav: `url` is the calendar collection (e.g. http://127.0.0.1:5232/ana/calendar/). Busy time
//   comes from a calendar-query REPORT (VEVENT + time-range) expanded here: free-busy-query is
//   missing from Radicale before 3.2.3 and from Google, and server-side expand from Radicale 3.1.
// - ics: a published feed (Google's secret iCal address, Outlook's published calendar), read-only.
//
// A calendar is a remote server we do not trust: every request has a deadline, every answer a byte
// limit, and the expansion of its events a cap (busy-from-ics.ts). Error messages name the server by
// its origin only, since a feed's path is often its password, and never carry the password.
//
// tsdav builds and parses the WebDAV XML; its requests go through boundedFetch, which adds the
// deadline and byte limit tsdav does not have. Basic auth is our own header: tsdav's helper
// base64-encodes with btoa, which throws on a password outside Latin-1.

/**
 * Whether calendars may live on private, loopback or link-local addresses. Off by default: an agent
 * must not make the desk reach cloud metadata or its own internals (CALENDAR_ALLOW_PRIVATE turns it
 * on for a Nextcloud on the office network, and for the tests' Radicale on loopback).
 */
export interface CalendarAccount {
  allowPrivate?: boolean;
  kind: 'caldav' | 'ics';
  url: string;
  username?: string | null;
  password?: string | null;
}

export interface CalendarLimits {
  timeoutMs: number;
  maxBytes: number;
  maxEvents: number;
}

export const DEFAULT_CALENDAR_LIMITS: CalendarLimits = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxEvents: DEFAULT_MAX_OCCURRENCES,
};

export class CalendarError extends Error {
  override name = 'CalendarError';
}

export interface CalendarObjectRef {
  href: string;
  etag: string | null;
}

interface Remote {
  url: URL;
  /** scheme://host:port, the only part of the URL an error message shows */
  where: string;
  headers: Record<string, string>;
  password: string | null;
  limits: CalendarLimits;
  allowPrivate: boolean;
}

function remote(account: CalendarAccount, limits?: Partial<CalendarLimits>): Remote {
  let url: URL;
  try {
    url = new URL(account.url.trim().replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new CalendarError('The calendar address is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CalendarError('The calendar address must start with http:// or https://.');
  }
  const password = account.password ?? null;
  if (url.username || url.password) {
    throw new CalendarError(`Put the user name and password in their own fields, not in the address (${url.origin}).`);
  }
  if (account.kind === 'caldav' && !url.pathname.endsWith('/')) url.pathname += '/';
  const headers: Record<string, string> = {};
  if (account.username) {
    headers.authorization = `Basic ${Buffer.from(`${account.username}:${password ?? ''}`, 'utf8').toString('base64')}`;
  }
  return {
    url,
    where: url.origin,
    headers,
    password,
    limits: { ...DEFAULT_CALENDAR_LIMITS, ...limits },
    allowPrivate: account.allowPrivate ?? false,
  };
}

/** The error to throw, with the password taken out should a server ever echo it back. */
function fail(target: Remote, message: string): CalendarError {
  const safe = target.password ? message.split(target.password).join('***') : message;
  return new CalendarError(safe);
}

function statusError(target: Remote, status: number, what: string): CalendarError {
  if (status === 401) return fail(target, `The calendar at ${target.where} refused the user name or password.`);
  if (status === 403) return fail(target, `The calendar at ${target.where} does not allow ${what}.`);
  if (status === 404 || status === 410) return fail(target, `There is no calendar at this address on ${target.where}.`);
  return fail(target, `The calendar at ${target.where} answered ${what} with HTTP ${status}.`);
}

function transportError(target: Remote, error: unknown): CalendarError {
  if (error instanceof CalendarError) return error;
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return fail(target, `The calendar at ${target.where} did not answer within ${target.limits.timeoutMs / 1000} s.`);
  }
  const cause = (error as { cause?: { code?: string; message?: string; name?: string } })?.cause;
  if (cause?.name === 'PrivateAddressError') {
    return fail(
      target,
      `The calendar at ${target.where} is on a private network address, which the desk does not reach.`,
    );
  }
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return fail(target, `Could not reach the calendar at ${target.where} (${reason}).`);
}

/** The body, read until maxBytes and no further. */
async function readBounded(target: Remote, response: Response): Promise<Uint8Array<ArrayBuffer>> {
  const { maxBytes } = target.limits;
  const tooBig = () => fail(target, `The calendar at ${target.where} sent more than ${megabytes(maxBytes)}.`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooBig();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

// Responses that may not carry a body when rebuilt with new Response()
const NO_BODY = new Set([101, 204, 205, 304]);

/**
 * fetch with the call's deadline and byte limit, for tsdav: the whole answer is read here, then
 * handed on. `expectOk` turns an HTTP error into a CalendarError before tsdav words it (with the
 * server's raw answer) itself.
 */
function boundedFetch(target: Remote, signal: AbortSignal, what: string, expectOk: boolean): typeof fetch {
  return async (input, init) => {
    let response: Response;
    let body: Uint8Array<ArrayBuffer>;
    try {
      await assertPublicHost(target, new URL(input instanceof Request ? input.url : String(input)));
      // a redirect could lead anywhere (an internal address, with our password): not followed
      const url = input instanceof Request ? input.url : String(input);
      // the address is checked again when the connection is made: a name that resolved to a public
      // address a moment ago cannot connect to a private one now (DNS rebinding)
      response = (await undiciFetch(url, {
        ...(init as object),
        signal,
        redirect: 'manual',
        dispatcher: target.allowPrivate ? anyAddress : publicAddressesOnly,
      })) as unknown as Response;
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel().catch(() => {});
        throw fail(target, `The calendar at ${target.where} redirects elsewhere: give its final address.`);
      }
      if (expectOk && !response.ok) {
        await response.body?.cancel().catch(() => {});
        throw statusError(target, response.status, what);
      }
      body = await readBounded(target, response);
    } catch (error) {
      throw transportError(target, error);
    }
    return new Response(NO_BODY.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

const isPrivate = (address: string, family: number) => PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');

class PrivateAddressError extends Error {
  override name = 'PrivateAddressError';
}

const anyAddress = new Agent();
const publicAddressesOnly = new Agent({
  connect: {
    lookup(hostname, options, callback) {
      lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '', 0);
        const list = addresses as unknown as { address: string; family: number }[];
        const bad = list.find((a) => isPrivate(a.address, a.family));
        if (bad) return callback(new PrivateAddressError(`${hostname} resolves to a private address`), '', 0);
        const first = list[0] as { address: string; family: number };
        // net.connect asks for one address unless it said all
        if ((options as { all?: boolean }).all)
          return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
        return callback(null, first.address, first.family);
      });
    },
  },
});

/** Refuses a host that is, or resolves to, a private address (unless allowed). */
async function assertPublicHost(target: Remote, url: URL) {
  if (target.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true, verbatim: true });
  for (const { address, family } of addresses) {
    if (isPrivate(address, family)) {
      throw fail(
        target,
        `The calendar at ${target.where} is on a private network address, which the desk does not reach (CALENDAR_ALLOW_PRIVATE).`,
      );
    }
  }
}

/** Runs one operation on the calendar under one deadline; anything unexpected becomes a CalendarError. */
async function withDeadline<T>(target: Remote, operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await operation(AbortSignal.timeout(target.limits.timeoutMs));
  } catch (error) {
    if (error instanceof CalendarError) throw error;
    throw transportError(target, error);
  }
}

// --- reading busy time

/** Busy intervals overlapping [from, to), merged and sorted; throws CalendarError with a clear message. */
export async function readBusy(
  account: CalendarAccount,
  from: Date,
  to: Date,
  options?: { fallbackZone?: string; limits?: Partial<CalendarLimits>; ignoreUid?: (uid: string) => boolean },
): Promise<Interval[]> {
  const target = remote(account, options?.limits);
  const zone = options?.fallbackZone ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) throw new CalendarError(`Unknown time zone ${zone}.`);
  if (!(to.getTime() > from.getTime())) return [];
  const texts = account.kind === 'caldav' ? await queryEvents(target, from, to) : [await fetchFeed(target)];
  try {
    return busyFromIcs(texts.join('\r\n'), from, to, zone, target.limits.maxEvents, options?.ignoreUid);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw fail(target, `The calendar at ${target.where} sent events we could not read: ${reason.slice(0, 200)}`);
  }
}

const utcStamp = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The calendar objects with a VEVENT in [from, to), each a VCALENDAR text (master and overrides). */
async function queryEvents(target: Remote, from: Date, to: Date): Promise<string[]> {
  const responses = await withDeadline(target, (signal) =>
    calendarQuery({
      url: target.url.href,
      props: { 'd:getetag': {}, 'c:calendar-data': {} },
      filters: {
        'comp-filter': {
          _attributes: { name: 'VCALENDAR' },
          'comp-filter': {
            _attributes: { name: 'VEVENT' },
            'time-range': { _attributes: { start: utcStamp(from), end: utcStamp(to) } },
          },
        },
      },
      depth: '1',
      headers: target.headers,
      fetch: boundedFetch(target, signal, 'reading events', true),
    }),
  );
  const texts: string[] = [];
  for (const response of responses) {
    const data = response.props?.calendarData;
    const text =
      typeof data === 'string' ? data : ((data as { _cdata?: string; _text?: string })?._cdata ?? data?._text);
    if (typeof text === 'string' && text.includes('BEGIN:VCALENDAR')) texts.push(text);
  }
  return texts;
}

async function fetchFeed(target: Remote): Promise<string> {
  return withDeadline(target, async (signal) => {
    const fetchBounded = boundedFetch(target, signal, 'reading the feed', true);
    const response = await fetchBounded(target.url.href, {
      headers: { ...target.headers, accept: 'text/calendar, */*;q=0.5' },
    });
    const text = await response.text();
    if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
      throw fail(target, `The address on ${target.where} does not serve an iCalendar feed (no BEGIN:VCALENDAR).`);
    }
    return text;
  });
}

// --- the host's copy of a call

/** The object's absolute URL, refused if it is not inside the account's calendar (we send it its password). */
function objectUrl(target: Remote, href: string): string {
  let url: URL;
  try {
    url = new URL(href, target.url);
  } catch {
    throw fail(target, 'The stored calendar event address is not a URL.');
  }
  if (url.origin !== target.url.origin) {
    throw fail(target, `The stored calendar event is not on ${target.where}.`);
  }
  return url.href;
}

/**
 * CalDAV only: creates (If-None-Match: *) or updates (If-Match: etag) `<collection>/<uid>.ics` with
 * `ics`, which must not contain METHOD (RFC 4791 §4.1). For 'ics' feeds returns null (read-only).
 *
 * A 412 on either is answered with one unconditional PUT. The object lives at our own call's UID, so
 * a create that finds it there is a retry of ours, and an update whose etag is stale lost to a retry
 * of ours or to an edit in the agent's calendar app, where the booking is still the truth about the
 * call; failing instead would wedge the job on every retry. A 404 on update (the agent deleted it)
 * creates it again.
 */
export async function putCallEvent(
  account: CalendarAccount,
  event: { uid: string; ics: string },
  existing?: CalendarObjectRef | null,
): Promise<CalendarObjectRef | null> {
  if (account.kind !== 'caldav') return null;
  const target = remote(account);
  const href = existing?.href
    ? objectUrl(target, existing.href)
    : new URL(`${encodeURIComponent(event.uid)}.ics`, target.url).href;
  const headers = { ...target.headers, 'content-type': 'text/calendar; charset=utf-8' };
  return withDeadline(target, async (signal) => {
    const send = boundedFetch(target, signal, 'writing events', false);
    const put = (condition: 'create' | 'update' | 'overwrite') => {
      if (condition === 'create') {
        return createObject({ url: href, data: event.ics, headers: { ...headers, 'If-None-Match': '*' }, fetch: send });
      }
      const etag = condition === 'update' ? (existing?.etag ?? undefined) : undefined;
      return updateObject({ url: href, data: event.ics, etag, headers, fetch: send });
    };
    let response = await put(existing ? 'update' : 'create');
    if (response.status === 404 && existing) response = await put('create');
    if (response.status === 412) response = await put('overwrite');
    if (!response.ok) {
      if (response.status === 409) {
        throw fail(target, `The calendar at ${target.where} already holds another event with this call's UID.`);
      }
      throw statusError(target, response.status, 'writing events');
    }
    return { href, etag: response.headers.get('etag') };
  });
}

/** CalDAV only: deletes the host's copy; already gone (404, 410) is fine. A stale etag deletes it anyway. */
export async function removeCallEvent(account: CalendarAccount, ref: CalendarObjectRef): Promise<void> {
  if (account.kind !== 'caldav') return;
  const target = remote(account);
  const url = objectUrl(target, ref.href);
  await withDeadline(target, async (signal) => {
    const send = boundedFetch(target, signal, 'deleting events', false);
    let response = await deleteObject({ url, etag: ref.etag ?? undefined, headers: target.headers, fetch: send });
    if (response.status === 412) response = await deleteObject({ url, headers: target.headers, fetch: send });
    if (!response.ok && response.status !== 404 && response.status !== 410) {
      throw statusError(target, response.status, 'deleting events');
    }
  });
}

// --- checking an account when an agent saves it

/** Proves access (a PROPFIND on the collection, or reading the feed) and lists nothing; throws CalendarError. */
export async function checkCalendar(account: CalendarAccount): Promise<void> {
  const target = remote(account);
  if (account.kind === 'ics') {
    await fetchFeed(target);
    return;
  }
  const [response] = await withDeadline(target, (signal) =>
    propfind({
      url: target.url.href,
      props: { 'd:resourcetype': {} },
      depth: '0',
      headers: target.headers,
      fetch: boundedFetch(target, signal, 'reading the calendar', true),
    }),
  );
  const resourcetype = response?.props?.resourcetype as Record<string, unknown> | undefined;
  if (!resourcetype || !('calendar' in resourcetype)) {
    throw fail(
      target,
      `The address on ${target.where} is not a calendar; give the calendar's own address (e.g. https://dav.example.com/ana/calendar/).`,
    );
  }
}
