import { randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/auth/actor.js';
import { hashPassword } from '../src/auth/passwords.js';
import { createContactSignInLink } from '../src/auth/sessions.js';
import { createAgent } from '../src/people/index.js';
import { createTestDesk, type TestDesk } from './helpers/build-app.js';
import { HIDDEN_OPERATIONS, type Least, ROUTE_POLICY, type RoutePolicy } from './helpers/route-policy.js';

// The authorization matrix: every operation of the OpenAPI document (and the hidden routes that take
// requests from outside) × every kind of caller × an object of another customer. The rule for each
// operation is declared in test/helpers/route-policy.ts; an operation missing there fails here.
// Authorization is decided in the handlers, after schema validation: each request carries a body
// generated from its request schema, so that a refused caller meets the refusal, not a 400.

type ActorName = 'anonymous' | 'contactA' | 'contactB' | 'agent' | 'lead' | 'admin';
const ACTORS: ActorName[] = ['anonymous', 'contactA', 'contactB', 'agent', 'lead', 'admin'];
const RANK: Record<ActorName, number> = { anonymous: 0, contactA: 1, contactB: 1, agent: 2, lead: 3, admin: 4 };
const LEAST_RANK: Record<Least, number> = { public: 0, contact: 1, 'contact-only': 1, agent: 2, lead: 3, admin: 4 };
// each caller from an address of its own: per-address rate limits must not answer for another caller
const ADDRESS: Record<ActorName, string> = {
  anonymous: '10.77.0.1',
  contactA: '10.77.0.2',
  contactB: '10.77.0.3',
  agent: '10.77.0.4',
  lead: '10.77.0.5',
  admin: '10.77.0.6',
};
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function mayCall(least: Least, actor: ActorName): boolean {
  if (least === 'public') return true;
  if (actor === 'anonymous') return false;
  if (least === 'contact-only') return actor === 'contactA' || actor === 'contactB';
  return RANK[actor] >= LEAST_RANK[least];
}

type JsonSchema = { [key: string]: unknown };
interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Operation {
  key: string;
  method: string;
  path: string;
  policy: RoutePolicy;
  spec: OpenApiOperation | undefined;
}

interface Fixtures {
  tokens: Record<Exclude<ActorName, 'anonymous'>, string>;
  /** contact A's ticket */
  number: number;
  organizationA: string;
  contactA: string;
  agentId: string;
  attachmentId: string;
  bundleId: string;
  viewId: string;
}

let desk: TestDesk;
let doc: OpenApiDocument;
let operations: Operation[];
let fx: Fixtures;

const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'];

function documentedOperations(document: OpenApiDocument): { key: string; spec: OpenApiOperation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, spec]) => ({ key: `${method.toUpperCase()} ${path}`, spec })),
  );
}

// A value that passes the schema, as small as it comes: required properties only, the first variant of
// a union, the least number, a string of the least length or of its format.
let serial = 0;
function sample(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 12) return undefined;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() as string;
    return sample(doc.components?.schemas?.[name], depth + 1);
  }
  if ('const' in schema) return schema.const;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants) {
    const chosen = variants.find((v) => v.type !== 'null') ?? variants[0];
    return sample(chosen, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return sample(schema.allOf[0] as JsonSchema, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') as string) : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const names = [...((schema.required ?? []) as string[])];
      // a PATCH body wants at least one change
      const least = (schema.minProperties as number | undefined) ?? 0;
      for (const name of Object.keys(properties)) if (names.length < least && !names.includes(name)) names.push(name);
      return Object.fromEntries(names.map((name) => [name, sample(properties[name], depth + 1)]));
    }
    case 'array': {
      const count = (schema.minItems as number | undefined) ?? 0;
      return Array.from({ length: count }, () => sample(schema.items as JsonSchema, depth + 1));
    }
    case 'integer':
    case 'number':
      return sampleNumber(schema, type === 'integer');
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return sampleString(schema);
    default:
      return undefined;
  }
}

