import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Clock } from '../../src/platform/clock.js';
import type { Worker } from '../../src/platform/jobs/worker.js';
import type { AppDeps } from '../../src/runtime.js';
import { agentWithPassword, launchBrowser, type ServedDesk, serveDesk } from './browser.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

// What every browser journey stands on: a desk served over HTTP with its built web app, real
// outbound SMTP to a sink, a job worker, Chromium, two agents (ana, an agent; lead, a lead) and
// two customers (lena at Acme, hank at Globex). Each journey file opens one in beforeAll.

export const PASSWORD = 'correct horse battery staple';

export interface Journey {
  served: ServedDesk;
  browser: Browser;
  sink: SmtpSink;
  worker: Worker<AppDeps>;
  acme: { organizationId: string; contactId: string; token: string };
  globex: { organizationId: string; contactId: string; token: string };
  /** signed in, with the live stream listening (changes made after this are heard) */
  signInAgent(email: string, options?: { phone?: boolean }): Promise<Page>;
  /** the customer asks for a sign-in link in the portal and follows the one that arrives by mail */
  signInCustomer(email: string): Promise<Page>;
  /** a raw message through the inbound API; the ticket it made or joined */
  mailIn(raw: string): Promise<number>;
  close(): Promise<void>;
}

export interface JourneyOptions {
  env?: Record<string, string>;
  /** the desk's clock, for journeys across a shift's end (the browser keeps real time) */
  clock?: Clock;
}

export async function startJourney(options: JourneyOptions = {}): Promise<Journey> {
  const sink = await startSmtpSink();
  const served = await serveDesk({
    ...(options.clock ? { clock: options.clock } : {}),
    env: {
      SUPPORT_ADDRESS: 'support@desk.example',
      OUTBOUND_SMTP_URL: sink.url,
      MAIL_ACKNOWLEDGE: 'false',
      ...options.env,
    },
  });
  const worker = served.desk.runtime.createWorker();
  const browser = await launchBrowser();
  await agentWithPassword(served.desk, 'ana@desk.example', 'agent', PASSWORD);
  await agentWithPassword(served.desk, 'lead@desk.example', 'lead', PASSWORD);
  const acme = await served.desk.customer('Acme', 'lena@acme.example');
  const globex = await served.desk.customer('Globex', 'hank@globex.example');

  async function signInAgent(email: string, opts: { phone?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      timezoneId: 'Europe/Lisbon',
      ...(opts.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
    });
    const page = await context.newPage();
    await page.goto(`${served.base}/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // on a phone the menu is folded away behind its button: there, not shown
    await page.getByRole('navigation', { name: 'Views', includeHidden: true }).waitFor({ state: 'attached' });
    await page.locator('html[data-live="ready"]').waitFor({ state: 'attached' });
    return page;
  }

  async function signInCustomer(email: string): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${served.base}/portal`);
    await page.getByLabel('Your email').fill(email);
    const before = sink.received.length;
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('status').waitFor();
    await worker.drain();
    const linkOf = (text: string | undefined) =>
      /(http:\/\/127\.0\.0\.1:\d+\/auth\/link\?token=\S+)/.exec(text ?? '')?.[1];
    let link: string | undefined;
    const deadline = Date.now() + 10_000;
    while (!link && Date.now() < deadline) {
      const mail = sink.received.slice(before).find((m) => JSON.stringify(m.to).includes(email) && linkOf(m.text));
      link = linkOf(mail?.text);
      if (!link) await new Promise((r) => setTimeout(r, 50));
    }
    expect(link, 'a sign-in link by mail').toBeDefined();
    await page.goto(link as string);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your tickets' }).waitFor();
    return page;
  }

  async function mailIn(raw: string): Promise<number> {
    const res = await served.desk.as(served.desk.adminToken, {
      method: 'POST',
      url: '/api/v1/mail/inbound',
      headers: { 'content-type': 'message/rfc822' },
      payload: Buffer.from(raw.replaceAll('\n', '\r\n')),
    });
    expect(res.statusCode).toBe(202);
    await worker.drain();
    const inbound = (
      await served.desk.as(served.desk.adminToken, { method: 'GET', url: '/api/v1/mail/inbound' })
    ).json();
    return inbound.items.find((i: { id: number }) => i.id === res.json().id).ticketNumber as number;
  }

  return {
    served,
    browser,
    sink,
    worker,
    acme,
    globex,
    signInAgent,
    signInCustomer,
    mailIn,
    async close() {
      await browser.close();
      await served.close();
      await sink.close();
    },
  };
}
