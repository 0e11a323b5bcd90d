import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { findAgentByEmail } from '../../src/people/index.js';
import { accessibilityProblems, type ServedDesk, screenshotPath } from './browser.js';

// The agents' sign-in page as the single sign-on journeys (OpenID Connect, SAML) see it in the browser.

/** Opens the sign-in page with passwords off: only the single sign-on link to follow. */
export async function openSignInPage(browser: Browser, base: string, linkName: string, shot: string) {
  const page = await (await browser.newContext({ timezoneId: 'Europe/Lisbon' })).newPage();
  await page.goto(`${base}/`);
  const link = page.getByRole('link', { name: linkName });
  await link.waitFor();
  // passwords are off: no password form to fill
  expect(await page.getByLabel('Password').count()).toBe(0);
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  return { page, link };
}

/**
 * Back from the provider, the browser lands in the inbox signed in as the agent the desk made, with
 * the session cookie, and the cookie of the sign-in in flight cleared.
 */
export async function expectInInbox(
  page: Page,
  served: ServedDesk,
  want: { name: string; email: string; role: string; flowCookie: string; shot: string },
) {
  const { base } = served;
  await page.waitForURL((url) => url.origin === base && url.pathname === '/views/mine');
  await page.getByRole('navigation', { name: 'Views', includeHidden: true }).waitFor({ state: 'attached' });
  await page.getByText(want.name).first().waitFor();
  await page.screenshot({ path: screenshotPath(want.shot), fullPage: true });
  const cookies = await page.context().cookies(base);
  expect(cookies.find((c) => c.name === 'pf_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(cookies.find((c) => c.name === want.flowCookie)).toBeUndefined();
  const agent = await findAgentByEmail(served.desk.deps.db, want.email);
  expect(agent).toMatchObject({ name: want.name, role: want.role, active: true });
  await page.context().close();
}

/** A refused sign-in ends on the sign-in page with the message, and the link to try again. */
export async function expectRefusedOnSignInPage(page: Page, linkName: string, shot: string) {
  await page.getByRole('alert').getByText('Single sign-on did not complete. Please try again.').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
  await page.getByRole('link', { name: linkName }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  await page.context().close();
}