function sampleString(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `matrix-${++serial}@example.com`;
    case 'date-time':
      return new Date(Date.now() + 86_400_000).toISOString();
    case 'date':
      return '2030-01-07';
    case 'time':
      return '09:00:00Z';
    case 'uri':
    case 'url':
      // a closed port on this machine: nothing leaves it, and it fails at once
      return 'http://127.0.0.1:9/';
  }
  const least = Math.max(1, (schema.minLength as number | undefined) ?? 1);
  const plain = 'x'.repeat(least);
  if (typeof schema.pattern !== 'string') return plain;
  const pattern = new RegExp(schema.pattern, 'u');
  return [plain, '2030-01-07', '09:00', '09:00-17:00', 'a1'].find((s) => pattern.test(s)) ?? plain;
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const { minimum, exclusiveMinimum, maximum, exclusiveMaximum } = schema as Record<string, number | undefined>;
  if (minimum !== undefined) return minimum;
  if (exclusiveMinimum !== undefined) {
    if (integer) return exclusiveMinimum + 1;
    // strictly between the bounds: (0, 1) gives 0.5
    const high = Math.min(maximum ?? exclusiveMaximum ?? exclusiveMinimum + 2, exclusiveMinimum + 2);
    return (exclusiveMinimum + high) / 2;
  }
  return Math.min(1, maximum ?? 1, exclusiveMaximum !== undefined ? exclusiveMaximum - 1 : 1);
}

/** The value of a path parameter: a real object of contact A's where the path names one. */
function paramValue(path: string, name: string, schema: JsonSchema | undefined): string {
  if (name === 'number') return String(fx.number);
  if (name === 'contactId') return fx.contactA;
  if (name === 'token') return 'made-up-token';
  if (name === 'address') return 'nobody@example.com';
  if (name === 'id') {
    if (path.startsWith('/api/v1/organizations/')) return fx.organizationA;
    if (path.startsWith('/api/v1/contacts/')) return fx.contactA;
    if (path.startsWith('/api/v1/agents/')) return fx.agentId;
    if (path.startsWith('/api/v1/attachments/')) return fx.attachmentId;
    if (path.startsWith('/api/v1/bundles/')) return fx.bundleId;
    if (path.startsWith('/api/v1/views/')) return fx.viewId;
  }
  return String(sample(schema) ?? 'x');
}

/** Whether the operation's path names something of contact A's (their ticket, organization, person, files). */
function namesContactA(op: Operation): boolean {
  if (/\{number\}|\{contactId\}/.test(op.path)) return true;
  return /^\/api\/v1\/(organizations|contacts|attachments|bundles)\/\{id\}/.test(op.path);
}

function requestFor(op: Operation, actor: ActorName, extra: Partial<InjectOptions> = {}): InjectOptions {
  const parameters = op.spec?.parameters ?? [];
  const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(paramValue(op.path, name, parameters.find((p) => p.in === 'path' && p.name === name)?.schema)),
  );
  const query: Record<string, string> = {};
  for (const p of parameters) {
    if (p.in === 'query' && p.required) query[p.name] = String(sample(p.schema));
  }
  Object.assign(query, op.policy.query);
  const headers: Record<string, string> = {};
  const token = actor === 'anonymous' ? undefined : fx.tokens[actor];
  if (token) headers.authorization = `Bearer ${token}`;
  const options: InjectOptions = {
    method: op.method as InjectOptions['method'],
    url,
    query,
    headers,
    remoteAddress: ADDRESS[actor],
  };
  if (!SAFE_METHODS.has(op.method)) {
    if (op.policy.body !== undefined) {
      options.payload = op.policy.body as InjectOptions['payload'];
      if (op.policy.contentType) headers['content-type'] = op.policy.contentType;
    } else {
      const json = op.spec?.requestBody?.content?.['application/json']?.schema;
      options.payload = (json ? sample(json) : {}) as InjectOptions['payload'];
    }
  }
  return { ...options, ...extra, headers: { ...headers, ...extra.headers } };
}

