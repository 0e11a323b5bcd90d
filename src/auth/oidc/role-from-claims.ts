import type { AgentRole } from '../../people/index.js';

/** The groups in the role claim: a list, or one name (providers differ); anything else is none. */
export function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value.trim()].filter(Boolean);
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string').map((g) => g.trim());
  return [];
}

/**
 * Admin groups first, then lead groups, then agent groups. With OIDC_AGENT_GROUPS set, someone in none
 * of them gets no role (refused); unset, everyone else the provider lets in is an agent. Names match exactly.
 */
export function roleFromGroups(
  groups: string[],
  settings: { adminGroups: string[]; leadGroups: string[]; agentGroups: string[] },
): AgentRole | null {
  if (groups.some((g) => settings.adminGroups.includes(g))) return 'admin';
  if (groups.some((g) => settings.leadGroups.includes(g))) return 'lead';
  if (settings.agentGroups.length === 0 || groups.some((g) => settings.agentGroups.includes(g))) return 'agent';
  return null;
}
