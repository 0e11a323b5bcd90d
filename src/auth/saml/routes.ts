import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.js';
import { isAppError } from '../../platform/errors.js';
import { sessionClient, setSessionCookie } from '../session-cookie.js';
import { finishSamlSignIn, MAX_RESPONSE_CHARS } from './finish-sign-in.js';
import { REQUEST_MINUTES, serviceProvider } from './service-provider.js';
import { startSamlSignIn } from './start-sign-in.js';

/**
 * Agents' single sign-on with SAML 2.0: GET /auth/saml sends the browser to the identity provider
 * (HTTP-Redirect), which posts the Response to POST /auth/saml/acs; GET /auth/saml/metadata is the
 * desk's SP metadata for the provider's admin. Pages, not API calls: whatever goes wrong ends on the
 * sign-in page with a code it explains (?sso_error=CODE), never on an error body.
 */
/** Names this browser's sign-in in flight; sent back only to /auth/saml/… */
const BROWSER_COOKIE = 'pf_saml';

export function samlRoutes(app: FastifyInstance, deps: Deps): void {
  const settings = deps.config.saml;
  const { publicUrl } = deps.config;
  const secure = publicUrl.startsWith('https:');
  const browserCookie = {
    path: '/auth/saml',
    httpOnly: true,
    secure,
    // the identity provider's form posts from its own site: a Lax cookie would not come along
    // (over http, where None needs Secure, only an IdP on the same site can answer)
    sameSite: secure ? ('none' as const) : ('lax' as const),
  };
  // a sign-in takes two of these; ten sign-ins a minute from one address, as with OpenID Connect
  const page = { public: true, rateLimit: { max: 20, timeWindow: 60_000 } };
  const toSignInPage = (reply: FastifyReply, code: string) =>
    reply.redirect(`${publicUrl}/?sso_error=${encodeURIComponent(code)}`, 303);

  app.get('/auth/saml', { config: page, schema: { hide: true } }, async (request, reply) => {
    if (!settings) return toSignInPage(reply, 'SSO_NOT_CONFIGURED');
    const { returnTo } = request.query as { returnTo?: unknown };
    const { redirectUrl, browserSecret } = await startSamlSignIn(deps, settings, { returnTo });
    reply.setCookie(BROWSER_COOKIE, browserSecret, { ...browserCookie, maxAge: REQUEST_MINUTES * 60 });
    return reply.redirect(redirectUrl, 302);
  });

  app.get('/auth/saml/metadata', { config: page, schema: { hide: true } }, async (_request, reply) => {
    if (!settings) return reply.status(404).type('text/plain').send('SAML is not set up on this desk.');
    return reply
      .type('application/samlmetadata+xml; charset=utf-8')
      .send(serviceProvider(deps, settings).generateServiceProviderMetadata(null, null));
  });

  // the identity provider's form posts here, urlencoded: parsed on this route only, and bounded
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_RESPONSE_CHARS * 2 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.post('/auth/saml/acs', { config: page, schema: { hide: true } }, async (request, reply) => {
      const browserSecret = request.cookies[BROWSER_COOKIE];
      reply.clearCookie(BROWSER_COOKIE, browserCookie);
      if (!settings) return toSignInPage(reply, 'SSO_NOT_CONFIGURED');
      const form = (request.body ?? {}) as { SAMLResponse?: unknown };
      try {
        const { session, returnTo } = await finishSamlSignIn(deps, settings, {
          samlResponse: form.SAMLResponse,
          browserSecret,
          client: sessionClient(request),
        });
        setSessionCookie(reply, deps, session);
        return reply.redirect(`${publicUrl}${returnTo}`, 303);
      } catch (err) {
        if (!isAppError(err)) throw err;
        request.log.info({ code: err.code, details: err.details }, 'SAML single sign-on refused');
        return toSignInPage(reply, err.code);
      }
    });
  });
}
