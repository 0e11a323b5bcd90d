import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/auth/actor.js';
import { createToken } from '../src/auth/tokens.js';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// A macro with placeholders and actions, applied by keyboard: a lead writes the shared macros (through
// the API), an agent on a ticket opens the picker with Ctrl+., filters by typing, moves with the
// arrows and presses Enter. The composer holds the text made for this customer and ticket, the side
// panel shows what the actions changed, and the customer's mail carries the text.

let journey: Journey;
let leadToken: string;
beforeAll(async () => {
  journey = await startJourney();
  const desk = journey.served.desk;
  leadToken = (await createToken(desk.deps, SYSTEM, { name: 'lead', role: 'lead', agentEmail: 'lead@desk.example' }))
    .token;
  // the requester has a full name: the macro greets her by the first
  const renamed = await desk.as(desk.adminToken, {
    method: 'PATCH',
    url: `/api/v1/contacts/${journey.acme.contactId}`,
    payload: { name: 'Lena Meyer' },
  });
  expect(renamed.statusCode, renamed.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

async function sharedMacro(payload: Record<string, unknown>) {
  const res = await journey.served.desk.as(leadToken, {
    method: 'POST',
    url: '/api/v1/macros',
    payload: { shared: true, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

describe('macros', () => {
  it('an agent applies a shared macro by keyboard: text for this customer, actions on the ticket, mailed', async () => {
    await sharedMacro({
      name: 'Sidekiq: ask for logs',
      body: 'Hi {{requester.first_name}},\n\nthanks for ticket #{{ticket.number}}. Could you send us the **Sidekiq logs** of the last hour?\n\n{{agent.name}}',
      actions: { status: 'pending', priority: 'high', addTags: ['needs-logs'] },
    });
    await sharedMacro({ name: 'Sidekiq: known issue', body: 'This is a known issue.', internal: false });
    await sharedMacro({ name: 'Thanks and solve', body: 'Glad it works!', actions: { status: 'solved' } });

    const number = await journey.mailIn(
      'From: Lena Meyer <lena@acme.example>\nTo: support@desk.example\nSubject: Jobs pile up in Sidekiq\nMessage-ID: <jobs-pile@acme.example>\n\nThe default queue is an hour behind.\n',
    );
    const agent = await journey.signInAgent('ana@desk.example');
    await agent.goto(`${journey.served.base}/tickets/${number}`);
    const box = agent.getByLabel('Public reply, mailed to the customer');
    await box.click();
    await box.pressSequentially('Thanks for the report. ');

    // the button says its shortcut; the shortcut opens the picker from the textarea
    const button = agent.getByRole('button', { name: /^Macros/ });
    expect(await button.getAttribute('title')).toContain('Ctrl+.');
    await agent.keyboard.press('Control+.');
    const picker = agent.getByRole('dialog', { name: 'Apply a macro' });
    const combobox = picker.getByRole('combobox', { name: 'Find a macro' });
    await expect.poll(() => combobox.evaluate((el) => el === document.activeElement)).toBe(true);
    const options = picker.getByRole('option');
    await expect.poll(() => options.count()).toBe(3);

    await agent.keyboard.type('sidekiq');
    await expect.poll(() => options.allTextContents()).toHaveLength(2);
    expect((await options.allTextContents()).join('\n')).not.toContain('Thanks and solve');
    const activeName = async () => {
      const id = await combobox.getAttribute('aria-activedescendant');
      return agent.locator(`[id="${id}"] .macro-name`).textContent();
    };
    expect(await activeName()).toBe('Sidekiq: ask for logs');
    await agent.keyboard.press('ArrowDown');
    expect(await activeName()).toBe('Sidekiq: known issue');
    expect(await picker.getByRole('option', { selected: true }).textContent()).toContain('Sidekiq: known issue');
    await agent.keyboard.press('ArrowUp');
    expect(await activeName()).toBe('Sidekiq: ask for logs');
    const problems = await accessibilityProblems(agent);
    expect(problems.filter((p) => /macro|combobox|listbox|option|dialog/i.test(p))).toEqual([]);
    await agent.screenshot({ path: screenshotPath('macros-1-picker'), fullPage: true });

    await agent.keyboard.press('Enter');
    await picker.waitFor({ state: 'detached' });
    // the rendered text joins what the agent had written, and the cursor follows it
    await expect.poll(() => box.inputValue()).toContain('Hi Lena,');
    const text = await box.inputValue();
    expect(text).toBe(
      `Thanks for the report. Hi Lena,\n\nthanks for ticket #${number}. Could you send us the **Sidekiq logs** of the last hour?\n\nAna`,
    );
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await agent.getByRole('status').filter({ hasText: 'Applied “Sidekiq: ask for logs”' }).waitFor();

    // the side panel shows what the actions did, without a reload
    const side = agent.getByRole('complementary', { name: 'Ticket details' });
    await expect.poll(() => side.getByLabel('Status').inputValue()).toBe('pending');
    await expect.poll(() => side.getByLabel('Priority').inputValue()).toBe('high');
    await expect.poll(() => side.getByLabel('Tags').inputValue()).toContain('needs-logs');
    await agent.screenshot({ path: screenshotPath('macros-2-applied'), fullPage: true });

    await agent.getByRole('button', { name: 'Send reply' }).click();
    await agent
      .getByRole('listitem', { name: 'Message from Ana' })
      .locator('strong', { hasText: 'Sidekiq logs' })
      .waitFor();
    await journey.worker.drain();
    const mailTo = () =>
      journey.sink.received.find(
        (m) => m.subject?.includes(`[#${number}]`) && JSON.stringify(m.to).includes('lena@acme.example'),
      );
    await expect.poll(mailTo).toBeTruthy();
    expect(mailTo()?.text).toContain(`Hi Lena,\n\nthanks for ticket #${number}.`);
    expect(mailTo()?.html).toContain('<strong>Sidekiq logs</strong>');

    // the shared macro counts the use: the lead sees it on the macros page
    const lead = await journey.signInAgent('lead@desk.example');
    await lead.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Macros' }).click();
    const card = lead
      .getByRole('listitem')
      .filter({ has: lead.getByRole('heading', { name: 'Sidekiq: ask for logs' }) });
    await expect.poll(() => card.textContent()).toMatch(/used 1 time/);
    await lead.screenshot({ path: screenshotPath('macros-3-page-lead'), fullPage: true });
    await agent.context().close();
    await lead.context().close();
  });

  it('an agent writes a personal macro on the macros page, and uses it on a phone', async () => {
    const phone = await journey.signInAgent('ana@desk.example', { phone: true });
    await phone.goto(`${journey.served.base}/macros`);
    await phone.getByRole('button', { name: 'New macro' }).click();
    const form = phone.getByRole('form', { name: 'New macro' });
    // sharing is for leads: an agent's macro is their own
    expect(await form.getByLabel('Shared with every agent').count()).toBe(0);
    await form.getByLabel('Name').fill('Ask for a HAR file');
    await form.getByLabel('Text (Markdown)').fill('Hello ');
    await form.getByRole('button', { name: '{{requester.first_name}}' }).click();
    await form.getByLabel('Text (Markdown)').press('End');
    await form.getByLabel('Text (Markdown)').pressSequentially(', could you record a HAR file?');
    await form.getByLabel('Add tags').fill('needs-har');
    await phone.screenshot({ path: screenshotPath('macros-4-form-phone'), fullPage: true });
    await form.getByRole('button', { name: 'Create macro' }).click();
    const card = phone
      .getByRole('listitem')
      .filter({ has: phone.getByRole('heading', { name: 'Ask for a HAR file' }) });
    await card.waitFor();
    expect(await card.textContent()).toContain('Mine');
    expect(await card.textContent()).toContain('Hello {{requester.first_name}}, could you record a HAR file?');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('macros-5-page-phone'), fullPage: true });

    // an unknown placeholder is refused with words a person understands
    await phone.getByRole('button', { name: 'New macro' }).click();
    const again = phone.getByRole('form', { name: 'New macro' });
    await again.getByLabel('Name').fill('Typo');
    await again.getByLabel('Text (Markdown)').fill('Hi {{requester.frist_name}}');
    await again.getByRole('button', { name: 'Create macro' }).click();
    await again.getByRole('alert').filter({ hasText: '{{requester.frist_name}}' }).waitFor();
    await again.getByRole('button', { name: 'Cancel' }).click();

    const number = await journey.mailIn(
      'From: Lena Meyer <lena@acme.example>\nTo: support@desk.example\nSubject: Page hangs on save\nMessage-ID: <hangs@acme.example>\n\nIt spins forever.\n',
    );
    await phone.goto(`${journey.served.base}/tickets/${number}`);
    await phone.getByRole('button', { name: /^Macros/ }).click();
    const picker = phone.getByRole('dialog', { name: 'Apply a macro' });
    await picker.getByRole('combobox').fill('har');
    await picker.getByRole('option', { name: /Ask for a HAR file/ }).click();
    const box = phone.getByLabel('Public reply, mailed to the customer');
    await expect.poll(() => box.inputValue()).toBe('Hello Lena, could you record a HAR file?');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('macros-6-phone-applied'), fullPage: true });
    await phone.context().close();
  });
});