function codeOf(res: LightMyRequestResponse): string {
  try {
    return (res.json() as { error?: { code?: string } })?.error?.code ?? '-';
  } catch {
    return '-';
  }
}

function refusesMadeUpKey(policy: RoutePolicy, res: LightMyRequestResponse): boolean {
  if (policy.madeUpKeyGoesTo !== undefined) {
    return res.statusCode === 303 && new URL(String(res.headers.location)).pathname === policy.madeUpKeyGoesTo;
  }
  return res.statusCode >= 400 && res.statusCode < 500;
}

const describeAnswer = (res: LightMyRequestResponse) => `${res.statusCode} ${codeOf(res)}`;

beforeAll(async () => {
  desk = await createTestDesk();
  const a = await desk.customer('Matrix Org A', 'ana@a-org.example');
  const b = await desk.customer('Matrix Org B', 'bo@b-org.example');
  fx = {
    tokens: {
      contactA: a.token,
      contactB: b.token,
      agent: await desk.agentTokenFor('agent@desk.example', 'agent'),
      lead: await desk.agentTokenFor('lead@desk.example', 'lead'),
      admin: await desk.agentTokenFor('admin@desk.example', 'admin'),
    },
    number: 0,
    organizationA: a.organizationId,
    contactA: a.contactId,
    agentId: '',
    attachmentId: '',
    bundleId: '',
    viewId: '',
  };
  const opened = await desk.as(a.token, {
    method: 'POST',
    url: '/api/v1/tickets',
    payload: {
      subject: 'The matrix ticket',
      body: 'Our instance is slow.',
      attachments: [
        { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('hi').toString('base64') },
      ],
    },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  fx.number = opened.json().number;
  const messages = await desk.as(fx.tokens.admin, { method: 'GET', url: `/api/v1/tickets/${fx.number}/messages` });
  fx.attachmentId = messages.json().items[0].attachments[0].id;
  const me = await desk.as(fx.tokens.agent, { method: 'GET', url: '/api/v1/auth/session' });
  fx.agentId = me.json().actor.agentId;
  const view = await desk.as(fx.tokens.agent, {
    method: 'POST',
    url: '/api/v1/views',
    payload: { name: 'Mine', filters: {} },
  });
  expect(view.statusCode, view.body).toBe(201);
  fx.viewId = view.json().id;
  // a bundle of contact A's, sent raw (an empty tar, gzipped)
  const bundle = await desk.as(a.token, {
    method: 'POST',
    url: `/api/v1/tickets/${fx.number}/bundles?filename=empty.tar.gz`,
    headers: { 'content-type': 'application/gzip' },
    payload: zlib.gzipSync(Buffer.alloc(1024)),
  });
  expect(bundle.statusCode, bundle.body).toBe(201);
  fx.bundleId = bundle.json().id;

  doc = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const documented = documentedOperations(doc);
  operations = [
    // an operation not declared yet is held to the strictest rule until it is (and the first test fails)
    ...documented.map(({ key, spec }) => ({
      key,
      ...splitKey(key),
      policy: ROUTE_POLICY[key] ?? { least: 'admin' as const, note: 'not declared' },
      spec,
    })),
    ...Object.entries(HIDDEN_OPERATIONS).map(([key, policy]) => ({ key, ...splitKey(key), policy, spec: undefined })),
  ];
}, 60_000);

afterAll(async () => {
  await desk?.close();
});

function splitKey(key: string): { method: string; path: string } {
  const [method, path] = key.split(' ') as [string, string];
  return { method, path };
}

describe('the authorization matrix', () => {
  it('declares who may call every operation of the OpenAPI document', () => {
    const documented = documentedOperations(doc).map((o) => o.key);
    const undeclared = documented.filter((key) => !ROUTE_POLICY[key]);
    expect(
      undeclared,
      `Declare who may call these in test/helpers/route-policy.ts (ROUTE_POLICY): ${undeclared.join(', ')}`,
    ).toEqual([]);
    // and the table names no operation the desk no longer has
    const gone = Object.keys(ROUTE_POLICY).filter((key) => !documented.includes(key));
    expect(gone, 'ROUTE_POLICY names operations that are not in the OpenAPI document').toEqual([]);
    expect(documented.length).toBeGreaterThan(150);
  });

  it('refuses anonymous callers everywhere but on public routes (401), and callers below the least role (403 or 404)', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      for (const actor of ACTORS) {
        if (mayCall(op.policy.least, actor)) continue;
        const res = await desk.app.inject(requestFor(op, actor));
        const refused = actor === 'anonymous' ? res.statusCode === 401 : [403, 404].includes(res.statusCode);
        if (!refused) {
          const wanted = actor === 'anonymous' ? '401' : '403/404';
          problems.push(`${op.key} as ${actor}: ${describeAnswer(res)}, wanted ${wanted} (least: ${op.policy.least})`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("gives contact B a 404 for contact A's ticket, organization, person and files, as for what does not exist", async () => {
    const problems: string[] = [];
    for (const op of operations) {
      if (op.policy.least !== 'contact' && op.policy.least !== 'contact-only') continue;
      if (!namesContactA(op) || op.policy.skipAllowed) continue;
      const res = await desk.app.inject(requestFor(op, 'contactB'));
      if (res.statusCode !== 404) problems.push(`${op.key} as contactB on contact A's: ${describeAnswer(res)}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it('refuses every write made with a session cookie and no CSRF token (403 CSRF_FAILED)', async () => {
    await createAgent(desk.deps, SYSTEM, {
      email: 'csrf@desk.example',
      name: 'Cee',
      role: 'admin',
      timeZone: 'UTC',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const signIn = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: '10.77.1.1',
      payload: { email: 'csrf@desk.example', password: 'correct horse battery' },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const agentSession = {
      cookie: `pf_session=${signIn.cookies.find((c) => c.name === 'pf_session')?.value}`,
      csrf: signIn.json().csrfToken as string,
    };
    const link = await createContactSignInLink(desk.deps, fx.contactA);
    const redeemed = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/redeem',
      remoteAddress: '10.77.1.2',
      payload: { token: new URL(link.url).searchParams.get('token') },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(200);
    const contactSession = {
      cookie: `pf_session=${redeemed.cookies.find((c) => c.name === 'pf_session')?.value}`,
      csrf: redeemed.json().csrfToken as string,
    };

    const writes = [
      ...operations.filter((op) => !SAFE_METHODS.has(op.method) && op.policy.least !== 'public'),
      ...['POST /api/v1/uploads', 'PATCH /api/v1/uploads/{id}', 'DELETE /api/v1/uploads/{id}'].map((key) => ({
        key,
        ...splitKey(key),
        policy: { least: 'contact' } as RoutePolicy,
        spec: undefined,
      })),
    ];
    expect(writes.length).toBeGreaterThan(60);
    const problems: string[] = [];
    for (const op of writes) {
      for (const [who, session] of [
        ['agent cookie', agentSession],
        ['contact cookie', contactSession],
      ] as const) {
        for (const sent of [undefined, 'not-the-token']) {
          const res = await desk.app.inject(
            requestFor(op, 'anonymous', {
              headers: { cookie: session.cookie, ...(sent ? { 'x-csrf-token': sent } : {}) },
            }),
          );
          if (res.statusCode !== 403 || codeOf(res) !== 'CSRF_FAILED') {
            problems.push(`${op.key} with ${who}, x-csrf-token ${sent ?? 'absent'}: ${describeAnswer(res)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);

    // the sessions themselves work: with the token, the same writes go through
    const preview = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/messages/preview',
      headers: { cookie: agentSession.cookie, 'x-csrf-token': agentSession.csrf },
      payload: { body: '*hi*' },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const reply = await desk.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${fx.number}/messages`,
      headers: { cookie: contactSession.cookie, 'x-csrf-token': contactSession.csrf },
      payload: { body: 'Sent from the portal, with the token.' },
    });
    expect(reply.statusCode, reply.body).toBe(201);
  }, 60_000);

  it("keeps a resumable upload its uploader's alone: anyone else gets 404, anonymous 401", async () => {
    const tus = { 'tus-resumable': '1.0.0' };
    const anonymous = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...tus, 'upload-length': '10' },
    });
    expect(anonymous.statusCode).toBe(401);
    const created = await desk.as(fx.tokens.contactA, {
      method: 'POST',
      url: '/api/v1/uploads',
      headers: {
        ...tus,
        'upload-length': '10',
        'upload-metadata': `filename ${Buffer.from('a.log').toString('base64')}`,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const location = String(created.headers.location);
    const url = new URL(location, 'http://desk.example').pathname;
    expect(url).toMatch(/^\/api\/v1\/uploads\/[0-9a-f]{32}$/);

    const problems: string[] = [];
    const ask = async (actor: ActorName, method: 'HEAD' | 'PATCH' | 'DELETE') => {
      const token = actor === 'anonymous' ? undefined : fx.tokens[actor];
      return desk.as(token, {
        method,
        url,
        remoteAddress: ADDRESS[actor],
        headers:
          method === 'PATCH'
            ? { ...tus, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' }
            : { ...tus },
        ...(method === 'PATCH' ? { payload: Buffer.from('overwrite!') } : {}),
      });
    };
    for (const actor of ['anonymous', 'contactB', 'agent', 'lead', 'admin'] as const) {
      for (const method of ['HEAD', 'PATCH', 'DELETE'] as const) {
        const res = await ask(actor, method);
        const wanted = actor === 'anonymous' ? 401 : 404;
        if (res.statusCode !== wanted)
          problems.push(`${method} upload as ${actor}: ${res.statusCode}, wanted ${wanted}`);
      }
    }
    expect(problems).toEqual([]);
    // still the uploader's, untouched
    const own = await ask('contactA', 'HEAD');
    expect(own.statusCode).toBe(200);
    expect(own.headers['upload-offset']).toBe('0');
  });

  it('lets every caller at or above the least role past authentication, and never answers 5xx', async () => {
    const problems: string[] = [];
    // the customers first and the admin last: a write by one caller must not spoil what the next is asked
    for (const actor of ACTORS) {
      for (const op of operations) {
        if (!mayCall(op.policy.least, actor) || op.policy.skipAllowed) continue;
        const res = await desk.app.inject(requestFor(op, actor));
        const answer = `${op.key} as ${actor}: ${describeAnswer(res)}`;
        if (res.statusCode >= 500) problems.push(`${answer} (a 5xx)`);
        else if (op.policy.keyed && !refusesMadeUpKey(op.policy, res))
          problems.push(`${answer} (a made-up key must be refused)`);
        else if (op.policy.least !== 'public' && res.statusCode === 401) problems.push(`${answer} (signed in)`);
        // refused for the role (not for the data: CC_NOT_COLLEAGUE, CALL_NOT_ENTITLED…): the table or the code is wrong
        else if (res.statusCode === 403 && codeOf(res) === 'FORBIDDEN' && !op.policy.ownOnly)
          problems.push(`${answer} (the table lets ${actor} call it)`);
      }
    }
    expect(problems).toEqual([]);
    // every caller is still who they were: nothing in the matrix revoked a token or an agent
    for (const actor of ACTORS.slice(1) as Exclude<ActorName, 'anonymous'>[]) {
      const res = await desk.as(fx.tokens[actor], { method: 'GET', url: '/api/v1/auth/session' });
      expect(res.statusCode, `${actor}: ${res.body}`).toBe(200);
    }
  }, 120_000);
});
