import type { Deps } from '../../deps.js';
import { type AgentRow, findContactById } from '../../people/index.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../actor.js';
import { isTwoFactorRequired } from '../two-factor/policy.js';
import { findTwoFactor } from '../two-factor/two-factor-store.js';
import { selfAgent } from './self.js';

/** Who the caller is, as their profile page shows it. A contact gets their name and email. */
export async function getProfile(deps: Deps, actor: Actor) {
  if (actor.kind === 'contact') {
    const contact = await findContactById(deps.db, actor.contactId);
    if (!contact) throw new AppError('CONTACT_NOT_FOUND', 'Your contact record no longer exists.');
    return { kind: 'contact' as const, id: contact.id, name: contact.name ?? contact.email, email: contact.email };
  }
  const { agent } = await selfAgent(deps, actor);
  return presentProfile(deps, agent);
}

export async function presentProfile(deps: Deps, agent: AgentRow) {
  const twoFactor = await findTwoFactor(deps.db, agent.id);
  const hasHours = Object.keys(agent.hours).length > 0;
  return {
    kind: 'agent' as const,
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    timeZone: agent.timeZone,
    region: agent.region,
    /** weekly hours in their zone; the roster keeps the rest (country, skills, time off) */
    workingHours: hasHours ? agent.hours : null,
    schedule: `/api/v1/agents/${agent.id}/schedule`,
    twoFactor: { enabled: Boolean(twoFactor?.secretSealed), required: await isTwoFactorRequired(deps) },
    signInMethods: {
      password: deps.config.passwordSignIn && agent.passwordHash !== null,
      sso: deps.config.oidc !== undefined,
    },
  };
}
