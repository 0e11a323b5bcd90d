// The people module's public surface: organizations, contacts, agents, teams.

export { addNamedContact, nameContactWithinLimit } from './add-named-contact.js';
export { assertTimeZone, createAgent, getAgent, isUuid, listAgents, resolveAgent, updateAgent } from './agents.js';
export {
  createContact,
  findOrCreateContact,
  findOrCreateRequester,
  getContact,
  listContacts,
  updateContact,
} from './contacts.js';
export {
  findContactsByName,
  findOrganizationNamed,
  findOrganizationsByName,
  listTeamIdsOf,
  namePrefixQuery,
} from './find-people.js';
export { listNamedContacts } from './list-named-contacts.js';
export { type AgentBefore, type AgentFieldChanges, assertMayChangeAgent } from './may-change-agent.js';
export { administeredOrganization, type SyncTokenCaller } from './named-contact-access.js';
export {
  authenticateSyncToken,
  createSyncToken,
  isSyncTokenSecret,
  listSyncTokens,
  revokeSyncToken,
  SYNC_TOKEN_MAX_DAYS,
} from './named-contact-sync-tokens.js';
export { listOrganizationAdmins } from './named-contacts-store.js';
export { organizationOfAddress } from './organization-domains.js';
export { createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.js';
export {
  type AgentRow,
  type ContactRow,
  countActiveAdmins,
  countAgents,
  findAgentByEmail,
  findAgentById,
  findAgentsByIds,
  findContactByEmail,
  findContactById,
  findContactsByEmails,
  findContactsByIds,
  findContactWithOrganization,
  findOrganizationById,
  findOrganizationsByIds,
  findPeopleByIds,
  findTeamsByIds,
  listTeamMemberRows,
  type OrganizationRow,
  type PeopleRefs,
  updateAgentRow,
} from './people-store.js';
export { presentAgent, presentContact, presentOrganization } from './present.js';
export { removeNamedContact } from './remove-named-contact.js';
export type { AgentRole } from './tables.js';
export { createTeam, listTeams, resolveTeam, setTeamMembers } from './teams.js';
