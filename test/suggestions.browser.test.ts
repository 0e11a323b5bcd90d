import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityProblems, screenshotPath } from './helpers/browser.js';
import { connectForge, GitLabSimulator } from './helpers/forge-simulator.js';
import { type Journey, startJourney } from './helpers/journey.js';

// Issue 17 in Chromium: Lena at Acme writes in with a log; GitLab has an issue about the same failure.
// Ana opens the ticket: nothing has gone to GitLab yet, the panel shows the terms a search would send;
// she asks for the search, the issue is suggested, with why, and with exactly what the desk sent GitLab's
// search; she links it in one click. Hank at Globex has the same failure: the banner says two
// organizations look alike and links his ticket too. Lena's fix card says how to follow the issue on
// GitLab, and she asks to be counted among those affected.

const PROJECT = 'gitlab-org/gitlab';
const IID = 4711;
const TITLE = 'PG::QueryCanceled on the pipelines page for projects with many pipelines';
const LOG = `The pipelines page times out since this morning.

2026-12-06T09:12:01.123Z ERROR -- : PG::QueryCanceled: ERROR:  canceling statement due to statement timeout
app/finders/ci/pipelines_finder.rb:42:in 'execute'
app/controllers/projects/pipelines_controller.rb:17:in 'index'
Completed 500 Internal Server Error in 15000ms
`;

let journey: Journey;
let gitlab: GitLabSimulator;
let acmeTicket: number;
let globexTicket: number;

