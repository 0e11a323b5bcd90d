import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';
import { type SmtpSink, startSmtpSink } from '../../test/helpers/smtp-sink.js';
import type { Worker } from '../platform/jobs/worker.js';
import type { AppDeps } from '../runtime.js';

// A reply written in Markdown with a pasted screenshot, as the customer's mail client receives it:
// real SMTP to a sink, parsed back with mailparser.

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let sink: SmtpSink;
let desk: TestDesk;
let worker: Worker<AppDeps>;
beforeAll(async () => {
  sink = await startSmtpSink();
  desk = await createTestDesk({
    env: { SUPPORT_ADDRESS: 'support@desk.example', OUTBOUND_SMTP_URL: sink.url, MAIL_ACKNOWLEDGE: 'false' },
  });
  worker = desk.runtime.createWorker();
});
afterAll(async () => {
  await worker?.stop();
  await desk?.close();
  await sink?.close();
});

describe('a reply in Markdown', () => {
  it('shows rendered on the ticket and arrives as HTML and text, the screenshot inline', async () => {
    const agent = await desk.agentTokenFor('ana@desk.example');
    const customer = await desk.customer('Acme', 'lena@acme.example');
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Slow dashboard', body: 'The dashboard takes 30 s.' },
    });
    const number = opened.json().number as number;
    const body = [
      'Hi Lena, the query behind it:',
      '',
      '```sql',
      'SELECT * FROM events WHERE account_id = 42;',
      '```',
      '',
      'Add an index on `account_id`:',
      '',
      '![the plan](cid:plan-1@pipefitter)',
      '',
      '<script>alert(1)</script>',
    ].join('\n');
    const sent = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${number}/messages`,
      payload: {
        body,
        format: 'markdown',
        attachments: [
          {
            filename: 'plan.png',
            contentType: 'image/png',
            content: PNG.toString('base64'),
            contentId: 'plan-1@pipefitter',
          },
          { filename: 'explain.txt', contentType: 'text/plain', content: Buffer.from('Seq Scan').toString('base64') },
        ],
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const message = sent.json().message;
    expect(message.html).toMatch(/<pre><code class="language-sql"><span class="hljs-keyword">SELECT<\/span>/);
    expect(message.html).toContain('<code>account_id</code>');
    expect(message.html).toContain('&lt;script&gt;');
    // the inline image points at its stored attachment on the ticket page
    expect(message.html).toMatch(/<img alt="the plan" src="\/api\/v1\/attachments\/[0-9a-f-]+"/);
    expect(message.text).toBe(body);

    // the customer sees the same in the portal
    const portal = await desk.as(customer.token, { method: 'GET', url: `/api/v1/tickets/${number}/messages` });
    expect(portal.json().items.at(-1).html).toContain('<code>account_id</code>');

    await worker.drain();
    const [mail] = await sink.waitFor(1);
    expect(mail?.to && JSON.stringify(mail.to)).toContain('lena@acme.example');
    // HTML part: code dressed inline (mail clients drop classes), the image by its cid, no script
    expect(mail?.html).toMatch(/<pre style="[^"]*monospace[^"]*"><code>/);
    expect(mail?.html).not.toContain('<script');
    expect(mail?.html).toContain('&lt;script&gt;');
    // text part: the Markdown source, the image named
    expect(mail?.text).toContain('```sql\nSELECT * FROM events WHERE account_id = 42;\n```');
    expect(mail?.text).toContain('[image: the plan]');
    const inline = mail?.attachments.find(
      (a) => a.contentId === '<plan-1@pipefitter>' || a.cid === 'plan-1@pipefitter',
    );
    expect(inline?.content.equals(PNG)).toBe(true);
    expect(mail?.html).toMatch(/src="cid:plan-1@pipefitter"|src="data:image\/png;base64,/);
    const file = mail?.attachments.find((a) => a.filename === 'explain.txt');
    expect(file?.content.toString()).toBe('Seq Scan');
  });

  it('previews as it will show; only for someone signed in', async () => {
    const agent = await desk.agentToken();
    const preview = await desk.as(agent, {
      method: 'POST',
      url: '/api/v1/messages/preview',
      payload: { body: '**bold** [x](javascript:alert(1))' },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().html).toBe('<p><strong>bold</strong> [x](javascript:alert(1))</p>\n');
    expect(
      (await desk.as(undefined, { method: 'POST', url: '/api/v1/messages/preview', payload: { body: 'x' } }))
        .statusCode,
    ).toBe(401);
    const customer = await desk.customer('Preview Co', 'pat@preview.example');
    const asCustomer = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/messages/preview',
      payload: { body: 'x' },
    });
    expect(asCustomer.statusCode).toBe(403);
  });

  it('renders a megabyte of Markdown built to be slow on a worker thread, and stores it', async () => {
    const agent = await desk.agentToken();
    const customer = await desk.customer('Big Co', 'max@big.example');
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { subject: 'Huge', body: 'x' },
    });
    const sent = await desk.as(agent, {
      method: 'POST',
      url: `/api/v1/tickets/${opened.json().number}/messages`,
      payload: { body: '*a'.repeat(400_000), format: 'markdown', internal: true },
    });
    // either rendered in time or refused with a clear code: never the event loop stalled for it
    if (sent.statusCode === 201) expect(sent.json().message.html).toMatch(/^<p>(<em>|\*)a/);
    else expect(sent.json().error.code, sent.body).toBe('MESSAGE_TOO_COMPLEX');
  });
});
