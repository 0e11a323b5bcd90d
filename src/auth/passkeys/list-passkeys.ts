import type { Deps } from '../../deps.js';
import type { Actor } from '../actor.js';
import { ownAgent } from '../two-factor/own-agent.js';
import { listPasskeysOfAgent } from './passkey-store.js';
import { presentPasskey } from './present-passkey.js';

export async function listPasskeys(deps: Deps, actor: Actor) {
  const agent = await ownAgent(deps, actor);
  return { items: (await listPasskeysOfAgent(deps.db, agent.id)).map(presentPasskey) };
}