beforeAll(async () => {
  gitlab = await new GitLabSimulator().start();
  journey = await startJourney();
  const { desk } = journey.served;
  await connectForge(desk, gitlab, { name: 'GitLab', writeBack: true, searchProjects: [PROJECT] });
  gitlab.addIssue(PROJECT, IID, TITLE, {
    description: 'PG::QueryCanceled: canceling statement due to statement timeout in Ci::PipelinesFinder#execute',
  });
  gitlab.addIssue(PROJECT, 4712, 'Deploy keys page shows 404', { description: 'Nothing to do with statements.' });
  const open = async (token: string, subject: string) => {
    const res = await desk.as(token, { method: 'POST', url: '/api/v1/tickets', payload: { subject, body: LOG } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().number as number;
  };
  acmeTicket = await open(journey.acme.token, 'Pipelines page times out');
  globexTicket = await open(journey.globex.token, 'Our pipelines list gives a 500');
  await journey.worker.drain();
}, 180_000);
afterAll(async () => {
  await journey?.close();
  await gitlab?.close();
});

/** Nothing is wider than the screen: a phone scrolls down, never sideways. */
async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('suggested issues, look-alikes and following the issue', () => {
  it('Ana sees what a search would send, asks for it, sees the issue, why and what was sent; one click links it', async () => {
    const ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${journey.served.base}/tickets/${acmeTicket}`);
    const panel = ana.getByRole('region', { name: 'Suggested issues' });
    const suggestion = panel.getByRole('listitem', { name: `Suggestion ${PROJECT}#${IID}` });
    const searchButton = panel.getByRole('button', { name: 'Search GitLab for these terms' });
    await searchButton.waitFor();

    // opening the ticket sent GitLab nothing: the panel says what a search would send, and waits for Ana
    const planned = await panel.locator('.suggestion-queries').textContent();
    expect(planned).toMatch(/^Search GitLab \(gitlab-org\/gitlab\) for: .*PG::QueryCanceled/);
    const plannedQueries = await panel.locator('.suggestion-queries code').allTextContents();
    expect(plannedQueries.length).toBeGreaterThan(0);
    expect(gitlab.searches).toEqual([]);
    expect(await panel.locator('.suggestion-sent').count()).toBe(0);
    expect(await suggestion.count()).toBe(0);
    expect(await panel.getByLabel('Signature found in this ticket').textContent()).toContain('PG::QueryCanceled');
    expect(await accessibilityProblems(ana)).toEqual([]);
    await panel.screenshot({ path: screenshotPath('17-suggestions-panel-before-search') });
    await ana.setViewportSize({ width: 390, height: 844 });
    expect(await fitsWidth(ana)).toBe(true);
    await panel.screenshot({ path: screenshotPath('17-suggestions-panel-before-search-phone') });
    await ana.setViewportSize({ width: 1280, height: 900 });

    await searchButton.click();
    await suggestion.waitFor();
    expect(await searchButton.count()).toBe(0);
    // what left the desk is shown first, exactly as GitLab received it, and holds nothing of Lena's
    const sent = await panel.locator('.suggestion-sent').textContent();
    expect(sent).toMatch(/^Sent to GitLab \(gitlab-org\/gitlab\): .*PG::QueryCanceled/);
    const shownSent = await panel.locator('.suggestion-sent code').allTextContents();
    const searched = gitlab.searches.map((s) => s.terms.replace(/"/g, ''));
    expect(gitlab.searches.every((s) => s.project === PROJECT)).toBe(true);
    expect([...shownSent].sort()).toEqual([...searched].sort());
    expect([...shownSent].sort()).toEqual([...plannedQueries].sort());
    await panel.screenshot({ path: screenshotPath('17-suggestions-panel-after-search') });

    expect(await suggestion.getByRole('link', { name: `${PROJECT}#${IID}` }).getAttribute('href')).toBe(
      gitlab.issueUrl(PROJECT, IID),
    );
    expect(await suggestion.textContent()).toContain(TITLE);
    expect(await suggestion.locator('.badge.issue-open').textContent()).toBe('open');
    expect(await suggestion.locator('.suggestion-reasons').textContent()).toContain('GitLab');
    expect(await panel.getByRole('listitem', { name: `Suggestion ${PROJECT}#4712` }).count()).toBe(0);

    // Hank's ticket has the same failure, from another organization
    const banner = ana.getByRole('region', { name: '2 tickets from 2 organizations look like this one' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('PG::QueryCanceled');

    expect(await accessibilityProblems(ana)).toEqual([]);
    await ana.screenshot({ path: screenshotPath('17-suggestions-desktop'), fullPage: true });
    await ana.setViewportSize({ width: 390, height: 844 });
    await banner.getByRole('button', { name: /^Show/ }).click();
    await suggestion.scrollIntoViewIfNeeded();
    expect(await fitsWidth(ana)).toBe(true);
    await ana.screenshot({ path: screenshotPath('17-suggestions-phone'), fullPage: true });
    await banner.screenshot({ path: screenshotPath('17-look-alikes-phone') });
    await panel.screenshot({ path: screenshotPath('17-suggestions-panel-phone') });
    await ana.setViewportSize({ width: 1280, height: 900 });

    await suggestion.getByRole('button', { name: `Link ${PROJECT}#${IID}` }).click();
    const linked = ana.getByRole('region', { name: 'Linked issues' });
    await linked.getByRole('link', { name: `${PROJECT}#${IID}` }).waitFor();
    await suggestion.waitFor({ state: 'detached' });
    await panel
      .getByRole('status')
      .filter({ hasText: `Linked ${PROJECT}#${IID}` })
      .waitFor();
    await ana.context().close();
  });

  it('the look-alikes banner links Hank’s ticket to the same issue', async () => {
    const ana = await journey.signInAgent('ana@desk.example');
    await ana.goto(`${journey.served.base}/tickets/${acmeTicket}`);
    const banner = ana.getByRole('region', { name: '2 tickets from 2 organizations look like this one' });
    await banner.getByRole('button', { name: /^Show/ }).click();
    const hank = banner
      .getByRole('listitem')
      .filter({ has: ana.getByRole('link', { name: `#${globexTicket}`, exact: true }) });
    expect(await hank.textContent()).toContain('Globex');
    expect(await hank.textContent()).toContain('not linked');

    await banner.getByLabel('Link all to an issue').fill(gitlab.issueUrl(PROJECT, IID));
    await banner.getByRole('button', { name: 'Link all' }).click();
    await banner
      .getByRole('status')
      .filter({ hasText: `#${globexTicket}` })
      .waitFor();
    await expect.poll(async () => (await hank.textContent())?.includes('not linked')).toBe(false);
    await banner.screenshot({ path: screenshotPath('17-look-alikes-linked') });
    const links = await journey.served.desk.as(journey.served.desk.adminToken, {
      method: 'GET',
      url: `/api/v1/tickets/${globexTicket}/links`,
    });
    expect(links.json().items.map((l: { url: string }) => l.url)).toEqual([gitlab.issueUrl(PROJECT, IID)]);
    await ana.context().close();
  });

  it('Lena’s fix card says how to follow the issue on GitLab; she asks to be counted', async () => {
    await journey.worker.drain();
    const lena = await journey.signInCustomer('lena@acme.example');
    await lena.getByRole('link', { name: 'Pipelines page times out' }).click();
    const follow = lena.getByRole('region', { name: 'How to follow this issue' });
    await follow.waitFor();
    expect(await follow.getByRole('link', { name: gitlab.issueUrl(PROJECT, IID) }).count()).toBe(1);
    expect(await follow.textContent()).toContain('select the bell (Notifications)');
    expect(await accessibilityProblems(lena)).toEqual([]);

    const demand = () => ((gitlab as unknown as { demand?: unknown[] }).demand ?? []).length;
    await journey.worker.drain();
    const before = demand();
    await lena.locator('.fix-card').screenshot({ path: screenshotPath('17-fix-card-before') });
    await follow.getByRole('button', { name: 'Tell the team we are affected' }).click();
    await follow
      .getByRole('status')
      .filter({ hasText: 'Your organization is counted on the issue (anonymously).' })
      .waitFor();
    expect(await follow.getByRole('button', { name: 'Tell the team we are affected' }).count()).toBe(0);
    // the count reaches the issue (labels written back), Acme's name does not
    await expect
      .poll(async () => {
        await journey.worker.drain();
        return demand();
      })
      .toBeGreaterThan(before);
    expect(JSON.stringify((gitlab as unknown as { demand: unknown[] }).demand)).not.toMatch(/acme/i);

    await lena.screenshot({ path: screenshotPath('17-portal-follow-desktop'), fullPage: true });
    await lena.setViewportSize({ width: 390, height: 844 });
    expect(await fitsWidth(lena)).toBe(true);
    await lena.screenshot({ path: screenshotPath('17-portal-follow-phone'), fullPage: true });
    await lena.locator('.fix-card').screenshot({ path: screenshotPath('17-fix-card-phone') });

    // the page remembers: after a reload it still says so, with no button
    await lena.reload();
    await follow.getByRole('status').filter({ hasText: 'counted on the issue' }).waitFor();
    expect(await follow.getByRole('button', { name: 'Tell the team we are affected' }).count()).toBe(0);
    await lena.context().close();
  });
});
