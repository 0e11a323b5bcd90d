import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// Writing like a professional: Markdown with a code block and a pasted screenshot, previewed, sent,
// and received by the customer as HTML and text mail. Then the XSS corpus, rendered on the ticket
// page and in the portal: no script runs (no dialog ever opens).

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAGklEQVR42mNk+M9ANmAcVTqqdFTpqNIBAQAA//8DAK3uAfEPH2QUAAAAAElFTkSuQmCC';

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

/** Pastes an image into the focused element as a screenshot tool's clipboard would. */
async function pasteScreenshot(page: Page, selector: string) {
  await page.locator(selector).evaluate((element, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, PNG_BASE64);
}

describe('composing in Markdown', () => {
  it('a reply with a code block and a pasted screenshot arrives as proper HTML and text mail', async () => {
    const number = await journey.mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Dashboard takes 30 s\nMessage-ID: <slow-dash@acme.example>\n\nSince this morning the dashboard is very slow.\n',
    );
    const agent = await journey.signInAgent('ana@desk.example');
    await agent.goto(`${journey.served.base}/tickets/${number}`);
    const box = agent.getByLabel('Public reply, mailed to the customer');
    await box.click();
    await box.pressSequentially(
      'Hi Lena, the query behind it:\n\n```sql\nSELECT * FROM events WHERE account_id = 42;\n```\n\nThe plan:\n',
    );
    await pasteScreenshot(agent, '#composer-body');
    await agent.getByRole('list', { name: 'Files to send' }).getByText('screenshot-1.png').waitFor();
    await expect.poll(() => box.inputValue()).toMatch(/!\[screenshot-1\.png\]\(cid:[a-z0-9]+@pipefitter\)/);

    // the preview shows it as it will be: highlighted code, the screenshot in place
    await agent.getByRole('button', { name: 'Preview' }).click();
    const preview = agent.getByRole('region', { name: 'Preview' });
    await preview.locator('.hljs-keyword', { hasText: 'SELECT' }).waitFor();
    await expect.poll(() => preview.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await agent.screenshot({ path: screenshotPath('md-1-preview'), fullPage: true });
    await agent.getByRole('button', { name: 'Edit' }).click();

    await agent.getByRole('button', { name: 'Send reply' }).click();
    const reply = agent.getByRole('listitem', { name: 'Message from Ana' });
    await reply.locator('pre code .hljs-keyword', { hasText: 'SELECT' }).waitFor();
    // the inline image loads from the desk
    await expect.poll(() => reply.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(16);
    await agent.screenshot({ path: screenshotPath('md-2-sent'), fullPage: true });

    await journey.worker.drain();
    await expect
      .poll(() => journey.sink.received.find((m) => m.subject?.includes(`[#${number}]`) && m.html))
      .toBeTruthy();
    const mail = journey.sink.received.find((m) => m.subject?.includes(`[#${number}]`) && m.html);
    expect(mail?.html).toMatch(/<pre style="[^"]*monospace[^"]*"><code>/);
    expect(String(mail?.html).replace(/<[^>]+>/g, '')).toContain('SELECT * FROM events WHERE account_id = 42;');
    expect(mail?.text).toContain('```sql\nSELECT * FROM events WHERE account_id = 42;\n```');
    expect(mail?.text).toContain('[image: screenshot-1.png]');
    const screenshot = mail?.attachments.find((a) => a.contentType === 'image/png');
    expect(screenshot?.content.toString('base64')).toBe(PNG_BASE64);
    expect(screenshot?.related ?? screenshot?.contentDisposition === 'inline').toBeTruthy();

    // the same on a phone: the composer fits
    const phone = await journey.signInAgent('ana@desk.example', { phone: true });
    await phone.goto(`${journey.served.base}/tickets/${number}`);
    await phone.getByRole('listitem', { name: 'Message from Ana' }).locator('pre').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('md-3-phone'), fullPage: true });
  });

  it('the XSS corpus in Markdown runs no script on the ticket page nor in the portal', async () => {
    const corpus = fs
      .readFileSync(path.resolve(import.meta.dirname, '../src/tickets/__fixtures__/markdown-xss.txt'), 'utf8')
      .split(/^=====$/m)
      .slice(1)
      .map((block) => block.replace(/^\n|\n$/g, ''));
    const desk = journey.served.desk;
    const agentToken = await desk.agentToken();
    const opened = await desk.as(journey.acme.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Rendering check', body: corpus.join('\n\n'), format: 'markdown' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const number = opened.json().number as number;
    for (const vector of corpus) {
      const res = await desk.as(agentToken, {
        method: 'POST',
        url: `/api/v1/tickets/${number}/messages`,
        payload: { body: vector, format: 'markdown', notify: false },
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    const dialogs: string[] = [];
    const agent = await journey.signInAgent('ana@desk.example');
    agent.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await agent.goto(`${journey.served.base}/tickets/${number}`);
    await agent
      .getByRole('listitem', { name: /Message from/ })
      .nth(corpus.length)
      .waitFor();
    // hover and click every link and image, as a curious reader would
    for (const link of await agent.locator('.message-body a').all()) {
      await link.hover({ timeout: 200 }).catch(() => {});
    }
    const customer = await journey.signInCustomer('lena@acme.example');
    customer.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await customer.goto(`${journey.served.base}/portal/tickets/${number}`);
    await customer.getByText('Rendering check').first().waitFor();
    await customer.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await agent.screenshot({ path: screenshotPath('md-4-xss-corpus-inert'), fullPage: false });
  });
});
