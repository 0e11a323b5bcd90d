import { recordEvent } from '../audit/index.js';
import { type Actor, requireAgent } from '../auth/actor.js';
import { type Deps, inTransaction } from '../deps.js';
import { AppError } from '../platform/errors.js';
import type { ForgeConfig, ForgeKind } from './forge.js';
import { deleteForgeRow, type ForgeRow, findForgeRow, insertForge, listForgeRows } from './forge-store.js';

export interface ForgeInput {
  kind: ForgeKind;
  name?: string;
  baseUrl: string;
  token: string;
  webhookSecret: string;
  writeBack?: boolean;
}

export function forgeConfig(deps: Deps, row: ForgeRow): ForgeConfig {
  return {
    id: row.id,
    kind: row.kind,
    baseUrl: row.baseUrl,
    token: deps.secret.decrypt(row.tokenEncrypted),
    webhookSecret: deps.secret.decrypt(row.webhookSecretEncrypted),
  };
}

export function presentForge(deps: Deps, row: ForgeRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    baseUrl: row.baseUrl,
    writeBack: row.writeBack,
    // where to point the forge's webhook; the secret itself is never shown again
    webhookUrl: `${deps.config.publicUrl}/hooks/${row.kind}`,
    createdAt: row.createdAt.toISOString(),
  };
}

function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${raw}" is not a URL (e.g. https://gitlab.com).`);
  }
  if (!/^https?:$/.test(url.protocol))
    throw new AppError('VALIDATION_FAILED', 'A forge is reached over http or https.');
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** Connects a forge (GitLab or GitHub, hosted or self-managed); token and secret are stored encrypted. */
export async function addForge(deps: Deps, actor: Actor, input: ForgeInput) {
  requireAgent(actor, 'admin');
  const baseUrl = normalizeBaseUrl(input.baseUrl);
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const row = await insertForge(tx.db, {
      kind: input.kind,
      name: input.name?.trim() || new URL(baseUrl).host,
      baseUrl,
      tokenEncrypted: tx.secret.encrypt(input.token),
      webhookSecretEncrypted: tx.secret.encrypt(input.webhookSecret),
      writeBack: input.writeBack ?? false,
      createdAt: now,
    });
    if (!row) throw new AppError('ALREADY_EXISTS', `A ${input.kind} forge at ${baseUrl} is connected already.`);
    await recordEvent(tx.db, {
      actor,
      at: now,
      action: 'forge.added',
      entityType: 'forge',
      entityId: row.id,
      data: { kind: row.kind, baseUrl },
    });
    return presentForge(tx, row);
  });
}

export async function listForges(deps: Deps, actor: Actor) {
  requireAgent(actor);
  return (await listForgeRows(deps.db)).map((row) => presentForge(deps, row));
}

export async function removeForge(deps: Deps, actor: Actor, id: string) {
  requireAgent(actor, 'admin');
  await inTransaction(deps, async (tx) => {
    const row = await findForgeRow(tx.db, id);
    if (!row || !(await deleteForgeRow(tx.db, id))) throw new AppError('NOT_FOUND', `No forge ${id}.`);
    await recordEvent(tx.db, {
      actor,
      at: tx.clock.now(),
      action: 'forge.removed',
      entityType: 'forge',
      entityId: id,
      data: { baseUrl: row.baseUrl },
    });
  });
}
