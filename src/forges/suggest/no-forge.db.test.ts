import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDesk, type TestDesk } from '../../../test/helpers/build-app.js';
import { connectForge, GitLabSimulator } from '../../../test/helpers/forge-simulator.js';

// A desk that has not connected a forge yet: the suggestions panel says why the forges add nothing, and
// where an admin changes that, instead of only "no suggestions".

let desk: TestDesk;
beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(async () => {
  await desk?.close();
});

describe('suggestions before a forge is connected', () => {
  it('say that no forge is connected, then that none has projects to search', async () => {
    const customer = await desk.customer('Upsilon', 'ops@upsilon.example');
    const opened = await desk.as(customer.token, {
      method: 'POST',
      url: '/api/v1/tickets',
      payload: {
        subject: 'Pipelines page times out',
        body: 'PG::QueryCanceled: canceling statement due to statement timeout',
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const agent = await desk.agentToken('agent');
    const ask = async () => {
      const res = await desk.as(agent, {
        method: 'GET',
        url: `/api/v1/tickets/${opened.json().number}/issue-suggestions`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().notes as string[];
    };
    expect(await ask()).toEqual([
      expect.stringMatching(/^No forge is connected: an admin connects GitLab or GitHub on the Forges and demand page/),
    ]);

    // connected, but with no project to search yet
    const gitlab = await new GitLabSimulator().start();
    try {
      await connectForge(desk, gitlab);
    } finally {
      await gitlab.close();
    }
    expect(await ask()).toEqual([expect.stringMatching(/^No forge has projects to search/)]);
  });
});
