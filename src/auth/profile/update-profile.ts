import type { Deps } from '../../deps.js';
import { findAgentById, updateAgent } from '../../people/index.js';
import { forgetAccess } from '../access.js';
import type { Actor } from '../actor.js';
import { presentProfile } from './get-profile.js';
import { selfAgent } from './self.js';

/**
 * An agent changes their own name or time zone. Through people's updateAgent, so its rules (who may
 * change what) and its audit (agent.updated) hold here too; role and email are not offered.
 */
export async function updateProfile(deps: Deps, actor: Actor, changes: { name?: string; timeZone?: string }) {
  const { agent } = await selfAgent(deps, actor);
  await updateAgent(deps, actor, agent.id, {
    ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
    ...(changes.timeZone !== undefined ? { timeZone: changes.timeZone } : {}),
  });
  // the new name shows at once in this process (the cached credential held the old one)
  forgetAccess({ agentId: agent.id });
  return presentProfile(deps, (await findAgentById(deps.db, agent.id)) ?? agent);
}
