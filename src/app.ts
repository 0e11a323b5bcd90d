import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/routes.js';
import { registerAuthentication } from './auth/http-auth.js';
import { oidcRoutes } from './auth/oidc/routes.js';
import { organizationSsoRoutes } from './auth/organization-sso/routes.js';
import { passkeyRoutes } from './auth/passkeys/routes.js';
import { passwordResetRoutes } from './auth/password-reset/routes.js';
import { profileRoutes } from './auth/profile/routes.js';
import { authRoutes } from './auth/routes.js';
import { samlRoutes } from './auth/saml/routes.js';
import { twoFactorRoutes } from './auth/two-factor/routes.js';
import { callRoutes } from './calls/routes.js';
import type { Config } from './config.js';
import { coverageRoutes } from './coverage/routes.js';
import { csatRoutes } from './csat/routes.js';
import type { Deps } from './deps.js';
import { bundleRoutes } from './diagnostics/routes.js';
import { registerUploads } from './diagnostics/upload-server.js';
import { entitlementRoutes } from './entitlement/routes.js';
import { fieldRoutes } from './fields/routes.js';
import { forgeRoutes } from './forges/routes.js';
import { suggestionRoutes } from './forges/suggest/routes.js';
import { liveRoutes } from './live/routes.js';
import { macroRoutes } from './macros/routes.js';
import { mailboxRoutes } from './mail/imap/routes.js';
import { inboundRoutes } from './mail/inbound-routes.js';
import { mailRoutes } from './mail/routes.js';
import { notificationRoutes } from './notifications/routes.js';
import { oncallRoutes } from './oncall/routes.js';
import { jobRoutes } from './operations/routes.js';
import { namedContactRoutes } from './people/named-contact-routes.js';
import { peopleRoutes } from './people/routes.js';
import { AppError } from './platform/errors.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { portalNamedContactRoutes } from './portal/named-contact-routes.js';
import { portalRoutes } from './portal/routes.js';
import { reportRoutes } from './reports/routes.js';
import { weeklySummaryRoutes } from './reports/summary-routes.js';
import { slaRoutes } from './sla/routes.js';
import { staffingRoutes } from './staffing/routes.js';
import { previewRoutes } from './tickets/preview-routes.js';
import { ticketRoutes } from './tickets/routes.js';
import { storyRoutes } from './tickets/story-routes.js';
import { registerWebApp } from './web/serve-web.js';

const VERSION = '0.1.0';

// Bodies are validated strictly (a number where a string belongs is an error, not coerced);
// query strings and params are text by nature and are coerced to the schema's types.
function createValidators() {
  const common = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const;
  const body = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const text = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? body : text).compile(schema);
}

/** X-Forwarded-For is read through the configured proxies only: a hop count, or their addresses. */
function trustProxyOf(setting: Config['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return setting;
}

/** The whole HTTP surface of the desk, over the given dependencies. Tests use it with app.inject(). */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    trustProxy: trustProxyOf(deps.config.trustProxy),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // signed links carry their claims in the path (booking and join links are ~200 characters)
    routerOptions: { maxParamLength: 600 },
  });
  app.setValidatorCompiler(createValidators());

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // thrown, then shaped by our error handler like every other error
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s.`) as never,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pipefitter',
        version: VERSION,
        description:
          'The support desk API. Authenticate with `Authorization: Bearer <token>`, or with the session cookie plus the `x-csrf-token` header on writes. Errors are `{"error":{"code","message"}}`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'pf_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
  });
  registerErrorHandling(app);
  registerAuthentication(app, deps);

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
    version: VERSION,
  }));
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  await registerWebApp(app);

  authRoutes(app, deps);
  twoFactorRoutes(app, deps);
  passkeyRoutes(app, deps);
  profileRoutes(app, deps);
  passwordResetRoutes(app, deps);
  oidcRoutes(app, deps);
  organizationSsoRoutes(app, deps);
  samlRoutes(app, deps);
  peopleRoutes(app, deps);
  namedContactRoutes(app, deps);
  ticketRoutes(app, deps);
  storyRoutes(app, deps);
  fieldRoutes(app, deps);
  portalRoutes(app, deps);
  portalNamedContactRoutes(app, deps);
  previewRoutes(app, deps);
  mailRoutes(app, deps);
  inboundRoutes(app, deps);
  mailboxRoutes(app, deps);
  forgeRoutes(app, deps);
  suggestionRoutes(app, deps);
  coverageRoutes(app, deps);
  staffingRoutes(app, deps);
  slaRoutes(app, deps);
  oncallRoutes(app, deps);
  notificationRoutes(app, deps);
  macroRoutes(app, deps);
  callRoutes(app, deps);
  bundleRoutes(app, deps);
  // tus at /api/v1/uploads: after authentication and rate-limit, in a plugin of its own (its body parser)
  registerUploads(app, deps);
  csatRoutes(app, deps);
  entitlementRoutes(app, deps);
  weeklySummaryRoutes(app, deps);
  reportRoutes(app, deps);
  liveRoutes(app, deps);
  jobRoutes(app, deps);
  auditRoutes(app, deps);
  return app;
}
