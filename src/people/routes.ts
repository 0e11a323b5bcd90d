import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../deps.js';
import { Email, errorResponses, IdParams, Nullable, Page, PageQuery, Uuid } from '../platform/http/schemas.js';
import { createAgent, getAgent, listAgents, updateAgent } from './agents.js';
import { createContact, getContact, listContacts, updateContact } from './contacts.js';
import { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.js';
import { presentAgent } from './present.js';
import { getContactSummary, getOrganizationSummary } from './summaries.js';
import { createTeam, listTeams, setTeamMembers } from './teams.js';

const Role = Type.Union([Type.Literal('agent'), Type.Literal('lead'), Type.Literal('admin')]);
const Name = Type.String({ minLength: 1, maxLength: 200 });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Lisbon' });
const Region = Type.String({ minLength: 1, maxLength: 32, description: 'APAC, EMEA, AMER or your own' });

const Organization = Type.Object({
  id: Type.String(),
  name: Type.String(),
  plan: Type.String(),
  shareTickets: Type.Boolean({ description: "whether the organization's contacts see each other's tickets" }),
  preferredRegion: Type.Optional(Nullable(Type.String({ description: 'routing prefers agents of this region' }))),
  emailDomains: Type.Array(Type.String(), {
    description: 'mail domains it owns: a stranger writing from one may ask its admins to be entitled',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Contact = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  supportContact: Type.Boolean({ description: 'a named support contact may open tickets for the organization' }),
  orgAdmin: Type.Boolean({
    description: "manages the organization's named contacts in the portal (always a named contact itself)",
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const Agent = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  timeZone: Type.String(),
  region: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const EmailDomains = Type.Array(Type.String({ minLength: 3, maxLength: 253 }), {
  maxItems: 20,
  description: 'mail domains the organization owns, e.g. acme.example (free mail providers are refused)',
});
const Notes = Type.String({ maxLength: 20_000, description: 'for agents only; never shown to the customer' });
const ActiveCounts = Type.Object({
  byStatus: Type.Object({
    new: Type.Integer(),
    open: Type.Integer(),
    pending: Type.Integer(),
    'on-hold': Type.Integer(),
    watching: Type.Integer(),
  }),
  open: Type.Integer({ description: 'waiting on us: new and open' }),
  waiting: Type.Integer({ description: 'waiting on the customer, someone else or a linked issue' }),
});
const PersonRef = Type.Object({ id: Type.String(), email: Type.String(), name: Nullable(Type.String()) });
const ContactSummary = Type.Object({
  contact: Type.Object({ ...Contact.properties, notes: Nullable(Type.String()) }),
  organization: Nullable(
    Type.Object({ id: Type.String(), name: Type.String(), plan: Type.String(), shareTickets: Type.Boolean() }),
  ),
  tickets: ActiveCounts,
  ccTickets: Type.Array(
    Type.Object({
      number: Type.Integer(),
      subject: Type.String(),
      status: Type.String(),
      priority: Type.String(),
      requester: PersonRef,
      updatedAt: Type.String(),
    }),
    { description: 'the newest 25 tickets they are CC’d on' },
  ),
});
const OrganizationSummary = Type.Object({
  organization: Type.Object({ ...Organization.properties, notes: Nullable(Type.String()) }),
  tickets: ActiveCounts,
  contactCount: Type.Integer(),
  supportContacts: Type.Array(PersonRef, { description: 'named support contacts (up to 100), by email' }),
  waitingOn: Type.Array(
    Type.Object({
      id: Type.String(),
      forge: Type.Object({ kind: Type.String(), name: Type.String() }),
      kind: Type.String(),
      project: Type.String(),
      number: Type.Integer(),
      url: Type.String(),
      title: Type.String(),
      state: Type.String(),
      status: Type.String(),
      milestone: Nullable(Type.String()),
      tickets: Type.Integer({ description: 'active tickets of the organization linked to it' }),
    }),
    { description: 'public issues its active tickets wait on, most waited on first (up to 20)' },
  ),
});
const Team = Type.Object({
  id: Type.String(),
  name: Type.String(),
  members: Type.Array(Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() })),
  createdAt: Type.String(),
});

export function peopleRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  // organizations
  api.post(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Creates an organization (lead)',
        body: Type.Object(
          {
            name: Name,
            plan: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            shareTickets: Type.Optional(Type.Boolean()),
            preferredRegion: Type.Optional(Nullable(Region)),
            emailDomains: Type.Optional(EmailDomains),
          },
          { additionalProperties: false },
        ),
        response: { 201: Organization, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createOrganization(deps, request.actor, request.body)),
  );
  api.get(
    '/api/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Lists organizations by name',
        querystring: Type.Object(
          { ...PageQuery, q: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Organization), ...errorResponses },
      },
    },
    async (request) => listOrganizations(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/organizations/:id',
    { schema: { tags: ['organizations'], params: IdParams, response: { 200: Organization, ...errorResponses } } },
    async (request) => getOrganization(deps, request.actor, request.params.id),
  );
  api.get(
    '/api/v1/organizations/:id/summary',
    {
      schema: {
        tags: ['organizations'],
        summary:
          'The organization page (agents): notes, active ticket counts, named support contacts, the issues it waits on',
        params: IdParams,
        response: { 200: OrganizationSummary, ...errorResponses },
      },
    },
    async (request) => getOrganizationSummary(deps, request.actor, request.params.id),
  );
  api.patch(
    '/api/v1/organizations/:id',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Changes an organization (lead)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            plan: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            shareTickets: Type.Optional(Type.Boolean()),
            preferredRegion: Type.Optional(Nullable(Region)),
            notes: Type.Optional(Nullable(Notes)),
            emailDomains: Type.Optional(EmailDomains),
          },
          { additionalProperties: false },
        ),
        response: { 200: Organization, ...errorResponses },
      },
    },
    async (request) => updateOrganization(deps, request.actor, request.params.id, request.body),
  );

  // contacts
  api.post(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Creates a contact (a customer); placing them in an organization needs a lead',
        body: Type.Object(
          {
            email: Email,
            name: Type.Optional(Nullable(Name)),
            organizationId: Type.Optional(Nullable(Uuid)),
            supportContact: Type.Optional(Type.Boolean({ default: true })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Contact, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createContact(deps, request.actor, request.body)),
  );
  api.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Lists contacts by email',
        querystring: Type.Object(
          { ...PageQuery, organizationId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Contact), ...errorResponses },
      },
    },
    async (request) => listContacts(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/contacts/:id',
    { schema: { tags: ['contacts'], params: IdParams, response: { 200: Contact, ...errorResponses } } },
    async (request) => getContact(deps, request.actor, request.params.id),
  );
  api.get(
    '/api/v1/contacts/:id/summary',
    {
      schema: {
        tags: ['contacts'],
        summary: 'The person page (agents): contact details, notes, organization, active ticket counts, CC’d tickets',
        description: 'Their own tickets, a page at a time: GET /api/v1/tickets?requester={id}.',
        params: IdParams,
        response: { 200: ContactSummary, ...errorResponses },
      },
    },
    async (request) => getContactSummary(deps, request.actor, request.params.id),
  );
  api.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary:
          'Changes a contact; email, organization, support role, organization admin and notes need a lead, a name any agent',
        params: IdParams,
        body: Type.Object(
          {
            email: Type.Optional(Email),
            name: Type.Optional(Nullable(Name)),
            organizationId: Type.Optional(Nullable(Uuid)),
            supportContact: Type.Optional(Type.Boolean()),
            orgAdmin: Type.Optional(Type.Boolean()),
            notes: Type.Optional(Nullable(Notes)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Contact, ...errorResponses },
      },
    },
    async (request) => updateContact(deps, request.actor, request.params.id, request.body),
  );

  // agents
  api.post(
    '/api/v1/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'Creates an agent (admin)',
        body: Type.Object(
          { email: Email, name: Name, role: Role, timeZone: TimeZone, region: Type.Optional(Nullable(Region)) },
          { additionalProperties: false },
        ),
        response: { 201: Agent, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentAgent(await createAgent(deps, request.actor, request.body))),
  );
  api.get(
    '/api/v1/agents',
    {
      schema: {
        tags: ['agents'],
        summary: 'Lists agents by email',
        querystring: Type.Object(
          { ...PageQuery, role: Type.Optional(Role), region: Type.Optional(Region) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Agent), ...errorResponses },
      },
    },
    async (request) => listAgents(deps, request.actor, request.query),
  );
  api.get(
    '/api/v1/agents/:id',
    { schema: { tags: ['agents'], params: IdParams, response: { 200: Agent, ...errorResponses } } },
    async (request) => getAgent(deps, request.actor, request.params.id),
  );
  api.patch(
    '/api/v1/agents/:id',
    {
      schema: {
        tags: ['agents'],
        summary:
          'Changes an agent: their own name, zone and region; a lead anyone’s zone and region; role and active need an admin',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            role: Type.Optional(Role),
            timeZone: Type.Optional(TimeZone),
            region: Type.Optional(Nullable(Region)),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Agent, ...errorResponses },
      },
    },
    async (request) => updateAgent(deps, request.actor, request.params.id, request.body),
  );

  // teams
  api.post(
    '/api/v1/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Creates a team (lead)',
        body: Type.Object(
          { name: Name, memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 500 })) },
          { additionalProperties: false },
        ),
        response: { 201: Team, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createTeam(deps, request.actor, request.body)),
  );
  api.get(
    '/api/v1/teams',
    { schema: { tags: ['teams'], response: { 200: Type.Object({ items: Type.Array(Team) }), ...errorResponses } } },
    async (request) => ({ items: await listTeams(deps, request.actor) }),
  );
  api.put(
    '/api/v1/teams/:id/members',
    {
      schema: {
        tags: ['teams'],
        summary: "Replaces a team's members (lead)",
        params: IdParams,
        body: Type.Object({ memberIds: Type.Array(Uuid, { maxItems: 500 }) }, { additionalProperties: false }),
        response: { 200: Team, ...errorResponses },
      },
    },
    async (request) => setTeamMembers(deps, request.actor, request.params.id, request.body.memberIds),
  );
}
