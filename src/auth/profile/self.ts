import type { Deps } from '../../deps.js';
import { type AgentRow, findAgentById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AgentActor } from '../actor.js';

/** The agent behind the caller, signed in as themself (a session or their own token, not a role token). */
export async function selfAgent(deps: Deps, actor: Actor): Promise<{ actor: AgentActor; agent: AgentRow }> {
  if (actor.kind !== 'agent' || !actor.agentId) {
    throw new AppError('FORBIDDEN', 'This is an agent’s own profile: sign in as the agent.');
  }
  const agent = await findAgentById(deps.db, actor.agentId);
  if (!agent) throw new AppError('AGENT_NOT_FOUND', 'Your agent account no longer exists.');
  return { actor, agent };
}
