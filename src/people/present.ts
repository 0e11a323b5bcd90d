import type { AgentRow, ContactRow, OrganizationRow, TeamRow } from './people-store.js';

export function presentOrganization(row: OrganizationRow, emailDomains: string[]) {
  return {
    id: row.id,
    name: row.name,
    plan: row.plan,
    shareTickets: row.shareTickets,
    preferredRegion: row.preferredRegion,
    emailDomains,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentContact(row: ContactRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    organizationId: row.organizationId,
    supportContact: row.supportContact,
    orgAdmin: row.orgAdmin,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentAgent(row: AgentRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timeZone: row.timeZone,
    region: row.region,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTeam(row: TeamRow, members: { agentId: string; email: string; name: string }[]) {
  return {
    id: row.id,
    name: row.name,
    members: members.map((m) => ({ id: m.agentId, email: m.email, name: m.name })),
    createdAt: row.createdAt.toISOString(),
  };
}
