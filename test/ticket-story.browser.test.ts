import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { type Journey, startJourney } from './helpers/journey.js';

// The ticket page tells the whole story: the same customer writes twice about one problem; the agent
// merges one ticket into the other from the page. The merged ticket shows where it went, the
// customer is told by mail, and the history beside the messages shows the merge. The keyboard
// works the page: ? lists the shortcuts, n starts an internal note, r a public reply.

let journey: Journey;
beforeAll(async () => {
  journey = await startJourney();
}, 120_000);
afterAll(async () => {
  await journey?.close();
});

describe('the ticket story', () => {
  it('an agent merges two tickets of one customer; the customer is told; the history shows it', async () => {
    const first = await journey.mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: CSV export stops at 10,000 rows\nMessage-ID: <export-1@acme.example>\n\nOur nightly export is cut off at row 10,000.\n',
    );
    const second = await journey.mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nSubject: Export broken again\nMessage-ID: <export-2@acme.example>\n\nThe export is truncated again, see the attached numbers.\n',
    );
    expect(second).not.toBe(first);

    const agent = await journey.signInAgent('ana@desk.example');
    await agent.goto(`${journey.served.base}/tickets/${second}`);
    await agent.getByRole('heading', { name: /Export broken again/ }).waitFor();

    // the first Tab offers to skip the header and the menu; Enter puts the focus in the page's content
    await agent.keyboard.press('Tab');
    expect(await agent.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).toBe('main');

    // ? opens the help: every shortcut, in a dialog that Escape closes
    await agent.keyboard.press('?');
    const help = agent.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    const listed = await help.locator('dt').allTextContents();
    expect(listed).toEqual(expect.arrayContaining(['r', 'n', 'e', '?', 'Esc']));
    await agent.screenshot({ path: screenshotPath('ticket-story-shortcuts') });
    await agent.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);

    // n: an internal note, the cursor in the text; r: back to a public reply
    await agent.keyboard.press('n');
    await expect.poll(() => agent.getByRole('radio', { name: 'Internal note' }).isChecked()).toBe(true);
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).toBe('composer-body');
    // while typing, the keys are text
    await agent.keyboard.type('rene');
    expect(await agent.locator('#composer-body').inputValue()).toBe('rene');
    // the draft outlives going to the list and back, and a reload
    await agent.getByRole('link', { name: /^All tickets/ }).click();
    await agent.goBack();
    await expect.poll(() => agent.locator('#composer-body').inputValue()).toBe('rene');
    expect(await agent.getByRole('radio', { name: 'Internal note' }).isChecked()).toBe(true);
    await agent.reload();
    await expect.poll(() => agent.locator('#composer-body').inputValue()).toBe('rene');
    // Esc leaves the text; e then asks before solving with a draft unsent (declined: nothing changes)
    await agent.locator('#composer-body').focus();
    await agent.keyboard.press('Escape');
    await expect.poll(() => agent.evaluate(() => document.activeElement?.id)).not.toBe('composer-body');
    let asked = '';
    agent.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await agent.keyboard.press('e');
    await expect.poll(() => asked).toContain('without sending what you wrote');
    expect(await agent.getByRole('status').filter({ hasText: 'solved.' }).count()).toBe(0);
    await agent.locator('#composer-body').fill('');
    await agent.getByRole('heading', { name: /Export broken again/ }).click();
    await agent.keyboard.press('r');
    await expect.poll(() => agent.getByRole('radio', { name: 'Public reply' }).isChecked()).toBe(true);

    // Merge into…: the number, a look at the target, the confirmation
    await agent.getByLabel('Merge into ticket number').fill(String(first));
    await agent.getByRole('button', { name: 'Merge into…' }).click();
    const confirm = agent.getByRole('dialog', { name: `Merge #${second} into #${first}?` });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('CSV export stops at 10,000 rows');
    await agent.screenshot({ path: screenshotPath('ticket-story-merge-confirm') });
    const before = journey.sink.received.length;
    await confirm.getByRole('button', { name: 'Merge' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);

    // the merged ticket points at the target, and takes no more replies
    const pointer = agent.getByRole('link', { name: `ticket #${first}` });
    await pointer.waitFor();
    expect(await agent.getByRole('form', { name: 'Write' }).count()).toBe(0);

    // the customer is told by mail, in the thread of the ticket she wrote
    await journey.worker.drain();
    const deadline = Date.now() + 10_000;
    let told: (typeof journey.sink.received)[number] | undefined;
    while (!told && Date.now() < deadline) {
      told = journey.sink.received
        .slice(before)
        .find((m) => JSON.stringify(m.to).includes('lena@acme.example') && m.text?.includes(`#${first}`));
      if (!told) await new Promise((r) => setTimeout(r, 50));
    }
    expect(told?.subject).toBe(`[#${second}] Export broken again`);
    expect(told?.text).toContain(`merged into ticket #${first}`);
    expect(told?.text).toContain(`/portal/tickets/${first}`);

    // on the target: both messages, and with "Show changes", the merge in the history
    await pointer.click();
    await agent.getByRole('heading', { name: /CSV export stops at 10,000 rows/ }).waitFor();
    const conversation = agent.getByRole('list', { name: 'Conversation' });
    await conversation.getByText('The export is truncated again').waitFor();
    await agent.getByLabel('Show changes').check();
    const history = conversation.locator('.history-event');
    await history.getByText(`Ana merged #${second} "Export broken again" into this ticket`).waitFor();
    // the CC list says who came with the merge (the same requester: nobody new) and the help button is there
    await agent.getByRole('region', { name: 'CCs' }).getByText('Nobody is copied on this ticket.').waitFor();
    expect(await accessibilityProblems(agent)).toEqual([]);
    await agent.screenshot({ path: screenshotPath('ticket-story-merged'), fullPage: true });

    // the merged ticket's own history says where it went
    await agent.goto(`${journey.served.base}/tickets/${second}`);
    await agent.locator('.history-event').getByText(`Ana merged this ticket into #${first}`).waitFor();
    await agent.screenshot({ path: screenshotPath('ticket-story-pointer'), fullPage: true });

    // the customer's portal shows the pointer too, and where it leads her messages are
    const customer = await journey.signInCustomer('lena@acme.example');
    await customer.goto(`${journey.served.base}/portal/tickets/${second}`);
    await customer.getByRole('link', { name: `ticket #${first}` }).click();
    await customer.getByText('The export is truncated again').waitFor();
    expect(await customer.getByText('Ana merged').count()).toBe(0);
  });

  it('on a phone the story panels fit', async () => {
    const number = await journey.mailIn(
      'From: Lena <lena@acme.example>\nTo: support@desk.example\nCc: tom@acme.example\nSubject: Webhooks time out\nMessage-ID: <hooks-1@acme.example>\n\nOur webhook receiver times out after 10 s.\n',
    );
    const phone = await journey.signInAgent('ana@desk.example', { phone: true });
    await phone.goto(`${journey.served.base}/tickets/${number}`);
    const ccs = phone.getByRole('region', { name: 'CCs' });
    await ccs.getByText('tom@acme.example').waitFor();
    expect(await ccs.textContent()).toContain('on the ticket from the start (copied by lena)');
    await phone.getByLabel('CC someone').fill('ops@acme.example');
    await phone.getByRole('button', { name: 'Add CC' }).click();
    await ccs.getByText("CC'd by Ana").waitFor();
    await phone.getByLabel('Show changes').check();
    await phone.locator('.history-event').getByText("Ana CC'd ops@acme.example").waitFor();
    // e solves the ticket (the focus is on a checkbox: not typing)
    await phone.keyboard.press('e');
    await phone.locator('.history-event').getByText('Ana set status new → solved').waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: screenshotPath('ticket-story-phone'), fullPage: true });
  });
});
