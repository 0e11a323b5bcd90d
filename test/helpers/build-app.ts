import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import { SYSTEM } from '../../src/auth/actor.js';
import { createToken } from '../../src/auth/tokens.js';
import { type Config, loadConfig } from '../../src/config.js';
import { stopLive } from '../../src/live/hub.js';
import { noDns } from '../../src/mail/inbound/dns-resolver.js';
import type { DnsResolver } from '../../src/mail/inbound/sender-auth.js';
import { createAgent, createContact, createOrganization } from '../../src/people/index.js';
import { type Clock, systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/log.js';
import { type AppDeps, openRuntime, type Runtime } from '../../src/runtime.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestDesk {
  app: FastifyInstance;
  deps: AppDeps;
  runtime: Runtime;
  testDatabase: TestDatabase;
  adminToken: string;
  /** app.inject with a bearer token */
  as(token: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** an organization with one contact, and a token for that contact */
  customer(
    orgName: string,
    email: string,
    options?: { shareTickets?: boolean },
  ): Promise<{ organizationId: string; contactId: string; token: string }>;
  /** another contact in an existing organization, with a token */
  contactIn(organizationId: string, email: string): Promise<{ contactId: string; token: string }>;
  agentToken(role?: 'agent' | 'lead' | 'admin'): Promise<string>;
  /** a real agent (so personal things like views work) and a token acting as them */
  agentTokenFor(email: string, role?: 'agent' | 'lead' | 'admin'): Promise<string>;
  close(): Promise<void>;
}

export async function createTestDesk(
  options: { clock?: Clock; env?: Record<string, string>; dns?: DnsResolver } = {},
): Promise<TestDesk> {
  const testDatabase = await createTestDatabase();
  // a data folder of its own: log bundles (and uploads in progress) are files there; the database is not
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-desk-'));
  const config: Config = loadConfig({
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    // a key of its own: test desks on one PostgreSQL database (a schema each) must not share the
    // instance id that keeps their live updates apart
    SECRET_KEY: `test-desk-key-${randomBytes(16).toString('hex')}`,
    ROUTING: 'off',
    ...options.env,
  });
  const runtime = await openRuntime(config, {
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    clock: options.clock ?? systemClock,
    database: testDatabase.database,
    // no test asks the real DNS: senders are unverifiable unless a test says otherwise
    dnsResolver: options.dns ?? noDns,
  });
  const app = await buildApp(runtime.deps);
  await app.ready();
  const deps = runtime.deps;
  const adminToken = (await createToken(deps, SYSTEM, { name: 'test admin', role: 'admin' })).token;
  const as = (token: string | undefined, inject: InjectOptions) =>
    app.inject({ ...inject, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...inject.headers } });
  return {
    app,
    deps,
    runtime,
    testDatabase,
    adminToken,
    as,
    async customer(orgName, email, opts = {}) {
      const org = await createOrganization(deps, SYSTEM, { name: orgName, shareTickets: opts.shareTickets ?? false });
      const contact = await createContact(deps, SYSTEM, {
        email,
        name: email.split('@')[0] ?? email,
        organizationId: org.id,
      });
      const token = (await createToken(deps, SYSTEM, { name: email, contactEmail: email })).token;
      return { organizationId: org.id, contactId: contact.id, token };
    },
    async contactIn(organizationId, email) {
      const contact = await createContact(deps, SYSTEM, { email, name: email.split('@')[0] ?? email, organizationId });
      const token = (await createToken(deps, SYSTEM, { name: email, contactEmail: email })).token;
      return { contactId: contact.id, token };
    },
    async agentTokenFor(email, role = 'agent') {
      await createAgent(deps, SYSTEM, { email, name: email.split('@')[0] ?? email, role, timeZone: 'UTC' });
      return (await createToken(deps, SYSTEM, { name: email, role, agentEmail: email })).token;
    },
    async agentToken(role = 'agent') {
      return (await createToken(deps, SYSTEM, { name: `test ${role}`, role })).token;
    },
    async close() {
      await app.close();
      await stopLive(deps);
      await deps.mailPreparer.close();
      await testDatabase.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
