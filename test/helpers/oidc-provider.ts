import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import Provider, { type Account } from 'oidc-provider';
import { freePort } from './real-component.js';

// A real OpenID provider on loopback: panva's oidc-provider (the certified one openid-client is
// tested against) with one client, the desk, and accounts the test keeps in a map. People log in
// through its own development pages (any password), by browser or by `signIn` below, which follows
// the same pages with fetch and carries the cookies by hand.

export interface OidcAccount {
  email?: string;
  /** left out of the claims when undefined, as some providers do */
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** by login (the subject); change an account between sign-ins to change what the provider says */
  accounts: Map<string, OidcAccount>;
  /**
   * Follows an authorization URL through the provider's login and consent pages as `login`, and
   * returns where the provider sends the browser back to (the desk's callback, with code and state).
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  /** Opens the login page, then cancels: the provider sends the browser back with error=access_denied. */
  deny(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * `port` and `clientSecret` when the desk must be told them before the provider starts (a served
 * desk's callback address is known only once it listens; the desk discovers the provider lazily).
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  port?: number;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'pipefitter';
  const clientSecret = options.clientSecret ?? randomBytes(16).toString('hex');
  const accounts = new Map<string, OidcAccount>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // groups is a scope of its own here (as at Okta); its claim goes to userinfo, not the ID token
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // the desk must send PKCE: a request without it is refused
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: async (_ctx: unknown, sub: string): Promise<Account | undefined> => {
      if (!accounts.has(sub)) return undefined;
      return {
        accountId: sub,
        async claims() {
          const account = accounts.get(sub) ?? {};
          return {
            sub,
            ...(account.email !== undefined ? { email: account.email } : {}),
            ...(account.emailVerified !== undefined ? { email_verified: account.emailVerified } : {}),
            ...(account.name !== undefined ? { name: account.name } : {}),
            ...(account.groups !== undefined ? { groups: account.groups } : {}),
          };
        },
      };
    },
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
  });

  /** The provider's pages, followed as a browser would, with a cookie jar of its own. */
  function browse() {
    const jar = new Map<string, string>();
    return async (url: string, init: { method?: string; form?: Record<string, string> } = {}) => {
      const response = await fetch(url, {
        method: init.method ?? 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (value && !/expires=Thu, 01 Jan 1970/i.test(cookie)) jar.set(name, value);
        else jar.delete(name);
      }
      return response;
    };
  }

  /** What the browser does next on a page of the provider's: follow a link, or submit a form. */
  type Step = { url: string; form?: Record<string, string>; method?: string };

  /** Follows redirects on the provider until a page asks something or the browser is sent back to the desk. */
  async function walk(
    go: ReturnType<typeof browse>,
    start: string,
    answer: (page: { url: string; html: string }) => Step,
  ): Promise<URL> {
    let url = start;
    let init: { method?: string; form?: Record<string, string> } = {};
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(options.redirectUri)) return new URL(url);
      const response = await go(url, init);
      init = {};
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url).href;
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${url}: ${html}`);
      const next = answer({ url, html });
      url = next.url;
      init = { ...(next.method ? { method: next.method } : {}), ...(next.form ? { form: next.form } : {}) };
    }
    throw new Error('the provider never sent the browser back');
  }

  const formAction = (html: string, base: string) => {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on the provider's page: ${html}`);
    return new URL(action.replaceAll('&amp;', '&'), base).href;
  };

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn(authorizationUrl, login) {
      return walk(browse(), authorizationUrl, ({ url, html }): Step => {
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
        if (prompt === 'login') {
          return { url: formAction(html, url), method: 'POST', form: { prompt, login, password: 'any' } };
        }
        if (prompt === 'consent') return { url: formAction(html, url), method: 'POST', form: { prompt } };
        throw new Error(`an unexpected page at the provider: ${html}`);
      });
    },
    deny(authorizationUrl) {
      return walk(browse(), authorizationUrl, ({ url }) => ({ url: `${url.replace(/\/$/, '')}/abort` }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
