import { afterAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../test/helpers/build-app.js';

// Agents are told when no mail can leave the desk (the web app shows a banner from this).

const desks: TestDesk[] = [];
afterAll(async () => {
  for (const desk of desks) await desk.close();
});

describe('GET /api/v1/mail/status', () => {
  it('says outgoing mail is not configured until OUTBOUND_SMTP_URL is set; customers may not ask', async () => {
    const bare = await createTestDesk();
    desks.push(bare);
    const agent = await bare.agentToken('agent');
    const status = await bare.as(agent, { method: 'GET', url: '/api/v1/mail/status' });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ outboundConfigured: false });
    const customer = await bare.customer('Acme', 'ops@acme.example');
    expect((await bare.as(customer.token, { method: 'GET', url: '/api/v1/mail/status' })).statusCode).toBe(403);
    expect((await bare.as(undefined, { method: 'GET', url: '/api/v1/mail/status' })).statusCode).toBe(401);

    const configured = await createTestDesk({ env: { OUTBOUND_SMTP_URL: 'smtp://mail.example.com:587' } });
    desks.push(configured);
    const token = await configured.agentToken('agent');
    expect((await configured.as(token, { method: 'GET', url: '/api/v1/mail/status' })).json()).toEqual({
      outboundConfigured: true,
    });
  });
});
